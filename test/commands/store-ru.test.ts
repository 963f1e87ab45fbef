// The refusals of the outbox, the templates, the calendar, a new client, hd import and hd db copy
// (its schema checks and its progress bar) in the Russian console; English as written (issue 15,
// a tester's findings).
import { afterEach, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/commands/db/copy.ts';
import { clientName } from '../../src/domain/new-client.ts';
import { parseTemplate, render } from '../../src/domain/template.ts';
import { setLanguage } from '../../src/i18n.ts';
import { copyDatabase } from '../../src/store/copy.ts';
import { sql } from '../../src/store/port.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { harness, tempDbPath } from '../helpers/context.ts';

afterEach(() => setLanguage('en'));

describe('store and domain refusals in Russian', () => {
  it('hd outbox show and retry of a message that is not there', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', lang: 'ru' });
    for (const verb of ['show', 'retry']) {
      expect(await h.run(['outbox', verb, '999'])).toBe(1);
      expect(h.stderr()).toContain('Сообщения 999 в очереди уведомлений нет');
      expect(h.stderr()).not.toMatch(/There is no|See hd/);
    }
    const en = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await en.run(['outbox', 'retry', '999'])).toBe(1);
    expect(en.stderr()).toContain('There is no outbox message 999. See hd outbox list.');
  });

  it('hd import of input with no ticket lines', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', lang: 'ru' });
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: '\n\n' })).toBe(1);
    expect(h.stderr()).toContain('нет строк TroubleTicket: импортировать нечего');
    expect(h.stderr()).not.toContain('nothing to import');
  });

  it('a new client with an empty name, a template, a calendar', () => {
    setLanguage('ru');
    expect(() => clientName(' ', { what: 'Название клиента', flag: '--name' })).toThrow(
      'Название клиента: поле не может быть пустым, укажите --name ТЕКСТ.',
    );
    expect(() => parseTemplate('Hello', 'x.txt')).toThrow(
      'Шаблон x.txt должен начинаться со строки «Subject: …»',
    );
    expect(() => render(parseTemplate('Subject: {{a}}\n\n{{b}}', 'y.txt'), { number: '1' }, 'y.txt')).toThrow(
      'В шаблоне y.txt неизвестные подстановки {{a}}, {{b}}; известны: number. Исправьте шаблон; ничего не отправлено.',
    );
    setLanguage('en');
    expect(() => clientName(' ', { what: 'The client name', flag: '--name' })).toThrow(
      'The client name cannot be empty: give --name TEXT.',
    );
  });

  it('hd db copy: a target of another schema, and the progress bar', async () => {
    setLanguage('ru');
    const source = openDatabase(tempDbPath());
    const raw = tempDbPath();
    const target = openDatabase(raw);
    await target.run(sql`CREATE TABLE stray (id INTEGER)`);
    await expect(copyDatabase(source, target)).rejects.toThrow(
      /^в целевой базе есть таблицы, которые этот hd не копирует \(stray\): обе базы должны быть базами hd этой версии/,
    );
    const bar = progressLine(80, 1000).format;
    expect(bar).toContain('копирую {table}');
    expect(bar).toContain('осталось {eta_formatted}');
    setLanguage('en');
    await expect(copyDatabase(source, target)).rejects.toThrow(
      'the target database has tables this hd does not copy (stray): both must be hd databases of this version. Upgrade hd, or copy with the hd that wrote them.',
    );
    expect(progressLine(200, 1000).format).toBe(
      'copying {table} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left',
    );
    await source.close();
    await target.close();
  });
});

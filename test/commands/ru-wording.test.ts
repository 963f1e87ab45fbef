// The Russian console's wording (the tester's report, points 4, 7 and 8): hd's own words in
// Russian around the system's, names not declined, the field job's status as a word.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n.ts';
import { mailErrorWords } from '../../src/ui/mail-error.ts';
import { harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

describe('English from hd in a Russian session', () => {
  it('hd handover names the field job status in words, as hd show does', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'disp', lang: 'ru' });
    expect(await h.run(openArgs(BANK, 'нет связи'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(await h.run(['dispatch', '1', '--engineer', 'ivan petrov'])).toBe(0);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'on-site'])).toBe(0);
    expect(await h.run(['handover'])).toBe(0);
    expect(h.stdout()).toMatch(/J-000001 HD-000001 Ivan Petrov на месте, срок прибытия/);
    expect(h.stdout()).not.toContain('on-site');
  });

  it('hd import says what is wrong with a line, and where a line is not JSON, in Russian', async () => {
    const h = await harness({ lang: 'ru' });
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: '{"bad":1}\n' })).toBe(1);
    expect(h.stderr()).toContain('строка 1: в TroubleTicket нет обязательного поля «');
    expect(h.stderr()).not.toMatch(/must have|required property/);
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: 'not json\n' })).toBe(1);
    expect(h.stderr()).toContain('строка 1: не JSON (столбец 2: лишний или неожиданный символ "o")');
    expect(h.stderr()).not.toContain('Unexpected');
  });

  it('hd rules import of a file that is not JSON: the right line and column, in Russian', async () => {
    const h = await harness({ lang: 'ru' });
    const file = join(mkdtempSync(join(tmpdir(), 'hd-rules-')), 'bad.json');
    writeFileSync(file, 'not json\n');
    expect(await h.run(['rules', 'import', file])).toBe(1);
    expect(h.stderr()).toContain('— не JSON: строка 1, столбец 2 (лишний или неожиданный символ "o")');
    writeFileSync(file, '{\n  "name": "x",\n  }');
    expect(await h.run(['rules', 'import', file])).toBe(1);
    expect(h.stderr()).toContain('не JSON: строка 3, столбец 3');
  });

  it('the outbox error: a Russian lead, the system words after it', () => {
    setLanguage('ru');
    try {
      expect(mailErrorWords('cannot reach smtp://127.0.0.1:2: connection refused')).toBe(
        'не удалось соединиться с smtp://127.0.0.1:2: connection refused',
      );
      expect(mailErrorWords('server refused: 550 no such user')).toBe('сервер отказал: 550 no such user');
      setLanguage('en');
      expect(mailErrorWords('cannot reach smtp://h:25: timed out')).toBe(
        'cannot reach smtp://h:25: timed out',
      );
    } finally {
      setLanguage('en');
    }
  });
});

describe('names not declined (Russian)', () => {
  it('assign says who the assignee is, take refuses without "в работе у … (в работе)", no zone name', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'olga', lang: 'ru' });
    expect(await h.run(openArgs(BANK, 'нет связи'))).toBe(0);
    expect(await h.run(['assign', '1', '--to', 'Иван Петров'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('HD-000001 назначена, исполнитель — Иван Петров.');
    expect(await h.run(['take', '1'])).toBe(1);
    const refusal = h.stderr();
    expect(refusal).toContain('исполнитель с 25.11.2026 12:00 — Иван Петров (статус:');
    expect(refusal).toContain('спросите исполнителя (Иван Петров)');
    expect(refusal).not.toMatch(/в работе у|Europe\/Minsk/);
  });
});

describe('Russian wording (point 8)', () => {
  it('one ticket attached/detached, take said once, dispatch and call phrases, the outage tell line', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'olga', lang: 'ru' });
    expect(await h.run(openArgs(BANK, 'нет связи'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('HD-000001: исполнитель — olga, в работе.');
    expect(await h.run(['log', '1', 'call', 'x', '--direction', 'in', '--outcome', 'reached'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('записан входящий звонок, дозвонились');
    expect(await h.run(['dispatch', '1', '--engineer', 'ivan petrov'])).toBe(0);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'on-site'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('J-000001: выезд на месте, инженер — Ivan Petrov');
    expect(await h.run(['outage', 'open', '--summary', 'авария', '--services', 'MSK-IPVPN-00412'])).toBe(0);
    expect(await h.run(['outage', 'detach', '1', 'HD-000001', '--reason', 'x'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('HD-000001 отвязана от');
    expect(await h.run(['outage', 'attach', '1', 'HD-000001', '--reason', 'x'])).toBe(0);
    expect(h.stdout() + h.stderr()).toContain('HD-000001 привязана к');
  });

  it('init --demo twice names what was already there', async () => {
    const h = await harness({ lang: 'ru' });
    expect(await h.run(['init', '--demo'])).toBe(0);
    expect(await h.run(['init', '--demo'])).toBe(0);
    expect(h.stderr()).toMatch(/уже были в базе: клиентов \d+\)/);
  });
});

describe('help and hints (point 9)', () => {
  it('Russian placeholders, the positional priority, д in durations, the contract example', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'olga', lang: 'ru' });
    expect(await h.run(openArgs(BANK, 'нет связи'))).toBe(0);
    expect(await h.run(['assign', '1'])).toBe(2);
    expect(h.stderr()).toContain('Не указано: --to ИМЯ|ГРУППА');
    expect(await h.run(['priority', '1', 'P7', '--reason', 'x'])).toBe(2);
    expect(h.stderr()).toContain('hd priority 1 принимает одно из');
    expect(await h.run(['extend', '1', '--by', '4000д', '--reason', 'x'])).toBe(2);
    expect(h.stderr()).toMatch(/не больше 3650д .*например \+?30д/);
    expect(await h.run(['client', 'add', '--name', 'X', '--contract', 'C 1'])).toBe(2);
    expect(h.stderr()).toContain('C-2026-0001');
    expect(await h.run(['open', '--help'])).toBe(0);
    expect(h.stdout()).not.toContain('(по умолчанию: [])');
    expect(await h.run(['sla', '--help'])).toBe(0);
    expect(h.stdout()).not.toMatch(/DURATION|SECONDS| NAME/);
    expect(await h.run(['outbox', '--help'])).toBe(0);
    expect(h.stdout().replace(/\s+/g, ' ')).toContain('… 4 ч; после 8 попыток');
    expect(await h.run(['list', '--help'])).toBe(0);
    expect(h.stdout().replace(/\s+/g, ' ')).toContain('в работе (inProgress)');
  });
});

describe('80 columns (point 10)', () => {
  it('hd sla keeps each priority with its count on one line', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z' });
    for (let i = 0; i < 3; i++) expect(await h.run(openArgs(BANK, `нет связи ${i}`))).toBe(0);
    expect(await h.run(['sla'])).toBe(0);
    const lines = h.stdout().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines.some((l) => /P1\u00a03/.test(l))).toBe(true);
    expect(lines.filter((l) => /, P\d$|: P\d$/.test(l.trimEnd()))).toEqual([]);
  });

  it('hd show: the timeline kind column fits «открыта снова», the actor column stays aligned', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z', operator: 'olga' });
    expect(await h.run(openArgs(BANK, 'нет связи'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(
      await h.run(['resolve', '1', '--summary', 'x', '--zone', 'cpe', '--no-notify', '--skip-reason', 'x']),
    ).toBe(0);
    expect(await h.run(['reopen', '1', '--reason', 'снова нет связи'])).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    const lines = h.stdout().split('\n');
    const reopened = lines.find((l) => l.includes('открыта снова'))!;
    const taken = lines.find((l) => /\d\d:\d\d {2}взята/.test(l)) ?? lines.find((l) => l.includes(' olga '))!;
    expect(reopened.indexOf('olga')).toBe(taken.indexOf('olga'));
  });
});

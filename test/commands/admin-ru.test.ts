// The admin area in Russian (issue 15, point 1): input checks, client lookup, store and start-up
// errors read in the interface language; English stays as it was.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIdentifier, checkLine, checkText, decodeUtf8, parseWhole } from '../../src/domain/limits.ts';
import { CancelledError, wrapError } from '../../src/errors.ts';
import { setLanguage } from '../../src/i18n.ts';
import { mapPostgresError } from '../../src/store/postgres/errors.ts';
import { postgresSettings } from '../../src/store/postgres/settings.ts';
import { databaseError, openDatabase } from '../../src/store/sqlite/db.ts';
import { harness } from '../helpers/context.ts';

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('input checks in Russian', () => {
  it('name the field, the rule and the fix', () => {
    setLanguage('ru');
    try {
      expect(refusal(() => checkText('x'.repeat(201), '--summary', 200))).toBe(
        '--summary: 201 символов, предел — 200. Сократите.',
      );
      expect(refusal(() => checkText('a\uFFFDb', '--name', 200))).toMatch(/не в кодировке UTF-8.*iconv/);
      expect(refusal(() => checkLine('a\tb', '--name', 200))).toMatch(/управляющий символ \(U\+0009\)/);
      expect(refusal(() => checkIdentifier('MSK DIA', '--service'))).toMatch(
        /--service «MSK DIA» — не идентификатор/,
      );
      expect(refusal(() => parseWhole('x', '--limit', { min: 0, max: 10 }))).toBe(
        '--limit: нужно целое число (0 или больше), а не «x».',
      );
      expect(refusal(() => parseWhole('11', '--limit', { min: 0, max: 10 }))).toBe(
        '--limit = 11; допустимо от 0 до 10.',
      );
      expect(refusal(() => decodeUtf8(new Uint8Array([0xff]), 'Текст из stdin'))).toMatch(
        /^Текст из stdin: текст не в кодировке UTF-8/,
      );
      expect(new CancelledError().message).toBe('Отменено: ничего не сохранено.');
    } finally {
      setLanguage('en');
    }
  });

  it('stay as they were in English', () => {
    setLanguage('en');
    expect(refusal(() => checkText('x'.repeat(201), '--summary', 200))).toBe(
      '--summary is 201 characters long; the limit is 200. Shorten it.',
    );
    expect(new CancelledError().message).toBe('Cancelled: nothing was saved.');
  });
});

describe('commands refuse in Russian', () => {
  it('a bad phone, an unknown client, a missing flag and a too long --sla limit', async () => {
    const h = await harness({ lang: 'ru' });
    expect(await h.run(['client', 'show', 'nobody-such'])).toBe(1);
    expect(h.stderr()).toMatch(/Клиент «nobody-such» не найден.*hd client list/);
    expect(await h.run(['client', 'contact', 'C-2021-0147', '--name', 'Ольга', '--phone', '12345678'])).toBe(
      1,
    );
    expect(h.stderr()).toMatch(/«12345678» — не номер телефона/);
    expect(await h.run(['sla', '--limit', 'many'])).toBe(2);
    expect(h.stderr()).toMatch(/--limit: нужно целое число \(0 — все\)/);
    expect(await h.run(['show', '999'])).toBe(1);
    expect(h.stderr()).toMatch(/Заявки HD-000999 нет/);
  });
});

describe('store errors in Russian, engine-neutral in their advice', () => {
  it('SQLite: locked, full, another program', () => {
    setLanguage('ru');
    try {
      const locked = databaseError(
        Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }),
        '/x/hd.db',
        5000,
      );
      expect((locked as Error).message).toMatch(/^База данных \/x\/hd\.db занята другой программой.*5 с/);
      const full = databaseError(Object.assign(new Error('full'), { code: 'SQLITE_FULL' }), '/x/hd.db');
      expect((full as Error).message).toMatch(/заполнен; ничего не записано.*df -h \/x/);
    } finally {
      setLanguage('en');
    }
  });

  it('SQLite: a folder given as the database, in Russian', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-ru-'));
    setLanguage('ru');
    try {
      expect(() => openDatabase(dir)).toThrow(
        `${dir} — папка, а не файл базы данных. Укажите файл внутри неё`,
      );
    } finally {
      setLanguage('en');
    }
    expect(() => openDatabase(dir)).toThrow(`${dir} is a folder, not a database file. Give a file inside it`);
  });

  it('PostgreSQL: a host that does not resolve, a wrong password', () => {
    const s = postgresSettings('postgres://hd@nohost:1/x', { HOME: '/nonexistent' });
    setLanguage('ru');
    try {
      const down = mapPostgresError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), s);
      expect((down as Error).message).toBe(
        'нет связи с центральной базой данных nohost:1 (нет узла «nohost») — проверьте HD_DB или сеть.',
      );
      const auth = mapPostgresError(Object.assign(new Error('auth'), { code: '28P01' }), s);
      expect((auth as Error).message).toMatch(/не пустила пользователя «hd» \(неверный пароль\)/);
    } finally {
      setLanguage('en');
    }
    const down = mapPostgresError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), s);
    expect((down as Error).message).toBe(
      'cannot reach the central database at nohost:1 (no host "nohost") — check HD_DB or the network.',
    );
  });
});

describe('an error on a terminal', () => {
  it('is broken between words to its width, never inside a path, the rest indented', () => {
    const line = `hd: ${'слово '.repeat(20)}/a/very/long/path/that/is/wider/than/the/terminal/itself/and/more/hd.db конец`;
    const wrapped = wrapError(line, 40).split('\n');
    expect(wrapped[0]!.startsWith('hd: слово')).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(wrapped.filter((l) => !l.includes('/a/very')).every((l) => [...l].length <= 40)).toBe(true);
    expect(
      wrapped.some(
        (l) => l.trim() === '/a/very/long/path/that/is/wider/than/the/terminal/itself/and/more/hd.db',
      ),
    ).toBe(true);
    expect(wrapError('hd: short', 40)).toBe('hd: short');
    expect(wrapError(line, undefined)).toBe(line);
  });
});

describe('hd client show at 80 columns', () => {
  it('puts the contract, profile and language under a long name, whole, instead of wrapping them', async () => {
    const h = await harness({ lang: 'ru', terminal: 80 });
    const name = 'Белорусская республиканская сеть аптек «Здоровье»';
    expect(
      await h.run([
        'client',
        'add',
        '--name',
        name,
        '--contract',
        'C-2026-0042',
        '--contact',
        'Ольга Кравец',
        '--phone',
        '+375291234567',
        '--service',
        'MSK-DIA-09042',
        '--kind',
        'DIA',
        '--address',
        'Минск, пр. Независимости 1',
      ]),
      h.stderr(),
    ).toBe(0);
    expect(await h.run(['client', 'show', 'C-2026-0042'])).toBe(0);
    const [first, second] = h.stdout().split('\n');
    expect(first).toBe(name);
    expect(second).toMatch(/^договор C-2026-0042 {2}профиль \S+ {2}язык ru$/);
    // A short name keeps them on its line.
    expect(await h.run(['client', 'show', 'C-2022-0533'])).toBe(0);
    expect(h.stdout().split('\n')[0]).toMatch(/^Evroopt Logistics {2}договор C-2022-0533 /);
  });
});

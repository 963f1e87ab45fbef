// The database path: what is not an hd database is refused untouched, every failure says what to do.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HdError } from '../../src/errors.ts';
import { setLanguage } from '../../src/i18n.ts';
import { defaultDbPath } from '../../src/paths.ts';
import { busyTimeout, resetExposureWarning, warnIfExposed } from '../../src/setup.ts';
import { sql } from '../../src/store/port.ts';
import { saveProfile } from '../../src/store/reference.ts';
import {
  DatabaseBusyError,
  DatabaseDamagedError,
  DatabasePathError,
  DatabaseReadOnlyError,
  DiskFullError,
  databaseError,
  NotHdDatabaseError,
  openDatabase,
} from '../../src/store/sqlite/db.ts';
import { exposedFiles } from '../../src/store/sqlite/files.ts';
import { countRows, tempDbPath } from '../helpers/context.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'hd-path-'));

function refusal(path: string): HdError {
  try {
    openDatabase(path).close();
  } catch (error) {
    if (error instanceof HdError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

describe('a file that is not an hd database is refused untouched', () => {
  it.each([
    ['delete', 0],
    ['wal', 0],
    ['delete', 7],
  ])('another program’s SQLite file (journal %s, user_version %i)', (mode, version) => {
    const path = join(dir(), 'other.db');
    const other = new Database(path);
    other.pragma(`journal_mode = ${mode}`);
    other.exec(
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (?)'.replace(
        '?',
        "'x'",
      ),
    );
    other.pragma(`user_version = ${version}`);
    other.close();
    const before = readFileSync(path);
    const error = refusal(path);
    expect(error).toBeInstanceOf(NotHdDatabaseError);
    expect(error.message).toBe(
      `${path} is an SQLite database of another program (tables: notes), not an hd database; hd left it untouched. ` +
        'Point --db PATH or HD_DB=PATH at your hd database, or at a new file name to start one.',
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe(mode);
    expect(reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'notes',
    ]);
    reopened.close();
  });

  it('a text file: not a database, left as it was', () => {
    const path = join(dir(), 'notes.txt');
    writeFileSync(path, 'shopping list\n');
    const error = refusal(path);
    expect(error).toBeInstanceOf(NotHdDatabaseError);
    expect(error.message).toMatch(
      /notes\.txt is not a database \(it is not an SQLite file\); hd left it untouched/,
    );
    expect(readFileSync(path, 'utf8')).toBe('shopping list\n');
  });

  it('an empty file is a new database: initialised', async () => {
    const path = join(dir(), 'hd.db');
    writeFileSync(path, '', { mode: 0o600 });
    const store = openDatabase(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(Object.keys(await countRows(store))).toContain('tickets');
    store.close();
  });
});

describe('anything that is not a regular file is refused before it is opened', () => {
  it('/dev/null, a folder, a FIFO', () => {
    const d = dir();
    const fifo = join(d, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // A writer on the FIFO, so that even a wrong open() would not block this test forever.
    const writer = openSync(fifo, 'r+');
    try {
      expect(refusal('/dev/null').message).toMatch(
        /^\/dev\/null is a character device, not a database file\. Point --db/,
      );
      expect(refusal(d).message).toBe(
        `${d} is a folder, not a database file. Give a file inside it, like --db ${join(d, 'hd.db')}.`,
      );
      expect(refusal(fifo).message).toMatch(/pipe is a FIFO \(named pipe\), not a database file/);
      for (const path of ['/dev/null', d, fifo]) expect(refusal(path)).toBeInstanceOf(DatabasePathError);
    } finally {
      closeSync(writer);
    }
  });

  it('a path under a file or a FIFO, or where no folder can be made, is refused by name', () => {
    const d = dir();
    writeFileSync(join(d, 'file'), 'x');
    execFileSync('mkfifo', [join(d, 'pipe')]);
    expect(refusal(join(d, 'file', 'hd.db')).message).toBe(
      `Cannot create the database at ${join(d, 'file', 'hd.db')} (${join(d, 'file')} is a file, not a folder). Choose a writable place with --db PATH or HD_DB=PATH.`,
    );
    expect(refusal(join(d, 'pipe', 'sub', 'hd.db')).message).toMatch(
      /pipe is a FIFO \(named pipe\), not a folder\)/,
    );
    symlinkSync(join(d, 'gone.db'), join(d, 'link.db'));
    expect(refusal(join(d, 'link.db')).message).toBe(
      `${join(d, 'link.db')} is a symbolic link to ${join(d, 'gone.db')}, which does not exist. Point --db PATH or HD_DB=PATH at your hd database, or at a new file name to start one.`,
    );
    expect(refusal('/proc/nope/hd.db').message).toBe(
      'Cannot create the folder /proc/nope for the database (the system does not allow a folder there). Choose a writable place with --db PATH or HD_DB=PATH.',
    );
  });
});

describe('SQLite failures are typed and say what to do', () => {
  const path = '/data/hd/hd.db';
  const sqlite = (code: string, message = 'sqlite says no') => Object.assign(new Error(message), { code });
  it.each([
    [
      'SQLITE_FULL',
      DiskFullError,
      'The disk holding /data/hd/hd.db is full; nothing was written. Free some space there (df -h /data/hd) and try again.',
    ],
    [
      'SQLITE_BUSY',
      DatabaseBusyError,
      /locked by another program, and stayed locked for 2 s; nothing was written\. .*fuser -v \/data\/hd\/hd\.db/,
    ],
    ['SQLITE_BUSY_SNAPSHOT', DatabaseBusyError, /locked by another program/],
    ['SQLITE_LOCKED', DatabaseBusyError, /locked by another program/],
    [
      'SQLITE_READONLY',
      DatabaseReadOnlyError,
      /cannot be written \(SQLITE_READONLY\)\. .*chmod u\+w \/data\/hd\/hd\.db \/data\/hd/,
    ],
    ['SQLITE_READONLY_DIRECTORY', DatabaseReadOnlyError, /chmod u\+w/],
    ['SQLITE_NOTADB', NotHdDatabaseError, /is not a database \(it is not an SQLite file\)/],
    ['SQLITE_CORRUPT', DatabaseDamagedError, /is damaged .*Restore it from a backup/],
    ['SQLITE_IOERR_WRITE', DatabaseDamagedError, /failed \(SQLITE_IOERR_WRITE\)\. Check the disk/],
    ['SQLITE_CANTOPEN', DatabaseReadOnlyError, /Cannot open the database .*read and write it and its folder/],
  ])('%s', (code, type, message) => {
    const mapped = databaseError(sqlite(code), path, 2000);
    expect(mapped).toBeInstanceOf(type);
    expect((mapped as HdError).exitCode).toBe(1);
    expect((mapped as HdError).message).toMatch(message);
  });

  it('leaves other errors as they are', () => {
    const constraint = sqlite('SQLITE_CONSTRAINT_UNIQUE');
    const plain = new Error('bug');
    expect(databaseError(constraint, path)).toBe(constraint);
    expect(databaseError(plain, path)).toBe(plain);
  });

  it('a real SQLITE_FULL in a write: a DiskFullError, nothing written', async () => {
    const store = openDatabase(tempDbPath());
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const before = await countRows(store);
    const big = { name: 'big', title: 'x'.repeat(190), coverage: { type: '24x7' }, targets: {} };
    const t = { response: '1h', update: '1h', restore: '1h' };
    big.targets = { P1: t, P2: t, P3: t, P4: t };
    const write = store.tx(async (q) => {
      for (let i = 0; i < 200; i++) await saveProfile(q, { ...big, name: `big-${i}` }, 0);
    });
    await expect(write).rejects.toBeInstanceOf(DiskFullError);
    expect(await countRows(store)).toEqual(before);
    store.close();
  });

  it('a lock held past the busy timeout: a DatabaseBusyError, quickly, nothing written', async () => {
    const path = tempDbPath();
    openDatabase(path).close();
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const store = openDatabase(path, undefined, { busyTimeoutMs: 100 });
      const started = Date.now();
      const write = store.tx((q) => q.run(sql`INSERT INTO settings (key, value) VALUES ('x', 'y')`));
      await expect(write).rejects.toThrow(
        new DatabaseBusyError(
          `The database ${path} is locked by another program, and stayed locked for 0.1 s; nothing was written. ` +
            `Try again in a moment; if it stays locked, see which program holds it: fuser -v ${path}`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(2000);
      store.close();
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('HD_BUSY_TIMEOUT_MS: milliseconds, or refused by name', () => {
    expect(busyTimeout({})).toBeUndefined();
    expect(busyTimeout({ HD_BUSY_TIMEOUT_MS: '250' })).toBe(250);
    for (const bad of ['-1', '1e3', '0x10', '2.5', 'soon', '99999999'])
      expect(() => busyTimeout({ HD_BUSY_TIMEOUT_MS: bad })).toThrow(
        /HD_BUSY_TIMEOUT_MS=".*" is not a number of milliseconds/,
      );
  });
});

describe('a database or backup others can read is reported', () => {
  it('lists the database, its -wal and its dated backups, not other files', () => {
    const d = dir();
    const db = join(d, 'hd.db');
    openDatabase(db).close();
    for (const [name, mode] of [
      ['hd-2026-11-01.db', 0o640],
      ['hd-2026-11-02.db', 0o600],
      ['hd-backup.db', 0o644],
      ['other.db', 0o644],
      ['hd.db-wal', 0o604],
    ] as const) {
      writeFileSync(join(d, name), 'x');
      chmodSync(join(d, name), mode);
    }
    expect(exposedFiles(db)).toEqual([
      { path: join(d, 'hd-2026-11-01.db'), mode: 0o640 },
      { path: join(d, 'hd.db-wal'), mode: 0o604 },
    ]);
    chmodSync(db, 0o644);
    mkdirSync(join(d, 'hd-2026-11-03.db'));
    expect(exposedFiles(db)).toEqual([
      { path: db, mode: 0o644 },
      { path: join(d, 'hd-2026-11-01.db'), mode: 0o640 },
      { path: join(d, 'hd.db-wal'), mode: 0o604 },
    ]);
    for (const name of ['hd.db', 'hd-2026-11-01.db', 'hd.db-wal']) chmodSync(join(d, name), 0o600);
    expect(exposedFiles(db)).toEqual([]);
  });

  it('warns in the console language', () => {
    const d = dir();
    const db = join(d, 'hd.db');
    openDatabase(db).close();
    chmodSync(db, 0o644);
    let err = '';
    resetExposureWarning();
    setLanguage('ru');
    try {
      warnIfExposed(db, { write: (s: string) => (err += s) });
    } finally {
      setLanguage('en');
      resetExposureWarning();
    }
    expect(err).toBe(
      `hd: внимание: ${db} (права 0644) могут читать другие пользователи, а в данных hd — имена и телефоны клиентов. Исправьте: chmod 600 ${db}\n`,
    );
  });

  it('warns once per run, with the command that fixes it', () => {
    const d = dir();
    const db = join(d, 'my hd.db');
    openDatabase(db).close();
    chmodSync(db, 0o644);
    let err = '';
    const stderr = { write: (s: string) => (err += s) };
    resetExposureWarning();
    warnIfExposed(db, stderr);
    warnIfExposed(db, stderr);
    expect(err).toBe(
      `hd: warning: other users can read ${db} (mode 0644): hd's data holds clients' names and phone numbers. Fix it with: chmod 600 '${db}'\n`,
    );
    resetExposureWarning();
    chmodSync(db, 0o600);
    err = '';
    warnIfExposed(db, stderr);
    expect(err).toBe('');
  });
});

describe('the default path', () => {
  it('--db, else HD_DB, else XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(defaultDbPath({ HD_DB: '/x/hd.db', XDG_DATA_HOME: '/data' })).toBe('/x/hd.db');
    expect(defaultDbPath({ XDG_DATA_HOME: '/data', HOME: '/home/olga' })).toBe('/data/hd/hd.db');
    expect(defaultDbPath({ XDG_DATA_HOME: 'relative', HOME: '/home/olga' })).toBe(
      '/home/olga/.local/share/hd/hd.db',
    );
    expect(defaultDbPath({ HOME: '/home/olga' })).toBe('/home/olga/.local/share/hd/hd.db');
  });
});

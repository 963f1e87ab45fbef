import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { foldKey } from '../../domain/fold.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { registerEngineQueries } from '../engine.ts';
import {
  type Queryable,
  type Row,
  type RunResult,
  type Sql,
  StoreBusy,
  type Store as StorePort,
  type Tx,
  UniqueViolation,
} from '../port.ts';
import { sqliteAddon } from './addon.ts';
import { checkMigrations, type Migration, migrations } from './migrations/index.ts';
import { sqliteQueries } from './queries.ts';

export type Db = Database.Database;

/**
 * The SQLite store. Query modules take a Store and are async, so the same interface can later be
 * served by PostgreSQL; better-sqlite3 itself is synchronous, which keeps a transaction atomic.
 */
export interface SqliteStore extends StorePort {
  readonly engine: 'sqlite';
  readonly path: string;
  /** The driver handle: for SQLite-only code in src/store/sqlite/ and for tests. */
  readonly db: Db;
  /** Rows as arrays, for the hot listings. */
  iterateValues<T extends unknown[] = unknown[]>(statement: Sql): AsyncIterable<T>;
  changeStamp(): Promise<string>;
  /** Tests: throw when the root handle runs a statement while a transaction is open. */
  strict: boolean;
  /** Statements run so far (through the port or the SQLite queries), to count them per command. */
  statements: number;
}

export class DatabaseTooNewError extends HdError {}
/** The path cannot hold a database: a folder, a device, a FIFO, a file where a folder should be. */
export class DatabasePathError extends HdError {}
/** The file is not an hd database: not SQLite at all, or another program's SQLite file. */
export class NotHdDatabaseError extends HdError {}
/** The database file, or the folder SQLite keeps its -wal and -shm files in, cannot be written. */
export class DatabaseReadOnlyError extends HdError {}
export class DiskFullError extends HdError {}
/** Another process held the write lock for longer than the busy timeout. */
export class DatabaseBusyError extends StoreBusy {}
/** Corruption or an input/output error reported by SQLite. */
export class DatabaseDamagedError extends HdError {}

export const BUSY_TIMEOUT_MS = 15_000;

export interface OpenOptions {
  /** How long to wait for another process's lock before giving up (tests shorten it). */
  busyTimeoutMs?: number;
}

export function openDatabase(
  path: string,
  list: Migration[] = migrations,
  options: OpenOptions = {},
): SqliteStore {
  registerEngineQueries('sqlite', sqliteQueries);
  const timeout = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const file = path !== ':memory:';
  if (file) prepareFile(path);
  let db: Db | undefined;
  try {
    db = new Database(path, { timeout, nativeBinding: sqliteAddon() });
    db.pragma(`busy_timeout = ${timeout}`);
    db.pragma('foreign_keys = ON');
    // Before anything that writes: another program's database is left exactly as it was.
    if (file) checkIsHd(db, path);
    if (file) setWal(db);
    db.pragma('synchronous = NORMAL');
    // The lookup-keys migration fills the keys of existing rows with it (literal SQL cannot call into hd).
    db.function('hd_fold', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? foldKey(text) : text,
    );
    migrate(db, list);
  } catch (error) {
    db?.close();
    throw databaseError(error, path, timeout);
  }
  return new SqliteAdapter(path, db, timeout);
}

/** What a path is, for a message: "a folder", "a FIFO (named pipe)", "a character device". */
function kindOf(st: Stats): string {
  if (st.isFile()) return t('store.kind.file');
  if (st.isDirectory()) return t('store.kind.folder');
  if (st.isFIFO()) return t('store.kind.fifo');
  if (st.isCharacterDevice()) return t('store.kind.charDevice');
  if (st.isBlockDevice()) return t('store.kind.blockDevice');
  if (st.isSocket()) return t('store.kind.socket');
  return t('store.kind.special');
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Checks the path before SQLite opens it: stat first (opening a FIFO would block), then a regular
 * file must start like an SQLite database; a missing file is created 0600 in a 0700 folder.
 */
function prepareFile(path: string, retried = false): void {
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw pathError(path, code);
  }
  if (!st) {
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new DatabasePathError(
        `${t('store.err.danglingLink', { path, target: readlinkSync(path) })} ${t('store.where')}`,
      );
    }
    createFile(path, retried);
    return;
  }
  if (!st.isFile()) {
    const hint = st.isDirectory() ? t('store.fileInside', { file: join(path, 'hd.db') }) : t('store.where');
    throw new DatabasePathError(`${t('store.err.notAFile', { path, kind: kindOf(st) })} ${hint}`);
  }
  checkWritable(path, st);
  if (st.size > 0) checkHeader(path);
}

function notAFolder(path: string, dir: string, st: Stats): HdError {
  return new DatabasePathError(
    `${t('store.err.notAFolder', { path, dir, kind: kindOf(st) })} ${t('store.choose')}`,
  );
}

function pathError(path: string, code: string | undefined): HdError {
  if (code === 'ENOTDIR') {
    for (const dir of ancestors(path)) {
      try {
        const st = statSync(dir);
        if (!st.isDirectory()) return notAFolder(path, dir, st);
      } catch {
        // Further up.
      }
    }
    return new DatabasePathError(`${t('store.err.partNotFolder', { path })} ${t('store.choose')}`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DatabasePathError(`${t('store.err.denied', { path })} ${t('store.where')}`);
  }
  return new DatabasePathError(
    `${t('store.err.cannotUse', { path, code: code ?? t('store.unknownError') })} ${t('store.where')}`,
  );
}

/** The folders above `path`, nearest first. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    out.push(dir);
    if (dirname(dir) === dir) return out;
  }
}

function createFile(path: string, retried: boolean): void {
  // Folder by folder from the nearest one that exists: mkdirSync({recursive}) loops forever where
  // mkdir says ENOENT under an existing folder (/proc/nope), and a file in the way is named.
  const missing: string[] = [];
  for (const dir of ancestors(path)) {
    let st: Stats;
    try {
      st = statSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        missing.unshift(dir);
        continue;
      }
      throw pathError(path, code);
    }
    if (!st.isDirectory()) throw notAFolder(path, dir, st);
    break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new DatabasePathError(
        `${t('store.err.mkdir', { dir, reason: reason(code) })} ${t('store.choose')}`,
      );
    }
  }
  try {
    // Create it ourselves so the mode is 0600 from the first byte (SQLite copies it to -wal/-shm).
    closeSync(
      openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NONBLOCK, 0o600),
    );
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST' && missing.length === 0 && !retried) {
      // Another hd created it meanwhile: check it like any existing file.
      prepareFile(path, true);
      return;
    }
    throw new DatabasePathError(
      `${t('store.err.create', { path, reason: reason(e.code) })} ${t('store.choose')}`,
    );
  }
}

function reason(code: string | undefined): string {
  if (code === 'EACCES' || code === 'EPERM') return t('store.reason.notWritable');
  if (code === 'EROFS') return t('store.reason.readOnlyFs');
  if (code === 'ENOSPC') return t('store.reason.full');
  if (code === 'ENOENT') return t('store.reason.noFolder');
  if (code === 'EISDIR') return t('store.reason.isDir');
  return code ?? t('store.unknownError');
}

/** hd writes on every start (WAL, migrations), and SQLite keeps PATH-wal and PATH-shm beside it. */
function checkWritable(path: string, st: Stats): void {
  const mine = process.getuid === undefined || st.uid === process.getuid();
  const owner = mine ? '' : t('store.owner', { user: userName(st.uid), mode: octal(st.mode) });
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new DatabaseReadOnlyError(
      t(mine ? 'store.err.unreadableMine' : 'store.err.unreadable', {
        path,
        owner: owner || t('store.mode', { mode: octal(st.mode) }),
      }),
    );
  }
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!mine && code !== 'EROFS')
      throw new DatabaseReadOnlyError(t('store.err.readOnlyOther', { path, owner }));
    throw new DatabaseReadOnlyError(
      t(code === 'EROFS' ? 'store.err.readOnlyFs' : 'store.err.readOnlyMine', { path, mode: octal(st.mode) }),
    );
  }
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new DatabaseReadOnlyError(t('store.err.folderReadOnly', { dir, name: basename(path) }));
  }
}

/** The login name of `uid` from /etc/passwd, for messages; `uid N` when it has none. */
function userName(uid: number): string {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[2] === String(uid));
    if (line) return `${line.split(':')[0]} (uid ${uid})`;
  } catch {
    // No passwd file (a container, Windows): the number is all there is.
  }
  return `uid ${uid}`;
}

/** A text file, an image, an archive: refused before SQLite reads (or a later write damages) it. */
function checkHeader(path: string): void {
  const buffer = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    // Replaced by a FIFO or a folder since the stat: still refused.
    if (!fstatSync(fd).isFile())
      throw new DatabasePathError(`${t('store.err.notRegular', { path })} ${t('store.where')}`);
    readSync(fd, buffer, 0, 16, 0);
  } catch (error) {
    if (error instanceof HdError) throw error;
    throw pathError(path, (error as NodeJS.ErrnoException).code);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (buffer.toString('latin1') !== SQLITE_HEADER) {
    throw new NotHdDatabaseError(`${t('store.err.notSqliteUntouched', { path })} ${t('store.where')}`);
  }
}

/** An SQLite file with tables that are not hd's is another program's: refused before WAL or a migration. */
function checkIsHd(db: Db, path: string): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const version = db.pragma('user_version', { simple: true }) as number;
  if (tables.length === 0 && version === 0) return;
  if (version > 0 && tables.includes('tickets') && tables.includes('settings')) return;
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  throw new NotHdDatabaseError(
    `${t('store.err.foreign', { path, tables: shown || t('store.none') })} ${t('store.where')}`,
  );
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * SQLite's failures as typed errors that say what to do; anything else is returned as it is.
 * Exported so each mapping is tested, including a full disk without filling one.
 */
export function databaseError(error: unknown, path: string, timeoutMs = BUSY_TIMEOUT_MS): unknown {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const dir = dirname(path);
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (base) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DatabaseBusyError(t('store.err.locked', { path, seconds: timeoutMs / 1000 }));
    case 'SQLITE_FULL':
      return new DiskFullError(t('store.err.full', { path, dir }));
    case 'SQLITE_READONLY':
      return new DatabaseReadOnlyError(t('store.err.readOnly', { path, code, dir }));
    case 'SQLITE_NOTADB':
      return new NotHdDatabaseError(`${t('store.err.notSqlite', { path })} ${t('store.where')}`);
    case 'SQLITE_CORRUPT':
      return new DatabaseDamagedError(t('store.err.damaged', { path, message: (error as Error).message }));
    case 'SQLITE_IOERR':
      return new DatabaseDamagedError(t('store.err.io', { path, code }));
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new DatabaseReadOnlyError(t('store.err.cantOpen', { path, code, dir }));
    default:
      return error;
  }
}

/** Switching to WAL needs an exclusive moment; when several processes start at once, retry. */
function setWal(db: Db): void {
  // Already WAL (every run after the first): asking is cheap, switching again takes a lock.
  if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt > 200) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

const DRIVERS = new WeakMap<object, SqliteAdapter>();

/**
 * The driver handle behind a root or transaction handle of the SQLite store, for the hand-tuned
 * SQLite queries in src/store/sqlite/ (never outside it).
 */
export function driverOf(q: Queryable): Db {
  return adapterOf(q).db;
}

/** Counts a statement run on the driver handle (see SqliteStore.statements). */
export function counted(q: Queryable): void {
  adapterOf(q).statements++;
}

/** A driver error of a statement run through `driverOf`, as the adapter maps it. */
export function sqliteError(q: Queryable, error: unknown): unknown {
  return adapterOf(q).error(error);
}

function adapterOf(q: Queryable): SqliteAdapter {
  const adapter = DRIVERS.get(q);
  if (!adapter) throw new Error(`not an SQLite store handle (engine ${q.engine})`);
  return adapter;
}

/**
 * The SQLite adapter of the store port. better-sqlite3 is synchronous, so a transaction is atomic
 * within this process; statements are prepared once per SQL text and kept.
 */
class SqliteAdapter implements SqliteStore {
  readonly engine = 'sqlite' as const;
  readonly location: string;
  readonly #statements = new Map<string, Database.Statement>();
  #depth = 0;
  /** Set in tests: a statement on the root handle while a transaction is open throws. */
  strict = false;
  statements = 0;
  readonly #tx: Tx;

  constructor(
    readonly path: string,
    readonly db: Db,
    readonly timeout: number,
  ) {
    this.location = path;
    this.#tx = {
      engine: 'sqlite',
      inTransaction: true,
      all: (s) => this.#all(s),
      get: (s) => this.#get(s),
      run: (s) => this.#run(s),
      iterate: (s) => this.#iterate(s),
      iterateValues: (s) => this.#iterateValues(s),
      allValues: (s) => this.#allValues(s),
    };
    DRIVERS.set(this, this);
    DRIVERS.set(this.#tx, this);
  }

  /** The prepared statement for `s` (cached by its text) and its values. */
  statement(s: Sql): [Database.Statement, unknown[]] {
    this.statements++;
    const { text, values } = s.render('sqlite');
    let statement = this.#statements.get(text);
    if (!statement) {
      try {
        statement = this.db.prepare(text);
      } catch (error) {
        throw this.error(error);
      }
      this.#statements.set(text, statement);
    }
    return [statement, values];
  }

  error(error: unknown): unknown {
    return storeError(error, this.path, this.timeout);
  }

  #root(): void {
    if (this.strict && this.#depth > 0) {
      throw new Error('the root store handle was used inside store.tx(): pass the transaction handle q');
    }
  }

  async #all<T>(s: Sql): Promise<T[]> {
    const [statement, values] = this.statement(s);
    try {
      return statement.all(...values) as T[];
    } catch (error) {
      throw this.error(error);
    }
  }

  async #get<T>(s: Sql): Promise<T | undefined> {
    const [statement, values] = this.statement(s);
    try {
      return statement.get(...values) as T | undefined;
    } catch (error) {
      throw this.error(error);
    }
  }

  async #run(s: Sql): Promise<RunResult> {
    const [statement, values] = this.statement(s);
    try {
      return { changes: statement.run(...values).changes };
    } catch (error) {
      throw this.error(error);
    }
  }

  async *#iterate<T>(s: Sql): AsyncGenerator<T> {
    const [statement, values] = this.statement(s);
    try {
      yield* statement.iterate(...values) as IterableIterator<T>;
    } catch (error) {
      throw this.error(error);
    }
  }

  async #allValues<T extends unknown[]>(s: Sql): Promise<T[]> {
    const [statement, values] = this.statement(s);
    try {
      return statement.raw(true).all(...values) as T[];
    } catch (error) {
      throw this.error(error);
    } finally {
      statement.raw(false);
    }
  }

  async *#iterateValues<T extends unknown[]>(s: Sql): AsyncGenerator<T> {
    const [statement, values] = this.statement(s);
    try {
      yield* statement.raw(true).iterate(...values) as IterableIterator<T>;
    } catch (error) {
      throw this.error(error);
    } finally {
      statement.raw(false);
    }
  }

  all<T = Row>(s: Sql): Promise<T[]> {
    this.#root();
    return this.#all(s);
  }
  get<T = Row>(s: Sql): Promise<T | undefined> {
    this.#root();
    return this.#get(s);
  }
  run(s: Sql): Promise<RunResult> {
    this.#root();
    return this.#run(s);
  }
  iterate<T = Row>(s: Sql): AsyncIterable<T> {
    this.#root();
    return this.#iterate(s);
  }
  iterateValues<T extends unknown[] = unknown[]>(s: Sql): AsyncIterable<T> {
    this.#root();
    return this.#iterateValues(s);
  }
  allValues<T extends unknown[] = unknown[]>(s: Sql): Promise<T[]> {
    this.#root();
    return this.#allValues(s);
  }

  #stamp?: [Database.Statement, Database.Statement];
  #inTx = 0;

  async changeStamp(): Promise<string> {
    // Inside a transaction what is read may yet be rolled back: a stamp that matches nothing.
    if (this.db.inTransaction) return `tx${++this.#inTx}`;
    this.#stamp ??= [
      this.db.prepare('PRAGMA data_version').pluck(),
      this.db.prepare('SELECT total_changes()').pluck(),
    ];
    return `${this.#stamp[0].get()}:${this.#stamp[1].get()}`;
  }

  async tx<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
    if (this.#depth > 0) return fn(this.#tx);
    return this.#begin(() => fn(this.#tx));
  }

  async #begin<T>(fn: () => Promise<T>): Promise<T> {
    const { db } = this;
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw this.error(error);
    }
    this.#depth++;
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw this.error(error);
    } finally {
      this.#depth--;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** databaseError, and a refused unique key as the port's UniqueViolation. */
export function storeError(error: unknown, path: string, timeoutMs = BUSY_TIMEOUT_MS): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const column = /UNIQUE constraint failed: (\S+)/.exec((error as Error).message)?.[1];
    return new UniqueViolation((error as Error).message, column);
  }
  return databaseError(error, path, timeoutMs);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations in one transaction; refuses a database written by a newer hd. */
export function migrate(db: Db, list: Migration[], target = list.length): void {
  checkMigrations(list);
  const check = () => {
    const current = schemaVersion(db);
    if (current > list.length) {
      throw new DatabaseTooNewError(
        t('store.err.tooNew', { path: db.name, version: current, latest: list.length }),
      );
    }
    return current;
  };
  if (check() >= target) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another process may have migrated while we waited for the lock.
    for (const m of list.slice(check(), target)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

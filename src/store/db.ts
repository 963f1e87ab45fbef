import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { foldKey } from '../domain/fold.ts';
import { HdError } from '../errors.ts';
import { checkMigrations, type Migration, migrations } from './migrations/index.ts';

export type Db = Database.Database;

/**
 * The SQLite store. Query modules take a Store and are async, so the same interface can later be
 * served by PostgreSQL; better-sqlite3 itself is synchronous, which keeps a transaction atomic.
 */
export interface Store {
  readonly path: string;
  readonly db: Db;
  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE: the write lock is taken up front). */
  write<T>(fn: () => Promise<T> | T): Promise<T>;
  close(): void;
}

export class DatabaseTooNewError extends HdError {}

const BUSY_TIMEOUT_MS = 15_000;

export function openDatabase(path: string, list: Migration[] = migrations): Store {
  if (path !== ':memory:') prepareFile(path);
  let db: Db;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new HdError(`Cannot open the database ${path}: ${(error as Error).message}`);
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  if (path !== ':memory:') setWal(db);
  db.pragma('synchronous = NORMAL');
  // The lookup-keys migration fills the keys of existing rows with it (literal SQL cannot call into hd).
  db.function('hd_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? foldKey(text) : text,
  );
  const store = makeStore(path, db);
  migrate(db, list);
  return store;
}

function prepareFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Create it ourselves so the mode is 0600 from the first byte (SQLite copies it to -wal/-shm).
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new HdError(
      `Cannot create the database at ${path} (${e.code ?? e.message}). ` +
        'Choose a writable place with --db PATH or HD_DB=PATH.',
    );
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

function makeStore(path: string, db: Db): Store {
  let depth = 0;
  return {
    path,
    db,
    async write<T>(fn: () => Promise<T> | T): Promise<T> {
      if (depth > 0) return fn();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = await fn();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
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
        `The database ${db.name} has schema version ${current}, but this hd knows only up to ${list.length}. ` +
          'Upgrade hd (git pull && npm ci) before using this database.',
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

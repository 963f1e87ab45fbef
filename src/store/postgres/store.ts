// The PostgreSQL adapter of the store port: a node-postgres Pool, loaded only when HD_DB is a
// postgres:// URL (an SQLite start never reads the driver). Statements are the port's `sql`
// fragments rendered with $1…; 64-bit integers come back as exact JS numbers; long listings read
// through a server-side cursor; `tx` runs on one dedicated connection at READ COMMITTED.

import { readFileSync } from 'node:fs';
import type { ClientBase, Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';
import { importExternal } from '../../external.ts';
import { t } from '../../i18n.ts';
import { registerEngineQueries } from '../engine.ts';
import type { Queryable, Row, RunResult, Sql, Store, Tx } from '../port.ts';
import { mapPostgresError, PostgresAuthError, PostgresSslError } from './errors.ts';
import { migratePostgres } from './migrate.ts';
import { type PostgresMigration, postgresMigrations } from './migrations/index.ts';
import { postgresQueries } from './queries.ts';
import {
  type Env,
  missingPassword,
  type PostgresSettings,
  pgpassLookup,
  postgresSettings,
} from './settings.ts';

type PgModule = typeof import('pg');

/** Rows fetched per round trip of a cursor: memory stays flat, round trips few. */
export const CURSOR_BATCH = 500;

const INT8 = 20;
const NUMERIC = 1700;

/** An integer column that does not fit a JS number exactly is refused, never rounded. */
export class UnsafeIntegerError extends Error {}

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new UnsafeIntegerError(
      `the database returned ${text}, beyond the integers hd handles exactly (±${Number.MAX_SAFE_INTEGER}).`,
    );
  }
  return n;
}

function parseNumeric(text: string): number {
  const n = Number(text);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)) return parseInt8(text);
  return n;
}

/**
 * A connection taken from the pool, with an 'error' listener while it is out: a server that goes
 * away mid-command makes the statement fail (and the store report it), never an unhandled event.
 */
async function checkout(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  const ignore = () => {};
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (destroy?: boolean | Error) => {
    client.removeListener('error', ignore);
    release(destroy);
  };
  return client;
}

let driver: Promise<PgModule> | undefined;

/**
 * node-postgres, loaded on first use: under bin/hd the launcher's bundle of it, dist/pg.cjs, run
 * from its code cache (scripts/build.mjs); otherwise (tests, from source) the package itself (a
 * CommonJS module: its exports are the default).
 */
export function loadDriver(): Promise<PgModule> {
  const bundle = (globalThis as { __hdBundle?: (name: string) => unknown }).__hdBundle;
  driver ??= bundle
    ? Promise.resolve().then(() => bundle('pg.cjs') as PgModule)
    : importExternal<PgModule & { default?: PgModule }>('pg').then((m) => m.default ?? m);
  return driver;
}

export interface OpenPostgresOptions {
  /** The schema to migrate to (tests give other lists). */
  migrations?: PostgresMigration[];
  /** Connections in the pool: a command needs one, a listing inside a transaction two. */
  maxConnections?: number;
  /** When it is now, for schema_version.applied_at. */
  now?: () => number;
  /** Called with the text of every statement the store sends after opening (tests count them). */
  onStatement?: (text: string) => void;
}

type TlsConfig = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };

async function tlsFor(s: PostgresSettings, plain: boolean): Promise<TlsConfig> {
  if (plain || s.sslMode === 'disable' || s.sslMode === 'allow') return false;
  if (s.sslMode === 'prefer' || s.sslMode === 'require') return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (s.sslRootCert) {
    try {
      ca = readFileSync(s.sslRootCert, 'utf8');
    } catch (error) {
      throw new PostgresSslError(
        t('pg.err.rootCert', { file: s.sslRootCert, code: String((error as NodeJS.ErrnoException).code) }),
      );
    }
  }
  return s.sslMode === 'verify-ca'
    ? { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined }
    : { rejectUnauthorized: true, ca };
}

function makePool(pg: PgModule, s: PostgresSettings, ssl: TlsConfig, max: number): Pool {
  const base = pg.types;
  const pool = new pg.Pool({
    host: s.host,
    port: s.port,
    user: s.user,
    database: s.database,
    password: async () => {
      const password = s.password ?? pgpassLookup(s);
      if (password) return password;
      throw new PostgresAuthError(missingPassword(s));
    },
    ssl,
    max,
    connectionTimeoutMillis: s.connectTimeoutMs,
    statement_timeout: s.statementTimeoutMs,
    idleTimeoutMillis: 10_000,
    application_name: s.applicationName,
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8;
        if (oid === NUMERIC) return parseNumeric;
        return base.getTypeParser(oid, format ?? 'text');
      }) as typeof base.getTypeParser,
    },
  });
  // An idle connection the server drops must not crash the process: the next statement reports it.
  pool.on('error', () => {});
  return pool;
}

/** Whether the server refused TLS (sslmode=prefer then falls back to a plain connection). */
function noTlsOnServer(error: unknown): boolean {
  return error instanceof Error && /does not support SSL/i.test(error.message);
}

/** Opens the central database at `url`, brings its schema up to date, and returns the store. */
export async function openPostgres(
  url: string,
  env: Env = process.env,
  options: OpenPostgresOptions = {},
): Promise<PostgresStore> {
  const settings = postgresSettings(url, env);
  // The tuned SLA queries and search of PostgreSQL, for sla.ts and `hd search` (src/store/engine.ts).
  registerEngineQueries('postgres', postgresQueries);
  const pg = await loadDriver();
  const max = options.maxConnections ?? 4;
  let pool = makePool(pg, settings, await tlsFor(settings, false), max);
  let first: PoolClient;
  try {
    try {
      first = await checkout(pool);
    } catch (error) {
      if (!(settings.sslMode === 'prefer' && noTlsOnServer(error))) throw error;
      await pool.end().catch(() => {});
      pool = makePool(pg, settings, false, max);
      first = await checkout(pool);
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw mapPostgresError(error, settings);
  }
  try {
    await migratePostgres(first, options.migrations ?? postgresMigrations, options.now ?? Date.now);
    first.release();
  } catch (error) {
    first.release(true);
    await pool.end().catch(() => {});
    throw mapPostgresError(error, settings);
  }
  return new PostgresStore(pool, settings, options.onStatement);
}

let cursors = 0;

/**
 * Statements outside a transaction, one after another: each then finds the connection the one
 * before it returned to the pool idle, where statements sent at once (Promise.all) would each
 * take a connection and the pool open new ones (a TCP connect, authentication and a server
 * process each, several milliseconds) although node-postgres runs one statement at a time per
 * connection anyway. A transaction or a cursor that holds a connection still gets another.
 */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => {});
    return result;
  }
}

/** Statements on one connection (a transaction), or on any connection of the pool. */
class Handle implements Queryable {
  readonly engine = 'postgres' as const;

  constructor(
    protected readonly pool: Pool,
    protected readonly client: PoolClient | undefined,
    protected readonly settings: PostgresSettings,
    protected readonly onStatement: ((text: string) => void) | undefined,
    protected readonly serial: Serial = new Serial(),
  ) {}

  /** A statement on one connection (a transaction's, a cursor's), counted like the others. */
  protected send(client: ClientBase, config: QueryConfig | string) {
    this.onStatement?.(typeof config === 'string' ? config : config.text);
    return client.query(config);
  }

  protected async query<T extends QueryResultRow>(config: QueryConfig) {
    this.onStatement?.(config.text);
    try {
      if (this.client) return await this.client.query<T>(config);
      return await this.serial.run(() => this.pool.query<T>(config));
    } catch (error) {
      throw mapPostgresError(error, this.settings, config.text);
    }
  }

  async all<T = Row>(statement: Sql): Promise<T[]> {
    return (await this.query<QueryResultRow>(statement.render('postgres'))).rows as T[];
  }

  async get<T = Row>(statement: Sql): Promise<T | undefined> {
    return (await this.query<QueryResultRow>(statement.render('postgres'))).rows[0] as T | undefined;
  }

  async run(statement: Sql): Promise<RunResult> {
    return { changes: (await this.query(statement.render('postgres'))).rowCount ?? 0 };
  }

  iterate<T = Row>(statement: Sql): AsyncIterable<T> {
    return this.cursor<T>(statement, false);
  }

  /** Rows as arrays of their values in SELECT order (node-postgres rowMode 'array'). */
  iterateValues<T extends unknown[] = unknown[]>(statement: Sql): AsyncIterable<T> {
    return this.cursor<T>(statement, true);
  }

  /**
   * A server-side cursor (DECLARE … FETCH), so a long listing holds CURSOR_BATCH rows at a time.
   * A cursor lives in a transaction: inside `tx` it uses the transaction's, otherwise it takes a
   * connection of its own for a read-only one, ended (and the connection returned) when the loop
   * ends, however it ends.
   */
  private async *cursor<T>(statement: Sql, arrays: boolean): AsyncGenerator<T> {
    const { text, values } = statement.render('postgres');
    const name = `hd_cursor_${++cursors}`;
    const own = this.client === undefined;
    let client: ClientBase;
    try {
      client = this.client ?? (await checkout(this.pool));
    } catch (error) {
      throw mapPostgresError(error, this.settings);
    }
    let broken: unknown;
    try {
      if (own) await this.send(client, 'BEGIN READ ONLY');
      await this.send(client, { text: `DECLARE ${name} NO SCROLL CURSOR FOR ${text}`, values });
      for (;;) {
        const batch = await this.send(client, {
          text: `FETCH ${CURSOR_BATCH} FROM ${name}`,
          ...(arrays ? { rowMode: 'array' as const } : {}),
        });
        for (const row of batch.rows) yield row as T;
        if (batch.rows.length < CURSOR_BATCH) break;
      }
    } catch (error) {
      broken = error;
      throw mapPostgresError(error, this.settings, text);
    } finally {
      try {
        if (own) await this.send(client, broken ? 'ROLLBACK' : 'COMMIT');
        else if (!broken) await this.send(client, `CLOSE ${name}`);
      } catch (error) {
        broken ??= error;
      }
      if (own) (client as PoolClient).release(broken ? true : undefined);
    }
  }
}

class TxHandle extends Handle implements Tx {
  readonly inTransaction = true as const;
}

export class PostgresStore extends Handle implements Store {
  readonly location: string;

  constructor(pool: Pool, settings: PostgresSettings, onStatement?: (text: string) => void) {
    super(pool, undefined, settings, onStatement);
    this.location = settings.location;
  }

  async tx<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await checkout(this.pool);
    } catch (error) {
      throw mapPostgresError(error, this.settings);
    }
    let broken = false;
    try {
      await this.send(client, 'BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await fn(new TxHandle(this.pool, client, this.settings, this.onStatement));
      await this.send(client, 'COMMIT');
      return result;
    } catch (error) {
      try {
        await this.send(client, 'ROLLBACK');
      } catch {
        broken = true;
      }
      throw mapPostgresError(error, this.settings);
    } finally {
      client.release(broken || undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

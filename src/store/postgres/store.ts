// The PostgreSQL adapter of the store port: a node-postgres Pool, loaded only when HD_DB is a
// postgres:// URL (an SQLite start never reads the driver). Statements are the port's `sql`
// fragments rendered with $1…; 64-bit integers come back as exact JS numbers; long listings read
// through a server-side cursor; `tx` runs on one dedicated connection at READ COMMITTED.

import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { ClientBase, Pool, PoolClient, Query, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { crypto } from '../../builtin.ts';
import { importExternal } from '../../external.ts';
import { t } from '../../i18n.ts';
import { registerEngineQueries } from '../engine.ts';
import {
  type Queryable,
  type Row,
  type RunResult,
  type Sql,
  type Store,
  StoreUnavailable,
  sql,
  type Tx,
} from '../port.ts';
import { INITIALISED_SQL } from '../reference.ts';
import { mapPostgresError, PostgresAuthError, PostgresNotServerError, PostgresSslError } from './errors.ts';
import { migratePostgres } from './migrate.ts';
import { type PostgresMigration, postgresMigrations } from './migrations/index.ts';
import { GENERIC_PLAN, postgresQueries } from './queries.ts';
import {
  type Env,
  hostPort,
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
  /**
   * Connections kept open however long they stay idle (the others close after 10 s): hd agent's
   * warm ones, with their prepared statements.
   */
  minConnections?: number;
  /** When it is now, for schema_version.applied_at. */
  now?: () => number;
  /**
   * false: a database without hd's current schema is left as it is (the store says so with
   * `initialised` false) — for tab completion, which must never create or migrate anything.
   */
  create?: boolean;
  /** Called with the text of every statement the store sends after opening (tests count them). */
  onStatement?: (text: string) => void;
  /**
   * Statements outside a transaction run side by side, each on a connection of the pool, instead
   * of sharing one (Lane): for hd serve, whose requests in flight each wait for their own.
   */
  concurrent?: boolean;
  /**
   * How long a statement waits for a free connection of a full pool (default: the connect
   * time-out). hd agent gives the statement time-out: commands queue rather than fail after 5 s.
   */
  queueTimeoutMs?: number;
}

type TlsConfig = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };

async function tlsFor(s: PostgresSettings, plain: boolean): Promise<TlsConfig> {
  // A Unix socket (a host that is a directory) has no TLS: libpq ignores sslmode there, as hd does.
  if (plain || s.host.startsWith('/') || s.sslMode === 'disable' || s.sslMode === 'allow') return false;
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

/** What of node-postgres's Connection the client below reaches into. */
interface PgConnection {
  stream: NodeJS.EventEmitter;
  ssl: unknown;
  connect(port: number, host: string): void;
  attachListeners(stream: NodeJS.EventEmitter): void;
  emit(event: string, ...args: unknown[]): boolean;
  password(password: string): void;
  sendSCRAMClientFinalMessage(data: string): void;
}

/** What of node-postgres's Client the client below reaches into (pipeline mode's queue). */
interface PgClientInternals {
  connection: PgConnection;
  _sentQueryQueue: unknown[];
  _types: unknown;
}

/** The check every command opens with, sent as soon as the server can answer it (hdClient). */
const CHECK = `SELECT (SELECT max(version) FROM schema_version) AS v, EXISTS (${INITIALISED_SQL.render('postgres').text}) AS i`;

interface FirstStatement {
  query: Query;
  result: Promise<QueryResult<{ v: number | null; i: boolean }>>;
  /** Whether a client has taken it (the first the pool makes), and whether it went out. */
  taken: boolean;
  sent: boolean;
}

function firstStatement(pg: PgModule): FirstStatement {
  let settle: (error: Error | undefined, result: unknown) => void = () => {};
  const result = new Promise<QueryResult<{ v: number | null; i: boolean }>>((resolve, reject) => {
    settle = (error, r) =>
      error ? reject(error) : resolve(r as QueryResult<{ v: number | null; i: boolean }>);
  });
  result.catch(() => {}); // a login that fails reports itself; this is then never asked for
  return {
    query: new pg.Query(CHECK, undefined, (error, r) => settle(error, r)),
    result,
    taken: false,
    sent: false,
  };
}

/** The connection bin/hd opened while the bundle loaded (see connectEarly there). */
interface EarlyConnection {
  host: string;
  port: number;
  /** Whether it has sent the SSLRequest. */
  ssl: boolean;
  socket: Socket;
}

const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);

/**
 * The socket bin/hd connected early, once, when it goes where these settings go and has begun as
 * node-postgres will (with an SSLRequest when TLS is tried): node-postgres then runs on it as on a
 * socket of its own, its connect() answered by the connection already made (or under way), its
 * SSLRequest not sent twice. A socket that does not fit, or that failed, is closed and forgotten.
 */
function earlySocket(s: PostgresSettings, tls: boolean): Socket | undefined {
  const holder = globalThis as { __hdEarlyPostgres?: EarlyConnection };
  const early = holder.__hdEarlyPostgres;
  if (!early) return undefined;
  holder.__hdEarlyPostgres = undefined;
  const { socket } = early;
  if (early.host !== s.host || early.port !== s.port || early.ssl !== tls || socket.destroyed) {
    socket.destroy();
    return undefined;
  }
  socket.connect = (() => {
    if (!socket.connecting) process.nextTick(() => socket.emit('connect'));
    return socket;
  }) as typeof socket.connect;
  if (tls) {
    const write = socket.write;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      socket.write = write;
      if (!(Buffer.isBuffer(chunk) && chunk.equals(SSL_REQUEST)))
        return write.call(socket, chunk as Buffer, ...(rest as []));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }) as typeof socket.write;
  }
  return socket;
}

/**
 * node-postgres's client with three differences. Its first connection runs on the socket bin/hd
 * opened early (earlySocket). sslmode=prefer goes on in plain text on the same connection when
 * the server refuses TLS (firstAnswerToSslRequest). And a first answer no PostgreSQL server gives
 * is reported as such at once, not as a TLS problem or a lost connection (notPostgres).
 */
function hdClient(pg: PgModule, s: PostgresSettings, tls: boolean, check?: FirstStatement): typeof pg.Client {
  return class HdClient extends pg.Client {
    constructor(config?: ConstructorParameters<typeof pg.Client>[0]) {
      const stream = earlySocket(s, tls);
      // The pool's options as they are (their password is a non-enumerable property), and the socket.
      super(
        stream && typeof config === 'object'
          ? Object.defineProperties(
              {},
              {
                ...Object.getOwnPropertyDescriptors(config),
                stream: { value: () => stream, enumerable: true },
              },
            )
          : config,
      );
      // Logging in is bounded by the connect time-out, whatever the pool waits for a free one.
      (this as unknown as { _connectionTimeoutMillis: number })._connectionTimeoutMillis = s.connectTimeoutMs;
      const con = (this as unknown as PgClientInternals).connection;
      if (check && !check.taken) {
        check.taken = true;
        this.sendWithLogin(check);
      }
      const connect = con.connect.bind(con);
      con.connect = (port, host) => {
        connect(port, host);
        if (tls) firstAnswerToSslRequest(con, s);
        else firstAnswerToStartup(con, s);
      };
    }

    /**
     * Sends `check` right behind the last message of the login (the password, or SCRAM's final
     * message), where the server reads it once it has let the client in: it is answered with the
     * login's ReadyForQuery instead of one round trip after it. It waits in pipeline mode's queue
     * of sent statements, where node-postgres takes it as the first statement once connected; a
     * login that fails fails it too. A login without a password (trust) sends nothing early.
     */
    private sendWithLogin(check: FirstStatement): void {
      const internals = this as unknown as PgClientInternals;
      const con = internals.connection;
      const send = () => {
        if (check.sent) return;
        check.sent = true;
        (check.query as unknown as { _result: { _types: unknown } })._result._types = internals._types;
        check.query.submit(con as never);
        internals._sentQueryQueue.push(check.query);
      };
      const password = con.password.bind(con);
      con.password = (p) => {
        password(p);
        send();
      };
      const final = con.sendSCRAMClientFinalMessage.bind(con);
      con.sendSCRAMClientFinalMessage = (data) => {
        final(data);
        send();
      };
    }
  };
}

/**
 * Fails the connection as not PostgreSQL's: whatever answers on that port is something else (a
 * web server, another service), and waiting for more of it (or trying TLS) would say nothing true.
 */
function notPostgres(con: PgConnection, s: PostgresSettings): void {
  (con.stream as Socket).destroy();
  con.emit('error', new PostgresNotServerError(t('pg.err.notServer', { at: hostPort(s.host, s.port) })));
}

/**
 * Checks the answer to the SSLRequest before node-postgres reads it: a server answers with the one
 * byte 'S' or 'N'; anything else is not PostgreSQL. Under sslmode=prefer an 'N' is treated as
 * libpq does: the same connection goes on in plain text (where node-postgres would fail it and hd
 * had to connect again, a second TCP connection and server process).
 */
function firstAnswerToSslRequest(con: PgConnection, s: PostgresSettings): void {
  // pg's one listener for the answer to its SSLRequest, registered by connect().
  const answer = con.stream.listeners('data');
  if (answer.length !== 1) return;
  const pgAnswer = answer[0] as (buffer: Buffer) => void;
  con.stream.removeListener('data', pgAnswer);
  con.stream.once('data', (buffer: Buffer) => {
    const refusal = errorResponse(buffer);
    if (refusal !== undefined) {
      // A server that cannot start the connection's process answers with an error at once.
      (con.stream as Socket).destroy();
      const at = hostPort(s.host, s.port);
      con.emit('error', new StoreUnavailable(t('pg.err.unreachable', { at, why: refusal })));
      return;
    }
    if (buffer.length !== 1 || (buffer[0] !== 0x53 && buffer[0] !== 0x4e)) return notPostgres(con, s); // 'S', 'N'
    if (buffer[0] !== 0x4e || s.sslMode !== 'prefer') return pgAnswer(buffer);
    con.ssl = false;
    con.attachListeners(con.stream);
    firstAnswerToStartup(con, s);
    con.emit('sslconnect'); // the client sends its startup message
  });
}

/** The message of a whole PostgreSQL ErrorResponse ('E', its length, fields; M is the message). */
function errorResponse(buffer: Buffer): string | undefined {
  if (buffer.length < 6 || buffer[0] !== 0x45 || buffer.readInt32BE(1) !== buffer.length - 1)
    return undefined;
  if (buffer[buffer.length - 1] !== 0) return undefined;
  let message = '';
  for (let i = 5; i < buffer.length - 1; ) {
    const end = buffer.indexOf(0, i + 1);
    if (end < 0) return undefined;
    if (buffer[i] === 0x4d) message = buffer.toString('utf8', i + 1, end); // 'M'
    i = end + 1;
  }
  return message || undefined;
}

/**
 * Checks the first answer to the startup message before node-postgres parses it: a server answers
 * with an authentication request ('R'), an error ('E') or a protocol negotiation ('v'); anything
 * else is not PostgreSQL (node-postgres would wait for a message as long as the bytes say).
 */
function firstAnswerToStartup(con: PgConnection, s: PostgresSettings): void {
  const parsers = con.stream.listeners('data') as ((buffer: Buffer) => void)[];
  con.stream.removeAllListeners('data');
  con.stream.once('data', (buffer: Buffer) => {
    if (buffer.length > 0 && ![0x52, 0x45, 0x76].includes(buffer[0]!)) return notPostgres(con, s);
    for (const parse of parsers) con.stream.on('data', parse);
    for (const parse of parsers) parse(buffer);
  });
}

function makePool(
  pg: PgModule,
  s: PostgresSettings,
  ssl: TlsConfig,
  max: number,
  check?: FirstStatement,
  min = 0,
  queueTimeoutMs = s.connectTimeoutMs,
): Pool {
  const base = pg.types;
  const pool = new pg.Pool({
    Client: hdClient(pg, s, ssl !== false, check),
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
    min,
    // The pool's wait for a free connection; a new connection's own limit is set in HdClient.
    connectionTimeoutMillis: queueTimeoutMs,
    statement_timeout: s.statementTimeoutMs,
    idleTimeoutMillis: 10_000,
    application_name: s.applicationName,
    keepAlive: true,
    // Statements sent together go out together (Lane, and Promise.all inside a transaction).
    pipeline: true,
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
  const check = firstStatement(pg);
  const min = options.minConnections ?? 0;
  const queueMs = options.queueTimeoutMs;
  let pool = makePool(pg, settings, await tlsFor(settings, false), max, check, min, queueMs);
  let first: PoolClient;
  try {
    try {
      first = await checkout(pool);
    } catch (error) {
      if (!(settings.sslMode === 'prefer' && noTlsOnServer(error))) throw error;
      await pool.end().catch(() => {});
      pool = makePool(pg, settings, false, max, undefined, min, queueMs);
      first = await checkout(pool);
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw mapPostgresError(error, settings);
  }
  const migrations = options.migrations ?? postgresMigrations;
  let initialised: boolean;
  try {
    initialised = await upToDateAndInitialised(first, migrations.length, check);
    if (!initialised && options.create !== false)
      await migratePostgres(first, migrations, options.now ?? Date.now);
    first.release();
  } catch (error) {
    first.release(true);
    await pool.end().catch(() => {});
    throw mapPostgresError(error, settings);
  }
  return new PostgresStore(pool, settings, options.onStatement, initialised, options.concurrent);
}

/**
 * The question every command asks first, in one round trip: is the schema at this hd's version
 * and the reference data loaded (what migratePostgres's fast path and then isInitialised would ask
 * one after the other)? Any other answer, an error included (no schema yet, a table that is not
 * hd's), is left to migratePostgres and ensureInitialised, which say what is wrong.
 */
async function upToDateAndInitialised(
  client: ClientBase,
  latest: number,
  check: FirstStatement,
): Promise<boolean> {
  try {
    // Sent with the login when the login had a message to send it behind (hdClient).
    const r = check.sent ? await check.result : await client.query<{ v: number | null; i: boolean }>(CHECK);
    return Number(r.rows[0]?.v) === latest && r.rows[0]?.i === true;
  } catch {
    return false;
  }
}

let cursors = 0;

/**
 * Statements outside a transaction, on one connection of the pool while any of them is under
 * way: statements sent at once (Promise.all) are pipelined on it (the client runs in pg's
 * pipeline mode, each statement with its own Sync, so each is its own implicit transaction and
 * one's error does not touch the others) instead of each taking a connection of its own, which
 * would make the pool open new ones (a TCP connect, authentication and a server process each,
 * several milliseconds). The connection goes back to the pool when the last of them is answered;
 * a transaction or a cursor that holds a connection still gets another.
 */
class Lane {
  private client: Promise<PoolClient> | undefined;
  private busy = 0;

  constructor(protected readonly pool: Pool) {}

  async run<T extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<T>> {
    this.busy++;
    this.client ??= checkout(this.pool);
    const taken = this.client;
    let client: PoolClient | undefined;
    try {
      client = await taken;
      return await client.query<T>(config);
    } finally {
      if (--this.busy === 0) {
        this.client = undefined;
        // A connection that broke is dropped by the pool; one that failed to open is none.
        client?.release();
      }
    }
  }
}

/**
 * What a concurrent store (hd serve) has instead of one Lane: each statement takes a connection of
 * the pool, so that the requests in flight do not wait behind each other's statements.
 */
class EachOnItsOwn extends Lane {
  override run<T extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<T>> {
    return this.pool.query<T>(config);
  }
}

const statementNames = new Map<string, string>();

/**
 * The name a statement is prepared under on a connection of hd serve's pool: the server then parses
 * and plans it once per connection instead of on every request (a ticket read planned against
 * the 20-odd indexes of tickets costs more than it runs). Statements with parameters only: their
 * text is fixed in the code (values travel apart), so the names stay few; a cursor's DECLARE
 * carries its own name and is never prepared.
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `hd_${crypto().createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Statements on one connection (a transaction), or on any connection of the pool. */
class Handle implements Queryable {
  readonly engine = 'postgres' as const;

  constructor(
    protected readonly pool: Pool,
    protected readonly client: PoolClient | undefined,
    protected readonly settings: PostgresSettings,
    protected readonly onStatement: ((text: string) => void) | undefined,
    protected readonly lane: Lane = new Lane(pool),
    /** Whether statements are prepared by name on each connection (hd serve's long-lived pool). */
    protected readonly prepared = false,
  ) {}

  /** A statement on one connection (a transaction's, a cursor's), counted like the others. */
  protected send(client: ClientBase, config: QueryConfig | string) {
    this.onStatement?.(typeof config === 'string' ? config : config.text);
    return client.query(config);
  }

  protected async query<T extends QueryResultRow>(statement: QueryConfig) {
    this.onStatement?.(statement.text);
    const config =
      this.prepared && statement.values?.length
        ? { ...statement, name: statementName(statement.text) }
        : statement;
    try {
      if (this.prepared && config.text.startsWith(GENERIC_PLAN)) return await this.planOnce<T>(config);
      if (this.client) return await this.client.query<T>(config);
      return await this.lane.run<T>(config);
    } catch (error) {
      throw mapPostgresError(error, this.settings, config.text);
    }
  }

  /**
   * A prepared statement marked GENERIC_PLAN, run with its generic plan: planned on its first run
   * on the connection, never again (plan_cache_mode is set around it, on the one connection).
   */
  private async planOnce<T extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<T>> {
    const own = this.client ? undefined : await checkout(this.pool);
    const client = this.client ?? own!;
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      return await client.query<T>(config);
    } finally {
      // In a transaction that failed, RESET fails too, and the rollback undoes the SET; a pooled
      // connection where it failed is not given back to the pool.
      const reset = await client.query('RESET plan_cache_mode').then(
        () => true,
        () => false,
      );
      own?.release(!reset);
    }
  }

  async all<T = Row>(statement: Sql): Promise<T[]> {
    return (await this.query<QueryResultRow>(statement.render('postgres'))).rows as T[];
  }

  async get<T = Row>(statement: Sql): Promise<T | undefined> {
    return (await this.query<QueryResultRow>(statement.render('postgres'))).rows[0] as T | undefined;
  }

  async allValues<T extends unknown[] = unknown[]>(statement: Sql): Promise<T[]> {
    const config = { ...statement.render('postgres'), rowMode: 'array' as const };
    return (await this.query(config as QueryConfig)).rows as unknown as T[];
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

  constructor(
    pool: Pool,
    settings: PostgresSettings,
    onStatement?: (text: string) => void,
    /** Whether opening found the schema current and the reference data loaded (setup.ts asks). */
    readonly initialised = false,
    concurrent = false,
  ) {
    super(
      pool,
      undefined,
      settings,
      onStatement,
      concurrent ? new EachOnItsOwn(pool) : new Lane(pool),
      concurrent,
    );
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
      const result = await fn(
        new TxHandle(this.pool, client, this.settings, this.onStatement, undefined, this.prepared),
      );
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

  async changeStamp(): Promise<string> {
    // Two statements with the same snapshot see the same committed transactions, so the same data.
    const row = await this.get<{ s: string }>(sql`SELECT pg_current_snapshot()::text AS s`);
    return row!.s;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

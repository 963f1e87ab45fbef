// A command's store through the user's hd agent (src/store/agent/server.ts): the store port over
// a Unix socket, with no driver loaded and no login. Engine 'postgres': statements are rendered
// for PostgreSQL here and run by the agent on its warm connections; errors come back with
// PostgreSQL's fields and are mapped here as a direct connection's are, in this command's language.
import { createConnection, type Socket } from 'node:net';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { registerEngineQueries } from '../engine.ts';
import {
  type Queryable,
  type Row,
  type RunResult,
  type Sql,
  type Store,
  StoreBusy,
  StoreUnavailable,
  sql,
  type Tx,
  UniqueViolation,
} from '../port.ts';
import {
  mapPostgresError,
  NotHdPostgresError,
  PostgresAuthError,
  PostgresNoDatabaseError,
  PostgresNotServerError,
  PostgresReadOnlyError,
  PostgresSchemaInconsistentError,
  PostgresSslError,
  PostgresTimeoutError,
  PostgresTooNewError,
} from '../postgres/errors.ts';
import { postgresQueries } from '../postgres/queries.ts';
import type { Env, PostgresSettings } from '../postgres/settings.ts';
import {
  type AgentStatus,
  agentSocketPath,
  agentVersion,
  frame,
  frameReader,
  type Reply,
  sameAgentVersion,
  settingsFingerprint,
  type WireError,
} from './protocol.ts';
import { removeStaleSocket, unsafeSocket } from './stale.ts';

/** How long a command waits for the agent's hello before going direct (a stopped or hung agent). */
export const HELLO_TIMEOUT_MS = 1_000;

/**
 * hd's errors that travel by name (those the store raises without a driver's error behind them),
 * subclasses before the classes they extend: the tag is the first that fits.
 */
export const WIRE_CLASSES: [string, new (message: string) => HdError][] = [
  ['PostgresAuthError', PostgresAuthError],
  ['PostgresNoDatabaseError', PostgresNoDatabaseError],
  ['PostgresNotServerError', PostgresNotServerError],
  ['PostgresSslError', PostgresSslError],
  ['PostgresTimeoutError', PostgresTimeoutError],
  ['PostgresReadOnlyError', PostgresReadOnlyError],
  ['PostgresSchemaInconsistentError', PostgresSchemaInconsistentError],
  ['PostgresTooNewError', PostgresTooNewError],
  ['NotHdPostgresError', NotHdPostgresError],
  ['StoreBusy', StoreBusy],
  ['StoreUnavailable', StoreUnavailable],
  ['HdError', HdError],
];

/** The tag an error travels under: one of WIRE_CLASSES, UniqueViolation, or Error. */
export function wireTag(error: Error): string {
  if (error instanceof UniqueViolation) return 'UniqueViolation';
  return WIRE_CLASSES.find(([, Class]) => error instanceof Class)?.[0] ?? 'Error';
}

/** The error a reply carries, as a direct connection would have thrown it. */
export function fromWire(e: WireError, s: PostgresSettings, text?: string): unknown {
  if ('pg' in e) {
    const error = Object.assign(new Error(e.pg.message), e.pg);
    return mapPostgresError(error, s, text);
  }
  if (e.hd === 'UniqueViolation') return new UniqueViolation(e.message, e.constraint);
  const Class = WIRE_CLASSES.find(([tag]) => tag === e.hd)?.[1];
  const error = Class ? new Class(e.message) : new Error(e.message);
  if (e.code !== undefined) Object.assign(error, { code: e.code });
  return error;
}

/** A request waiting for its answer; `saves` when its answer is what makes a change stick. */
type Pending = { resolve: (reply: Reply) => void; reject: (error: unknown) => void; saves: boolean };

/** The connection to the agent: requests by id, answered in any order. */
class Wire {
  private readonly pending = new Map<number, Pending>();
  private ids = 0;
  private lost: Error | undefined;
  /** The agent went away (stopped, killed): this store is of no more use; the next one is opened anew. */
  gone = false;

  constructor(
    private readonly socket: Socket,
    private readonly s: PostgresSettings,
  ) {
    socket.on(
      'data',
      frameReader(
        (f) => {
          const reply = f as Reply;
          const p = this.pending.get(reply.id);
          this.pending.delete(reply.id);
          p?.resolve(reply);
        },
        () => this.fail(),
      ),
    );
    socket.on('error', () => this.fail());
    socket.on('close', () => this.fail());
  }

  /**
   * The agent went away (or sent what is not a frame): every request waiting fails, and any later.
   * Only a COMMIT (or a statement outside a transaction that changes) on the way may or may not
   * have been saved: said so then. A read, or a transaction not yet committed (the agent rolls
   * it back), changed nothing: said so, with no call to check.
   */
  private fail(): void {
    if (!this.lost) {
      this.gone = true;
      this.lost = new StoreUnavailable(t('agent.err.gone', { location: this.s.location }));
    }
    for (const p of this.pending.values())
      p.reject(
        p.saves ? new StoreUnavailable(t('agent.err.lost', { location: this.s.location })) : this.lost,
      );
    this.pending.clear();
    this.socket.destroy();
  }

  /** Sends a request and waits for its answer; an error in it is thrown, mapped. */
  async request(message: Record<string, unknown>, text?: string): Promise<Reply> {
    if (this.lost) throw this.lost;
    const id = ++this.ids;
    const saves =
      message.op === 'commit' || (message.op === 'q' && message.mode === 'run' && message.tx === undefined);
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, saves });
      this.socket.write(frame({ ...message, id }));
    });
    if (reply.error) throw fromWire(reply.error, this.s, text);
    return reply;
  }

  close(): void {
    this.lost ??= new HdError('hd agent: this store is closed.');
    this.socket.end();
    this.socket.unref();
  }
}

class AgentHandle implements Queryable {
  readonly engine = 'postgres' as const;

  constructor(
    protected readonly wire: Wire,
    protected readonly onStatement: ((text: string) => void) | undefined,
    protected readonly txId?: number,
  ) {}

  private async query(mode: 'all' | 'get' | 'run' | 'values', statement: Sql): Promise<Reply> {
    const { text, values } = statement.render('postgres');
    this.onStatement?.(text);
    const tx = this.txId === undefined ? {} : { tx: this.txId };
    return this.wire.request({ op: 'q', mode, text, values, ...tx }, text);
  }

  async all<T = Row>(statement: Sql): Promise<T[]> {
    return (await this.query('all', statement)).rows as T[];
  }

  async get<T = Row>(statement: Sql): Promise<T | undefined> {
    return (await this.query('get', statement)).rows?.[0] as T | undefined;
  }

  async allValues<T extends unknown[] = unknown[]>(statement: Sql): Promise<T[]> {
    return (await this.query('values', statement)).rows as T[];
  }

  async run(statement: Sql): Promise<RunResult> {
    return { changes: (await this.query('run', statement)).changes ?? 0 };
  }

  iterate<T = Row>(statement: Sql): AsyncIterable<T> {
    return this.cursor<T>(statement, false);
  }

  iterateValues<T extends unknown[] = unknown[]>(statement: Sql): AsyncIterable<T> {
    return this.cursor<T>(statement, true);
  }

  /**
   * The agent's server-side cursor, a batch per request: memory stays flat here as there. The
   * statements it sends are counted as the direct store's are (BEGIN READ ONLY, DECLARE, a FETCH
   * per batch, COMMIT outside a transaction).
   */
  private async *cursor<T>(statement: Sql, arrays: boolean): AsyncGenerator<T> {
    const { text, values } = statement.render('postgres');
    const own = this.txId === undefined;
    if (own) this.onStatement?.('BEGIN READ ONLY');
    this.onStatement?.(`DECLARE … CURSOR FOR ${text}`);
    this.onStatement?.('FETCH');
    const tx = own ? {} : { tx: this.txId };
    let reply = await this.wire.request({ op: 'cur', text, values, arrays, ...tx }, text);
    const cur = reply.cur;
    let done = false;
    try {
      for (;;) {
        for (const row of reply.rows ?? []) yield row as T;
        if (reply.done) {
          done = true;
          break;
        }
        this.onStatement?.('FETCH');
        reply = await this.wire.request({ op: 'next', cur }, text);
      }
    } finally {
      if (!done) await this.wire.request({ op: 'close', cur }).catch(() => {});
      if (own) this.onStatement?.('COMMIT');
    }
  }
}

class AgentTx extends AgentHandle implements Tx {
  readonly inTransaction = true as const;
}

export class AgentStore extends AgentHandle implements Store {
  readonly location: string;
  readonly initialised = true;

  constructor(
    wire: Wire,
    settings: PostgresSettings,
    onStatement: ((text: string) => void) | undefined,
    /** What the agent said of itself when this command connected. */
    readonly agent: AgentStatus,
  ) {
    super(wire, onStatement);
    this.location = settings.location;
  }

  async tx<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
    this.onStatement?.('BEGIN ISOLATION LEVEL READ COMMITTED');
    const { tx } = await this.wire.request({ op: 'begin' });
    let result: T;
    try {
      result = await fn(new AgentTx(this.wire, this.onStatement, tx));
    } catch (error) {
      this.onStatement?.('ROLLBACK');
      await this.wire.request({ op: 'rollback', tx }).catch(() => {});
      throw error;
    }
    this.onStatement?.('COMMIT');
    await this.wire.request({ op: 'commit', tx });
    return result;
  }

  async changeStamp(): Promise<string> {
    const row = await this.get<{ s: string }>(sql`SELECT pg_current_snapshot()::text AS s`);
    return row!.s;
  }

  /**
   * The agent went away since this command connected (stopped, killed): every statement fails.
   * Context.store() then opens a new store (direct, or through a new agent) for a command that
   * goes on (hd sla --watch).
   */
  get gone(): boolean {
    return this.wire.gone;
  }

  async close(): Promise<void> {
    this.wire.close();
  }
}

/**
 * bin/hd's connection to the agent's socket, opened while the bundle loaded (connectEarly there),
 * when it is to `path` and still open (one that failed is closed, and connected again here); any
 * other is closed. Taken once.
 */
function earlyAgent(path: string): Socket | undefined {
  const holder = globalThis as { __hdEarlyAgent?: { path: string; socket: Socket } };
  const early = holder.__hdEarlyAgent;
  holder.__hdEarlyAgent = undefined;
  if (early?.path === path && !early.socket.destroyed) return early.socket;
  early?.socket.destroy();
  return undefined;
}

export interface AgentConnectOptions {
  onStatement?: (text: string) => void;
  /** Where the one line about an agent of another hd goes. */
  warn?: (line: string) => void;
}

/**
 * The store through the user's agent for `settings`, or undefined when none answers (no socket,
 * a stale one, which is removed, or an agent of another hd: said in one line, then direct).
 */
export async function connectAgent(
  settings: PostgresSettings,
  env: Env,
  o: AgentConnectOptions = {},
): Promise<AgentStore | undefined> {
  const path = agentSocketPath(settings, env);
  // As `hd agent start` refuses such a folder: a socket someone else could have put there is
  // never used (it would see every statement and answer what it likes).
  const unsafe = unsafeSocket(path);
  if (unsafe === 'absent') return undefined;
  if (unsafe) {
    o.warn?.(
      t('agent.unsafe', { socket: path, why: t(`agent.unsafe.${unsafe.why}`, { mode: unsafe.mode ?? '' }) }),
    );
    return undefined;
  }
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const early = earlyAgent(path);
    const s = early ?? createConnection(path);
    s.ref();
    s.removeAllListeners('error');
    if (early && !s.connecting) return resolve(s);
    s.once('connect', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') removeStaleSocket(path);
      resolve(undefined);
    });
  });
  if (!socket) return undefined;
  socket.setNoDelay?.(true);
  const wire = new Wire(socket, settings);
  let hello: AgentStatus | 'silent';
  let timer: NodeJS.Timeout | undefined;
  try {
    hello = await Promise.race([
      wire.request({
        op: 'hello',
        version: agentVersion(),
        settings: settingsFingerprint(settings),
      }) as unknown as Promise<AgentStatus>,
      new Promise<'silent'>((resolve) => {
        timer = setTimeout(() => resolve('silent'), HELLO_TIMEOUT_MS);
      }),
    ]);
  } catch {
    wire.close();
    return undefined;
  } finally {
    clearTimeout(timer);
  }
  if (hello === 'silent') {
    wire.close();
    socket.destroy();
    o.warn?.(t('agent.silent', { socket: path, seconds: HELLO_TIMEOUT_MS / 1000 }));
    return undefined;
  }
  if (!sameAgentVersion(String(hello.version), agentVersion())) {
    wire.close();
    o.warn?.(t('agent.mismatch', { agent: hello.version, hd: agentVersion() }));
    return undefined;
  }
  if ((hello as { settings?: string }).settings === 'other') {
    wire.close();
    o.warn?.(t('agent.otherSettings'));
    return undefined;
  }
  // The tuned SLA queries and search of PostgreSQL, as openPostgres registers them.
  registerEngineQueries('postgres', postgresQueries);
  // bin/hd's early TCP connection (when it opened one) is not needed.
  const holder = globalThis as { __hdEarlyPostgres?: { socket: Socket } };
  holder.__hdEarlyPostgres?.socket.destroy();
  holder.__hdEarlyPostgres = undefined;
  return new AgentStore(wire, settings, o.onStatement, hello);
}

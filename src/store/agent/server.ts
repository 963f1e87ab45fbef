// hd agent's server: one user's keeper of warm connections to a central PostgreSQL. It opens the
// store once (migrations and checks, as a command does) with a small pool whose statements are
// prepared by name on each connection, and serves commands on a Unix socket only its user can
// reach (src/store/agent/protocol.ts). A command through it loads no driver, logs in to nothing
// and plans nothing cold: the ~27 ms PostgreSQL adds to a command's own process (issue 13).
import { chmodSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { formatDuration } from '../../domain/time.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { ensureInitialised } from '../../setup.ts';
import { type Queryable, Sql, sql, type Tx } from '../port.ts';
import { postgresMigrations } from '../postgres/migrations/index.ts';
import { postgresSettings } from '../postgres/settings.ts';
import { CURSOR_BATCH, openPostgres, type PostgresStore } from '../postgres/store.ts';
import { wireTag } from './client.ts';
import {
  type AgentStatus,
  agentVersion,
  frame,
  frameReader,
  type Reply,
  type Request,
  settingsFingerprint,
  showIdle,
  type WireError,
} from './protocol.ts';
import { agentPid, pidFile, removePidFile, removeStaleSocket, unsafeSocket } from './stale.ts';

/** How long the schema version the agent last read is taken as the database's. */
const SCHEMA_CHECK_MS = 2_000;

/**
 * Connections the agent may open (a command uses one, a listing inside a transaction two; several
 * commands at once one each), and how many it keeps warm however long it waits for the next
 * command: the pool closes the others after 10 s idle.
 */
const AGENT_CONNECTIONS = 16;
const WARM_CONNECTIONS = 2;

/** A statement already rendered for PostgreSQL by the command that sent it. */
class Rendered extends Sql {
  constructor(
    private readonly text: string,
    values: readonly unknown[],
  ) {
    super([text], values);
  }

  override render(): { text: string; values: unknown[] } {
    return { text: this.text, values: [...this.values] };
  }
}

/** The error of a rolled-back transaction that the client asked to roll back (not sent back). */
class RollbackRequested extends Error {}

/** The fields of an error for the wire: a driver's error as PostgreSQL gave it, hd's by class. */
export function wireError(error: unknown): WireError {
  const cause = error instanceof HdError ? (error as { cause?: unknown }).cause : error;
  if (cause instanceof Error && !(cause instanceof HdError)) {
    const e = cause as Error & Record<string, unknown>;
    const field = (name: string) => (typeof e[name] === 'string' ? (e[name] as string) : undefined);
    return {
      pg: {
        message: e.message,
        code: field('code'),
        constraint: field('constraint'),
        detail: field('detail'),
        table: field('table'),
        hdPhase: field('hdPhase') as 'read' | 'create' | undefined,
      },
    };
  }
  const e = (error instanceof Error ? error : new Error(String(error))) as Error & Record<string, unknown>;
  return {
    hd: wireTag(e),
    message: e.message,
    code: typeof e.code === 'string' ? e.code : undefined,
    constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
  };
}

interface TxSession {
  q: Tx;
  end: (commit: boolean) => void;
  done: Promise<void>;
}

/** One command connected: its transactions and cursors, ended with it. */
class Session {
  readonly txs = new Map<number, TxSession>();
  readonly cursors = new Map<number, AsyncIterator<unknown>>();
  inFlight = 0;
  closed = false;
  /** Said hello with the agent's own connection settings: only then are statements served. */
  greeted = false;

  constructor(
    readonly socket: Socket,
    private readonly agent: Agent,
  ) {}

  send(reply: Reply): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(frame(reply));
  }

  async handle(r: Request): Promise<void> {
    this.inFlight++;
    try {
      this.send({ id: r.id, ...(await this.answer(r)) });
    } catch (error) {
      this.send({ id: r.id, error: wireError(error) });
    } finally {
      this.inFlight--;
      this.agent.settled();
    }
  }

  private handleFor(tx: number | undefined): Queryable {
    if (tx === undefined) return this.agent.store;
    const session = this.txs.get(tx);
    if (!session) throw new HdError(`hd agent: no transaction ${tx} on this connection.`);
    return session.q;
  }

  private async answer(r: Request): Promise<Omit<Reply, 'id'>> {
    if (!this.greeted && r.op !== 'hello' && r.op !== 'status' && r.op !== 'stop')
      throw new HdError('hd agent: no hello with the settings of the agent on this connection.');
    switch (r.op) {
      case 'hello': {
        const status = this.agent.status();
        // Another sslmode, password, application name or time-out than the agent's: the command
        // connects directly; this connection gets nothing else.
        if (r.settings !== this.agent.fingerprint) return { ...status, settings: 'other' };
        this.greeted = true;
        this.agent.served++;
        this.agent.armIdle();
        // A database migrated by a newer hd since the agent opened it: this agent's schema is not
        // the database's, so the command goes direct, where it is told so as without an agent.
        const schema = await this.agent.schemaVersion();
        if (schema !== undefined && schema !== postgresMigrations.length)
          return { ...status, version: `${status.version}, database at schema ${schema}` };
        return { ...status };
      }
      case 'status':
        // Clients: the commands connected, not counting the one that asks.
        return { ...this.agent.status(), clients: this.agent.status().clients - 1 };
      case 'stop':
        setImmediate(() => this.agent.stop());
        return {};
      case 'q': {
        const q = this.handleFor(r.tx);
        const statement = new Rendered(r.text, r.values);
        if (r.mode === 'run') return { changes: (await q.run(statement)).changes };
        if (r.mode === 'values') return { rows: await q.allValues!(statement) };
        if (r.mode === 'get') {
          const row = await q.get(statement);
          return { rows: row === undefined ? [] : [row] };
        }
        return { rows: await q.all(statement) };
      }
      case 'begin':
        return { tx: await this.begin() };
      case 'commit':
      case 'rollback': {
        const session = this.txs.get(r.tx);
        if (!session) throw new HdError(`hd agent: no transaction ${r.tx} on this connection.`);
        this.txs.delete(r.tx);
        session.end(r.op === 'commit');
        await session.done;
        return {};
      }
      case 'cur': {
        const q = this.handleFor(r.tx);
        const statement = new Rendered(r.text, r.values);
        const rows = r.arrays ? q.iterateValues!(statement) : q.iterate(statement);
        const cur = this.agent.nextId();
        this.cursors.set(cur, rows[Symbol.asyncIterator]());
        return { cur, ...(await this.batch(cur)) };
      }
      case 'next':
        return { cur: r.cur, ...(await this.batch(r.cur)) };
      case 'close': {
        const cursor = this.cursors.get(r.cur);
        this.cursors.delete(r.cur);
        await cursor?.return?.();
        return {};
      }
    }
  }

  /** The next rows of a cursor, as many as the store fetches at once (one FETCH). */
  private async batch(cur: number): Promise<{ rows: unknown[]; done: boolean }> {
    const cursor = this.cursors.get(cur);
    if (!cursor) throw new HdError(`hd agent: no cursor ${cur} on this connection.`);
    const rows: unknown[] = [];
    try {
      while (rows.length < CURSOR_BATCH) {
        const next = await cursor.next();
        if (next.done) {
          this.cursors.delete(cur);
          return { rows, done: true };
        }
        rows.push(next.value);
      }
    } catch (error) {
      this.cursors.delete(cur);
      throw error;
    }
    return { rows, done: false };
  }

  /** A transaction on a connection of its own, held until the command commits or rolls back. */
  private begin(): Promise<number> {
    const id = this.agent.nextId();
    return new Promise<number>((started, failed) => {
      let end: (commit: boolean) => void = () => {};
      const ended = new Promise<void>((commit, rollback) => {
        end = (yes) => (yes ? commit() : rollback(new RollbackRequested('rolled back')));
      });
      const done = this.agent.store
        .tx(async (q) => {
          this.txs.set(id, { q, end, done });
          started(id);
          // The command went away while its BEGIN was on the way: nothing will end it but this.
          if (this.closed) end(false);
          await ended;
        })
        .catch((error) => {
          if (!(error instanceof RollbackRequested)) throw error;
        });
      // A BEGIN that failed (no connection) is the answer to begin; a failed COMMIT is commit's.
      done.catch((error) => {
        if (!this.txs.has(id)) failed(error);
      });
    });
  }

  /** The command went away: what it left open is rolled back and closed. */
  async close(): Promise<void> {
    this.closed = true;
    const cursors = [...this.cursors.values()];
    this.cursors.clear();
    await Promise.all(cursors.map((c) => c.return?.().catch(() => {})));
    const txs = [...this.txs.values()];
    this.txs.clear();
    for (const tx of txs) tx.end(false);
    await Promise.all(txs.map((tx) => tx.done.catch(() => {})));
  }
}

export interface AgentOptions {
  url: string;
  env: NodeJS.ProcessEnv;
  socket: string;
  /** Exits after this long without a command connected. */
  idleMs: number;
  now: () => number;
  /** Where the agent says what it does (stderr of --foreground). */
  log: (line: string) => void;
}

/** How long `hd agent status|stop|start` wait for an agent's answer before calling it silent. */
export const STATUS_TIMEOUT_MS = 1_000;

/**
 * An agent already answers on `socket`: its status; 'silent' when one listens but does not answer
 * within STATUS_TIMEOUT_MS (stopped with SIGSTOP, hung); undefined when none (then a stale file is
 * removed).
 */
export async function liveAgent(socket: string): Promise<AgentStatus | 'silent' | undefined> {
  return new Promise((resolve) => {
    const s = createConnection(socket);
    const timer = setTimeout(() => {
      s.destroy();
      resolve('silent');
    }, STATUS_TIMEOUT_MS);
    s.on('close', () => clearTimeout(timer));
    const read = frameReader(
      (f) => {
        s.destroy();
        resolve(f as AgentStatus);
      },
      () => {
        s.destroy();
        resolve(undefined);
      },
    );
    s.on('data', read);
    s.on('connect', () => s.write(frame({ op: 'status', id: 1 })));
    s.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') removeStaleSocket(socket);
      resolve(undefined);
    });
    s.on('close', () => resolve(undefined));
  });
}

/** Asks the agent on `socket` to stop; resolves once it has taken the request (or is gone). */
export function askToStop(socket: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const s = createConnection(socket);
    s.on('connect', () => s.write(frame({ op: 'stop', id: 1 })));
    s.on('data', () => s.end());
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
}

/** The agent's folder, created private (0700), and refused when someone else could reach it. */
export function privateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A file (or something else) where the folder should be: refused below, in a message.
    const code = (error as NodeJS.ErrnoException).code;
    // A file on the way to it (XDG_RUNTIME_DIR a file), a folder not writable: said in one line.
    if (code !== 'EEXIST') throw new HdError(t('agent.err.mkdir', { dir, reason: code ?? String(error) }));
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    throw new HdError(t('agent.err.dir', { dir }));
  }
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

export class Agent {
  store!: PostgresStore;
  served = 0;
  private readonly sessions = new Set<Session>();
  private server: Server | undefined;
  private ids = 0;
  private idle: NodeJS.Timeout | undefined;
  private readonly startedAt: number;
  private stopping: Promise<void> | undefined;
  private stopped!: () => void;
  /** Resolves when the agent has stopped (idle, SIGTERM, `hd agent stop`). */
  readonly finished = new Promise<void>((resolve) => {
    this.stopped = resolve;
  });
  private drained: (() => void) | undefined;

  /** settingsFingerprint of the agent's own connection: a command's hello must carry the same. */
  readonly fingerprint: string;

  constructor(private readonly o: AgentOptions) {
    this.startedAt = o.now();
    this.fingerprint = settingsFingerprint(postgresSettings(o.url, o.env));
  }

  private schema: { at: number; version: number | undefined } | undefined;

  /**
   * The database's schema version, read again at most every SCHEMA_CHECK_MS (a command without an
   * agent reads it on every start); undefined when it cannot be read (the command's own
   * statements then say what is wrong).
   */
  async schemaVersion(): Promise<number | undefined> {
    const now = performance.now();
    if (this.schema && now - this.schema.at < SCHEMA_CHECK_MS) return this.schema.version;
    let version: number | undefined;
    try {
      const row = await this.store.get<{ v: number | null }>(
        sql`SELECT max(version) AS v FROM schema_version`,
      );
      version = row?.v ?? undefined;
    } catch {
      version = undefined;
    }
    this.schema = { at: now, version };
    return version;
  }

  nextId(): number {
    return ++this.ids;
  }

  status(): AgentStatus {
    return {
      version: agentVersion(),
      pid: process.pid,
      location: this.store.location,
      socket: this.o.socket,
      startedAt: this.startedAt,
      served: this.served,
      clients: this.sessions.size,
    };
  }

  /**
   * Something else where the socket goes (a file, another user's socket): never connected to nor
   * removed, refused in one line (as a command refuses to use it).
   */
  private refuseUnsafe(): void {
    const unsafe = unsafeSocket(this.o.socket);
    if (unsafe === undefined || unsafe === 'absent') return;
    throw new HdError(
      t('agent.err.unsafe', {
        socket: this.o.socket,
        why: t(`agent.unsafe.${unsafe.why}`, { mode: unsafe.mode ?? '' }),
      }),
    );
  }

  /** Opens the database (migrating it, as a command would) and listens. */
  async start(): Promise<void> {
    this.refuseUnsafe();
    privateDir(dirname(this.o.socket));
    const running = await liveAgent(this.o.socket);
    if (running === 'silent')
      throw new HdError(
        t('agent.status.silent', { pid: agentPid(this.o.socket) ?? '?', socket: this.o.socket }),
      );
    if (running) throw new HdError(t('agent.err.running', { pid: running.pid, socket: this.o.socket }));
    removeStaleSocket(this.o.socket);
    this.store = await openPostgres(this.o.url, this.o.env, {
      maxConnections: AGENT_CONNECTIONS,
      minConnections: WARM_CONNECTIONS,
      concurrent: true,
      // Commands beyond the pool queue for a connection as long as a statement may take.
      queueTimeoutMs: postgresSettings(this.o.url, this.o.env).statementTimeoutMs,
    });
    try {
      if (!this.store.initialised) await ensureInitialised(this.store, this.o.now());
      const server = createServer((socket) => this.accept(socket));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // Created private: no moment when others could connect.
        const mask = process.umask(0o077);
        server.listen(this.o.socket, () => {
          process.umask(mask);
          server.off('error', reject);
          resolve();
        });
      });
      chmodSync(this.o.socket, 0o600);
      // Which process it is, for `hd agent status|stop` when it does not answer.
      writeFileSync(pidFile(this.o.socket), `${process.pid}\n`, { mode: 0o600 });
    } catch (error) {
      await this.store.close().catch(() => {});
      throw error;
    }
    this.armIdle();
  }

  private accept(socket: Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const session = new Session(socket, this);
    this.sessions.add(session);
    socket.on(
      'data',
      frameReader(
        (f) => void session.handle(f as Request),
        () => socket.destroy(),
      ),
    );
    socket.on('error', () => {});
    socket.on('close', () => {
      void session.close().finally(() => {
        this.sessions.delete(session);
        this.armIdle();
        this.settled();
      });
    });
  }

  /** Idle: no command connected for idleMs → stop. */
  armIdle(): void {
    // Only commands keep it up: `hd agent status` (no hello) neither stops nor restarts the timer.
    if (this.stopping || [...this.sessions].some((s) => s.greeted)) {
      if (this.idle) clearTimeout(this.idle);
      this.idle = undefined;
      return;
    }
    // Running since the last command left (a status that came and went changes nothing).
    if (this.idle) return;
    this.idle = setTimeout(() => {
      this.o.log(t('agent.idleExit', { idle: showIdle(this.o.idleMs, formatDuration) }));
      void this.stop();
    }, this.o.idleMs);
    this.idle.unref?.();
  }

  /** Called when a request or a session ends: a stopping agent waits for none in flight. */
  settled(): void {
    if (!this.drained) return;
    for (const s of this.sessions) if (s.inFlight > 0 || s.txs.size > 0) return;
    this.drained();
  }

  /**
   * Stops: no new command, the socket removed, what is in flight finished (a transaction open
   * gets up to 30 s to end), then the connections closed.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.idle) clearTimeout(this.idle);
      // No new command from now on (close's callback would wait for the connected ones).
      this.server?.close();
      removeStaleSocket(this.o.socket);
      removePidFile(this.o.socket);
      const drained = new Promise<void>((resolve) => {
        this.drained = resolve;
      });
      this.settled();
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
      for (const s of this.sessions) s.socket.destroy();
      await Promise.all([...this.sessions].map((s) => s.close()));
      await this.store.close().catch(() => {});
      this.stopped();
    })();
    return this.stopping;
  }
}

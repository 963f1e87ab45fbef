import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli.ts';
import type { Context } from '../../src/context.ts';
import { loadDemo } from '../../src/demo.ts';
import { HdError } from '../../src/errors.ts';
import { type Lang, setLanguage } from '../../src/i18n.ts';
import { ensureInitialised } from '../../src/setup.ts';
import { connectAgent } from '../../src/store/agent/client.ts';
import { type Queryable, type Row, type Sql, sql } from '../../src/store/port.ts';
import { openPostgres, postgresSettings } from '../../src/store/postgres/index.ts';
import { openDatabase, type SqliteStore as Store } from '../../src/store/sqlite/db.ts';
import type { Prompter } from '../../src/ui/prompter.ts';
import { ScriptedPrompter, type Step } from './prompter.ts';

export interface TestHarness {
  ctx: Context;
  stdout(): string;
  stderr(): string;
  prompter: ScriptedPrompter;
  store: Store;
  /** Runs `hd ARGS` through the real commander wiring; resolves to the exit code. */
  run(args: string[], opts?: { stdin?: string; script?: Step[] }): Promise<number>;
  setNow(iso: string): void;
  reset(): void;
  /** Simulates Ctrl-C for commands that wait on ctx.interrupt(). */
  interruptNow(): void;
  /** The signal ctx.interrupt() gives (what listens to it). */
  interruptSignal(): AbortSignal;
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hd-test-')), 'hd.db');
}

/** Set by the PostgreSQL test files: harnesses of this file use this database instead of SQLite. */
let postgres:
  | { url: string; store?: Promise<Store>; paths: Set<string>; agentEnv?: Record<string, string> }
  | undefined;

/**
 * Runs this file's harnesses on the PostgreSQL database at `url` (a fresh one per test file).
 * Each harness empties it first, as a new `:memory:` database starts empty; harnesses given the
 * same `path` share it, as they share the SQLite file.
 */
export function usePostgres(url: string): void {
  postgres = { url, paths: new Set() };
}

/**
 * As usePostgres, but the harnesses' store goes through the hd agent that `agentEnv` reaches
 * (test/helpers/agent.ts): the commands run as they do with `hd agent start` running.
 */
export function usePostgresAgent(url: string, agentEnv: Record<string, string>): void {
  postgres = { url, paths: new Set(), agentEnv };
}

/** Ends the pool of usePostgres (afterAll). */
export async function closePostgres(): Promise<void> {
  const store = await postgres?.store;
  postgres = undefined;
  await store?.close();
}

/** The engine the harnesses of this file use. */
export function testEngine(): 'sqlite' | 'postgres' {
  return postgres ? 'postgres' : 'sqlite';
}

async function postgresStore(path: string | undefined): Promise<Store> {
  const pg = postgres as NonNullable<typeof postgres>;
  // The harness's store type is the SQLite one (SQLite-only tests read store.db); on PostgreSQL
  // only the port's members are there.
  // Statements are counted as on SQLite (store.statements), transaction control aside.
  const counter = { statements: 0 };
  const onStatement = (text: string) => {
    if (!/^(BEGIN|COMMIT|ROLLBACK)\b/.test(text)) counter.statements++;
  };
  const env = pg.agentEnv;
  pg.store ??= (env
    ? connectAgent(postgresSettings(pg.url, env), env, { onStatement }).then((store) => {
        if (!store) throw new Error(`no hd agent answers for ${pg.url} in ${env.XDG_RUNTIME_DIR}`);
        return store;
      })
    : openPostgres(pg.url, { HOME: '/nonexistent-hd-test-home' }, { onStatement })
  ).then((store) =>
    Object.defineProperty(store, 'statements', { get: () => counter.statements }),
  ) as unknown as Promise<Store>;
  const store = await pg.store;
  if (path === undefined || !pg.paths.has(path)) {
    if (path !== undefined) pg.paths.add(path);
    const tables = await store.all<{ name: string }>(
      sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'`,
    );
    // The schema refuses deleting tickets and events (a trigger): off for the emptying only.
    const names = tables.map((t) => `"${t.name}"`);
    await store.tx(async (q) => {
      for (const n of names) await q.run(sql.raw(`ALTER TABLE ${n} DISABLE TRIGGER USER`));
      await q.run(sql.raw(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`));
      for (const n of names) await q.run(sql.raw(`ALTER TABLE ${n} ENABLE TRIGGER USER`));
    });
  }
  return store;
}

export async function harness(
  options: {
    now?: string;
    interactive?: boolean;
    demo?: boolean;
    operator?: string;
    path?: string;
    /** Output to a terminal this many columns wide (tables instead of tab-separated lines). */
    terminal?: number;
    /** The interface language (HD_LANG); English unless given. */
    lang?: Lang;
  } = {},
): Promise<TestHarness> {
  let now = new Date(options.now ?? '2026-11-25T09:00:00Z');
  setLanguage(options.lang ?? 'en');
  let store: Store;
  if (postgres) {
    store = await postgresStore(options.path);
  } else {
    store = openDatabase(options.path ?? ':memory:');
    // A query on the root handle inside store.tx() would run outside the transaction on PostgreSQL.
    store.strict = true;
  }
  await ensureInitialised(store, now.getTime());
  if (options.demo !== false) await loadDemo(store, now.getTime());
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => {
    const stream = new PassThrough();
    stream.on('data', (chunk) => append(String(chunk)));
    return stream;
  };
  const prompter = new ScriptedPrompter([]);
  let operator = options.operator ?? 'olga';
  const interrupt = new AbortController();
  const ctx: Context = {
    io: {
      stdin: Readable.from([]),
      stdout: sink((s) => {
        out += s;
      }),
      stderr: sink((s) => {
        err += s;
      }),
      isInteractive: options.interactive ?? false,
      isTerminal: options.terminal !== undefined,
      color: false,
      columns: options.terminal ?? 120,
    },
    env: options.lang ? { HD_LANG: options.lang } : {},
    now: () => new Date(now.getTime()),
    get operator() {
      return operator;
    },
    set operator(value: string) {
      operator = value;
    },
    timeZone: 'Europe/Minsk',
    dbPath: postgres ? postgres.url : (options.path ?? ':memory:'),
    store: async () => store,
    prompter: async (): Promise<Prompter> => prompter,
    interrupt: () => interrupt.signal,
  };
  const h: TestHarness = {
    ctx,
    prompter,
    store,
    stdout: () => out,
    stderr: () => err,
    setNow(iso: string) {
      now = new Date(iso);
    },
    interruptNow() {
      interrupt.abort();
    },
    interruptSignal: () => interrupt.signal,
    reset() {
      out = '';
      err = '';
    },
    async run(args, opts = {}) {
      out = '';
      err = '';
      if (opts.stdin !== undefined) ctx.io.stdin = Readable.from([Buffer.from(opts.stdin)]);
      prompter.load(opts.script ?? []);
      try {
        await runCli(args, () => ctx);
        await new Promise((resolve) => setImmediate(resolve));
        prompter.assertDone();
        return 0;
      } catch (error) {
        await new Promise((resolve) => setImmediate(resolve));
        if (error instanceof HdError) {
          if (error.message) err += `hd: ${error.message}\n`;
          for (const line of error.lines ?? []) err += `${line}\n`;
          return error.exitCode;
        }
        throw error;
      }
    },
  };
  return h;
}

/** A statement from text with `?` placeholders, rendered for either engine. */
export function statement(text: string, ...params: unknown[]): Sql {
  const strings = text.split('?');
  if (strings.length !== params.length + 1) throw new Error(`${params.length} values for: ${text}`);
  return sql(Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray, ...params);
}

/** The first row of `text` (`?` placeholders), on either engine. */
export async function dbRow(q: Queryable, text: string, ...params: unknown[]): Promise<Row | undefined> {
  return q.get(statement(text, ...params));
}

/** The rows of `text`. */
export async function dbRows(q: Queryable, text: string, ...params: unknown[]): Promise<Row[]> {
  return q.all(statement(text, ...params));
}

/** The first column of the first row of `text`. */
export async function dbValue(q: Queryable, text: string, ...params: unknown[]): Promise<unknown> {
  const r = await q.get(statement(text, ...params));
  return r ? Object.values(r)[0] : undefined;
}

/** Runs `text`; its count of changed rows. */
export async function dbExec(q: Queryable, text: string, ...params: unknown[]): Promise<number> {
  return (await q.run(statement(text, ...params))).changes;
}

/**
 * The SQLite-only, synchronous form of countRows; on PostgreSQL it throws (a test written with it
 * would compare two Promises, which are always equal).
 */
export function tableCounts(store: Store): Record<string, number> {
  if (store.engine !== 'sqlite')
    throw new Error('tableCounts reads SQLite only: use await countRows(h.store)');
  const tables = store.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (store.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/** A count of rows per table, on either engine: "nothing was written" means these stay equal. */
export async function countRows(store: Queryable): Promise<Record<string, number>> {
  const tables = await store.all<{ name: string }>(
    store.engine === 'postgres'
      ? sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'search_index%' ORDER BY tablename`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = Number(await dbValue(store, `SELECT COUNT(*) AS n FROM "${name}"`));
  }
  return counts;
}

export { openDatabase };

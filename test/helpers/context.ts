import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli.ts';
import type { Context } from '../../src/context.ts';
import { loadDemo } from '../../src/demo.ts';
import { HdError } from '../../src/errors.ts';
import { ensureInitialised } from '../../src/setup.ts';
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
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hd-test-')), 'hd.db');
}

export async function harness(
  options: { now?: string; interactive?: boolean; demo?: boolean; operator?: string; path?: string } = {},
): Promise<TestHarness> {
  let now = new Date(options.now ?? '2026-11-25T09:00:00Z');
  const store = openDatabase(options.path ?? ':memory:');
  // A query on the root handle inside store.tx() would run outside the transaction on PostgreSQL.
  store.strict = true;
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
      isTerminal: false,
      color: false,
      columns: 120,
    },
    env: {},
    now: () => new Date(now.getTime()),
    get operator() {
      return operator;
    },
    set operator(value: string) {
      operator = value;
    },
    timeZone: 'Europe/Minsk',
    dbPath: options.path ?? ':memory:',
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
          return error.exitCode;
        }
        throw error;
      }
    },
  };
  return h;
}

/** A count of rows per table: "nothing was written" means these stay equal. */
export function tableCounts(store: Store): Record<string, number> {
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

export { openDatabase };

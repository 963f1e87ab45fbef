import type { Context, IO, Output } from './context.ts';
import { operatorName } from './context.ts';
import { isValidTimeZone } from './domain/profile.ts';
import { HdError } from './errors.ts';
import { defaultDbPath } from './paths.ts';
import type { Store } from './store/db.ts';
import type { Prompter } from './ui/prompter.ts';
import { stripUnsafe } from './ui/text.ts';

export interface GlobalOptions {
  db?: string;
  input: boolean;
  color?: boolean;
}

/** Builds the Context from the process: the only place that reads process.env and the TTYs. */
export function createContext(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Context {
  const stdinTTY = Boolean(process.stdin.isTTY);
  const stdoutTTY = Boolean(process.stdout.isTTY);
  const io: IO = {
    stdin: process.stdin,
    stdout: guarded(process.stdout),
    stderr: guarded(process.stderr),
    isInteractive: stdinTTY && stdoutTTY && globals.input && !env.CI,
    isTerminal: stdoutTTY,
    color: colourWanted(globals, env, stdoutTTY),
    columns: process.stdout.columns || Number(env.COLUMNS) || 100,
  };
  const fixedNow = env.HD_NOW ? new Date(env.HD_NOW) : null;
  if (fixedNow && Number.isNaN(fixedNow.getTime())) {
    throw new HdError(`HD_NOW="${env.HD_NOW}" is not an ISO timestamp (like 2026-11-25T09:00:00Z).`, 2);
  }
  const timeZone = env.HD_TZ || 'Europe/Minsk';
  if (env.HD_TZ && !isValidTimeZone(env.HD_TZ)) {
    throw new HdError(`HD_TZ="${env.HD_TZ}" is not a time zone. Use an IANA name like Europe/Minsk.`, 2);
  }
  // Local-time getters then show HD_TZ without loading ICU time zone data (see ui/time.ts).
  process.env.TZ = timeZone;
  const dbPath = globals.db || defaultDbPath(env);
  let store: Promise<Store> | undefined;
  let prompter: Promise<Prompter> | undefined;
  let interrupt: AbortController | undefined;
  const ctx: Context = {
    io,
    env,
    now: () => (fixedNow ? new Date(fixedNow.getTime()) : new Date()),
    operator: operatorName(env),
    timeZone,
    dbPath,
    store() {
      store ??= (async () => {
        const { openDatabase } = await import('./store/db.ts');
        const { ensureInitialised } = await import('./setup.ts');
        const opened = openDatabase(dbPath);
        await ensureInitialised(opened, ctx.now().getTime());
        return opened;
      })();
      return store;
    },
    interrupt() {
      if (!interrupt) {
        const controller = new AbortController();
        process.once('SIGINT', () => controller.abort());
        interrupt = controller;
      }
      return interrupt.signal;
    },
    prompter() {
      prompter ??= import('./ui/prompter.ts').then((m) => m.inquirerPrompter(process.stdin, process.stderr));
      return prompter;
    },
  };
  return ctx;
}

/** Text that came from users cannot drive the terminal, whatever path it takes to the output. */
function guarded(stream: NodeJS.WriteStream): Output {
  return { write: (text: string) => stream.write(stripUnsafe(text)) };
}

function colourWanted(globals: GlobalOptions, env: NodeJS.ProcessEnv, stdoutTTY: boolean): boolean {
  if (globals.color === false || env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stdoutTTY && env.TERM !== 'dumb';
}

/** Maps every error to an exit code and one clear line; stack traces only with HD_DEBUG=1. */
export function reportError(error: unknown, stderr: Output, env: NodeJS.ProcessEnv): number {
  if (error instanceof HdError) {
    if (error.message) stderr.write(`hd: ${error.message}\n`);
    if (env.HD_DEBUG === '1') stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const e = error as Error & { code?: string };
  if (e?.code === 'SQLITE_BUSY') {
    stderr.write(
      'hd: the database stayed locked by another hd process for too long; nothing was written. Try again.\n',
    );
    return 1;
  }
  stderr.write(`hd: unexpected error: ${e?.message ?? String(error)}\n`);
  if (env.HD_DEBUG === '1') stderr.write(`${e?.stack}\n`);
  else stderr.write('hd: run again with HD_DEBUG=1 for details.\n');
  return 1;
}

/** `hd list | head`: the reader went away; stop quietly, as other Unix tools do. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

async function main(): Promise<number> {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  const { runCli } = await import('./cli.ts');
  try {
    await runCli(process.argv.slice(2), createContext);
    return 0;
  } catch (error) {
    return reportError(error, guarded(process.stderr), process.env);
  }
}

/** Resolves once everything written so far has left the process (pipes are asynchronous). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

main().then(async (code) => {
  // Exit explicitly (prompt libraries and timers may hold the event loop open), but only after
  // stdout and stderr have drained: exiting earlier truncates large piped output.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});

import { writeSync } from 'node:fs';
import type { Context, IO, Output } from './context.ts';
import { operatorName } from './context.ts';
import { isValidTimeZone } from './domain/profile.ts';
import { parseIsoInstant } from './domain/time.ts';
import { HdError, wrapError } from './errors.ts';
import { languageFrom, setLanguage, t } from './i18n.ts';
import { parseMailFrom } from './mail/address.ts';
import { defaultDbPath } from './paths.ts';
import type { Store } from './store/port.ts';
import { isTerminal } from './tty.ts';
import { fdOutput } from './ui/fd-output.ts';
import { isInterfaceLanguage } from './ui/lang.ts';
import type { Prompter } from './ui/prompter.ts';
import { sanitizeLine } from './ui/text.ts';

export interface GlobalOptions {
  db?: string;
  input: boolean;
  color?: boolean;
}

/** Builds the Context from the process: the only place that reads process.env and the TTYs. */
export function createContext(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Context {
  const stdoutTTY = isTerminal(1);
  let interactive: boolean | undefined;
  const io: IO = {
    get stdin() {
      return process.stdin;
    },
    stdout: STDOUT,
    stderr: STDERR,
    // A person can answer when stdin is a terminal: prompts go to stderr, so piping the output
    // (`hd eta 12 18:30 | tee log`) neither silences the questions nor changes what is recorded.
    // Asked only by commands that may prompt: telling a terminal from /dev/null loads node:tty.
    // Not process.stdin.isTTY: creating the stdin stream costs ~3 ms, and only `-` reads it.
    get isInteractive() {
      interactive ??= globals.input && !env.CI && isTerminal(0);
      return interactive;
    },
    isTerminal: stdoutTTY,
    color: colourWanted(globals, env, stdoutTTY),
    columns: (stdoutTTY && process.stdout.columns) || Number(env.COLUMNS) || 100,
  };
  colouring = io.color;
  setLanguage(languageFrom(env));
  const timeZone = env.HD_TZ || 'Europe/Minsk';
  if (env.HD_TZ && !isValidTimeZone(env.HD_TZ)) {
    throw new HdError(t('env.err.tz', { value: JSON.stringify(env.HD_TZ) }), 2);
  }
  if (env.HD_LANG && !isInterfaceLanguage(env.HD_LANG)) {
    throw new HdError(t('env.err.lang', { value: JSON.stringify(env.HD_LANG) }), 2);
  }
  const fixedNow = env.HD_NOW ? fixedMoment(env.HD_NOW, timeZone) : null;
  // Checked before any command runs: a wrong sender found only at sending time would come after
  // the change that queued the e-mail had already been saved.
  if (env.HD_MAIL_FROM) parseMailFrom(env.HD_MAIL_FROM);
  // Local-time getters then show HD_TZ without loading ICU time zone data (see ui/time.ts).
  process.env.TZ = timeZone;
  if (globals.db !== undefined && globals.db.trim() === '') throw new HdError(t('env.err.dbFlag'), 2);
  if (globals.db === undefined && env.HD_DB !== undefined && env.HD_DB.trim() === '')
    throw new HdError(t('env.err.dbEmpty'), 2);
  const dbPath = globals.db || defaultDbPath(env);
  let store: Promise<Store> | undefined;
  let current: Store | undefined;
  let prompter: Promise<Prompter> | undefined;
  let interrupt: AbortController | undefined;
  const ctx: Context = {
    io,
    env,
    now: () => (fixedNow ? new Date(fixedNow.getTime()) : new Date()),
    operator: operatorName(env),
    timeZone,
    dbPath,
    program: process.argv[1],
    store() {
      // A store through an hd agent that has since gone away (stopped between two rounds of
      // `hd sla --watch`) fails every statement: the next call opens a new one (direct, or
      // through a new agent).
      if ((current as { gone?: boolean } | undefined)?.gone) {
        void current!.close().catch(() => {});
        store = undefined;
        current = undefined;
      }
      store ??= import('./setup.ts')
        .then((m) => m.openStore(dbPath, { stderr: io.stderr, env, now: ctx.now().getTime() }))
        .then(
          (opened) => {
            current = opened;
            return opened;
          },
          (error: unknown) => {
            // Not kept: a command that goes on (a watch) tries to open it again next time.
            store = undefined;
            throw error;
          },
        );
      openedStore = store;
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
      prompter ??= import('./ui/prompter.ts').then((m) => m.inquirerPrompter(process.stdin, stream(2)));
      return prompter;
    },
  };
  return ctx;
}

/** HD_NOW: strict ISO-8601; without an offset it is read in HD_TZ, like a time on the command line. */
function fixedMoment(text: string, timeZone: string): Date {
  let at: Date | null;
  try {
    at = parseIsoInstant(text, timeZone);
  } catch (error) {
    throw new HdError(`HD_NOW=${JSON.stringify(text)}: ${(error as Error).message}`, 2);
  }
  if (!at) throw new HdError(t('env.err.now', { value: JSON.stringify(text) }), 2);
  return at;
}

/** The Node streams this run has created (a stream costs ~3 ms to set up, so only when needed). */
const opened: NodeJS.WriteStream[] = [];

function stream(fd: 1 | 2): NodeJS.WriteStream {
  const s = fd === 1 ? process.stdout : process.stderr;
  if (!opened.includes(s)) {
    opened.push(s);
    // `hd list | head`: the reader went away; stop quietly, as other Unix tools do.
    s.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return s;
}

const system = { writeSync, isatty: isTerminal, stream, closed: () => process.exit(0) };
/** Whether hd colours its output (set with the Context): otherwise no colour code is written at all. */
let colouring = false;
const STDOUT = fdOutput(1, system, () => colouring);
const STDERR = fdOutput(2, system, () => colouring);

function colourWanted(globals: GlobalOptions, env: NodeJS.ProcessEnv, stdoutTTY: boolean): boolean {
  if (globals.color === false || env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stdoutTTY && env.TERM !== 'dumb';
}

/** Maps every error to an exit code and one clear line; stack traces only with HD_DEBUG=1. */
export function reportError(
  error: unknown,
  stderr: Output,
  env: NodeJS.ProcessEnv,
  columns?: number,
): number {
  if (error instanceof HdError) {
    // Messages echo typed and stored values (matching clients, contacts): each value is cleaned
    // where it is put in (ui/text.ts shown), and the whole message again here, as one line: a
    // line break typed into a value must not start a line that looks like hd's own. On a
    // terminal that one line is broken between words to its width, the rest indented under it.
    if (error.message) stderr.write(`${wrapError(`hd: ${sanitizeLine(error.message)}`, columns)}\n`);
    for (const line of error.lines ?? []) stderr.write(`${sanitizeLine(line)}\n`);
    if (env.HD_DEBUG === '1') stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const e = error as Error;
  stderr.write(`hd: ${t('env.err.unexpected', { message: sanitizeLine(e?.message ?? String(error)) })}\n`);
  if (env.HD_DEBUG === '1') stderr.write(`${e?.stack}\n`);
  else stderr.write(`hd: ${t('env.debugHint')}\n`);
  return 1;
}

/** The store this run opened, if any: closed at the end (a PostgreSQL pool ends its connections). */
let openedStore: Promise<Store> | undefined;

async function closeStore(): Promise<void> {
  const store = await openedStore?.catch(() => undefined);
  // SQLite closes with the process; a pool left open would keep connections until the server notices.
  if (store?.engine === 'postgres') await store.close().catch(() => {});
}

async function main(): Promise<number> {
  const { runCli } = await import('./cli.ts');
  try {
    // Before the commands are declared: their help is written in the interface language.
    setLanguage(languageFrom(process.env));
    await runCli(process.argv.slice(2), createContext);
    await closeStore();
    return 0;
  } catch (error) {
    await closeStore();
    // Wrapped only when stderr is a terminal (a log or a pipe keeps one line per error).
    const columns = isTerminal(2) ? process.stderr.columns || Number(process.env.COLUMNS) || 80 : undefined;
    return reportError(error, STDERR, process.env, columns);
  }
}

/** Resolves once everything written so far has left the process (stream writes are asynchronous). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

main().then(async (code) => {
  // Exit explicitly (prompt libraries and timers may hold the event loop open), but only after
  // stdout and stderr have drained: exiting earlier truncates large piped output.
  await Promise.all(opened.map(flushed));
  process.exit(code);
});

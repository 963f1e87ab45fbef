import { userInfo } from 'node:os';
import { checkLine, LIMITS } from './domain/limits.ts';
import type { Store } from './store/port.ts';
import type { Prompter } from './ui/prompter.ts';
import { sanitize } from './ui/text.ts';

/** Where hd writes: only `write` is used, so main.ts can put a filter in front of the terminal. */
export interface Output {
  write(text: string): unknown;
}

export interface IO {
  stdin: NodeJS.ReadableStream;
  stdout: Output;
  stderr: Output;
  /** stdin is a terminal and --no-input is off: a person can answer, so prompting is allowed. */
  isInteractive: boolean;
  /** stdout is a terminal: tables and relative times instead of tab-separated lines. */
  isTerminal: boolean;
  color: boolean;
  columns: number;
}

/** The one object passed down from main.ts; nothing below commands/ reads globals. */
export interface Context {
  io: IO;
  env: NodeJS.ProcessEnv;
  now(): Date;
  operator: string;
  timeZone: string;
  dbPath: string;
  /** The path hd was started from (bin/hd), to tell the user how to type it; unknown in tests. */
  program?: string;
  store(): Promise<Store>;
  prompter(): Promise<Prompter>;
  /** Aborted when the user presses Ctrl-C; for long-running commands such as `hd sla --watch`. */
  interrupt(): AbortSignal;
}

export function operatorName(env: NodeJS.ProcessEnv): string {
  if (env.HD_OPERATOR?.trim()) return checkLine(env.HD_OPERATOR.trim(), 'HD_OPERATOR', LIMITS.name);
  try {
    return userInfo().username;
  } catch {
    return env.USER || 'operator';
  }
}

/** Writes chatter (progress, confirmations, hints) to stderr, keeping stdout for data. */
export function say(ctx: Context, text: string): void {
  // Chatter echoes names and notes; hd colours none of it, so all of it is cleaned here.
  ctx.io.stderr.write(`${sanitize(text)}\n`);
}

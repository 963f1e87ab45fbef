// Typed errors, mapped to exit codes in one place (src/main.ts).
import { type MessageKey, t } from './i18n.ts';

/** The values filled into a catalog message. */
export type MessageVars = Record<string, string | number>;

export class HdError extends Error {
  /**
   * Lines printed after the message, each on its own line and never broken to the terminal's
   * width (a command to copy and run again).
   */
  lines?: string[];
  /**
   * The catalog key the message was written from, with its values: the TMF621 API words a refusal
   * whose CLI text names a command or a flag in its own terms (src/api/errors.ts API_WORDS).
   */
  said?: { key: MessageKey; vars: MessageVars };

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** `error`, remembering the key and values its message was written from (HdError.said). */
export function saying<E extends HdError>(error: E, key: MessageKey, vars: MessageVars = {}): E {
  error.said = { key, vars };
  return error;
}

/** An error of `Kind` whose message is the catalog's `key`, which it remembers (HdError.said). */
export function worded<E extends HdError>(
  Kind: new (message: string) => E,
  key: MessageKey,
  vars: MessageVars = {},
): E {
  return saying(new Kind(t(key, vars)), key, vars);
}

/** The command line itself is wrong: a missing or malformed flag. Exit 2. */
export class UsageError extends HdError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The user pressed Ctrl-C or Esc out of a prompt. Exit 130, nothing written. */
export class CancelledError extends HdError {
  constructor(message = t('cancelled')) {
    super(message, 130);
  }
}

/** A named thing (ticket, client, profile, zone …) does not exist. Exit 1. */
export class NotFoundError extends HdError {}

/** The request is well-formed but not allowed now (illegal move, validation). Exit 1. */
export class RefusedError extends HdError {}

/** `hd sla --fail-on-overdue` found breaches: exit 3, for cron and monitoring. */
export class OverdueError extends HdError {
  constructor(message: string) {
    super(message, 3);
  }
}

/**
 * An error line for a terminal `columns` wide: broken at spaces, never inside a word (a path or a
 * URL stays whole, even when wider), the continuation indented by four spaces.
 */
export function wrapError(line: string, columns: number | undefined): string {
  if (!columns || [...line].length <= columns) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && [...next].length > columns) {
      out.push(current);
      current = `    ${word}`;
    } else current = next;
  }
  out.push(current);
  return out.join('\n');
}

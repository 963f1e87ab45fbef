// Typed errors, mapped to exit codes in one place (src/main.ts).
import { t } from './i18n.ts';

export class HdError extends Error {
  /**
   * Lines printed after the message, each on its own line and never broken to the terminal's
   * width (a command to copy and run again).
   */
  lines?: string[];

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
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

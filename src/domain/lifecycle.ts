import { RefusedError, saying, worded } from '../errors.ts';
import { t } from '../i18n.ts';
import { formatTicketNumber } from './ticket-number.ts';
import type { Status } from './types.ts';

/** TMF621 status names with MEF 124 semantics; each allowed move and the command that makes it. */
const MOVES: Record<Status, Partial<Record<Status, string>>> = {
  acknowledged: { inProgress: 'hd take', cancelled: 'hd cancel' },
  inProgress: { pending: 'hd pending', resolved: 'hd resolve', cancelled: 'hd cancel' },
  pending: { inProgress: 'hd resume', resolved: 'hd resolve', cancelled: 'hd cancel' },
  resolved: { closed: 'hd close', inProgress: 'hd reopen' },
  closed: {},
  cancelled: {},
};

/** Statuses as people read them; --json and flags keep the TMF621 names (inProgress …). */
const STATUS_WORDS: Record<Status, string> = {
  acknowledged: 'acknowledged',
  inProgress: 'in progress',
  pending: 'pending',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
};

/** A status in words, in the interface language (`в работе` / `in progress`). */
export function statusWords(status: Status | string): string {
  return status in STATUS_WORDS ? t(`status.${status as Status}`) : status;
}

const statusKey = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/**
 * A status as a person or a script writes it: the TMF621 name (`inProgress`), the English words
 * (`in progress`, `in-progress`) or the Russian ones the tables show (`в работе`, `принята`), in
 * any case and whatever the interface language; null when it is none.
 */
export function parseStatusWords(text: string): Status | null {
  const key = statusKey(text);
  if (!key) return null;
  return (
    (Object.keys(STATUS_WORDS) as Status[]).find(
      (s) =>
        s.toLowerCase() === key ||
        statusKey(t(`status.${s}`, {}, 'en')) === key ||
        statusKey(t(`status.${s}`, {}, 'ru')) === key,
    ) ?? null
  );
}

export const OPEN_STATUSES: readonly Status[] = ['acknowledged', 'inProgress', 'pending', 'resolved'];

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Who holds a ticket that `operator` would take over: its assignee while it is being worked on
 * (not resolved, closed or cancelled) and is someone else; null when taking it takes it from no
 * one. Both front doors refuse such a take unless it is asked for on purpose (hd take --over; the
 * API's PATCH naming the caller as the assignee).
 */
export function heldByAnother(
  ticket: { status: Status; assignee: string | null },
  operator: string,
): string | null {
  const working = ticket.status !== 'resolved' && isOpen(ticket.status);
  return working && ticket.assignee && ticket.assignee !== operator ? ticket.assignee : null;
}

export function allowedMoves(from: Status): Status[] {
  return Object.keys(MOVES[from]) as Status[];
}

function describeMoves(from: Status): string {
  const moves = Object.entries(MOVES[from]);
  if (moves.length === 0) return t('lifecycle.err.final', { status: statusWords(from) });
  return t('lifecycle.err.moves', {
    status: statusWords(from),
    moves: moves
      .map(([to, cmd]) => t('lifecycle.err.move', { status: statusWords(to), command: cmd }))
      .join(', '),
  });
}

/** Refuses any move the lifecycle does not allow, naming the moves that are allowed. */
export function assertMove(ticketId: number, from: Status, to: Status): void {
  if (MOVES[from][to]) return;
  const number = formatTicketNumber(ticketId);
  const hint = from === 'closed' ? ` ${t('lifecycle.err.reportAgain', { number })}` : '';
  throw saying(
    new RefusedError(
      `${t('lifecycle.err.cannotMove', { number, from: statusWords(from), to: statusWords(to) })} ${describeMoves(from)}${hint}`,
    ),
    // The API names the moves by status, not by command.
    'lifecycle.err.cannotMove',
    { number, from, to, moves: allowedMoves(from).join(', ') },
  );
}

/** Tests, actions, calls and notes are refused on finished tickets. */
export function assertWritable(ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  const number = formatTicketNumber(ticketId);
  throw worded(
    RefusedError,
    status === 'closed' ? 'lifecycle.err.closedFinal' : 'lifecycle.err.cancelledFinal',
    {
      number,
    },
  );
}

/**
 * Some commands make a move only from one status (resume: from pending; reopen: from resolved),
 * even where the target status is reachable from elsewhere by another command.
 */
export function assertFrom(
  ticketId: number,
  status: Status,
  required: Status,
  to: Status,
  verb: 'resumed' | 'reopened',
): void {
  assertMove(ticketId, status, to);
  if (status === required) return;
  throw new RefusedError(
    `${t(verb === 'resumed' ? 'lifecycle.err.onlyResumed' : 'lifecycle.err.onlyReopened', {
      number: formatTicketNumber(ticketId),
      status: statusWords(status),
      required: statusWords(required),
    })} ${describeMoves(status)}`,
  );
}

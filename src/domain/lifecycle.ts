import { RefusedError } from '../errors.ts';
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

export function statusWords(status: Status | string): string {
  return STATUS_WORDS[status as Status] ?? status;
}

/**
 * A status as a person or a script writes it: the TMF621 name (`inProgress`) or the words
 * (`in progress`, `in-progress`), in any case; null when it is none.
 */
export function parseStatusWords(text: string): Status | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  return (Object.keys(STATUS_WORDS) as Status[]).find((s) => s.toLowerCase() === key) ?? null;
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
  if (moves.length === 0) return `A ${statusWords(from)} ticket is final.`;
  return `From ${statusWords(from)} it can go to: ${moves.map(([to, cmd]) => `${statusWords(to)} (${cmd})`).join(', ')}.`;
}

/** Refuses any move the lifecycle does not allow, naming the moves that are allowed. */
export function assertMove(ticketId: number, from: Status, to: Status): void {
  if (MOVES[from][to]) return;
  let hint = '';
  if (from === 'closed')
    hint = ` To report the fault again, open a related ticket: hd open --related ${formatTicketNumber(ticketId)}.`;
  throw new RefusedError(
    `${formatTicketNumber(ticketId)} is ${statusWords(from)} and cannot move to ${statusWords(to)}. ${describeMoves(from)}${hint}`,
  );
}

/** Tests, actions, calls and notes are refused on finished tickets. */
export function assertWritable(ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  const number = formatTicketNumber(ticketId);
  throw new RefusedError(
    status === 'closed'
      ? `${number} is closed; its log is final. If the fault is back, open a related ticket: hd open --related ${number}.`
      : `${number} was cancelled; its log is final. Work on the ticket it duplicates, or open a new one with hd open.`,
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
  verb: string,
): void {
  assertMove(ticketId, status, to);
  if (status === required) return;
  throw new RefusedError(
    `${formatTicketNumber(ticketId)} is ${statusWords(status)}, not ${statusWords(required)}: only a ${statusWords(required)} ticket can be ${verb}. ${describeMoves(status)}`,
  );
}

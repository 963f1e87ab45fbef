// A ticket brought in from another system (hd import): its history as hd events, dated when it
// happened, and the row those events project to. Pure: `now` and everything else passed in.
//
// hd records a ticket's life as events, and hd verify checks the row against them. So an imported
// ticket gets the events hd itself would have written for the moves it went through (take,
// pending, resume, resolve, reopen, close, cancel), each marked `imported`, with the original
// dates; the notes of the other system are notes under their original authors. A move hd's
// lifecycle has no direct arrow for (acknowledged straight to resolved) goes through the statuses
// hd requires in between, at the same moment, marked `implied`. Moves hd forbids outright (out of
// closed or cancelled) refuse the ticket.
import type { TicketRow } from './audit.ts';
import { allowedMoves, statusWords } from './lifecycle.ts';
import type { Status } from './types.ts';

export interface ImportedMove {
  status: Status;
  at: number;
  reason: string;
}

export interface ImportedHistory {
  openedAt: number;
  /** The status moves the other system recorded, in time order (the opening excluded). */
  moves: ImportedMove[];
  /** Its status now, and since when (when the moves do not already end there). */
  status: Status;
  statusAt: number;
  statusReason: string;
  assignee: string | null;
  zone: string | null;
  eta: number | null;
  /** When the service came back (the last resolution's), if the other system says. */
  restoredAt: number | null;
  confirmedBy: string | null;
  confirmedVia: 'phone' | 'email' | null;
  notes: { at: number; author: string; text: string }[];
  /** Where it came from: the other system and its id there. */
  source: string;
  externalId: string;
  lastUpdate: number | null;
}

export interface ImportedEvent {
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload: Record<string, unknown>;
}

/** The row's columns the events decide (the rest is set at opening), as hd verify reads them. */
export type ImportedRow = Pick<
  TicketRow,
  | 'status'
  | 'assignee'
  | 'zone'
  | 'eta'
  | 'respondedAt'
  | 'restoredAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'confirmedBy'
  | 'confirmedVia'
  | 'pendingSince'
  | 'pendingUntil'
  | 'pendingReason'
> & { pausedMs: number; updatedAt: number };

export class ImportRefused extends Error {}

/** The statuses from `from` to `to` by the shortest way hd's lifecycle allows; null when none. */
export function lifecyclePath(from: Status, to: Status): Status[] | null {
  if (from === to) return [];
  const seen = new Map<Status, Status | null>([[from, null]]);
  const queue: Status[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    for (const next of allowedMoves(s)) {
      if (seen.has(next)) continue;
      seen.set(next, s);
      if (next === to) {
        const path: Status[] = [];
        for (let at: Status | null = to; at !== null && at !== from; at = seen.get(at) ?? null)
          path.unshift(at);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The events after the opening, and the row they project to. */
export function importedTimeline(
  h: ImportedHistory,
  importer: string,
): { events: ImportedEvent[]; row: ImportedRow } {
  // The moves as hd makes them: the other system's, with the statuses hd needs in between.
  const steps: (ImportedMove & { implied: boolean })[] = [];
  let current: Status = 'acknowledged';
  const walk = (to: Status, at: number, reason: string) => {
    const path = lifecyclePath(current, to);
    if (path === null)
      throw new ImportRefused(
        `the status goes from ${statusWords(current)} to ${statusWords(to)}, which hd's lifecycle does not allow (a closed or cancelled ticket is final)`,
      );
    path.forEach((status, i) => {
      const last = i === path.length - 1;
      steps.push({ status, at, reason: last ? reason : '', implied: !last });
    });
    current = to;
  };
  for (const m of h.moves) walk(m.status, m.at, m.reason);
  if (current !== h.status) walk(h.status, h.statusAt, h.statusReason);

  const row: ImportedRow = {
    status: 'acknowledged',
    assignee: null,
    zone: h.zone,
    eta: h.eta,
    respondedAt: null,
    restoredAt: null,
    resolvedAt: null,
    closedAt: null,
    confirmedBy: null,
    confirmedVia: null,
    pendingSince: null,
    pendingUntil: null,
    pendingReason: null,
    pausedMs: 0,
    updatedAt: h.openedAt,
  };
  const marked = (extra: Record<string, unknown>, implied = false) => ({
    ...extra,
    imported: true,
    ...(implied ? { implied: true } : {}),
  });
  const events: ImportedEvent[] = [
    {
      at: h.openedAt,
      actor: importer,
      kind: 'imported',
      text: `Imported from ${h.source} (${h.externalId})`,
      payload: { source: h.source, externalId: h.externalId },
    },
  ];
  const atOpening = (kind: string, text: string, payload: Record<string, unknown>) =>
    events.push({ at: h.openedAt, actor: importer, kind, text, payload: marked(payload) });
  if (h.zone !== null) atOpening('zone', `Zone ${h.zone} (imported)`, { from: null, to: h.zone });
  if (h.eta !== null) atOpening('eta', `ETA ${iso(h.eta)} (imported)`, { eta: iso(h.eta) });

  const moves: ImportedEvent[] = [];
  const lastResolve = steps.map((s) => s.status).lastIndexOf('resolved');
  let taken = false;
  const endPause = (at: number) => {
    if (row.pendingSince !== null) row.pausedMs += Math.max(0, at - row.pendingSince);
    row.pendingSince = null;
    row.pendingUntil = null;
    row.pendingReason = null;
  };
  steps.forEach((s, i) => {
    const from = row.status;
    const move = (kind: string, text: string, payload: Record<string, unknown>) =>
      moves.push({
        at: s.at,
        actor: importer,
        kind,
        text: `${text}${s.implied ? ' (imported; implied by the next status)' : ' (imported)'}`,
        payload: marked(payload, s.implied),
      });
    switch (s.status) {
      case 'inProgress':
        if (from === 'acknowledged') {
          move('assigned', h.assignee ? `Taken by ${h.assignee}` : 'In progress', {
            from: null,
            to: h.assignee,
            status: 'inProgress',
          });
          row.assignee = h.assignee;
          row.respondedAt ??= s.at;
          taken = true;
        } else if (from === 'pending') {
          move('resumed', `Resumed${s.reason ? `: ${s.reason}` : ''}`, { note: s.reason || null });
          endPause(s.at);
        } else {
          move('reopened', `Reopened${s.reason ? `: ${s.reason}` : ''}`, { reason: s.reason });
          row.restoredAt = null;
          row.resolvedAt = null;
        }
        break;
      case 'pending':
        move('pending', `Pending${s.reason ? `: ${s.reason}` : ''}`, { reason: s.reason, until: null });
        row.pendingSince = s.at;
        row.pendingUntil = null;
        row.pendingReason = s.reason;
        break;
      case 'resolved': {
        endPause(s.at);
        const restored =
          i === lastResolve && h.restoredAt !== null && h.restoredAt <= s.at ? h.restoredAt : s.at;
        move('resolved', `Resolved${s.reason ? `: ${s.reason}` : ''}`, {
          summary: s.reason,
          restoredAt: iso(restored),
          ...(h.zone !== null ? { zone: h.zone } : {}),
        });
        row.resolvedAt = s.at;
        row.restoredAt = restored;
        break;
      }
      case 'closed':
        move('closed', `Closed${h.confirmedBy ? `, confirmed by ${h.confirmedBy}` : ''}`, {
          confirmedBy: h.confirmedBy,
          via: h.confirmedVia,
        });
        row.closedAt = s.at;
        row.confirmedBy = h.confirmedBy;
        row.confirmedVia = h.confirmedVia;
        break;
      case 'cancelled':
        endPause(s.at);
        move('cancelled', `Cancelled${s.reason ? `: ${s.reason}` : ''}`, {
          reason: s.reason,
          duplicateOf: null,
        });
        row.closedAt = s.at;
        break;
      case 'acknowledged':
        break;
    }
    row.status = s.status;
  });
  // Assigned but never taken (hd assign on an acknowledged ticket).
  if (h.assignee !== null && !taken) {
    atOpening('assigned', `Assigned to ${h.assignee} (imported)`, { from: null, to: h.assignee });
    row.assignee = h.assignee;
  }
  const notes: ImportedEvent[] = h.notes.map((n) => ({
    at: n.at,
    actor: n.author,
    kind: 'note',
    text: n.text,
    payload: { imported: true },
  }));
  // Notes and moves in time order; at the same moment, the note first (the reason, then the move).
  const later = [...notes.map((e) => ({ e, rank: 0 })), ...moves.map((e) => ({ e, rank: 1 }))]
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => a.e.at - b.e.at || a.rank - b.rank || a.i - b.i)
    .map((x) => x.e);
  events.push(...later);
  const lastAt = events.reduce((m, e) => Math.max(m, e.at), h.openedAt);
  row.updatedAt = Math.max(lastAt, h.lastUpdate ?? 0);
  return { events, row };
}

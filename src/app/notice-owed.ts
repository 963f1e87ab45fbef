// What a client notice leaves owed to the client (steps 10-12): shared by the per-ticket
// commands' notice hook and the outage cascade, so both leave the same "not yet told" state.
import type { Calendar } from '../domain/calendar.ts';
import { isTellKind, tellOwed } from '../domain/tell.ts';
import type { Ticket } from '../domain/types.ts';
import type { NoticeKind, NotifyResult } from '../notify.ts';
import type { TicketPatch } from '../store/tickets.ts';

/**
 * An ETA, extension or restoration that no reached call carried becomes owed to the client
 * (domain/tell.ts); the notice's last event says so. Other notices, or a reached call, change
 * nothing here.
 */
export function withOwed(
  result: NotifyResult | null,
  ticket: Ticket,
  kind: NoticeKind,
  reached: boolean,
  now: number,
  calendar: Calendar,
): NotifyResult | null {
  if (!isTellKind(kind) || reached) return result;
  const owed = tellOwed(ticket, kind, now, calendar);
  const base = result ?? { events: [], patch: {}, queued: [], script: null };
  const patch: TicketPatch = { ...base.patch, ...owed };
  const last = base.events.at(-1);
  if (last)
    last.payload.clientNotYetTold = {
      kind: owed.tellKind,
      since: new Date(owed.tellSince!).toISOString(),
      due: new Date(owed.tellDue!).toISOString(),
    };
  return { ...base, patch };
}

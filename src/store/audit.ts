// Reads for `hd verify`: every ticket's row with its events, a slice of ticket ids at a time, so
// a million tickets and their events never sit in memory at once.
import type { StoredEvent, TicketRow } from '../domain/audit.ts';
import type { Status } from '../domain/types.ts';
import type { Store } from './db.ts';

/** Ticket ids per slice: ~6 events each, a few thousand rows per read. */
const SLICE = 2000;

export interface AuditedTicket {
  ticketId: number;
  /** Null when events name a ticket that has no row. */
  row: TicketRow | null;
  events: StoredEvent[];
}

/**
 * Every ticket id that has a row or events, in order, each with its row and its events (oldest
 * first). Reads id ranges through the primary key and the events_by_ticket index.
 */
export function* ticketsWithEvents(store: Store): Generator<AuditedTicket> {
  const last = store.db
    .prepare(
      'SELECT max(coalesce((SELECT max(id) FROM tickets), 0), coalesce((SELECT max(ticket_id) FROM events), 0))',
    )
    .pluck()
    .get() as number;
  const rows = store.db.prepare(
    `SELECT id, status, priority, assignee, zone, eta, opened_at AS openedAt, opened_by AS openedBy,
            responded_at AS respondedAt, restored_at AS restoredAt, resolved_at AS resolvedAt,
            closed_at AS closedAt, confirmed_by AS confirmedBy, confirmed_via AS confirmedVia,
            pending_since AS pendingSince, pending_until AS pendingUntil, pending_reason AS pendingReason,
            onsite_at AS onsiteAt, hardware_at AS hardwareAt
     FROM tickets WHERE id >= ? AND id < ? ORDER BY id`,
  );
  const events = store.db.prepare(
    `SELECT id, ticket_id AS ticketId, at, actor, kind, text, payload, hash
     FROM events WHERE ticket_id >= ? AND ticket_id < ? ORDER BY ticket_id, id`,
  );
  for (let from = 0; from <= last; from += SLICE) {
    const to = from + SLICE;
    const slice = rows.all(from, to) as (TicketRow & { status: Status })[];
    const all = events.all(from, to) as StoredEvent[];
    let r = 0;
    let e = 0;
    while (r < slice.length || e < all.length) {
      const id = Math.min(
        slice[r]?.id ?? Number.POSITIVE_INFINITY,
        all[e]?.ticketId ?? Number.POSITIVE_INFINITY,
      );
      const row = slice[r]?.id === id ? slice[r++]! : null;
      const start = e;
      while (e < all.length && all[e]!.ticketId === id) e++;
      yield { ticketId: id, row, events: all.slice(start, e) };
    }
  }
}

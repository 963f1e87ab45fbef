// hd export --format tmf621: every ticket as the TroubleTicket GET /troubleTicket/{id} returns
// (api/tmf.ts, without the server), one JSON document per line. Tickets are read through a cursor
// in ticket order and their timelines a window at a time, so memory stays flat at any size.
import { troubleTicket } from '../api/tmf.ts';
import type { Status } from '../domain/types.ts';
import { streamParties, type TicketParties } from '../store/change.ts';
import { type Queryable, type Sql, sql } from '../store/port.ts';
import { timelineOf } from '../store/tickets.ts';

export interface ExportFilter {
  /** Opened at or after (epoch ms), as hd list --since. */
  since?: number;
  statuses?: Status[];
}

/**
 * Timelines read at once: on PostgreSQL their round trips overlap (one pooled connection each);
 * on SQLite it changes nothing. Small enough to keep memory flat.
 */
const WINDOW = 16;

function whereOf(f: ExportFilter): Sql {
  const where: Sql[] = [];
  if (f.since !== undefined) where.push(sql`t.opened_at >= ${f.since}`);
  if (f.statuses?.length) where.push(sql`t.status IN ${sql.list(f.statuses)}`);
  return where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``;
}

/** The TroubleTicket documents of the tickets `f` selects, by ticket number. */
export async function* exportTroubleTickets(
  q: Queryable,
  f: ExportFilter,
  now: number,
): AsyncGenerator<Record<string, unknown>> {
  let window: TicketParties[] = [];
  const flush = async () => {
    const timelines = await Promise.all(window.map((p) => timelineOf(q, p.ticket.id)));
    const docs = window.map((p, i) =>
      // Field jobs are not part of the TroubleTicket (the test compares with GET, line by line).
      troubleTicket({ ...p, ...timelines[i]!, fieldJobs: [] }, now),
    );
    window = [];
    return docs;
  };
  for await (const parties of streamParties(q, whereOf(f))) {
    window.push(parties);
    if (window.length >= WINDOW) yield* await flush();
  }
  if (window.length) yield* await flush();
}

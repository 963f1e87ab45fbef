// An outage made directly in the store, with tickets linked to it: what `hd outage open` and
// `hd outage attach` do (built on another branch), so the cascade tests do not wait for them.
import { appendOutageEvents } from '../../src/store/outages.ts';
import { type Queryable, sql } from '../../src/store/port.ts';

export interface OutageFixture {
  summary?: string;
  zone?: string | null;
  startedAt: number;
  eta?: number | null;
  /** Tickets linked to it (their services become the outage's services). */
  tickets: number[];
  by?: string;
}

/** Opens an outage with `tickets` linked; returns its id. */
export async function makeOutage(
  store: Queryable & { tx<T>(fn: (q: import('../../src/store/port.ts').Tx) => Promise<T>): Promise<T> },
  o: OutageFixture,
): Promise<number> {
  return store.tx(async (q) => {
    const row = (await q.get<{ id: number }>(
      sql`INSERT INTO outages (summary, zone, status, started_at, eta_at, opened_at, opened_by, updated_at)
         VALUES (${o.summary ?? 'Fibre cut on the MNS-04 trunk'}, ${o.zone ?? null}, 'active', ${o.startedAt}, ${o.eta ?? null},
           ${o.startedAt}, ${o.by ?? 'olga'}, ${o.startedAt}) RETURNING id`,
    ))!;
    await linkTickets(q, row.id, o.tickets);
    await appendOutageEvents(q, [
      {
        outageId: row.id,
        at: o.startedAt,
        actor: o.by ?? 'olga',
        kind: 'opened',
        text: o.summary ?? 'Fibre cut on the MNS-04 trunk',
        payload: { tickets: o.tickets },
      },
    ]);
    return row.id;
  });
}

/** Links tickets to an outage (and their services to its scope), as attach would. */
export async function linkTickets(q: Queryable, outageId: number, tickets: number[]): Promise<void> {
  if (tickets.length === 0) return;
  await q.run(
    sql`INSERT INTO outage_services (outage_id, service_id)
       SELECT DISTINCT CAST(${outageId} AS BIGINT), service_id FROM tickets WHERE id IN ${sql.list(tickets)}
         AND service_id NOT IN (SELECT service_id FROM outage_services WHERE outage_id = ${outageId})`,
  );
  await q.run(sql`UPDATE tickets SET outage_id = ${outageId} WHERE id IN ${sql.list(tickets)}`);
}

/** Unlinks a ticket, as detach would. */
export async function unlinkTicket(q: Queryable, ticketId: number): Promise<void> {
  await q.run(sql`UPDATE tickets SET outage_id = NULL WHERE id = ${ticketId}`);
}

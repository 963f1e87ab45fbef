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

/**
 * `n` tickets linked to one new outage (1 unless the desk had outages): four opened and taken
 * through hd (a client who wants phone and e-mail, one who wants the phone, one e-mail, one phone
 * with no e-mail address), the rest copies of them made in SQL. Returns the outage and the tickets.
 */
export async function manyLinked(
  h: {
    store: Queryable & { tx<T>(fn: (q: import('../../src/store/port.ts').Tx) => Promise<T>): Promise<T> };
    run(args: string[]): Promise<number>;
    stderr(): string;
  },
  n: number,
  openedAt: number,
  callers: string[][],
  open: (caller: string[]) => string[],
): Promise<{ outage: number; tickets: number[] }> {
  for (const caller of callers) {
    if ((await h.run(open(caller))) !== 0) throw new Error(h.stderr());
  }
  const first = callers.length;
  for (let id = 1; id <= first; id++)
    if ((await h.run(['take', String(id)])) !== 0) throw new Error(h.stderr());
  const { TICKET_COLUMNS } = await import('../../src/store/tickets.ts');
  const columns = TICKET_COLUMNS.split(', ')
    .filter((c) => c !== 't.id')
    .map((c) => c.replace(/^t\./, ''))
    .join(', ');
  const copies = Math.ceil((n - first) / first);
  // Explicit ids, the next numbers: PostgreSQL numbers tickets from a counter, not the identity.
  await h.store.run(
    sql`INSERT INTO tickets (id, ${sql.raw(columns)})
       SELECT c.i * ${first} + t.id, ${sql.raw(columns.replace(/(\w+)/g, 't.$1'))} FROM tickets t,
         (WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${copies}) SELECT i FROM k) c
       WHERE t.id <= ${first} ORDER BY c.i, t.id`,
  );
  const all = (await h.store.all<{ id: number }>(sql`SELECT id FROM tickets ORDER BY id`))
    .map((r) => Number(r.id))
    .slice(0, n);
  const outage = await makeOutage(h.store, { startedAt: openedAt, tickets: all });
  return { outage, tickets: all };
}

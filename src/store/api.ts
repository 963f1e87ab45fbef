// Queries of the TMF621 API (hd serve): the ticket list with its filters, and the parties a
// ticket is opened against, looked up by the identifiers other systems hold.
import { foldKey } from '../domain/fold.ts';
import type { Impact, Priority, Status, Ticket } from '../domain/types.ts';
import { allValuesOf, type Queryable, type Sql, sql } from './port.ts';
import { TICKET_COLUMNS, TICKET_SQL, ticketFromValues } from './tickets.ts';

const TICKET_COUNT = TICKET_COLUMNS.split(', ').length;

export interface ApiFilter {
  statuses?: Status[];
  impacts?: Impact[];
  priorities?: Priority[];
  /** lastUpdate.gt / lastUpdate.gte / creationDate.gt, as epoch ms. */
  updatedAfter?: number;
  updatedFrom?: number;
  openedAfter?: number;
  /** relatedParty.id: a contract number. */
  contractNo?: string;
  /** relatedEntity.id: a service ID. */
  serviceId?: string;
  offset: number;
  limit: number;
}

export type ApiListed = Ticket & { clientName: string; contractNo: string; serviceIdText: string };

function where(f: ApiFilter): Sql {
  const w: Sql[] = [];
  // lower(status): the expression of the API's own index (store/sqlite/migrations/014).
  if (f.statuses?.length) w.push(sql`lower(t.status) IN ${sql.list(f.statuses.map((s) => s.toLowerCase()))}`);
  if (f.impacts?.length) w.push(sql`t.impact IN ${sql.list(f.impacts)}`);
  if (f.priorities?.length) w.push(sql`t.priority IN ${sql.list(f.priorities)}`);
  if (f.updatedAfter !== undefined) w.push(sql`t.updated_at > ${f.updatedAfter}`);
  if (f.updatedFrom !== undefined) w.push(sql`t.updated_at >= ${f.updatedFrom}`);
  if (f.openedAfter !== undefined) w.push(sql`t.opened_at > ${f.openedAfter}`);
  if (f.contractNo !== undefined)
    w.push(sql`t.client_id IN (SELECT id FROM clients WHERE contract_key = ${foldKey(f.contractNo)})`);
  if (f.serviceId !== undefined)
    w.push(sql`t.service_id IN (SELECT id FROM services WHERE service_key = ${foldKey(f.serviceId)})`);
  return w.length ? sql`WHERE ${sql.join(w, ' AND ')}` : sql``;
}

/** A page of tickets, newest first (by number). */
export async function listForApi(q: Queryable, f: ApiFilter): Promise<ApiListed[]> {
  // Rows as arrays (a page is 50 rows of 45 columns: objects of named columns cost more than the query).
  const rows = await allValuesOf(
    q,
    sql`SELECT ${TICKET_SQL}, c.name AS client_name, c.contract_no AS contract_no, s.service_id AS service_text
        FROM tickets t JOIN clients c ON c.id = t.client_id JOIN services s ON s.id = t.service_id
        ${where(f)} ORDER BY t.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return rows.map((v) => {
    const t = ticketFromValues(v) as ApiListed;
    t.clientName = v[TICKET_COUNT] as string;
    t.contractNo = v[TICKET_COUNT + 1] as string;
    t.serviceIdText = v[TICKET_COUNT + 2] as string;
    return t;
  });
}

export async function countForApi(q: Queryable, f: ApiFilter): Promise<number> {
  const row = await q.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM tickets t ${where(f)}`);
  return Number(row?.n ?? 0);
}

/** Does a ticket with this number exist? */
export async function ticketExists(q: Queryable, id: number): Promise<boolean> {
  return (await q.get(sql`SELECT 1 AS x FROM tickets WHERE id = ${id}`)) !== undefined;
}

/**
 * Which of these note ids (event ids, as GET shows them) are notes of this ticket: a PATCH echoing
 * them back is not adding them again. Asked only when a PATCH's notes carry an id.
 */
export async function noteIdsOf(q: Queryable, ticketId: number, ids: number[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.all<{ id: number }>(
    sql`SELECT id FROM events WHERE ticket_id = ${ticketId} AND id IN ${sql.list(ids)}`,
  );
  return new Set(rows.map((r) => String(r.id)));
}

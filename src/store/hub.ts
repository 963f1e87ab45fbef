// TMF621 event listeners (POST /hub) and their delivery queue (store/sqlite 015, postgres 005).
// Rows are queued by a trigger on events, one per listener, in the INSERT that appends the event;
// hd serve claims the due ones (src/api/deliver.ts). Every worker statement stands alone (no
// transaction held across a request): a claim is a lease written in one UPDATE.
import { forUpdate, type Queryable, type Sql, skipLocked, sql } from './port.ts';

export interface HubListener {
  id: string;
  callback: string;
  query: string | null;
  owner: string;
  createdAt: number;
}

const LISTENER = sql`id, callback, query, owner, created_at AS "createdAt"`;
const listener = (r: HubListener): HubListener => ({ ...r, createdAt: Number(r.createdAt) });

/**
 * How many listeners the department `owner` has, its live token's row locked (on PostgreSQL) so
 * that two registrations of one department at once are counted one after the other.
 */
export async function listenersOfLocked(q: Queryable, owner: string): Promise<number> {
  await q.get(
    sql`SELECT id FROM api_tokens t WHERE name = ${owner} AND revoked_at IS NULL${forUpdate(q, 't')}`,
  );
  const row = await q.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM hub_listeners WHERE owner = ${owner}`);
  return Number(row?.n ?? 0);
}

export async function insertListener(q: Queryable, l: HubListener): Promise<HubListener> {
  const row = await q.get<HubListener>(
    sql`INSERT INTO hub_listeners (id, callback, query, owner, created_at)
        VALUES (${l.id}, ${l.callback}, ${l.query}, ${l.owner}, ${l.createdAt}) RETURNING ${LISTENER}`,
  );
  return listener(row!);
}

export async function listenerById(q: Queryable, id: string): Promise<HubListener | undefined> {
  const row = await q.get<HubListener>(sql`SELECT ${LISTENER} FROM hub_listeners WHERE id = ${id}`);
  return row && listener(row);
}

export async function listenersByIds(q: Queryable, ids: string[]): Promise<Map<string, HubListener>> {
  const rows = await q.all<HubListener>(
    sql`SELECT ${LISTENER} FROM hub_listeners WHERE id IN ${sql.list(ids)}`,
  );
  return new Map(rows.map((r) => [r.id, listener(r)]));
}

/**
 * Whether the listener is still registered: the deliverer asks just before each notification, so
 * one already claimed when DELETE /hub came is not sent after it (one primary-key read).
 */
export async function listenerExists(q: Queryable, id: string): Promise<boolean> {
  return (await q.get(sql`SELECT 1 AS registered FROM hub_listeners WHERE id = ${id}`)) !== undefined;
}

/** The listener and what was still queued for it; nothing more is queued once it is gone. */
export async function deleteListener(q: Queryable, id: string): Promise<boolean> {
  await q.run(sql`DELETE FROM hub_deliveries WHERE listener_id = ${id}`);
  return (await q.run(sql`DELETE FROM hub_listeners WHERE id = ${id}`)).changes > 0;
}

export interface Delivery {
  id: number;
  listenerId: string;
  eventId: number;
  ticketId: number;
  attempts: number;
  sent: number;
}

/** Whether any delivery is due: a read, so an idle server's polling takes no write lock. */
export async function anyDue(q: Queryable, now: number): Promise<boolean> {
  return (await q.get(sql`SELECT 1 AS due FROM hub_deliveries WHERE due_at <= ${now} LIMIT 1`)) !== undefined;
}

/**
 * Claims up to `limit` due deliveries until `leaseUntil`: for each listener and ticket only the
 * earliest row still queued, so a ticket's events reach a listener in order (a later one waits
 * while an earlier one is being retried). Times are wall-clock epoch ms.
 */
export async function claimDeliveries(
  q: Queryable,
  o: { now: number; leaseUntil: number; limit: number },
): Promise<Delivery[]> {
  const due: Sql = sql`SELECT d.id FROM hub_deliveries d
      WHERE d.due_at <= ${o.now} AND NOT EXISTS (
        SELECT 1 FROM hub_deliveries e
        WHERE e.listener_id = d.listener_id AND e.ticket_id = d.ticket_id AND e.event_id < d.event_id)
      ORDER BY d.event_id LIMIT ${o.limit}${skipLocked(q)}`;
  const rows = await q.all<Delivery>(
    sql`UPDATE hub_deliveries SET due_at = ${o.leaseUntil} WHERE id IN (${due})
        RETURNING id, listener_id AS "listenerId", event_id AS "eventId", ticket_id AS "ticketId", attempts, sent`,
  );
  return rows
    .map((r) => ({
      ...r,
      id: Number(r.id),
      eventId: Number(r.eventId),
      ticketId: Number(r.ticketId),
      attempts: Number(r.attempts),
      sent: Number(r.sent),
    }))
    .sort((a, b) => a.eventId - b.eventId);
}

/** The listener took every notification of the event: the row is done with. */
export async function deliveryDone(q: Queryable, id: number): Promise<void> {
  await q.run(sql`DELETE FROM hub_deliveries WHERE id = ${id}`);
}

/** A failed attempt: `sent` notifications were taken; the next try is due at `dueAt`. */
export async function deliveryFailed(
  q: Queryable,
  id: number,
  o: { sent: number; dueAt: number; error: string },
): Promise<void> {
  await q.run(
    sql`UPDATE hub_deliveries SET attempts = attempts + 1, sent = ${o.sent}, due_at = ${o.dueAt},
        last_error = ${o.error.slice(0, 500)} WHERE id = ${id}`,
  );
}

// Outages in the store: the record, its hash-chained timeline, the tickets linked to it.
import { CHAIN_START } from '../domain/audit.ts';
import {
  formatOutageNumber,
  type Outage,
  outageEventHash,
  type StoredOutageEvent,
} from '../domain/outage.ts';
import { NotFoundError } from '../errors.ts';
import { forUpdate, type Queryable, type Sql, sql, type Tx } from './port.ts';

const OUTAGE_FIELDS = `id, summary, zone, status, started_at AS "startedAt", eta_at AS eta, opened_at AS "openedAt",
   opened_by AS "openedBy", resolved_at AS "resolvedAt", resolution, updated_at AS "updatedAt"`;

export const OUTAGE_SQL = sql.raw(
  `o.id, o.summary, o.zone, o.status, o.started_at AS "startedAt", o.eta_at AS eta, o.opened_at AS "openedAt",
   o.opened_by AS "openedBy", o.resolved_at AS "resolvedAt", o.resolution, o.updated_at AS "updatedAt"`,
);

export async function findOutage(q: Queryable, id: number): Promise<Outage | undefined> {
  return q.get<Outage>(sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.id = ${id}`);
}

export async function getOutage(q: Queryable, id: number): Promise<Outage> {
  const outage = await findOutage(q, id);
  if (!outage)
    throw new NotFoundError(`No outage ${formatOutageNumber(id)}. See the outages with: hd outage list`);
  return outage;
}

export interface NewOutageEvent {
  outageId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload?: Record<string, unknown>;
}

/**
 * Appends outage events in order, in one INSERT, each hash chained to the outage's previous event.
 * In the caller's transaction, after the outage was read for change (FOR UPDATE on PostgreSQL), so
 * two writers never chain onto the same event.
 */
export async function appendOutageEvents(q: Tx, events: NewOutageEvent[]): Promise<StoredOutageEvent[]> {
  if (events.length === 0) return [];
  const heads = new Map<number, string>();
  const rows: Sql[] = [];
  for (const e of events) {
    let prev = heads.get(e.outageId);
    if (prev === undefined) {
      const last = await q.get<{ hash: string }>(
        sql`SELECT hash FROM outage_events WHERE outage_id = ${e.outageId} ORDER BY id DESC LIMIT 1`,
      );
      prev = last?.hash ?? CHAIN_START;
    }
    const payload = JSON.stringify(e.payload ?? {});
    const hash = outageEventHash(prev, { ...e, payload });
    heads.set(e.outageId, hash);
    rows.push(sql`(${e.outageId}, ${e.at}, ${e.actor}, ${e.kind}, ${e.text}, ${payload}, ${hash})`);
  }
  const written = await q.all<StoredOutageEvent>(
    sql`INSERT INTO outage_events (outage_id, at, actor, kind, text, payload, hash) VALUES ${sql.join(rows)}
       RETURNING id, outage_id AS "outageId", at, actor, kind, text, payload, hash`,
  );
  return written.sort((a, b) => a.id - b.id);
}

/** An outage's timeline as stored, oldest first. */
export async function outageEventsOf(q: Queryable, outageId: number): Promise<StoredOutageEvent[]> {
  return q.all<StoredOutageEvent>(
    sql`SELECT id, outage_id AS "outageId", at, actor, kind, text, payload, hash FROM outage_events
       WHERE outage_id = ${outageId} ORDER BY id`,
  );
}

/** The ids and statuses of the tickets linked to an outage, by ticket number. */
export async function linkedTickets(
  q: Queryable,
  outageId: number,
): Promise<{ id: number; status: string }[]> {
  return q.all(sql`SELECT id, status FROM tickets WHERE outage_id = ${outageId} ORDER BY id`);
}

/**
 * The outage a cascade changes, read first in its transaction: FOR UPDATE on PostgreSQL, so two
 * cascades of one outage run one after the other (SQLite's BEGIN IMMEDIATE already serialises).
 */
export async function outageForChange(q: Tx, id: number): Promise<Outage> {
  const outage = await q.get<Outage>(
    sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.id = ${id}${forUpdate(q, 'o')}`,
  );
  if (!outage)
    throw new NotFoundError(`No outage ${formatOutageNumber(id)}. See the outages with: hd outage list`);
  return outage;
}

export type OutagePatch = Partial<Pick<Outage, 'eta' | 'status' | 'resolvedAt' | 'resolution' | 'zone'>> & {
  updatedAt: number;
};

const OUTAGE_COLUMNS: Record<keyof OutagePatch, string> = {
  eta: 'eta_at',
  status: 'status',
  resolvedAt: 'resolved_at',
  resolution: 'resolution',
  zone: 'zone',
  updatedAt: 'updated_at',
};

export async function updateOutage(q: Tx, id: number, patch: OutagePatch): Promise<Outage> {
  const set = sql.join(
    Object.entries(patch).map(
      ([k, v]) => sql`${sql.raw(OUTAGE_COLUMNS[k as keyof OutagePatch])} = ${v ?? null}`,
    ),
  );
  return (await q.get<Outage>(
    sql`UPDATE outages SET ${set} WHERE id = ${id} RETURNING ${sql.raw(OUTAGE_FIELDS)}`,
  ))!;
}

/** An active outage as the hand-over shows it: what failed, its ETA, its tickets by status. */
export interface ActiveOutage extends Outage {
  elements: string[];
  /** Linked tickets per status (only statuses that have some). */
  tickets: Partial<Record<string, number>>;
  /** Linked tickets whose client has not yet been told an ETA, extension or restoration. */
  notYetTold: number;
}

/** The active outages, oldest first, in three statements whatever their number. */
export async function activeOutages(q: Queryable): Promise<ActiveOutage[]> {
  const outages = await q.all<Outage>(
    sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.status = 'active' ORDER BY o.id`,
  );
  if (outages.length === 0) return [];
  const ids = outages.map((o) => o.id);
  const [elements, counts] = await Promise.all([
    q.all<{ outageId: number; element: string }>(
      sql`SELECT outage_id AS "outageId", element FROM outage_elements WHERE outage_id IN ${sql.list(ids)}
         ORDER BY outage_id, element`,
    ),
    q.all<{ outageId: number; status: string; n: number; untold: number }>(
      sql`SELECT outage_id AS "outageId", status, COUNT(*) AS n,
           SUM(CASE WHEN tell_kind IS NOT NULL AND status NOT IN ('closed', 'cancelled') THEN 1 ELSE 0 END) AS untold
         FROM tickets WHERE outage_id IN ${sql.list(ids)} GROUP BY outage_id, status`,
    ),
  ]);
  return outages.map((o) => ({
    ...o,
    elements: elements.filter((e) => e.outageId === o.id).map((e) => e.element),
    tickets: Object.fromEntries(
      counts.filter((c) => c.outageId === o.id).map((c) => [c.status, Number(c.n)]),
    ),
    notYetTold: counts.filter((c) => c.outageId === o.id).reduce((a, c) => a + Number(c.untold), 0),
  }));
}

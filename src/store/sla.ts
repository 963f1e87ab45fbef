import { DEADLINE, DEADLINE_KINDS, type DeadlineKind, sqlScope } from '../domain/deadlines.ts';
import type { Priority, Status, TellKind } from '../domain/types.ts';
import { engineQueries } from './engine.ts';
import type { OutageHead } from './outages.ts';
import { groupConcat, type Queryable, type Row, sql } from './port.ts';
import { type ListedTicket, limitSql, rowToTicket, TICKET_SQL } from './tickets.ts';

export interface SlaFilter {
  priorities?: Priority[];
  clientId?: number;
  assignee?: string;
}

/** One breached (or nearly breached) deadline, read from its SLA index alone. */
export interface BreachRecord {
  kind: DeadlineKind;
  ticketId: number;
  priority: Priority;
  status: Status;
  due: number;
  assignee: string | null;
  clientName: string;
  /** What the client is owed, for a "client not yet told" breach. */
  tellKind: TellKind | null;
}

export interface BreachQuery {
  now: number;
  /** Deadlines before `until` (now, or now + a horizon for near breaches). */
  until: number;
  /** Only near breaches: due at or after now. */
  nearOnly?: boolean;
  /** Only overdue ones: due before now. */
  overdueOnly?: boolean;
  /** At most this many, the most severe; -1 for all. */
  limit: number;
}

export interface BreachTotals {
  /** Deadlines already past. */
  overdue: number;
  /** Deadlines still ahead but before `until`. */
  near: number;
}

export type BreachCounts = Record<DeadlineKind, Record<Priority, { overdue: number; soon: number }>>;

/**
 * Breaches at `now`, most severe first: overdue before near breaches, then priority, then the
 * longest late (the earliest deadline), then the ticket number and the deadline kind; with how
 * many there are in all, from one snapshot. Engine-specific (src/store/engine.ts).
 */
export function mostSevereBreaches(
  q: Queryable,
  query: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[] }> {
  return engineQueries(q).mostSevereBreaches(q, query, f);
}

/**
 * Every breach, in the same order, one row at a time (for a full listing of any size: memory
 * stays flat). Count them as they pass for the totals.
 */
export function streamBreaches(
  q: Queryable,
  query: Omit<BreachQuery, 'limit'>,
  f: SlaFilter,
): AsyncIterable<BreachRecord> {
  return engineQueries(q).streamBreaches(q, query, f);
}

/** Breaches per deadline and priority, counted on the SLA indexes: overdue and soon. */
export function breachCounts(q: Queryable, now: number, until: number, f: SlaFilter): Promise<BreachCounts> {
  return engineQueries(q).breachCounts(q, now, until, f);
}

/** Each deadline's scope and due column, generated once from the deadline table. */
const SCOPE = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, sqlScope(DEADLINE[k])])) as Record<
  DeadlineKind,
  string
>;
const COLUMN = (kind: DeadlineKind) => DEADLINE[kind].dueColumn;

/** Open tickets per priority and status, from the open-tickets index. */
export async function openCounts(q: Queryable): Promise<{ priority: Priority; status: string; n: number }[]> {
  return q.all<{ priority: Priority; status: string; n: number }>(
    sql`SELECT priority, status, COUNT(*) AS n FROM tickets
       WHERE status NOT IN ('closed', 'cancelled') GROUP BY priority, status ORDER BY priority, status`,
  );
}

type Window = DeadlineKind | 'opened' | 'resolved' | 'closed' | 'cancelled';
type Moment = Exclude<Window, DeadlineKind>;
const WINDOW_SQL: Record<Moment, [string, string]> = {
  opened: ['opened_at IS NOT NULL', 'opened_at'],
  resolved: ['resolved_at IS NOT NULL', 'resolved_at'],
  // A cancellation also sets closed_at: a cancelled ticket is never counted as closed.
  closed: ["closed_at IS NOT NULL AND status = 'closed'", 'closed_at'],
  cancelled: ["closed_at IS NOT NULL AND status = 'cancelled'", 'closed_at'],
};
const windowSql = (kind: Window): [string, string] =>
  kind in WINDOW_SQL
    ? WINDOW_SQL[kind as Moment]
    : [SCOPE[kind as DeadlineKind], COLUMN(kind as DeadlineKind)];

/**
 * Tickets whose deadline (or opening, resolution, closing time) falls in [from, to), earliest
 * first, through its index; `limit` keeps a report to what a person reads.
 */
export async function ticketsInWindow(
  q: Queryable,
  kind: Window,
  from: number,
  to: number,
  limit = -1,
): Promise<ListedTicket[]> {
  const [scope, column] = windowSql(kind).map(sql.raw) as [
    ReturnType<typeof sql.raw>,
    ReturnType<typeof sql.raw>,
  ];
  const rows = await q.all<Row>(
    sql`SELECT ${TICKET_SQL}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (SELECT id FROM tickets WHERE ${scope} AND ${column} >= ${from} AND ${column} < ${to}
                      ORDER BY ${column}, id ${limitSql(limit)})
       ORDER BY t.${column}, t.id`,
  );
  return rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string }));
}

export async function countInWindow(q: Queryable, kind: Window, from: number, to: number): Promise<number> {
  const [scope, column] = windowSql(kind).map(sql.raw) as [
    ReturnType<typeof sql.raw>,
    ReturnType<typeof sql.raw>,
  ];
  const row = await q.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM tickets WHERE ${scope} AND ${column} >= ${from} AND ${column} < ${to}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Tickets waiting (pending), those with no end date first, then the wait ending soonest, with how
 * many there are: read in the order of the pending-until index, so a hand-over reads only the
 * rows it shows.
 */
export async function pendingTickets(
  q: Queryable,
  limit = -1,
): Promise<{ total: number; rows: ListedTicket[] }> {
  const rows = await q.all<Row>(
    sql`SELECT ${TICKET_SQL}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (SELECT id FROM tickets WHERE status = 'pending' ORDER BY pending_until ${limitSql(limit)})
       ORDER BY t.pending_until, t.id`,
  );
  const total = Number(
    (await q.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM tickets WHERE status = 'pending'`))?.n ?? 0,
  );
  return { total, rows: rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string })) };
}

/** What a shift lead acts on besides the deadline: the ticket's summary and its contact's phone. */
export interface BreachDetails {
  summary: string;
  contactName: string;
  contactPhone: string | null;
  /** The outage the ticket is linked to, if any. */
  outageId: number | null;
  /** That outage, when it is active (what failed, its ETA): the overdue view groups under it. */
  outage: OutageHead | null;
}

/** The details of the tickets `ids`, in one statement (their active outage with them). */
export async function breachDetails(q: Queryable, ids: number[]): Promise<Map<number, BreachDetails>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<Row>(
    sql`SELECT t.id, t.summary, ct.name AS "contactName", ct.phone AS "contactPhone", t.outage_id AS "outageId",
         o.summary AS "outageSummary", o.eta_at AS "outageEta",
         CASE WHEN o.id IS NULL THEN NULL ELSE
           (SELECT ${groupConcat(q, 'e.element')} FROM outage_elements e WHERE e.outage_id = o.id) END AS "outageElements"
       FROM tickets t JOIN contacts ct ON ct.id = t.contact_id
       LEFT JOIN outages o ON o.id = t.outage_id AND o.status = 'active'
       WHERE t.id IN ${sql.list([...new Set(ids)])}`,
  );
  return new Map(rows.map((r) => [Number(r.id), detailsOf(r)]));
}

/** A row with the columns of breachDetails (id, summary, "contactName", …) as BreachDetails. */
export function detailsOf(r: Row): BreachDetails {
  const outageId = r.outageId == null ? null : Number(r.outageId);
  return {
    summary: r.summary as string,
    contactName: r.contactName as string,
    contactPhone: (r.contactPhone as string | null) ?? null,
    outageId,
    outage:
      outageId != null && r.outageSummary != null
        ? {
            id: outageId,
            summary: r.outageSummary as string,
            eta: r.outageEta == null ? null : Number(r.outageEta),
            elements: (r.outageElements as string | null) ?? '',
          }
        : null,
  };
}

/**
 * mostSevereBreaches with the details of the tickets listed: in the same statement on PostgreSQL
 * (a round trip fewer for `hd sla --overdue`), else in a second one (breachDetails).
 */
export async function mostSevereWithDetails(
  q: Queryable,
  query: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[]; details: Map<number, BreachDetails> }> {
  const engine = engineQueries(q);
  if (engine.mostSevereWithDetails) return engine.mostSevereWithDetails(q, query, f);
  const found = await engine.mostSevereBreaches(q, query, f);
  return {
    ...found,
    details: await breachDetails(
      q,
      found.rows.map((r) => r.ticketId),
    ),
  };
}

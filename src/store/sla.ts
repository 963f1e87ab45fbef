import { DEADLINE, DEADLINE_KINDS, type DeadlineKind, sqlScope } from '../domain/deadlines.ts';
import type { Priority, Status, TellKind } from '../domain/types.ts';
import type { Store } from './sqlite/db.ts';
import { type ListedTicket, rowToTicket, TICKET_COLUMNS } from './tickets.ts';

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

/** The filters of `hd sla` as SQL on the SLA index columns, and their parameters. */
function filterSql(f: SlaFilter, params: Record<string, unknown>): string {
  const where: string[] = [];
  if (f.priorities?.length) {
    where.push(`priority IN (${f.priorities.map((_, i) => `@p${i}`).join(', ')})`);
    f.priorities.forEach((p, i) => {
      params[`p${i}`] = p;
    });
  }
  if (f.clientId !== undefined) {
    where.push('client_id = @client');
    params.client = f.clientId;
  }
  if (f.assignee !== undefined) {
    where.push('assignee = @assignee');
    params.assignee = f.assignee;
  }
  return where.map((w) => ` AND ${w}`).join('');
}

/** Each deadline's scope and due column, generated once from the deadline table. */
const SCOPE = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, sqlScope(DEADLINE[k])])) as Record<
  DeadlineKind,
  string
>;
const COLUMN = (kind: DeadlineKind) => DEADLINE[kind].dueColumn;

/** Where deadline `kind` is breached (overdue, near, or either) on its own SLA index. */
function armWhere(
  kind: DeadlineKind,
  q: Pick<BreachQuery, 'nearOnly' | 'overdueOnly'>,
  extra: string,
): string {
  const column = COLUMN(kind);
  const until = q.overdueOnly ? '@now' : '@until';
  const near = q.nearOnly ? ` AND ${column} >= @now` : '';
  // INDEXED BY: a filter on client or assignee must not tempt the planner into a ticket index
  // that reads rows from the table; the SLA index is bounded by what is due.
  return `FROM tickets INDEXED BY tickets_sla_${kind} WHERE ${SCOPE[kind]} AND ${column} < ${until}${near}${extra}`;
}

function breachArms(
  q: Pick<BreachQuery, 'nearOnly' | 'overdueOnly'>,
  extra: string,
  columns: (kind: DeadlineKind) => string,
): string {
  return DEADLINE_KINDS.map(
    (kind, i) => `SELECT ${i} AS k, ${COLUMN(kind)} AS due, ${columns(kind)} ${armWhere(kind, q, extra)}`,
  ).join(' UNION ALL ');
}

/** The statement behind the breach listings, and its parameters (exported for its query plan). */
export function breachListSql(q: BreachQuery, f: SlaFilter): [string, Record<string, unknown>] {
  const params: Record<string, unknown> = { now: q.now, until: q.until, limit: q.limit };
  const arms = breachArms(
    q,
    filterSql(f, params),
    (kind) => `id, priority, status, assignee, client_id, ${kind === 'told' ? 'tell_kind' : 'NULL'} AS tell`,
  );
  // The client's name by a subquery, not a join: SQLite would drive a join from clients.
  const sql = `SELECT b.k, b.id, b.priority, b.status, b.due, b.assignee,
      (SELECT name FROM clients c WHERE c.id = b.client_id), b.tell
    FROM (${arms}) b
    ORDER BY b.due >= @now, b.priority, b.due, b.id, b.k LIMIT @limit`;
  return [sql, params];
}

function* readBreaches(store: Store, q: BreachQuery, f: SlaFilter): Generator<BreachRecord> {
  const [sql, params] = breachListSql(q, f);
  const rows = store.db.prepare(sql).raw().iterate(params) as IterableIterator<unknown[]>;
  for (const r of rows) {
    yield {
      kind: DEADLINE_KINDS[r[0] as number]!,
      ticketId: r[1] as number,
      priority: r[2] as Priority,
      status: r[3] as Status,
      due: r[4] as number,
      assignee: r[5] as string | null,
      clientName: r[6] as string,
      tellKind: r[7] as TellKind | null,
    };
  }
}

export interface BreachTotals {
  /** Deadlines already past. */
  overdue: number;
  /** Deadlines still ahead but before `until`. */
  near: number;
}

function countBreaches(store: Store, q: BreachQuery, f: SlaFilter): BreachTotals {
  const params: Record<string, unknown> = { now: q.now, until: q.until };
  const arms = breachArms(q, filterSql(f, params), () => '1');
  const [overdue, near] = store.db
    .prepare(`SELECT COALESCE(SUM(due < @now), 0), COALESCE(SUM(due >= @now), 0) FROM (${arms})`)
    .raw()
    .get(params) as [number, number];
  return { overdue, near };
}

/**
 * Breaches at `now`, most severe first: overdue before near breaches, then priority, then the
 * longest late (the earliest deadline), then the ticket number and the deadline kind; with how
 * many there are in all. One range scan per deadline on its covering partial index (migration
 * 007), sorted by SQLite: no ticket is looked up. The count and the rows come from one snapshot.
 */
export async function mostSevereBreaches(
  store: Store,
  q: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[] }> {
  return store.db.transaction(() => ({
    ...countBreaches(store, q, f),
    rows: [...readBreaches(store, q, f)],
  }))();
}

/**
 * Every breach, in the same order, one row at a time (for a full listing of any size: memory
 * stays flat). Count them as they pass for the totals.
 */
export function streamBreaches(
  store: Store,
  q: Omit<BreachQuery, 'limit'>,
  f: SlaFilter,
): Generator<BreachRecord> {
  return readBreaches(store, { ...q, limit: -1 }, f);
}

/** Open tickets per priority and status, from the open-tickets index. */
export async function openCounts(store: Store): Promise<{ priority: Priority; status: string; n: number }[]> {
  return store.db
    .prepare(
      `SELECT priority, status, COUNT(*) AS n FROM tickets
       WHERE status NOT IN ('closed', 'cancelled') GROUP BY priority, status ORDER BY priority, status`,
    )
    .all() as { priority: Priority; status: string; n: number }[];
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
  store: Store,
  kind: Window,
  from: number,
  to: number,
  limit = -1,
): Promise<ListedTicket[]> {
  const [scope, column] = windowSql(kind);
  const rows = store.db
    .prepare(
      `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (SELECT id FROM tickets WHERE ${scope} AND ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT ?)
       ORDER BY t.${column}`,
    )
    .all(from, to, limit) as Record<string, unknown>[];
  return rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string }));
}

export async function countInWindow(store: Store, kind: Window, from: number, to: number): Promise<number> {
  const [scope, column] = windowSql(kind);
  return store.db
    .prepare(`SELECT COUNT(*) FROM tickets WHERE ${scope} AND ${column} >= ? AND ${column} < ?`)
    .pluck()
    .get(from, to) as number;
}

export type BreachCounts = Record<DeadlineKind, Record<Priority, { overdue: number; soon: number }>>;

/**
 * Breaches per deadline and priority, counted in SQL on the partial indexes: overdue (due before
 * `now`) and soon (due before `until`). The scopes are the breach rules of domain/deadlines.ts.
 */
export async function breachCounts(
  store: Store,
  now: number,
  until: number,
  f: SlaFilter,
): Promise<BreachCounts> {
  const params: Record<string, unknown> = { now, until };
  const extra = filterSql(f, params);
  // Grouped per deadline (each on its index), not over the union: half the time at a million.
  const arms = DEADLINE_KINDS.map((kind, i) => {
    const due = COLUMN(kind);
    return `SELECT ${i}, priority, SUM(${due} < @now), SUM(${due} >= @now) ${armWhere(kind, {}, extra)} GROUP BY priority`;
  });
  const rows = store.db.prepare(arms.join(' UNION ALL ')).raw().all(params) as [
    number,
    Priority,
    number,
    number,
  ][];
  const empty = () => ({ overdue: 0, soon: 0 });
  const counts = Object.fromEntries(
    DEADLINE_KINDS.map((kind) => [kind, { P1: empty(), P2: empty(), P3: empty(), P4: empty() }]),
  ) as BreachCounts;
  for (const [k, priority, overdue, soon] of rows) counts[DEADLINE_KINDS[k]!][priority] = { overdue, soon };
  return counts;
}

/**
 * Tickets waiting (pending), those with no end date first, then the wait ending soonest, with how
 * many there are: read in the order of the pending-until index, so a hand-over reads only the
 * rows it shows.
 */
export async function pendingTickets(
  store: Store,
  limit = -1,
): Promise<{ total: number; rows: ListedTicket[] }> {
  const rows = store.db
    .prepare(
      `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (SELECT id FROM tickets WHERE status = 'pending' ORDER BY pending_until LIMIT ?)
       ORDER BY t.pending_until, t.id`,
    )
    .all(limit) as Record<string, unknown>[];
  const total = store.db
    .prepare("SELECT COUNT(*) FROM tickets WHERE status = 'pending'")
    .pluck()
    .get() as number;
  return { total, rows: rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string })) };
}

import type { BreachKind } from '../domain/breach.ts';
import type { Priority, Status } from '../domain/types.ts';
import type { Store } from './db.ts';
import { SLA_COLUMNS, SLA_SCOPES } from './migrations/002_sla_indexes.ts';
import { type ListedTicket, rowToTicket, TICKET_COLUMNS } from './tickets.ts';

export interface SlaFilter {
  priorities?: Priority[];
  clientId?: number;
  assignee?: string;
}

/** One breached (or nearly breached) deadline, read from its SLA index alone. */
export interface BreachRecord {
  kind: BreachKind;
  ticketId: number;
  priority: Priority;
  status: Status;
  due: number;
  assignee: string | null;
  clientName: string;
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

type SlaKind = keyof typeof SLA_SCOPES;
const SLA_KINDS = Object.keys(SLA_SCOPES) as SlaKind[];

/** Where deadline `kind` is breached (overdue, near, or either) on its own SLA index. */
function armWhere(kind: SlaKind, q: Pick<BreachQuery, 'nearOnly' | 'overdueOnly'>, extra: string): string {
  const column = SLA_COLUMNS[kind];
  const until = q.overdueOnly ? '@now' : '@until';
  const near = q.nearOnly ? ` AND ${column} >= @now` : '';
  // INDEXED BY: a filter on client or assignee must not tempt the planner into a ticket index
  // that reads rows from the table; the SLA index is bounded by what is due.
  return `FROM tickets INDEXED BY tickets_sla_${kind} WHERE ${SLA_SCOPES[kind]} AND ${column} < ${until}${near}${extra}`;
}

function breachArms(
  q: Pick<BreachQuery, 'nearOnly' | 'overdueOnly'>,
  extra: string,
  columns: string,
): string {
  return SLA_KINDS.map(
    (kind, i) => `SELECT ${i} AS k, ${SLA_COLUMNS[kind]} AS due, ${columns} ${armWhere(kind, q, extra)}`,
  ).join(' UNION ALL ');
}

/** The statement behind the breach listings, and its parameters (exported for its query plan). */
export function breachListSql(q: BreachQuery, f: SlaFilter): [string, Record<string, unknown>] {
  const params: Record<string, unknown> = { now: q.now, until: q.until, limit: q.limit };
  const arms = breachArms(q, filterSql(f, params), 'id, priority, status, assignee, client_id');
  // The client's name by a subquery, not a join: SQLite would drive a join from clients.
  const sql = `SELECT b.k, b.id, b.priority, b.status, b.due, b.assignee,
      (SELECT name FROM clients c WHERE c.id = b.client_id)
    FROM (${arms}) b
    ORDER BY b.due >= @now, b.priority, b.due, b.id, b.k LIMIT @limit`;
  return [sql, params];
}

function* readBreaches(store: Store, q: BreachQuery, f: SlaFilter): Generator<BreachRecord> {
  const [sql, params] = breachListSql(q, f);
  const rows = store.db.prepare(sql).raw().iterate(params) as IterableIterator<unknown[]>;
  for (const r of rows) {
    yield {
      kind: SLA_KINDS[r[0] as number]!,
      ticketId: r[1] as number,
      priority: r[2] as Priority,
      status: r[3] as Status,
      due: r[4] as number,
      assignee: r[5] as string | null,
      clientName: r[6] as string,
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
  const arms = breachArms(q, filterSql(f, params), '1');
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

type Window = keyof typeof SLA_SCOPES | 'opened' | 'resolved' | 'closed';
const WINDOW_SQL: Record<'opened' | 'resolved' | 'closed', [string, string]> = {
  opened: ['opened_at IS NOT NULL', 'opened_at'],
  resolved: ['resolved_at IS NOT NULL', 'resolved_at'],
  closed: ['closed_at IS NOT NULL', 'closed_at'],
};
const windowSql = (kind: Window): [string, string] =>
  kind === 'opened' || kind === 'resolved' || kind === 'closed'
    ? WINDOW_SQL[kind]
    : [SLA_SCOPES[kind], SLA_COLUMNS[kind]];

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

export type BreachCounts = Record<
  keyof typeof SLA_SCOPES,
  Record<Priority, { overdue: number; soon: number }>
>;

/**
 * Breaches per deadline and priority, counted in SQL on the partial indexes: overdue (due before
 * `now`) and soon (due before `until`). The scopes are the breach rules of domain/breach.ts.
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
  const arms = SLA_KINDS.map((kind, i) => {
    const due = SLA_COLUMNS[kind];
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
    SLA_KINDS.map((kind) => [kind, { P1: empty(), P2: empty(), P3: empty(), P4: empty() }]),
  ) as BreachCounts;
  for (const [k, priority, overdue, soon] of rows) counts[SLA_KINDS[k]!][priority] = { overdue, soon };
  return counts;
}

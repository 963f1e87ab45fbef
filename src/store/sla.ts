import type { BreachInput } from '../domain/breach.ts';
import type { Priority, Status, Ticket } from '../domain/types.ts';
import type { Store } from './db.ts';
import { SLA_COLUMNS, SLA_SCOPES } from './migrations/002_sla_indexes.ts';
import { DEADLINE_SQL, deadlinesAt, type ListedTicket, rowToTicket, TICKET_COLUMNS } from './tickets.ts';

export interface SlaFilter {
  priorities?: Priority[];
  clientId?: number;
  assignee?: string;
}

/** What breach detection and the SLA views need of a ticket: no JSON columns, no text. */
export type SlaTicket = BreachInput & Pick<Ticket, 'priority' | 'assignee'> & { clientName: string };

const DUE_SQL = `SELECT t.id, t.priority, t.status, t.assignee, t.eta, t.responded_at, t.restored_at, t.onsite_at, t.hardware_at,
    t.pending_until, ${DEADLINE_SQL}, t.client_id, c.name
  FROM tickets t JOIN clients c ON c.id = t.client_id
  WHERE t.status NOT IN ('closed', 'cancelled') AND t.id IN (${Object.entries(SLA_SCOPES)
    .map(
      ([kind, scope]) =>
        `SELECT id FROM tickets WHERE ${scope} AND ${SLA_COLUMNS[kind as keyof typeof SLA_COLUMNS]} < @until`,
    )
    .join(' UNION ALL ')})`;

/**
 * Tickets with any deadline before `until`, in one statement: a range scan on each deadline's
 * partial index, then the tickets by primary key. Never a scan of the history.
 */
export async function ticketsDueBefore(store: Store, until: number, f: SlaFilter): Promise<SlaTicket[]> {
  const rows = store.db.prepare(DUE_SQL).raw().all({ until }) as unknown[][];
  const out: SlaTicket[] = [];
  for (const r of rows) {
    const priority = r[1] as Priority;
    if (f.priorities?.length && !f.priorities.includes(priority)) continue;
    if (f.clientId !== undefined && r[16] !== f.clientId) continue;
    if (f.assignee !== undefined && r[3] !== f.assignee) continue;
    out.push({
      id: r[0] as number,
      priority,
      status: r[2] as Status,
      assignee: r[3] as string | null,
      eta: r[4] as number | null,
      respondedAt: r[5] as number | null,
      restoredAt: r[6] as number | null,
      onsiteAt: r[7] as number | null,
      hardwareAt: r[8] as number | null,
      pendingUntil: r[9] as number | null,
      deadlines: deadlinesAt(r, 10),
      clientName: r[17] as string,
    });
  }
  return out;
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
  const where: string[] = [];
  const params: Record<string, unknown> = { now, until };
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
  const extra = where.map((w) => ` AND ${w}`).join('');
  const counts = {} as BreachCounts;
  for (const [kind, scope] of Object.entries(SLA_SCOPES) as [keyof typeof SLA_SCOPES, string][]) {
    const column = SLA_COLUMNS[kind];
    const empty = () => ({ overdue: 0, soon: 0 });
    counts[kind] = { P1: empty(), P2: empty(), P3: empty(), P4: empty() };
    const rows = store.db
      .prepare(
        `SELECT priority, SUM(${column} < @now) AS overdue, SUM(${column} >= @now) AS soon
         FROM tickets WHERE ${scope} AND ${column} < @until${extra} GROUP BY priority`,
      )
      .all(params) as { priority: Priority; overdue: number; soon: number }[];
    for (const r of rows) counts[kind][r.priority] = { overdue: r.overdue, soon: r.soon };
  }
  return counts;
}

import type { Priority } from '../domain/types.ts';
import type { Store } from './db.ts';
import { SLA_COLUMNS, SLA_SCOPES } from './migrations/002_sla_indexes.ts';
import { type ListedTicket, rowToTicket, TICKET_COLUMNS } from './tickets.ts';

export interface SlaFilter {
  priorities?: Priority[];
  clientId?: number;
  assignee?: string;
}

/**
 * Tickets with any deadline before `until`: one small range query per deadline, each on its
 * partial index, then the tickets themselves by primary key. Never a scan of the history.
 */
export async function ticketsDueBefore(store: Store, until: number, f: SlaFilter): Promise<ListedTicket[]> {
  const ids = new Set<number>();
  for (const [kind, scope] of Object.entries(SLA_SCOPES)) {
    const column = SLA_COLUMNS[kind as keyof typeof SLA_COLUMNS];
    const rows = store.db
      .prepare(`SELECT id FROM tickets WHERE ${scope} AND ${column} < ?`)
      .pluck()
      .all(until) as number[];
    for (const id of rows) ids.add(id);
  }
  if (ids.size === 0) return [];
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.priorities?.length) {
    where.push(`t.priority IN (${f.priorities.map(() => '?').join(', ')})`);
    params.push(...f.priorities);
  }
  if (f.clientId !== undefined) {
    where.push('t.client_id = ?');
    params.push(f.clientId);
  }
  if (f.assignee !== undefined) {
    where.push('t.assignee = ?');
    params.push(f.assignee);
  }
  const list = [...ids];
  const out: ListedTicket[] = [];
  // Bounded batches keep the statement under SQLite's parameter limit.
  for (let i = 0; i < list.length; i += 500) {
    const batch = list.slice(i, i + 500);
    const rows = store.db
      .prepare(
        `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
         WHERE t.id IN (${batch.map(() => '?').join(', ')})${where.length ? ` AND ${where.join(' AND ')}` : ''}`,
      )
      .all(...batch, ...params) as Record<string, unknown>[];
    for (const row of rows) out.push({ ...rowToTicket(row), clientName: row.client_name as string });
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

type Window = keyof typeof SLA_SCOPES | 'resolved' | 'closed';
const WINDOW_SQL: Record<'resolved' | 'closed', [string, string]> = {
  resolved: ['resolved_at IS NOT NULL', 'resolved_at'],
  closed: ['closed_at IS NOT NULL', 'closed_at'],
};

/** Tickets whose deadline (or resolution / closing time) falls in [from, to), through its index. */
export async function ticketsInWindow(
  store: Store,
  kind: Window,
  from: number,
  to: number,
): Promise<ListedTicket[]> {
  const [scope, column] =
    kind === 'resolved' || kind === 'closed' ? WINDOW_SQL[kind] : [SLA_SCOPES[kind], SLA_COLUMNS[kind]];
  const rows = store.db
    .prepare(
      `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (SELECT id FROM tickets WHERE ${scope} AND ${column} >= ? AND ${column} < ?)
       ORDER BY t.${column}`,
    )
    .all(from, to) as Record<string, unknown>[];
  return rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string }));
}

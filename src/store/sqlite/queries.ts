// The SQLite side of EngineQueries: the SLA breach listings and counts, one range scan per deadline
// on its covering partial index (INDEXED BY), and FTS5 search. Hand-tuned SQL on the driver.
import { DEADLINE, DEADLINE_KINDS, type DeadlineKind, sqlScope } from '../../domain/deadlines.ts';
import type { Priority } from '../../domain/types.ts';
import { breachRecord } from '../breach-record.ts';
import type { EngineQueries } from '../engine.ts';
import { type Queryable, type Sql, sql } from '../port.ts';
import { rankSearch, SEARCH_WINDOW, type SearchHit, type SearchRow, searchWords } from '../search.ts';
import type { BreachCounts, BreachQuery, BreachRecord, BreachTotals, SlaFilter } from '../sla.ts';
import { counted, driverOf, sqliteError } from './db.ts';

/** Each deadline's scope and due column, generated once from the deadline table. */
const SCOPE = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, sqlScope(DEADLINE[k])])) as Record<
  DeadlineKind,
  string
>;
const COLUMN = (kind: DeadlineKind) => DEADLINE[kind].dueColumn;

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

function* readBreaches(store: Queryable, q: BreachQuery, f: SlaFilter): Generator<BreachRecord> {
  const [sql, params] = breachListSql(q, f);
  counted(store);
  const rows = driverOf(store).prepare(sql).raw().iterate(params) as IterableIterator<unknown[]>;
  for (const r of rows) yield breachRecord(r);
}

function countBreaches(store: Queryable, q: BreachQuery, f: SlaFilter): BreachTotals {
  const params: Record<string, unknown> = { now: q.now, until: q.until };
  const arms = breachArms(q, filterSql(f, params), () => '1');
  counted(store);
  const [overdue, near] = driverOf(store)
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
async function mostSevereBreaches(
  store: Queryable,
  q: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[] }> {
  return driverOf(store).transaction(() => ({
    ...countBreaches(store, q, f),
    rows: [...readBreaches(store, q, f)],
  }))();
}

/**
 * Every breach, in the same order, one row at a time (for a full listing of any size: memory
 * stays flat). Count them as they pass for the totals.
 */
async function* streamBreaches(
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  f: SlaFilter,
): AsyncGenerator<BreachRecord> {
  yield* readBreaches(store, { ...q, limit: -1 }, f);
}

/**
 * Breaches per deadline and priority, counted in SQL on the partial indexes: overdue (due before
 * `now`) and soon (due before `until`). The scopes are the breach rules of domain/deadlines.ts.
 */
async function breachCounts(
  store: Queryable,
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
  counted(store);
  const rows = driverOf(store).prepare(arms.join(' UNION ALL ')).raw().all(params) as [
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
 * Full-text search (FTS5) over summaries, descriptions and timeline text: the newest
 * SEARCH_WINDOW rows holding every word (each word a phrase of its tokens), ranked, cut to one
 * hit per ticket and given their snippets in shared code (rankSearch), as on PostgreSQL. Reading
 * every match of a common word would cost ~250 ms at a million tickets; the window stays ~10 ms.
 * One statement.
 */
async function searchTickets(q: Queryable, text: string, limit: number): Promise<SearchHit[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const query = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
  counted(q);
  const window = driverOf(q)
    .prepare(
      `SELECT rowid AS id, ticket_id AS ticketId, source, text
       FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`,
    )
    .all(query, SEARCH_WINDOW) as SearchRow[];
  return rankSearch(window, words, limit);
}

/** Runs `fn`, with a driver error mapped as the adapter maps it (busy, full, damaged…). */
async function mapped<T>(q: Queryable, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw sqliteError(q, error);
  }
}

export const sqliteQueries: EngineQueries = {
  mostSevereBreaches: (q, query, f) => mapped(q, () => mostSevereBreaches(q, query, f)),
  async *streamBreaches(q, query, f) {
    try {
      yield* streamBreaches(q, query, f);
    } catch (error) {
      throw sqliteError(q, error);
    }
  },
  breachCounts: (q, now, until, f) => mapped(q, () => breachCounts(q, now, until, f)),
  searchTickets: (q, text, limit) => mapped(q, () => searchTickets(q, text, limit)),
  // The rowid is max(id) + 1, taken under the one write lock (BEGIN IMMEDIATE): gapless already,
  // and a rolled-back open leaves max(id) as it was.
  insertTicketSql: (columns, values, returning): Sql =>
    sql`INSERT INTO tickets (${sql.raw(columns.join(', '))}) VALUES ${sql.list(values)} ${returning}`,
};

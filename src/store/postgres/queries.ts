// The PostgreSQL side of EngineQueries: the SLA breach listings and counts, one range scan per
// deadline on its partial index (the scope text is the index predicate, so the planner proves
// the index applies; PostgreSQL has no INDEXED BY and needs none), and full-text search on the
// tsvector of search_index (text search configuration hd_search). Same rows, order and totals as
// src/store/sqlite/queries.ts; statements through the port, so they are counted and mapped.
import { DEADLINE, DEADLINE_KINDS, type DeadlineKind, sqlScope } from '../../domain/deadlines.ts';
import type { Priority, Status, TellKind } from '../../domain/types.ts';
import { breachRecord } from '../breach-record.ts';
import type { EngineQueries } from '../engine.ts';
import { type Queryable, type Row, type Sql, sql, valuesOf } from '../port.ts';
import { rankSearch, SEARCH_WINDOW, type SearchHit, type SearchRow, searchWords } from '../search.ts';
import {
  type BreachCounts,
  type BreachDetails,
  type BreachQuery,
  type BreachRecord,
  type BreachTotals,
  detailsOf,
  type SlaFilter,
} from '../sla.ts';

/** Each deadline's scope and due column, generated once from the deadline table. */
const SCOPE = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, sqlScope(DEADLINE[k])])) as Record<
  DeadlineKind,
  string
>;
const COLUMN = (kind: DeadlineKind) => DEADLINE[kind].dueColumn;

/** The filters of `hd sla` as SQL on the SLA index columns. */
function filterSql(f: SlaFilter): Sql {
  const where: Sql[] = [];
  if (f.priorities?.length) where.push(sql` AND priority IN ${sql.list(f.priorities)}`);
  if (f.clientId !== undefined) where.push(sql` AND client_id = ${f.clientId}`);
  if (f.assignee !== undefined) where.push(sql` AND assignee = ${f.assignee}`);
  return sql.join(where, '');
}

type Window = Pick<BreachQuery, 'now' | 'until' | 'nearOnly' | 'overdueOnly'>;

/** Where deadline `kind` is breached (overdue, near, or either), on its own partial SLA index. */
function armWhere(kind: DeadlineKind, q: Window, f: SlaFilter): Sql {
  const column = sql.raw(COLUMN(kind));
  const until = q.overdueOnly ? q.now : q.until;
  const near = q.nearOnly ? sql` AND ${column} >= ${q.now}` : sql``;
  return sql`FROM tickets WHERE ${sql.raw(SCOPE[kind])} AND ${column} < ${until}${near}${filterSql(f)}`;
}

/**
 * One arm per deadline: k (its index in DEADLINE_KINDS), due, id, priority and tell, and with
 * `wide` the other listed columns (status, assignee, client_id).
 */
function breachArms(q: Window, f: SlaFilter, wide = true): Sql {
  const more = wide ? ', status, assignee, client_id' : '';
  return sql.join(
    DEADLINE_KINDS.map(
      (kind, i) =>
        sql`SELECT ${sql.raw(`${i} AS k, ${COLUMN(kind)} AS due, id, priority${more}, ${kind === 'told' ? 'tell_kind' : 'NULL::text'} AS tell`)} ${armWhere(kind, q, f)}`,
    ),
    ' UNION ALL ',
  );
}

/** Most severe first: overdue before near, then priority, due, ticket number, deadline kind. */
const ORDER = (now: number, t = 'b') =>
  sql`ORDER BY ${sql.raw(t)}.due >= ${now}, ${sql.raw(`${t}.priority, ${t}.due, ${t}.id, ${t}.k`)}`;

const LISTED = sql.raw(
  'b.k, b.id, b.priority, b.status, b.due, b.assignee, (SELECT name FROM clients c WHERE c.id = b.client_id) AS client_name, b.tell',
);

/**
 * Begins a statement that a connection which prepares statements (the agent's, hd serve's) plans
 * once, for any values: PostgreSQL plans a prepared statement again on every run while it
 * estimates its generic plan dearer, and the breach listing's nine arms over the twenty-odd
 * indexes of tickets cost ~3 ms to plan and ~6 ms to run, by the same plan whatever the values
 * (each arm a range on its partial index). Statements whose best plan depends on the values (the
 * counts per priority) stay without it.
 */
export const GENERIC_PLAN = '/* hd: generic plan */ ';

/** The statement of the full listing, in order (exported for its query plan). */
export function breachStreamSql(q: Window, f: SlaFilter): Sql {
  return sql`SELECT ${LISTED} FROM (${breachArms(q, f)}) b ${ORDER(q.now)}`;
}

/**
 * The statement of the most severe breaches with the totals, in one statement (one snapshot at
 * READ COMMITTED): the breaches once (a CTE), counted, and the first `limit` of them in order.
 * There is always one row: the totals, with NULL listing columns when nothing is breached. The
 * CTE keeps only what orders the rows: the rest of a listed row is read by id for the rows listed
 * (at 1M tickets and 10,000 breaches, ~1.2 ms less than carrying every column through the CTE).
 */
export function breachListSql(q: BreachQuery, f: SlaFilter, details = false): Sql {
  const limit = q.limit < 0 ? sql`` : sql` LIMIT ${q.limit}`;
  return sql`${sql.raw(GENERIC_PLAN)}WITH b AS (${breachArms(q, f, false)}),
    t AS (SELECT count(*) FILTER (WHERE due < ${q.now}) AS overdue, count(*) FILTER (WHERE due >= ${q.now}) AS near FROM b)
    SELECT t.overdue, t.near, r.* FROM t LEFT JOIN LATERAL (SELECT ${LISTED}${details ? DETAILS : sql``}
      FROM (SELECT b.k, b.id, b.priority, b.due, b.tell, tk.status, tk.assignee, tk.client_id, tk.summary, tk.contact_id, tk.outage_id
      FROM (SELECT * FROM b ${ORDER(q.now)}${limit}) b JOIN tickets tk ON tk.id = b.id) b${details ? DETAILS_JOINS : sql``}) r ON true
    ${ORDER(q.now, 'r')}`;
}

/** The columns of breachDetails (src/store/sla.ts), for the tickets listed. */
const DETAILS =
  sql.raw(`, b.summary, ct.name AS "contactName", ct.phone AS "contactPhone", b.outage_id AS "outageId",
      o.summary AS "outageSummary", o.eta_at AS "outageEta",
      CASE WHEN o.id IS NULL THEN NULL ELSE
        (SELECT string_agg(e.element, ', ') FROM outage_elements e WHERE e.outage_id = o.id) END AS "outageElements"`);
const DETAILS_JOINS = sql.raw(`
      JOIN contacts ct ON ct.id = b.contact_id LEFT JOIN outages o ON o.id = b.outage_id AND o.status = 'active'`);

/** A listed row as `store.all` gives it (the columns of LISTED). */
interface ListedRow {
  k: number;
  id: number;
  priority: Priority;
  status: Status;
  due: number;
  assignee: string | null;
  client_name: string;
  tell: TellKind | null;
}

/**
 * The most severe breaches and the totals: one statement, one round trip (a page of rows, so no
 * cursor); the same rows and order as the stream.
 */
/** The listing's rows as read, and as BreachRecords; with `details`, each ticket's details too. */
async function breachList(
  store: Queryable,
  q: BreachQuery,
  f: SlaFilter,
  details = false,
): Promise<BreachTotals & { rows: BreachRecord[]; listed: (ListedRow & Row)[] }> {
  const result = await store.all<ListedRow & Row & { overdue: number; near: number }>(
    breachListSql(q, f, details),
  );
  const first = result[0];
  const listed = result.filter((r) => r.k !== null);
  return {
    overdue: first?.overdue ?? 0,
    near: first?.near ?? 0,
    rows: listed.map((r) =>
      breachRecord([r.k, r.id, r.priority, r.status, r.due, r.assignee, r.client_name, r.tell]),
    ),
    listed,
  };
}

async function mostSevereBreaches(
  store: Queryable,
  q: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[] }> {
  const { listed: _, ...found } = await breachList(store, q, f);
  return found;
}

/** The most severe breaches and their tickets' details, in one statement: one round trip. */
async function mostSevereWithDetails(
  store: Queryable,
  q: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[]; details: Map<number, BreachDetails> }> {
  const { listed, ...found } = await breachList(store, q, f, true);
  return { ...found, details: new Map(listed.map((r) => [Number(r.id), detailsOf(r)])) };
}

async function* streamBreaches(
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  f: SlaFilter,
): AsyncGenerator<BreachRecord> {
  for await (const r of valuesOf(store, breachStreamSql(q, f))) yield breachRecord(r);
}

/** The statement of the counts per deadline and priority (exported for its query plan). */
export function breachCountsSql(now: number, until: number, f: SlaFilter): Sql {
  // Grouped per deadline (each on its index), not over the union, as on SQLite.
  return sql.join(
    DEADLINE_KINDS.map((kind, i) => {
      const due = sql.raw(COLUMN(kind));
      return sql`SELECT ${sql.raw(String(i))} AS k, priority, count(*) FILTER (WHERE ${due} < ${now}) AS overdue, count(*) FILTER (WHERE ${due} >= ${now}) AS soon ${armWhere(kind, { now, until }, f)} GROUP BY priority`;
    }),
    ' UNION ALL ',
  );
}

async function breachCounts(
  store: Queryable,
  now: number,
  until: number,
  f: SlaFilter,
): Promise<BreachCounts> {
  const rows = await store.all<{ k: number; priority: Priority; overdue: number; soon: number }>(
    breachCountsSql(now, until, f),
  );
  const empty = () => ({ overdue: 0, soon: 0 });
  const counts = Object.fromEntries(
    DEADLINE_KINDS.map((kind) => [kind, { P1: empty(), P2: empty(), P3: empty(), P4: empty() }]),
  ) as BreachCounts;
  for (const { k, priority, overdue, soon } of rows) {
    counts[DEADLINE_KINDS[k]!][priority] = { overdue: Number(overdue), soon: Number(soon) };
  }
  return counts;
}

/** How many of the newest rows of search_index are read in order, before the GIN index is asked. */
export const RECENT_ROWS = 50_000;

/** Every word must match; a word of several tokens ("Wi-Fi", "1.2") as a phrase, as FTS5 does. */
function matching(words: string[]): Sql {
  return sql.join(
    words.map((w) => sql`phraseto_tsquery('hd_search', ${w})`),
    ' && ',
  );
}

/**
 * The newest SEARCH_WINDOW matches among the newest RECENT_ROWS rows, read backwards on the
 * primary key and stopped at the window (a common word costs a few rows), with where those rows
 * begin (`floor`, on a row of its own when nothing matches). The query is written out in place
 * (no CTE) so that the planner sees a constant.
 */
export function searchSql(words: string[]): Sql {
  return sql`WITH f AS (SELECT coalesce(max(id), 0) - ${RECENT_ROWS} AS floor FROM search_index)
    SELECT f.floor, r.* FROM f LEFT JOIN LATERAL (SELECT id, ticket_id AS "ticketId", source, text FROM search_index
      WHERE id > f.floor AND document @@ (${matching(words)}) ORDER BY id DESC LIMIT ${SEARCH_WINDOW}) r ON true
    ORDER BY r.id DESC`;
}

/**
 * The newest matches older than `floor`, through the GIN index: `id + 0` keeps the planner from
 * reading the primary key backwards to the first match, which for a word found nowhere (a typo,
 * a serial number) meant every row of the table (1.6 s at 1M tickets; this, a few ms).
 */
export function olderSearchSql(words: string[], floor: number, limit: number): Sql {
  return sql`SELECT id, ticket_id AS "ticketId", source, text FROM search_index
    WHERE id <= ${floor} AND document @@ (${matching(words)}) ORDER BY id + 0 DESC LIMIT ${limit}`;
}

/**
 * Full-text search over summaries, descriptions and timeline text: the newest SEARCH_WINDOW rows
 * holding every word, ranked, cut to one hit per ticket and given their snippets in shared code
 * (rankSearch), as on SQLite. One statement when the newest rows hold the window (a common word),
 * else two.
 */
async function searchTickets(q: Queryable, text: string, limit: number): Promise<SearchHit[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const recent = await q.all<SearchRow & { floor: number }>(searchSql(words));
  const rows: SearchRow[] = recent.filter((r) => r.id !== null);
  if (rows.length < SEARCH_WINDOW)
    rows.push(
      ...(await q.all<SearchRow>(
        olderSearchSql(words, Number(recent[0]!.floor), SEARCH_WINDOW - rows.length),
      )),
    );
  return rankSearch(rows, words, limit);
}

/**
 * The new ticket's number from the counter row (migration 3), in the INSERT itself: the upsert
 * holds the row's lock until the opening transaction ends, so numbers are handed out one by one,
 * never skipped by a crash (an identity sequence logs 32 ahead) and given back by a rollback.
 * max(id) + 1 (one index probe) keeps it right after rows written around it (a bulk load with
 * explicit ids, an emptied counter).
 */
function insertTicketSql(columns: readonly string[], values: readonly unknown[], returning: Sql): Sql {
  const params = sql.join(values.map((v) => sql`${v}`));
  return sql`WITH n AS (
      INSERT INTO ticket_numbers AS c (one, last) VALUES (true, (SELECT COALESCE(max(id), 0) + 1 FROM tickets))
      ON CONFLICT (one) DO UPDATE SET last = GREATEST(c.last + 1, EXCLUDED.last) RETURNING last
    )
    INSERT INTO tickets (id, ${sql.raw(columns.join(', '))}) VALUES ((SELECT last FROM n), ${params}) ${returning}`;
}

export const postgresQueries: EngineQueries = {
  mostSevereBreaches,
  mostSevereWithDetails,
  streamBreaches,
  breachCounts,
  searchTickets,
  insertTicketSql,
};

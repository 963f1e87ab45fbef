// The PostgreSQL side of EngineQueries: the SLA breach listings and counts, one range scan per
// deadline on its partial index (the scope text is the index predicate, so the planner proves
// the index applies; PostgreSQL has no INDEXED BY and needs none), and full-text search on the
// tsvector of search_index (text search configuration hd_search). Same rows, order and totals as
// src/store/sqlite/queries.ts; statements through the port, so they are counted and mapped.
import { DEADLINE, DEADLINE_KINDS, type DeadlineKind, sqlScope } from '../../domain/deadlines.ts';
import type { Priority, Status, TellKind } from '../../domain/types.ts';
import type { EngineQueries } from '../engine.ts';
import { type Queryable, type Sql, sql, valuesOf } from '../port.ts';
import { MARK_END, MARK_START, SEARCH_WINDOW, type SearchHit } from '../search.ts';
import type { BreachCounts, BreachQuery, BreachRecord, BreachTotals, SlaFilter } from '../sla.ts';

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

/** One arm per deadline: k (its index in DEADLINE_KINDS), due, and the listed columns. */
function breachArms(q: Window, f: SlaFilter): Sql {
  return sql.join(
    DEADLINE_KINDS.map(
      (kind, i) =>
        sql`SELECT ${sql.raw(`${i} AS k, ${COLUMN(kind)} AS due, id, priority, status, assignee, client_id, ${kind === 'told' ? 'tell_kind' : 'NULL::text'} AS tell`)} ${armWhere(kind, q, f)}`,
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

/** The statement of the full listing, in order (exported for its query plan). */
export function breachStreamSql(q: Window, f: SlaFilter): Sql {
  return sql`SELECT ${LISTED} FROM (${breachArms(q, f)}) b ${ORDER(q.now)}`;
}

/**
 * The statement of the most severe breaches with the totals, in one statement (one snapshot at
 * READ COMMITTED): the breaches once (a CTE), counted, and the first `limit` of them in order.
 * There is always one row: the totals, with NULL listing columns when nothing is breached.
 */
export function breachListSql(q: BreachQuery, f: SlaFilter): Sql {
  const limit = q.limit < 0 ? sql`` : sql` LIMIT ${q.limit}`;
  return sql`WITH b AS (${breachArms(q, f)}),
    t AS (SELECT count(*) FILTER (WHERE due < ${q.now}) AS overdue, count(*) FILTER (WHERE due >= ${q.now}) AS near FROM b)
    SELECT t.overdue, t.near, r.* FROM t LEFT JOIN LATERAL (SELECT ${LISTED} FROM b ${ORDER(q.now)}${limit}) r ON true
    ${ORDER(q.now, 'r')}`;
}

function toRecord(r: unknown[]): BreachRecord {
  return {
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
async function mostSevereBreaches(
  store: Queryable,
  q: BreachQuery,
  f: SlaFilter,
): Promise<BreachTotals & { rows: BreachRecord[] }> {
  const result = await store.all<ListedRow & { overdue: number; near: number }>(breachListSql(q, f));
  const first = result[0];
  return {
    overdue: first?.overdue ?? 0,
    near: first?.near ?? 0,
    rows: result
      .filter((r) => r.k !== null)
      .map((r) => toRecord([r.k, r.id, r.priority, r.status, r.due, r.assignee, r.client_name, r.tell])),
  };
}

async function* streamBreaches(
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  f: SlaFilter,
): AsyncGenerator<BreachRecord> {
  for await (const r of valuesOf(store, breachStreamSql(q, f))) yield toRecord(r);
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

/** ts_headline's options: about a dozen words around the first match, as SQLite's snippet. */
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=12, MinWords=11, ShortWord=0, HighlightAll=false`;

/** The statement of a search, for the words `terms` (exported for its query plan). */
export function searchSql(terms: string[], limit: number): Sql {
  // Every word must match; a word of several tokens ("Wi-Fi", "1.2") as a phrase, as FTS5 does.
  // The query is written out where it is used (not a CTE) so that the planner sees a constant
  // and estimates how common the words are.
  const query = () =>
    sql.join(
      terms.map((t) => sql`phraseto_tsquery('hd_search', ${t})`),
      ' && ',
    );
  // The newest SEARCH_WINDOW matches; ranked (after the window: ts_rank on those alone, divided by
  // 1 + log(length) as bm25 prefers the shorter text: a summary over the notice that quotes it); the
  // best per ticket; a headline for those shown, from the row's own text.
  return sql`WITH m AS (SELECT id, ticket_id, source, text, document FROM search_index
          WHERE document @@ (${query()}) ORDER BY id DESC LIMIT ${SEARCH_WINDOW}),
    best AS (SELECT DISTINCT ON (ticket_id) id, ticket_id, source, text, ts_rank(document, ${query()}, 1) AS score
          FROM m ORDER BY ticket_id, score DESC, id DESC),
    shown AS (SELECT * FROM best ORDER BY score DESC, id DESC LIMIT ${limit})
    SELECT ticket_id AS "ticketId", source, text,
           ts_headline('hd_search', text, ${query()}, ${HEADLINE}) AS headline
    FROM shown ORDER BY score DESC, id DESC`;
}

/** A headline with '…' where it cuts the text, as SQLite's snippet marks it. */
function snippetOf(text: string, headline: string): string {
  const plain = headline.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
  if (plain === text) return headline;
  return `${text.startsWith(plain) ? '' : '…'}${headline}${text.endsWith(plain) ? '' : '…'}`;
}

/**
 * Full-text search over summaries, descriptions and timeline text: every word must match; the
 * newest SEARCH_WINDOW matches are ranked by ts_rank and the best hit per ticket kept, with a
 * snippet of that row's own text. One statement.
 */
async function searchTickets(q: Queryable, text: string, limit: number): Promise<SearchHit[]> {
  const terms = text.split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const rows = await q.all<{ ticketId: number; source: string; text: string; headline: string }>(
    searchSql(terms, limit < 0 ? SEARCH_WINDOW : limit),
  );
  return rows.map((r) => ({
    ticketId: r.ticketId,
    source: r.source,
    snippet: snippetOf(r.text, r.headline),
  }));
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
  streamBreaches,
  breachCounts,
  searchTickets,
  insertTicketSql,
};

// What is genuinely different per engine: the tuned SLA breach queries (one range scan per
// deadline on its partial index) and full-text search. Everything else is written once in
// portable SQL. Each engine registers its implementation here; query functions pick it by the
// engine of the handle they are given.
import type { Engine, Queryable, Sql } from './port.ts';
import type {
  BreachCounts,
  BreachDetails,
  BreachQuery,
  BreachRecord,
  BreachTotals,
  SlaFilter,
} from './sla.ts';
import type { SearchHit } from './tickets.ts';

export interface EngineQueries {
  /** The most severe breaches at `q.now` with their totals, from one snapshot. */
  mostSevereBreaches(
    q: Queryable,
    query: BreachQuery,
    f: SlaFilter,
  ): Promise<BreachTotals & { rows: BreachRecord[] }>;
  /**
   * mostSevereBreaches with each listed ticket's details (summary, contact, active outage), in the
   * same statement; absent where they are read in a second one (src/store/sla.ts).
   */
  mostSevereWithDetails?(
    q: Queryable,
    query: BreachQuery,
    f: SlaFilter,
  ): Promise<BreachTotals & { rows: BreachRecord[]; details: Map<number, BreachDetails> }>;
  /** Every breach in the same order, one row at a time. */
  streamBreaches(q: Queryable, query: Omit<BreachQuery, 'limit'>, f: SlaFilter): AsyncIterable<BreachRecord>;
  /** Breaches per deadline and priority: overdue (before `now`) and soon (before `until`). */
  breachCounts(q: Queryable, now: number, until: number, f: SlaFilter): Promise<BreachCounts>;
  /** Full-text search over summaries, descriptions and timeline text, best hit per ticket. */
  searchTickets(q: Queryable, text: string, limit: number): Promise<SearchHit[]>;
  /**
   * The INSERT of a new ticket (`columns` and their `values`, then `returning`), numbering it
   * gaplessly: the next number is taken inside the opening transaction, and given back if it
   * rolls back.
   */
  insertTicketSql(columns: readonly string[], values: readonly unknown[], returning: Sql): Sql;
}

const ENGINES: Partial<Record<Engine, EngineQueries>> = {};

/** Registers an engine's queries: each adapter does when it opens a store, so a command loads one. */
export function registerEngineQueries(engine: Engine, queries: EngineQueries): void {
  ENGINES[engine] = queries;
}

/** The engine-specific queries for the engine behind `q`. */
export function engineQueries(q: Queryable): EngineQueries {
  const queries = ENGINES[q.engine];
  if (!queries) throw new Error(`no ${q.engine} queries registered`);
  return queries;
}

// The store port: all that commands and the app layer see of a database, whichever engine holds
// it (SQLite in one file, or a central PostgreSQL). Query functions take a `Queryable` — the
// root handle, or the transaction handle `tx` passes in — and build statements with the `sql`
// tag, so every value is a bound parameter and one text serves both engines.
import { HdError } from '../errors.ts';

export type Engine = 'sqlite' | 'postgres';

export type Row = Record<string, unknown>;

const PARAM = Symbol('param');

/**
 * A statement and its values, built by the `sql` tag. Values become placeholders when it is
 * rendered for an engine: `?` for SQLite, `$1, $2, …` for PostgreSQL. Nested `Sql` fragments are
 * spliced in with their own values; `sql.raw` splices trusted text (identifiers, generated SLA
 * scopes) and must never carry input.
 */
export class Sql {
  /** Text pieces with parameter markers between them. */
  readonly parts: readonly (string | typeof PARAM)[];
  readonly values: readonly unknown[];

  constructor(parts: readonly (string | typeof PARAM)[], values: readonly unknown[]) {
    this.parts = parts;
    this.values = values;
  }

  render(engine: Engine): { text: string; values: unknown[] } {
    let text = '';
    let n = 0;
    for (const p of this.parts) {
      if (p === PARAM) text += engine === 'sqlite' ? '?' : `$${++n}`;
      else text += p;
    }
    return { text, values: [...this.values] };
  }
}

function build(strings: readonly string[], values: readonly unknown[]): Sql {
  const parts: (string | typeof PARAM)[] = [];
  const out: unknown[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    if (i >= values.length) return;
    const v = values[i];
    if (v instanceof Sql) {
      parts.push(...v.parts);
      out.push(...v.values);
    } else {
      parts.push(PARAM);
      out.push(v);
    }
  });
  return new Sql(parts, out);
}

export interface SqlTag {
  (strings: TemplateStringsArray, ...values: unknown[]): Sql;
  /** Trusted SQL text, spliced as it is: identifiers and generated scopes, never input. */
  raw(text: string): Sql;
  /** Fragments joined by `separator` (a trusted text), e.g. a column list or `AND`ed filters. */
  join(fragments: readonly Sql[], separator?: string): Sql;
  /** `(v1, v2, …)` as parameters, for `IN`; an empty list gives `(NULL)`, which matches nothing. */
  list(values: readonly unknown[]): Sql;
}

export const sql: SqlTag = Object.assign(
  (strings: TemplateStringsArray, ...values: unknown[]) => build(strings, values),
  {
    raw: (text: string) => new Sql([text], []),
    join(fragments: readonly Sql[], separator = ', '): Sql {
      const strings: string[] = [''];
      for (let i = 1; i < fragments.length; i++) strings.push(separator);
      if (fragments.length) strings.push('');
      return build(fragments.length ? strings : [''], fragments);
    },
    list(values: readonly unknown[]): Sql {
      if (values.length === 0) return new Sql(['(NULL)'], []);
      const parts: (string | typeof PARAM)[] = ['('];
      values.forEach((_, i) => {
        if (i) parts.push(', ');
        parts.push(PARAM);
      });
      parts.push(')');
      return new Sql(parts, values);
    },
  },
);

/**
 * `FOR UPDATE OF alias` on PostgreSQL: a change reads its row locked, so a concurrent writer at
 * READ COMMITTED waits instead of overwriting. Nothing on SQLite, whose BEGIN IMMEDIATE already
 * holds the one write lock (and which has no FOR UPDATE).
 */
export function forUpdate(q: Queryable, alias: string): Sql {
  return q.engine === 'postgres' ? sql.raw(` FOR UPDATE OF ${alias}`) : sql``;
}

/** `FOR UPDATE SKIP LOCKED` on PostgreSQL: a queue claim passes over rows another claimer holds. */
export function skipLocked(q: Queryable): Sql {
  return q.engine === 'postgres' ? sql.raw(' FOR UPDATE SKIP LOCKED') : sql``;
}

/** `column` contains `needle` (case as stored): SQLite's instr, PostgreSQL's strpos. */
export function contains(q: Queryable, column: string, needle: string): Sql {
  const fn = q.engine === 'postgres' ? 'strpos' : 'instr';
  return sql`${sql.raw(`${fn}(${column}, `)}${needle}) > 0`;
}

export interface RunResult {
  /** Rows inserted, changed or deleted. */
  changes: number;
}

/** What a query function needs: the root handle or a transaction. */
export interface Queryable {
  readonly engine: Engine;
  all<T = Row>(statement: Sql): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Row>(statement: Sql): Promise<T | undefined>;
  run(statement: Sql): Promise<RunResult>;
  /** Rows one at a time (a cursor on PostgreSQL), so long listings keep memory flat. */
  iterate<T = Row>(statement: Sql): AsyncIterable<T>;
  /**
   * Rows as arrays of their values in SELECT order (no object per row), for the hot listings: the
   * SLA breaches and the report. Optional: `valuesOf` falls back to `iterate` (node-postgres
   * serves it with rowMode 'array').
   */
  iterateValues?<T extends unknown[] = unknown[]>(statement: Sql): AsyncIterable<T>;
  /** Every row as an array of its values, in one go: a short hot listing (`allValuesOf`). */
  allValues?<T extends unknown[] = unknown[]>(statement: Sql): Promise<T[]>;
}

/**
 * The rows of `statement` as arrays, through `allValues` when the engine has it: better-sqlite3
 * builds an object of 50 named keys in ~9 µs, an array in a fraction of it.
 */
export async function allValuesOf<T extends unknown[] = unknown[]>(
  q: Queryable,
  statement: Sql,
): Promise<T[]> {
  if (q.allValues) return q.allValues<T>(statement);
  return (await q.all<Row>(statement)).map((row) => Object.values(row) as T);
}

/** The rows of `statement` as arrays, through `iterateValues` when the engine has it. */
export async function* valuesOf<T extends unknown[] = unknown[]>(
  q: Queryable,
  statement: Sql,
): AsyncGenerator<T> {
  if (q.iterateValues) {
    yield* q.iterateValues<T>(statement);
    return;
  }
  for await (const row of q.iterate<Row>(statement)) yield Object.values(row) as T;
}

/** Inside `tx`: statements of one transaction. */
export interface Tx extends Queryable {
  readonly inTransaction: true;
}

export interface Store extends Queryable {
  /** Where the data lives, fit to print: a file path, or a URL without its password. */
  readonly location: string;
  /**
   * Runs `fn` in one write transaction and commits when it resolves (rolls back when it throws).
   * SQLite takes the write lock up front (BEGIN IMMEDIATE); PostgreSQL runs at READ COMMITTED,
   * so a change reads the ticket it changes FOR UPDATE.
   */
  tx<T>(fn: (q: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A value that two calls return alike only if no change was committed in between, by this
   * process or any other (SQLite: data_version with this connection's total_changes(); PostgreSQL:
   * the snapshot): a value derived from the data (a count, a token's row) can be kept exactly as
   * long as it holds. Read the stamp before the value it guards.
   */
  changeStamp?(): Promise<string>;
}

// Engine-neutral failures: each adapter maps its driver's errors to these.

/** A UNIQUE constraint refused the row (a contract number, a serial, an idempotency key). */
export class UniqueViolation extends HdError {
  constructor(
    message: string,
    /** The constraint or column named by the engine, when it says. */
    readonly constraint?: string,
  ) {
    super(message);
  }
}

/** Another writer held a lock too long, or the transaction lost a serialisation race. */
export class StoreBusy extends HdError {}

/** The database cannot be reached (server down, network, time-out) or went away mid-command. */
export class StoreUnavailable extends HdError {}

/** The values of `expr` in a group, joined by ", ": SQLite's group_concat, PostgreSQL's string_agg. */
export function groupConcat(q: Queryable, expr: string): Sql {
  return sql.raw(q.engine === 'postgres' ? `string_agg(${expr}, ', ')` : `group_concat(${expr}, ', ')`);
}

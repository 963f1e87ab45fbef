// hd db copy: every row of one hd database into an empty other one, SQLite or PostgreSQL either
// way, keeping the ids. The target is written in one transaction (an interruption leaves it
// empty), rows are streamed from the source and inserted in multi-row batches (memory stays
// flat), and the copy is checked before it commits: row counts per table, every hash chain.

import { eventHash, TicketAudit } from '../domain/audit.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { CancelledError, HdError, RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { ticketsWithEvents } from './audit.ts';
import { type Queryable, type Sql, type Store, sql, type Tx, valuesOf } from './port.ts';

/**
 * Every table of hd's schema that holds data, in an order that satisfies the foreign keys, each
 * with the key it is read in. The search index is copied after them, with its ids, over the rows
 * the target's insert triggers wrote (copySearchIndex). test/store/copy.test.ts checks this list
 * against both schemas.
 */
export const COPIED_TABLES: readonly { table: string; order: string }[] = [
  { table: 'rule_profiles', order: 'id' },
  { table: 'settings', order: 'key' },
  { table: 'zones', order: 'code' },
  { table: 'clients', order: 'id' },
  { table: 'contacts', order: 'id' },
  { table: 'services', order: 'id' },
  { table: 'service_elements', order: 'service_id, position' },
  { table: 'engineers', order: 'id' },
  { table: 'spares', order: 'id' },
  { table: 'outages', order: 'id' },
  { table: 'outage_elements', order: 'outage_id, element_key' },
  { table: 'outage_services', order: 'outage_id, service_id' },
  // By outage, so each event's chain predecessor is the row before it.
  { table: 'outage_events', order: 'outage_id, id' },
  { table: 'tickets', order: 'id' },
  // By ticket, so each event's chain predecessor is the row before it.
  { table: 'events', order: 'ticket_id, id' },
  { table: 'dispatches', order: 'id' },
  { table: 'dispatch_spares', order: 'dispatch_id, spare_id' },
  { table: 'spare_movements', order: 'id' },
  { table: 'faulty_units', order: 'id' },
  { table: 'outbox', order: 'id' },
  { table: 'api_tokens', order: 'id' },
  // After events: the trigger that queues deliveries finds no listener while events are copied.
  { table: 'hub_listeners', order: 'id' },
  { table: 'hub_deliveries', order: 'id' },
  { table: 'imported_tickets', order: 'ticket_id' },
];

/** Tables that are not copied: built by the target itself. */
export const DERIVED_TABLES = ['search_index', 'schema_version', 'ticket_numbers'] as const;

/** What `hd init` puts in a new database: an initialised but otherwise empty target is accepted. */
const REFERENCE_TABLES = new Set(['rule_profiles', 'settings', 'zones']);

/** Rows per INSERT statement, fewer for wide tables (parameters per statement stay under 30,000). */
const BATCH_ROWS = 500;
const MAX_PARAMS = 30_000;

export interface CopyProgress {
  table: string;
  /** Rows of this table copied so far, and in all. */
  done: number;
  total: number;
  /** Rows of every table copied so far, and in all. */
  doneAll: number;
  totalAll: number;
}

export interface CopyOptions {
  onProgress?: (p: CopyProgress) => void;
  /** A table finished (its rows copied). */
  onTable?: (table: string, rows: number) => void;
  /** Ctrl-C: the copy stops between two batches and the target's transaction rolls back. */
  signal?: AbortSignal;
  /** Where the target is, for messages. */
  targetName?: string;
}

export interface CopySummary {
  tables: { table: string; rows: number }[];
  rows: number;
  /** Events from before the tamper-evident log (no stored hash): their hash computed and stored. */
  sealedEvents: number;
  /** Checked on the target before the commit. */
  ticketsVerified: number;
  eventsVerified: number;
  /** Differences between ticket rows and their events on the target, as `hd verify` finds them. */
  differences: number;
  searchRows: number;
}

/** The target holds data already: nothing was written. */
export class TargetNotEmptyError extends RefusedError {}

/** The two databases do not have the same tables or columns (an hd of another version). */
export class SchemaMismatchError extends HdError {}

/** The copy did not check out on the target (counts or chains): rolled back. */
export class CopyCheckError extends HdError {}

/** The data tables of a database, as its engine lists them (the search index's parts left out). */
export async function tablesOf(q: Queryable): Promise<string[]> {
  const rows =
    q.engine === 'sqlite'
      ? await q.all<{ name: string }>(
          sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND name NOT LIKE 'search\\_index%' ESCAPE '\\' ORDER BY name`,
        )
      : await q.all<{ name: string }>(
          sql`SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
  const derived = new Set<string>(DERIVED_TABLES);
  return rows.map((r) => r.name).filter((n) => !derived.has(n));
}

/** A table's columns in their order. */
export async function columnsOf(q: Queryable, table: string): Promise<string[]> {
  const rows =
    q.engine === 'sqlite'
      ? await q.all<{ name: string }>(sql`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`)
      : await q.all<{ name: string }>(
          sql`SELECT column_name AS name FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`,
        );
  return rows.map((r) => r.name);
}

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

async function countRows(q: Queryable, table: string): Promise<number> {
  const row = await q.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${ident(table)}`);
  return Number(row?.n ?? 0);
}

/** Both schemas hold exactly the copied tables with the same columns; the columns to copy. */
async function checkSchemas(source: Queryable, target: Queryable): Promise<Map<string, string[]>> {
  const known = COPIED_TABLES.map((t) => t.table);
  for (const [side, q] of [
    ['source', source],
    ['target', target],
  ] as const) {
    const tables = await tablesOf(q);
    const extra = tables.filter((t) => !known.includes(t));
    const missing = known.filter((t) => !tables.includes(t));
    if (extra.length || missing.length) {
      throw new SchemaMismatchError(
        extra.length
          ? t(side === 'source' ? 'db.copy.err.extraSource' : 'db.copy.err.extraTarget', {
              tables: extra.join(', '),
            })
          : t(side === 'source' ? 'db.copy.err.lacksSource' : 'db.copy.err.lacksTarget', {
              tables: missing.join(', '),
            }),
      );
    }
  }
  const columns = new Map<string, string[]>();
  for (const table of known) {
    const from = await columnsOf(source, table);
    const to = await columnsOf(target, table);
    const onlyFrom = from.filter((c) => !to.includes(c));
    const onlyTo = to.filter((c) => !from.includes(c));
    if (onlyFrom.length || onlyTo.length) {
      throw new SchemaMismatchError(
        t('db.copy.err.columns', {
          table,
          columns: [
            ...onlyFrom.map((column) => t('db.copy.err.onlySource', { column })),
            ...onlyTo.map((column) => t('db.copy.err.onlyTarget', { column })),
          ].join(', '),
        }),
      );
    }
    columns.set(table, from);
  }
  return columns;
}

/** Refuses a target with data; an initialised one (reference data only) is emptied for the copy. */
async function checkEmpty(q: Tx, name: string): Promise<void> {
  const held: string[] = [];
  for (const { table } of COPIED_TABLES) {
    if (REFERENCE_TABLES.has(table)) continue;
    const n = await countRows(q, table);
    if (n > 0) held.push(`${table} (${n.toLocaleString('en')})`);
  }
  if (held.length) {
    throw new TargetNotEmptyError(t('copy.err.notEmpty', { name, held: held.join(', ') }));
  }
  // What `hd init` loaded there is replaced by the source's own profiles, zones and settings.
  for (const table of ['settings', 'zones', 'rule_profiles']) await q.run(sql`DELETE FROM ${ident(table)}`);
}

/** INSERT INTO table (cols) VALUES (…), (…) for `rows`. */
function insert(table: string, cols: string[], rows: unknown[][]): Sql {
  const values = rows.map((r) => sql.list(r));
  return sql`INSERT INTO ${ident(table)} (${sql.join(cols.map(ident))}) VALUES ${sql.join(values)}`;
}

/**
 * Copies every row of `source` into `target` and checks the copy before committing. Refuses a
 * target with data (TargetNotEmptyError) and schemas that differ, writing nothing.
 */
export async function copyDatabase(
  source: Store,
  target: Store,
  options: CopyOptions = {},
): Promise<CopySummary> {
  const name = options.targetName ?? target.location;
  const stop = () => {
    if (options.signal?.aborted)
      throw new CancelledError(t('copy.err.cancelled', { left: t('copy.leftAsIs', { name }) }));
  };
  // One snapshot of the source: on SQLite its write lock for the copy's length, on PostgreSQL a
  // repeatable-read, read-only transaction.
  return source.tx(async (sq) => {
    if (sq.engine === 'postgres')
      await sq.run(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    return target.tx(async (tq) => {
      // Foreign keys checked at the commit on SQLite, as PostgreSQL checks them per statement.
      if (tq.engine === 'sqlite') await tq.run(sql`PRAGMA defer_foreign_keys = ON`);
      const columns = await checkSchemas(sq, tq);
      await checkEmpty(tq, name);
      const totals = new Map<string, number>();
      for (const { table } of COPIED_TABLES) totals.set(table, await countRows(sq, table));
      const totalAll = [...totals.values()].reduce((a, b) => a + b, 0);
      const summary: CopySummary = {
        tables: [],
        rows: 0,
        sealedEvents: 0,
        ticketsVerified: 0,
        eventsVerified: 0,
        differences: 0,
        searchRows: 0,
      };
      let doneAll = 0;
      for (const { table, order } of COPIED_TABLES) {
        stop();
        const cols = columns.get(table)!;
        const total = totals.get(table)!;
        const perBatch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMS / cols.length)));
        const seal = table === 'events' ? sealer(cols, summary) : undefined;
        let done = 0;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (!batch.length) return;
          stop();
          await tq.run(insert(table, cols, batch));
          done += batch.length;
          doneAll += batch.length;
          batch = [];
          options.onProgress?.({ table, done, total, doneAll, totalAll });
        };
        const select = sql`SELECT ${sql.join(cols.map(ident))} FROM ${ident(table)} ORDER BY ${sql.raw(order)}`;
        for await (const row of valuesOf(sq, select)) {
          batch.push(seal ? seal(row) : row);
          if (batch.length >= perBatch) await flush();
        }
        await flush();
        const copied = await countRows(tq, table);
        if (done !== total || copied !== total) {
          throw new CopyCheckError(t('db.copy.err.count', { table, total, copied, done }));
        }
        summary.tables.push({ table, rows: copied });
        summary.rows += copied;
        options.onTable?.(table, copied);
      }
      stop();
      await copySearchIndex(sq, tq, stop);
      await verifyChains(tq, summary, name);
      summary.searchRows = await countRows(tq, 'search_index');
      if (tq.engine === 'postgres') await moveSequences(tq);
      stop();
      return summary;
    });
  });
}

/**
 * The search index in the source's order, with its ids. Search ranks the newest matching rows by
 * id (a tie to the newer), and the target's insert triggers, fired table by table (every ticket,
 * then every event), number them otherwise: the rows they wrote are replaced by the source's.
 */
async function copySearchIndex(sq: Queryable, tq: Tx, stop: () => void): Promise<void> {
  await tq.run(sql`DELETE FROM search_index`);
  const id = sql.raw(sq.engine === 'sqlite' ? 'rowid' : 'id');
  const into =
    tq.engine === 'sqlite'
      ? sql`INSERT INTO search_index (rowid, text, ticket_id, source) VALUES `
      : sql`INSERT INTO search_index (id, text, ticket_id, source) OVERRIDING SYSTEM VALUE VALUES `;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    stop();
    await tq.run(sql`${into}${sql.join(batch.map((r) => sql.list(r)))}`);
    batch = [];
  };
  const select = sql`SELECT ${id}, text, ticket_id, source FROM search_index ORDER BY ${id}`;
  for await (const row of valuesOf(sq, select)) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  if (tq.engine === 'postgres') {
    await tq.get(
      sql`SELECT setval(pg_get_serial_sequence('search_index', 'id'), max(id)) FROM search_index HAVING count(*) > 0`,
    );
  }
}

/**
 * Fills the hash of events written before the tamper-evident log (NULL in the source, refused by
 * the target) as `hd verify` computes it: chained to the ticket's previous event. A NULL hash
 * after a hashed event of the same ticket is an altered log: the copy stops and says so.
 */
function sealer(cols: string[], summary: CopySummary): (row: unknown[]) => unknown[] {
  const at = (c: string) => {
    const i = cols.indexOf(c);
    if (i < 0) throw new SchemaMismatchError(t('db.copy.err.noColumn', { column: c }));
    return i;
  };
  const [iId, iTicket, iAt, iActor, iKind, iText, iPayload, iHash] = [
    'id',
    'ticket_id',
    'at',
    'actor',
    'kind',
    'text',
    'payload',
    'hash',
  ].map(at) as [number, number, number, number, number, number, number, number];
  let ticket: number | undefined;
  let prev = '';
  let sealed = false;
  return (row) => {
    const ticketId = Number(row[iTicket]);
    if (ticketId !== ticket) {
      ticket = ticketId;
      prev = '';
      sealed = false;
    }
    const stored = row[iHash] as string | null;
    if (stored !== null) {
      prev = stored;
      sealed = true;
      return row;
    }
    if (sealed) {
      throw new CopyCheckError(
        t('db.copy.err.unhashed', { ticket: formatTicketNumber(ticketId), event: String(row[iId]) }),
      );
    }
    prev = eventHash(prev, {
      ticketId,
      at: Number(row[iAt]),
      actor: row[iActor] as string,
      kind: row[iKind] as string,
      text: row[iText] as string,
      payload: row[iPayload] as string,
    });
    summary.sealedEvents++;
    const out = [...row];
    out[iHash] = prev;
    return out;
  };
}

/** Every ticket's chain on the target, inside the copy's transaction: a broken one rolls it back. */
async function verifyChains(tq: Tx, summary: CopySummary, name: string): Promise<void> {
  for await (const tk of ticketsWithEvents(tq)) {
    const audit = new TicketAudit(tk.ticketId);
    for (const e of tk.events) audit.event(e);
    audit.finish(tk.row);
    if (tk.row) summary.ticketsVerified++;
    summary.eventsVerified += audit.events;
    const broken = audit.findings.find((f) => f.field === 'hash');
    if (broken || audit.unhashed > 0) {
      throw new CopyCheckError(
        t(broken ? 'db.copy.err.chainAt' : 'db.copy.err.chain', {
          ticket: formatTicketNumber(tk.ticketId),
          name,
          event: broken?.eventId ?? '',
        }),
      );
    }
    summary.differences += audit.findings.length;
  }
}

/**
 * Each identity sequence moved past the copied ids, and the ticket counter (PostgreSQL migration
 * 3) set to the last copied ticket, so the next ticket gets the next number.
 */
async function moveSequences(tq: Tx): Promise<void> {
  await tq.run(sql`UPDATE ticket_numbers SET last = (SELECT COALESCE(max(id), 0) FROM tickets)`);
  const rows = await tq.all<{ table_name: string; column_name: string }>(
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT'
        ORDER BY table_name`,
  );
  for (const r of rows) {
    const max = await tq.get<{ m: number | null }>(
      sql`SELECT max(${ident(r.column_name)}) AS m FROM ${ident(r.table_name)}`,
    );
    if (max?.m === null || max?.m === undefined) continue;
    await tq.get(
      sql`SELECT setval(pg_get_serial_sequence(${r.table_name}, ${r.column_name}), ${Number(max.m)})`,
    );
  }
}

import {
  assertNotBeforeOpening,
  CHAIN_START,
  chainHead,
  eventHash,
  type StoredEvent,
} from '../domain/audit.ts';
import { foldKey } from '../domain/fold.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Deadlines, Priority, Status, TellKind, Ticket, TicketEvent } from '../domain/types.ts';
import { NotFoundError, worded } from '../errors.ts';
import { engineQueries } from './engine.ts';
import { type Queryable, type Row, type Sql, sql, type Tx, valuesOf } from './port.ts';

/** Ticket fields and their columns; `json` ones are stored as JSON text. */
const FIELDS = {
  clientId: 'client_id',
  contactId: 'contact_id',
  serviceId: 'service_id',
  relatedTo: 'related_to',
  outageId: 'outage_id',
  channel: 'channel',
  impact: 'impact',
  urgency: 'urgency',
  priority: 'priority',
  matrixPriority: 'matrix_priority',
  priorityReason: 'priority_reason',
  status: 'status',
  zone: 'zone',
  summary: 'summary',
  description: 'description',
  answers: 'answers',
  assignee: 'assignee',
  profileId: 'profile_id',
  targets: 'targets',
  eta: 'eta',
  respondedAt: 'responded_at',
  lastUpdateAt: 'last_update_at',
  onsiteAt: 'onsite_at',
  hardwareAt: 'hardware_at',
  pausedMs: 'paused_ms',
  pendingSince: 'pending_since',
  pendingUntil: 'pending_until',
  pendingReason: 'pending_reason',
  openedAt: 'opened_at',
  openedBy: 'opened_by',
  restoredAt: 'restored_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  confirmedBy: 'confirmed_by',
  confirmedVia: 'confirmed_via',
  updatedAt: 'updated_at',
  tellDue: 'tell_due',
  tellKind: 'tell_kind',
  tellSince: 'tell_since',
} as const;
const JSON_FIELDS = new Set(['answers', 'targets']);
const DEADLINE_COLUMNS = {
  response: 'response_due',
  update: 'update_due',
  restore: 'restore_due',
  onsite: 'onsite_due',
  hardware: 'hardware_due',
  confirm: 'confirm_due',
} as const;

/** The deadline columns in `Deadlines` order, for SELECT lists that read rows raw. */
export const DEADLINE_SQL = Object.values(DEADLINE_COLUMNS)
  .map((c) => `t.${c}`)
  .join(', ');

/**
 * The six deadlines of a raw row, read from `at` on in DEADLINE_SQL (DEADLINE_COLUMNS) order.
 * A literal, not Object.fromEntries: a report reads these for every ticket of its period.
 */
export function deadlinesAt(r: unknown[], at: number): Deadlines {
  const due = (i: number) => (r[at + i] as number | null) ?? null;
  return {
    response: due(0),
    update: due(1),
    restore: due(2),
    onsite: due(3),
    hardware: due(4),
    confirm: due(5),
  };
}

export const TICKET_COLUMNS = ['t.id', ...Object.values(FIELDS), ...Object.values(DEADLINE_COLUMNS)]
  .map((c) => (c.startsWith('t.') ? c : `t.${c}`))
  .join(', ');
/** TICKET_COLUMNS as a fragment of a statement. */
export const TICKET_SQL = sql.raw(TICKET_COLUMNS);
const RETURNING_TICKET = sql.raw(`RETURNING ${TICKET_COLUMNS.replaceAll('t.', '')}`);

/** `LIMIT n`, or nothing for a negative n (all rows): one text on both engines. */
export const limitSql = (limit: number): Sql => (limit < 0 ? sql`` : sql`LIMIT ${limit}`);

/**
 * A ticket from its row. Written out field by field (FIELDS order), not looped over FIELDS: one
 * object shape that V8 keeps fast, ~3 µs a row instead of ~20 (hd serve maps 50 rows a page, and
 * every reader of the ticket reads its fields faster too). test/store/tickets-row.test.ts checks
 * it against FIELDS and DEADLINE_COLUMNS.
 */
export function rowToTicket(row: Row): Ticket {
  return {
    id: row.id,
    clientId: row.client_id,
    contactId: row.contact_id,
    serviceId: row.service_id,
    relatedTo: row.related_to,
    outageId: row.outage_id,
    channel: row.channel,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    matrixPriority: row.matrix_priority,
    priorityReason: row.priority_reason,
    status: row.status,
    zone: row.zone,
    summary: row.summary,
    description: row.description,
    answers: JSON.parse(row.answers as string),
    assignee: row.assignee,
    profileId: row.profile_id,
    targets: JSON.parse(row.targets as string),
    eta: row.eta,
    respondedAt: row.responded_at,
    lastUpdateAt: row.last_update_at,
    onsiteAt: row.onsite_at,
    hardwareAt: row.hardware_at,
    pausedMs: row.paused_ms,
    pendingSince: row.pending_since,
    pendingUntil: row.pending_until,
    pendingReason: row.pending_reason,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    restoredAt: row.restored_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    confirmedBy: row.confirmed_by,
    confirmedVia: row.confirmed_via,
    updatedAt: row.updated_at,
    tellDue: row.tell_due,
    tellKind: row.tell_kind,
    tellSince: row.tell_since,
    deadlines: {
      response: row.response_due ?? null,
      update: row.update_due ?? null,
      restore: row.restore_due ?? null,
      onsite: row.onsite_due ?? null,
      hardware: row.hardware_due ?? null,
      confirm: row.confirm_due ?? null,
    },
  } as Ticket;
}

/** The position of each column in TICKET_SQL (a row of values). */
const C = Object.fromEntries(TICKET_COLUMNS.split(', ').map((c, i) => [c.slice(2), i])) as Record<
  string,
  number
>;

/**
 * A ticket from a row of values (allValuesOf) whose TICKET_SQL columns start at `at`: the same
 * ticket as rowToTicket, without the object of named columns the driver would build first.
 */
export function ticketFromValues(v: readonly unknown[], at = 0): Ticket {
  return {
    id: v[at + C.id!],
    clientId: v[at + C.client_id!],
    contactId: v[at + C.contact_id!],
    serviceId: v[at + C.service_id!],
    relatedTo: v[at + C.related_to!],
    outageId: v[at + C.outage_id!],
    channel: v[at + C.channel!],
    impact: v[at + C.impact!],
    urgency: v[at + C.urgency!],
    priority: v[at + C.priority!],
    matrixPriority: v[at + C.matrix_priority!],
    priorityReason: v[at + C.priority_reason!],
    status: v[at + C.status!],
    zone: v[at + C.zone!],
    summary: v[at + C.summary!],
    description: v[at + C.description!],
    answers: JSON.parse(v[at + C.answers!] as string),
    assignee: v[at + C.assignee!],
    profileId: v[at + C.profile_id!],
    targets: JSON.parse(v[at + C.targets!] as string),
    eta: v[at + C.eta!],
    respondedAt: v[at + C.responded_at!],
    lastUpdateAt: v[at + C.last_update_at!],
    onsiteAt: v[at + C.onsite_at!],
    hardwareAt: v[at + C.hardware_at!],
    pausedMs: v[at + C.paused_ms!],
    pendingSince: v[at + C.pending_since!],
    pendingUntil: v[at + C.pending_until!],
    pendingReason: v[at + C.pending_reason!],
    openedAt: v[at + C.opened_at!],
    openedBy: v[at + C.opened_by!],
    restoredAt: v[at + C.restored_at!],
    resolvedAt: v[at + C.resolved_at!],
    closedAt: v[at + C.closed_at!],
    confirmedBy: v[at + C.confirmed_by!],
    confirmedVia: v[at + C.confirmed_via!],
    updatedAt: v[at + C.updated_at!],
    tellDue: v[at + C.tell_due!],
    tellKind: v[at + C.tell_kind!],
    tellSince: v[at + C.tell_since!],
    deadlines: {
      response: v[at + C.response_due!] ?? null,
      update: v[at + C.update_due!] ?? null,
      restore: v[at + C.restore_due!] ?? null,
      onsite: v[at + C.onsite_due!] ?? null,
      hardware: v[at + C.hardware_due!] ?? null,
      confirm: v[at + C.confirm_due!] ?? null,
    },
  } as Ticket;
}

/** What `hd open` decides; the store adds the status, the number and the bookkeeping. */
export type NewTicket = Pick<
  Ticket,
  | 'clientId'
  | 'contactId'
  | 'serviceId'
  | 'relatedTo'
  | 'channel'
  | 'impact'
  | 'urgency'
  | 'priority'
  | 'matrixPriority'
  | 'priorityReason'
  | 'summary'
  | 'description'
  | 'answers'
  | 'profileId'
  | 'targets'
  | 'deadlines'
  | 'openedAt'
  | 'openedBy'
> &
  Partial<Pick<Ticket, 'outageId' | 'zone' | 'eta' | 'tellKind' | 'tellSince' | 'tellDue'>>;

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'deadlines'>> & { deadlines?: Partial<Deadlines> };

function columnsOf(patch: TicketPatch): [string[], unknown[]] {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (field === 'deadlines') {
      for (const [kind, due] of Object.entries(value as Partial<Deadlines>)) {
        columns.push(DEADLINE_COLUMNS[kind as keyof Deadlines]);
        values.push(due ?? null);
      }
      continue;
    }
    const column = FIELDS[field as keyof typeof FIELDS];
    if (!column) throw new Error(`unknown ticket field ${field}`);
    columns.push(column);
    values.push(JSON_FIELDS.has(field) ? JSON.stringify(value) : (value ?? null));
  }
  return [columns, values];
}

export async function insertTicket(q: Queryable, t: NewTicket): Promise<Ticket> {
  const { deadlines, ...rest } = t;
  const [columns, values] = columnsOf({ ...rest, deadlines, status: 'acknowledged', updatedAt: t.openedAt });
  const row = (await q.get<Row>(engineQueries(q).insertTicketSql(columns, values, RETURNING_TICKET))) as Row;
  return rowToTicket(row);
}

export async function updateTicket(q: Queryable, id: number, patch: TicketPatch): Promise<Ticket> {
  const [columns, values] = columnsOf(patch);
  const set = sql.join(columns.map((c, i) => sql`${sql.raw(c)} = ${values[i]}`));
  const row = await q.get<Row>(sql`UPDATE tickets SET ${set} WHERE id = ${id} ${RETURNING_TICKET}`);
  if (!row) throw notFound(id);
  return rowToTicket(row);
}

/**
 * The same patch on many tickets in one statement (an outage moving hundreds of tickets, most of
 * them to the same values); the rows as written, in no particular order.
 */
export async function updateTickets(q: Queryable, ids: number[], patch: TicketPatch): Promise<Ticket[]> {
  const [columns, values] = columnsOf(patch);
  const set = sql.join(columns.map((c, i) => sql`${sql.raw(c)} = ${values[i]}`));
  const out: Ticket[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await q.all<Row>(
      sql`UPDATE tickets SET ${set} WHERE id IN ${sql.list(ids.slice(i, i + 1000))} ${RETURNING_TICKET}`,
    );
    out.push(...rows.map(rowToTicket));
  }
  return out;
}

export const notFound = (id: number) =>
  worded(NotFoundError, 'store.err.noTicket', { ticket: formatTicketNumber(id) });

export async function getTicket(q: Queryable, id: number): Promise<Ticket> {
  const row = await q.get<Row>(sql`SELECT ${TICKET_SQL} FROM tickets t WHERE t.id = ${id}`);
  if (!row) throw notFound(id);
  return rowToTicket(row);
}

export type RelatedTicket = { id: number; status: Status; summary: string };

/**
 * A ticket's events (oldest first) and its related tickets (by number), in one statement: a
 * central database across a WAN costs milliseconds per statement, and `hd show` needs both.
 */
export async function timelineOf(
  q: Queryable,
  id: number,
): Promise<{ events: TicketEvent[]; related: RelatedTicket[] }> {
  const rows = await q.all<Row>(
    sql`SELECT 0 AS part, id, ticket_id AS "ticketId", at, actor, kind, text, payload FROM events WHERE ticket_id = ${id}
       UNION ALL
       SELECT 1, r.id, NULL, NULL, NULL, r.status, r.summary, NULL FROM (
         SELECT id, status, summary FROM tickets WHERE related_to = ${id}
         UNION SELECT p.id, p.status, p.summary FROM tickets c JOIN tickets p ON p.id = c.related_to WHERE c.id = ${id}
       ) r
       ORDER BY part, id`,
  );
  const events: TicketEvent[] = [];
  const related: RelatedTicket[] = [];
  for (const { part, ...row } of rows) {
    if (part === 0)
      events.push({ ...(row as unknown as TicketEvent), payload: JSON.parse(row.payload as string) });
    else related.push({ id: row.id as number, status: row.kind as Status, summary: row.text as string });
  }
  return { events, related };
}

export interface NewEvent {
  ticketId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload?: Record<string, unknown>;
}

/** Where a ticket's hash chain stands: its opening and its last event (none yet: null). */
export interface ChainHead {
  openedAt: number;
  lastId: number | null;
  lastHash: string | null;
}

/** The chain heads of `ticketIds`, in one statement. */
async function chainHeads(q: Tx, ticketIds: number[]): Promise<Map<number, ChainHead>> {
  const rows = await q.all<ChainHead & { id: number }>(
    sql`SELECT t.id, t.opened_at AS "openedAt", e.id AS "lastId", e.hash AS "lastHash" FROM tickets t
       LEFT JOIN events e ON e.id = (SELECT max(id) FROM events WHERE ticket_id = t.id) WHERE t.id IN ${sql.list(ticketIds)}`,
  );
  return new Map(rows.map(({ id, ...head }) => [id, head]));
}

/**
 * Appends an event with its hash chained to the ticket's previous event (src/domain/audit.ts),
 * in the caller's transaction. Refuses an event dated before the ticket was opened.
 */
export async function appendEvent(q: Tx, e: NewEvent): Promise<TicketEvent> {
  return (await appendEvents(q, [e]))[0]!;
}

/**
 * Appends events in order, in one INSERT: each hash chains to the one before it on its ticket,
 * computed here. `heads` gives chain heads the caller already read in this transaction (the
 * ticket read for change, a ticket just inserted); the others are read in one statement. `heads`
 * is moved on to the events written, so a later batch in the same transaction chains on.
 */
export async function appendEvents(
  q: Tx,
  events: NewEvent[],
  heads: Map<number, ChainHead> = new Map(),
): Promise<TicketEvent[]> {
  if (events.length === 0) return [];
  // The heads are read and the events written in the caller's transaction (under the write lock on
  // SQLite, after the ticket was read FOR UPDATE on PostgreSQL), so two writers never chain onto
  // the same event.
  const missing = [...new Set(events.map((e) => e.ticketId))].filter((id) => !heads.has(id));
  if (missing.length) for (const [id, head] of await chainHeads(q, missing)) heads.set(id, head);
  const rows: Sql[] = [];
  for (const e of events) {
    const head = heads.get(e.ticketId);
    if (!head) throw notFound(e.ticketId);
    assertNotBeforeOpening({ id: e.ticketId, openedAt: head.openedAt }, e.at);
    const prev =
      head.lastId === null ? CHAIN_START : (head.lastHash ?? chainHead(await storedEventsOf(q, e.ticketId)));
    const fields = { ticketId: e.ticketId, at: e.at, actor: e.actor, kind: e.kind, text: e.text };
    const payload = JSON.stringify(e.payload ?? {});
    const hash = eventHash(prev, { ...fields, payload });
    heads.set(e.ticketId, { openedAt: head.openedAt, lastId: head.lastId ?? 0, lastHash: hash });
    rows.push(sql`(${e.ticketId}, ${e.at}, ${e.actor}, ${e.kind}, ${e.text}, ${payload}, ${hash})`);
  }
  const written = await q.all<Row>(
    sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES ${sql.join(rows)}
       RETURNING id, ticket_id AS "ticketId", at, actor, kind, text, payload`,
  );
  // Ids grow in the order of the VALUES; RETURNING does not promise that order.
  written.sort((a, b) => (a.id as number) - (b.id as number));
  return written.map((row) => ({
    ...(row as unknown as TicketEvent),
    payload: JSON.parse(row.payload as string),
  }));
}

/** A ticket's events as stored (payload as JSON text, with the hash), oldest first. */
export async function storedEventsOf(q: Queryable, ticketId: number): Promise<StoredEvent[]> {
  return q.all<StoredEvent>(
    sql`SELECT id, ticket_id AS "ticketId", at, actor, kind, text, payload, hash FROM events WHERE ticket_id = ${ticketId} ORDER BY id`,
  );
}

/**
 * The events of `ticketIds` whose text is one of `texts` (hd search finds rows of search_index,
 * which keep an event's text, not its id), and their outage links; newest first. One statement.
 */
export async function eventsWithText(
  q: Queryable,
  ticketIds: readonly number[],
  texts: readonly string[],
): Promise<TicketEvent[]> {
  if (ticketIds.length === 0) return [];
  const byText = texts.length ? sql` OR text IN ${sql.list([...texts])}` : sql``;
  const rows = await q.all<Row>(
    sql`SELECT id, ticket_id AS "ticketId", at, actor, kind, text, payload FROM events
       WHERE ticket_id IN ${sql.list([...ticketIds])} AND (kind = 'outage'${byText}) ORDER BY id DESC`,
  );
  return rows.map((row) => ({
    ...(row as unknown as TicketEvent),
    payload: JSON.parse(row.payload as string),
  }));
}

export async function eventsOf(q: Queryable, ticketId: number): Promise<TicketEvent[]> {
  const rows = await q.all<Row>(
    sql`SELECT id, ticket_id AS "ticketId", at, actor, kind, text, payload FROM events WHERE ticket_id = ${ticketId} ORDER BY id`,
  );
  return rows.map((row) => ({
    ...(row as unknown as TicketEvent),
    payload: JSON.parse(row.payload as string),
  }));
}

/**
 * The assignee as tickets record it, for `--assignee NAME` typed in any case ("ольга" for
 * "Ольга"): the name as typed when an open ticket has it (one probe of the open-by-assignee index,
 * so the filter stays the exact, indexed comparison it was); else the spelling of an open ticket's
 * assignee that folds to the same key (the distinct assignees read from that index, compared here:
 * the engines' lower() differ, SQLite's folds ASCII only); else the name as typed (so a name only
 * closed tickets carry still finds them with --all, as before).
 */
export async function assigneeAsRecorded(q: Queryable, typed: string): Promise<string> {
  const open = sql`status NOT IN ('closed', 'cancelled')`;
  if (await q.get(sql`SELECT 1 AS one FROM tickets WHERE assignee = ${typed} AND ${open} LIMIT 1`))
    return typed;
  const key = foldKey(typed);
  const rows = await q.all<{ assignee: string }>(
    sql`SELECT DISTINCT assignee FROM tickets WHERE assignee IS NOT NULL AND ${open}`,
  );
  return rows.find((r) => foldKey(r.assignee) === key)?.assignee ?? typed;
}

export interface TicketFilter {
  /** Only open tickets (everything but closed and cancelled). */
  openOnly: boolean;
  statuses?: Status[];
  priorities?: Priority[];
  clientId?: number;
  assignee?: string;
  since?: number;
  limit: number;
}

export type ListedTicket = Ticket & { clientName: string };

function ticketWhere(f: TicketFilter): Sql {
  const where: Sql[] = [];
  if (f.openOnly) where.push(sql`t.status NOT IN ('closed', 'cancelled')`);
  if (f.statuses?.length) where.push(sql`t.status IN ${sql.list(f.statuses)}`);
  if (f.priorities?.length) where.push(sql`t.priority IN ${sql.list(f.priorities)}`);
  if (f.clientId !== undefined) where.push(sql`t.client_id = ${f.clientId}`);
  if (f.assignee !== undefined) where.push(sql`t.assignee = ${f.assignee}`);
  if (f.since !== undefined) where.push(sql`t.opened_at >= ${f.since}`);
  return where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``;
}

/**
 * Open tickets most urgent first (priority, then nearest restore deadline) through the partial
 * index on open tickets; with --all, newest first through the opening-time index.
 */
export async function listTickets(q: Queryable, f: TicketFilter): Promise<ListedTicket[]> {
  return (await q.all<Row>(listSql(f))).map(listed);
}

/**
 * Above this many rows a listing is read one row at a time (on PostgreSQL a cursor, a few
 * statements more than one SELECT); up to it, in one statement.
 */
export const STREAM_ABOVE = 500;

/**
 * The tickets of listTickets, one at a time: `hd list --all --limit 1000000` keeps memory flat
 * on both engines.
 */
export async function* streamTickets(q: Queryable, f: TicketFilter): AsyncGenerator<ListedTicket> {
  if (f.limit >= 0 && f.limit <= STREAM_ABOVE) {
    yield* await listTickets(q, f);
    return;
  }
  for await (const row of q.iterate<Row>(listSql(f))) yield listed(row);
}

function listSql(f: TicketFilter): Sql {
  const order = sql.raw(f.openOnly ? 't.priority, t.restore_due, t.id' : 't.opened_at DESC, t.id DESC');
  return sql`SELECT ${TICKET_SQL}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       ${ticketWhere(f)} ORDER BY ${order} ${limitSql(f.limit)}`;
}

const listed = (row: Row): ListedTicket => ({ ...rowToTicket(row), clientName: row.client_name as string });

/** How many tickets match the filter of listTickets, whatever its limit. */
export async function countTickets(q: Queryable, f: TicketFilter): Promise<number> {
  const row = await q.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM tickets t ${ticketWhere(f)}`);
  return Number(row?.n ?? 0);
}

/**
 * countTickets for a page of listTickets being read: on PostgreSQL it is asked at once, so that it
 * goes out right behind the page's statement (pipelined on the same connection) and is answered
 * while the rows are drawn; SQLite, which answers each statement when asked, counts only when the
 * count is read. Call it right after the page's statement has gone out; read the count through
 * the function it returns, or not at all (a short page needs none).
 */
export function countAlongside(q: Queryable, f: TicketFilter): () => Promise<number> {
  if (q.engine !== 'postgres' || f.limit < 0 || f.limit > STREAM_ABOVE) return () => countTickets(q, f);
  const counted = countTickets(q, f);
  counted.catch(() => {}); // an error is the reader's, if it reads
  return () => counted;
}

export { MARK_END, MARK_START, SEARCH_WINDOW, type SearchHit, snippetFor } from './search.ts';

/** A ticket as the SLA report needs it: deadlines and milestones, no text, no JSON. */
export type ReportRow = Pick<
  Ticket,
  | 'id'
  | 'priority'
  | 'status'
  | 'zone'
  | 'openedAt'
  | 'respondedAt'
  | 'restoredAt'
  | 'onsiteAt'
  | 'hardwareAt'
  | 'closedAt'
  | 'pausedMs'
  | 'deadlines'
  | 'eta'
  | 'pendingSince'
  | 'pendingUntil'
  | 'tellDue'
  | 'tellKind'
> & { clientName: string };

/**
 * Tickets opened in [from, to), through the opening-time (or client) index, for reports: one row
 * at a time, so a year of a million-ticket history is never in memory at once.
 */
export async function* ticketsOpenedBetween(
  q: Queryable,
  from: number,
  to: number,
  clientId?: number,
  /** Tickets linked to an outage: counted with the others (include), left out, or alone (only). */
  outages: 'include' | 'exclude' | 'only' = 'include',
): AsyncGenerator<ReportRow> {
  const rows = valuesOf(
    q,
    sql`SELECT t.id, t.priority, t.status, t.zone, t.opened_at, t.responded_at, t.restored_at, t.onsite_at, t.hardware_at,
              t.closed_at, t.paused_ms, ${sql.raw(DEADLINE_SQL)}, c.name,
              t.eta, t.pending_since, t.pending_until, t.tell_due, t.tell_kind
       FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.opened_at >= ${from} AND t.opened_at < ${to} ${clientId === undefined ? sql`` : sql`AND t.client_id = ${clientId}`}${
         outages === 'exclude'
           ? sql` AND t.outage_id IS NULL`
           : outages === 'only'
             ? sql` AND t.outage_id IS NOT NULL`
             : sql``
       }`,
  );
  for await (const r of rows) {
    yield {
      id: r[0] as number,
      priority: r[1] as Priority,
      status: r[2] as Status,
      zone: r[3] as string | null,
      openedAt: r[4] as number,
      respondedAt: r[5] as number | null,
      restoredAt: r[6] as number | null,
      onsiteAt: r[7] as number | null,
      hardwareAt: r[8] as number | null,
      closedAt: r[9] as number | null,
      pausedMs: r[10] as number,
      deadlines: deadlinesAt(r, 11),
      clientName: r[17] as string,
      eta: r[18] as number | null,
      pendingSince: r[19] as number | null,
      pendingUntil: r[20] as number | null,
      tellDue: r[21] as number | null,
      tellKind: r[22] as TellKind | null,
    };
  }
}

/** Several tickets with their client's name, in one query (search results). */
export async function ticketsByIds(q: Queryable, ids: number[]): Promise<Map<number, ListedTicket>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<Row>(
    sql`SELECT ${TICKET_SQL}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN ${sql.list(ids)}`,
  );
  return new Map(
    rows.map((row) => [row.id as number, { ...rowToTicket(row), clientName: row.client_name as string }]),
  );
}

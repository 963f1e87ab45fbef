import {
  assertNotBeforeOpening,
  CHAIN_START,
  chainHead,
  eventHash,
  type StoredEvent,
} from '../domain/audit.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Deadlines, Priority, Status, TellKind, Ticket, TicketEvent } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Store } from './sqlite/db.ts';

/** Ticket fields and their columns; `json` ones are stored as JSON text. */
const FIELDS = {
  clientId: 'client_id',
  contactId: 'contact_id',
  serviceId: 'service_id',
  relatedTo: 'related_to',
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

type Row = Record<string, unknown>;

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

export function rowToTicket(row: Row): Ticket {
  const ticket: Row = { id: row.id };
  for (const [field, column] of Object.entries(FIELDS)) {
    ticket[field] = JSON_FIELDS.has(field) ? JSON.parse(row[column] as string) : row[column];
  }
  ticket.deadlines = Object.fromEntries(
    Object.entries(DEADLINE_COLUMNS).map(([kind, column]) => [kind, row[column] ?? null]),
  ) as unknown as Deadlines;
  return ticket as unknown as Ticket;
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
>;

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

export async function insertTicket(store: Store, t: NewTicket): Promise<Ticket> {
  const { deadlines, ...rest } = t;
  const [columns, values] = columnsOf({ ...rest, deadlines, status: 'acknowledged', updatedAt: t.openedAt });
  const row = store.db
    .prepare(
      `INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       RETURNING ${TICKET_COLUMNS.replaceAll('t.', '')}`,
    )
    .get(...values) as Row;
  return rowToTicket(row);
}

export async function updateTicket(store: Store, id: number, patch: TicketPatch): Promise<Ticket> {
  const [columns, values] = columnsOf(patch);
  const row = store.db
    .prepare(
      `UPDATE tickets SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?
       RETURNING ${TICKET_COLUMNS.replaceAll('t.', '')}`,
    )
    .get(...values, id) as Row | undefined;
  if (!row) throw notFound(id);
  return rowToTicket(row);
}

const notFound = (id: number) =>
  new NotFoundError(
    `There is no ticket ${formatTicketNumber(id)}. Find the right number with hd list or hd search.`,
  );

export async function getTicket(store: Store, id: number): Promise<Ticket> {
  const row = store.db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = ?`).get(id) as
    | Row
    | undefined;
  if (!row) throw notFound(id);
  return rowToTicket(row);
}

export async function relatedTickets(
  store: Store,
  id: number,
): Promise<{ id: number; status: Status; summary: string }[]> {
  return store.db
    .prepare(
      `SELECT id, status, summary FROM tickets WHERE related_to = ?
       UNION SELECT p.id, p.status, p.summary FROM tickets c JOIN tickets p ON p.id = c.related_to WHERE c.id = ?
       ORDER BY id`,
    )
    .all(id, id) as { id: number; status: Status; summary: string }[];
}

export interface NewEvent {
  ticketId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload?: Record<string, unknown>;
}

/**
 * Appends an event with its hash chained to the ticket's previous event (src/domain/audit.ts),
 * in the caller's transaction. Refuses an event dated before the ticket was opened.
 */
export async function appendEvent(store: Store, e: NewEvent): Promise<TicketEvent> {
  // The head is read and the event written under the write lock (inside the caller's
  // transaction, or one of its own), so two writers never chain onto the same event.
  return store.write(() => appendInTx(store, e));
}

function appendInTx(store: Store, e: NewEvent): TicketEvent {
  const head = store.db
    .prepare(
      `SELECT t.opened_at AS openedAt, e.id AS lastId, e.hash AS lastHash FROM tickets t
       LEFT JOIN events e ON e.id = (SELECT max(id) FROM events WHERE ticket_id = t.id) WHERE t.id = ?`,
    )
    .get(e.ticketId) as { openedAt: number; lastId: number | null; lastHash: string | null } | undefined;
  if (!head) throw notFound(e.ticketId);
  assertNotBeforeOpening({ id: e.ticketId, openedAt: head.openedAt }, e.at);
  const prev =
    head.lastId === null ? CHAIN_START : (head.lastHash ?? chainHead(storedEventsOf(store, e.ticketId)));
  const fields = { ticketId: e.ticketId, at: e.at, actor: e.actor, kind: e.kind, text: e.text };
  const payload = JSON.stringify(e.payload ?? {});
  const row = store.db
    .prepare(
      `INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
       RETURNING id, ticket_id AS ticketId, at, actor, kind, text, payload`,
    )
    .get(e.ticketId, e.at, e.actor, e.kind, e.text, payload, eventHash(prev, { ...fields, payload })) as Row;
  return { ...(row as unknown as TicketEvent), payload: JSON.parse(row.payload as string) };
}

/** A ticket's events as stored (payload as JSON text, with the hash), oldest first. */
export function storedEventsOf(store: Store, ticketId: number): StoredEvent[] {
  return store.db
    .prepare(
      'SELECT id, ticket_id AS ticketId, at, actor, kind, text, payload, hash FROM events WHERE ticket_id = ? ORDER BY id',
    )
    .all(ticketId) as StoredEvent[];
}

export async function eventsOf(store: Store, ticketId: number): Promise<TicketEvent[]> {
  const rows = store.db
    .prepare(
      'SELECT id, ticket_id AS ticketId, at, actor, kind, text, payload FROM events WHERE ticket_id = ? ORDER BY id',
    )
    .all(ticketId) as Row[];
  return rows.map((row) => ({
    ...(row as unknown as TicketEvent),
    payload: JSON.parse(row.payload as string),
  }));
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

function ticketWhere(f: TicketFilter): [string, unknown[]] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.openOnly) where.push("t.status NOT IN ('closed', 'cancelled')");
  if (f.statuses?.length) {
    where.push(`t.status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
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
  if (f.since !== undefined) {
    where.push('t.opened_at >= ?');
    params.push(f.since);
  }
  return [where.length ? `WHERE ${where.join(' AND ')}` : '', params];
}

/**
 * Open tickets most urgent first (priority, then nearest restore deadline) through the partial
 * index on open tickets; with --all, newest first through the opening-time index.
 */
export async function listTickets(store: Store, f: TicketFilter): Promise<ListedTicket[]> {
  const [where, params] = ticketWhere(f);
  const order = f.openOnly ? 't.priority, t.restore_due, t.id' : 't.opened_at DESC, t.id DESC';
  const rows = store.db
    .prepare(
      `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       ${where} ORDER BY ${order} LIMIT ?`,
    )
    .all(...params, f.limit) as Row[];
  return rows.map((row) => ({ ...rowToTicket(row), clientName: row.client_name as string }));
}

/** How many tickets match the filter of listTickets, whatever its limit. */
export async function countTickets(store: Store, f: TicketFilter): Promise<number> {
  const [where, params] = ticketWhere(f);
  return store.db
    .prepare(`SELECT COUNT(*) FROM tickets t ${where}`)
    .pluck()
    .get(...params) as number;
}

export interface SearchHit {
  ticketId: number;
  source: string;
  snippet: string;
}

export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/** How many of the newest matches are ranked; more would make common words slow at scale. */
export const SEARCH_WINDOW = 200;

/**
 * Full-text search (FTS5) over summaries, descriptions and timeline text: the newest
 * SEARCH_WINDOW matches are ranked by bm25 and the best hit per ticket kept. Ranking every match
 * of a common word costs ~250 ms at a million tickets; this stays ~10 ms.
 *
 * The snippet is computed in the same row as the ticket id it is shown under. It used to be
 * fetched afterwards with `MATCH ? AND rowid = ?`, but FTS5 drops the rowid constraint when it
 * is combined with MATCH (the plan reads `INDEX 0:=M…` and every matching row comes back), so
 * `.get()` returned the first match's text under every ticket.
 */
export async function searchTickets(store: Store, text: string, limit: number): Promise<SearchHit[]> {
  const terms = text
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => `"${term.replaceAll('"', '""')}"`);
  if (terms.length === 0) return [];
  const query = terms.join(' ');
  const candidates = store.db
    .prepare(
      `SELECT rowid, ticket_id AS ticketId, source, bm25(search_index) AS score,
              snippet(search_index, 0, '${MARK_START}', '${MARK_END}', '…', 12) AS snippet
       FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`,
    )
    .all(query, SEARCH_WINDOW) as {
    rowid: number;
    ticketId: number;
    source: string;
    score: number;
    snippet: string;
  }[];
  candidates.sort((a, b) => a.score - b.score || b.rowid - a.rowid);
  const best = new Map<number, (typeof candidates)[number]>();
  for (const hit of candidates) if (!best.has(hit.ticketId)) best.set(hit.ticketId, hit);
  return [...best.values()]
    .slice(0, limit)
    .map(({ ticketId, source, snippet }) => ({ ticketId, source, snippet }));
}

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
export function* ticketsOpenedBetween(
  store: Store,
  from: number,
  to: number,
  clientId?: number,
): Generator<ReportRow> {
  const rows = store.db
    .prepare(
      `SELECT t.id, t.priority, t.status, t.zone, t.opened_at, t.responded_at, t.restored_at, t.onsite_at, t.hardware_at,
              t.closed_at, t.paused_ms, ${DEADLINE_SQL}, c.name,
              t.eta, t.pending_since, t.pending_until, t.tell_due, t.tell_kind
       FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.opened_at >= ? AND t.opened_at < ? ${clientId === undefined ? '' : 'AND t.client_id = ?'}`,
    )
    .raw()
    .iterate(...[from, to, ...(clientId === undefined ? [] : [clientId])]) as IterableIterator<unknown[]>;
  for (const r of rows) {
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
export async function ticketsByIds(store: Store, ids: number[]): Promise<Map<number, ListedTicket>> {
  if (ids.length === 0) return new Map();
  const rows = store.db
    .prepare(
      `SELECT ${TICKET_COLUMNS}, c.name AS client_name FROM tickets t JOIN clients c ON c.id = t.client_id
       WHERE t.id IN (${ids.map(() => '?').join(', ')})`,
    )
    .all(...ids) as Row[];
  return new Map(
    rows.map((row) => [row.id as number, { ...rowToTicket(row), clientName: row.client_name as string }]),
  );
}

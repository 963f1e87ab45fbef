// Outages in the store: the record, its hash-chained timeline, the tickets linked to it.

import { CHAIN_START } from '../domain/audit.ts';
import {
  formatOutageNumber,
  type Outage,
  outageEventHash,
  type StoredOutageEvent,
} from '../domain/outage.ts';
import type { Language, Service, Status, Ticket } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import { t } from '../i18n.ts';
import { forUpdate, groupConcat, type Queryable, type Row, type Sql, sql, type Tx } from './port.ts';
import { limitSql, rowToTicket, TICKET_SQL } from './tickets.ts';

/** An outage's columns as an `Outage`, for RETURNING (no table alias). */
const OUTAGE_FIELDS = `id, summary, zone, status, started_at AS "startedAt", eta_at AS eta, opened_at AS "openedAt",
   opened_by AS "openedBy", resolved_at AS "resolvedAt", resolution, updated_at AS "updatedAt"`;
const OUTAGE_RETURNING = sql.raw(OUTAGE_FIELDS);

/** The same columns of `outages o`, for SELECT. */
export const OUTAGE_SQL = sql.raw(OUTAGE_FIELDS.replace(/(^|, |\n\s+)(\w+)/g, '$1o.$2'));

export async function findOutage(q: Queryable, id: number): Promise<Outage | undefined> {
  return q.get<Outage>(sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.id = ${id}`);
}

export async function getOutage(q: Queryable, id: number): Promise<Outage> {
  const outage = await findOutage(q, id);
  if (!outage) throw new NotFoundError(t('store.err.noOutage', { outage: formatOutageNumber(id) }));
  return outage;
}

export interface NewOutageEvent {
  outageId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload?: Record<string, unknown>;
}

/**
 * Appends outage events in order, in one INSERT, each hash chained to the outage's previous event.
 * In the caller's transaction, after the outage was read for change (FOR UPDATE on PostgreSQL), so
 * two writers never chain onto the same event.
 */
export async function appendOutageEvents(q: Tx, events: NewOutageEvent[]): Promise<StoredOutageEvent[]> {
  if (events.length === 0) return [];
  const heads = new Map<number, string>();
  const rows: Sql[] = [];
  for (const e of events) {
    let prev = heads.get(e.outageId);
    if (prev === undefined) {
      const last = await q.get<{ hash: string }>(
        sql`SELECT hash FROM outage_events WHERE outage_id = ${e.outageId} ORDER BY id DESC LIMIT 1`,
      );
      prev = last?.hash ?? CHAIN_START;
    }
    const payload = JSON.stringify(e.payload ?? {});
    const hash = outageEventHash(prev, { ...e, payload });
    heads.set(e.outageId, hash);
    rows.push(sql`(${e.outageId}, ${e.at}, ${e.actor}, ${e.kind}, ${e.text}, ${payload}, ${hash})`);
  }
  const written = await q.all<StoredOutageEvent>(
    sql`INSERT INTO outage_events (outage_id, at, actor, kind, text, payload, hash) VALUES ${sql.join(rows)}
       RETURNING id, outage_id AS "outageId", at, actor, kind, text, payload, hash`,
  );
  return written.sort((a, b) => a.id - b.id);
}

/** An outage's timeline as stored, oldest first. */
export async function outageEventsOf(q: Queryable, outageId: number): Promise<StoredOutageEvent[]> {
  return q.all<StoredOutageEvent>(
    sql`SELECT id, outage_id AS "outageId", at, actor, kind, text, payload, hash FROM outage_events
       WHERE outage_id = ${outageId} ORDER BY id`,
  );
}

/** The ids and statuses of the tickets linked to an outage, by ticket number. */
export async function linkedTickets(
  q: Queryable,
  outageId: number,
): Promise<{ id: number; status: string }[]> {
  return q.all(sql`SELECT id, status FROM tickets WHERE outage_id = ${outageId} ORDER BY id`);
}

// ---- intake: what the caller's service is in (one statement with the client's services) -------

/** An open ticket of a service, as intake shows it. */
export interface OpenTicketOfService {
  id: number;
  status: Status;
  priority: string;
  summary: string;
  outageId: number | null;
}

/** The active outage a service is in, as intake tells the caller. */
export interface OutageOfService {
  id: number;
  summary: string;
  zone: string | null;
  eta: number | null;
  /** The failed elements, comma-separated, as recorded with the outage. */
  elements: string;
}

export type IntakeService = Service & {
  openTicket: OpenTicketOfService | null;
  outage: OutageOfService | null;
};

/**
 * The latest open ticket of a service other than `except`, read inside the transaction that opens
 * a ticket, after its number was taken: numbering is one lock (BEGIN IMMEDIATE on SQLite, the
 * counter row on PostgreSQL), so of two intakes of one service at once the second sees the first.
 */
export async function otherOpenTicketOfService(
  q: Queryable,
  serviceId: number,
  except: number,
): Promise<number | null> {
  const row = await q.get<{ id: number | null }>(
    sql`SELECT max(id) AS id FROM tickets WHERE service_id = ${serviceId} AND id <> ${except}
          AND status NOT IN ('closed', 'cancelled')`,
  );
  return row?.id == null ? null : Number(row.id);
}

/**
 * A client's services with, for each, its latest open ticket and the active outage it is in: the
 * one read `hd open` makes of the services, so the outage check and the duplicate warning cost
 * no statement of their own. Open tickets come from the client's open-ticket index.
 */
export async function servicesForIntake(q: Queryable, clientId: number): Promise<IntakeService[]> {
  const rows = await q.all<Row>(
    sql`SELECT s.id, s.client_id AS "clientId", s.service_id AS "serviceId", s.kind, s.address, s.cpe_model AS "cpeModel",
         t.id AS "ticketId", t.status AS "ticketStatus", t.priority AS "ticketPriority", t.summary AS "ticketSummary",
         t.outage_id AS "ticketOutageId",
         o.id AS "outageId", o.summary AS "outageSummary", o.zone AS "outageZone", o.eta_at AS "outageEta",
         (SELECT ${groupConcat(q, 'oe.element')} FROM outage_elements oe WHERE oe.outage_id = o.id) AS "outageElements"
       FROM services s
       LEFT JOIN tickets t ON t.id = (SELECT max(x.id) FROM tickets x WHERE x.client_id = ${clientId}
         AND x.service_id = s.id AND x.status NOT IN ('closed', 'cancelled'))
       LEFT JOIN outages o ON o.id = (SELECT max(os.outage_id) FROM outage_services os
         JOIN outages a ON a.id = os.outage_id WHERE os.service_id = s.id AND a.status = 'active')
       WHERE s.client_id = ${clientId} ORDER BY s.service_id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    clientId: Number(r.clientId),
    serviceId: r.serviceId as string,
    kind: r.kind as string,
    address: r.address as string,
    cpeModel: (r.cpeModel as string | null) ?? null,
    openTicket:
      r.ticketId == null
        ? null
        : {
            id: Number(r.ticketId),
            status: r.ticketStatus as Status,
            priority: r.ticketPriority as string,
            summary: r.ticketSummary as string,
            outageId: r.ticketOutageId == null ? null : Number(r.ticketOutageId),
          },
    outage:
      r.outageId == null
        ? null
        : {
            id: Number(r.outageId),
            summary: r.outageSummary as string,
            zone: (r.outageZone as string | null) ?? null,
            eta: r.outageEta == null ? null : Number(r.outageEta),
            elements: (r.outageElements as string | null) ?? '',
          },
  }));
}

// ---- opening an outage -------------------------------------------------------------------------

/** A service an outage hits, with its client and one of its open tickets (affectedServices gives a row for each). */
export interface AffectedService {
  id: number;
  serviceId: string;
  kind: string;
  address: string;
  cpeModel: string | null;
  clientId: number;
  clientCreatedAt: number;
  clientName: string;
  contractNo: string;
  profile: string;
  language: Language;
  timezone: string;
  /** An open ticket of the client on this service (each has its own row), if any. */
  openTicketId: number | null;
  openTicketOutageId: number | null;
}

const AFFECTED_SQL = sql.raw(
  `s.id, s.service_id AS "serviceId", s.kind, s.address, s.cpe_model AS "cpeModel", c.id AS "clientId",
   c.name AS "clientName", c.contract_no AS "contractNo", c.profile, c.language, c.timezone, c.created_at AS "clientCreatedAt"`,
);

/** Which of these folded element keys some service depends on, each with its spelling as registered. */
export async function knownElementKeys(q: Queryable, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await q.all<{ key: string; element: string }>(
    sql`SELECT element_key AS key, min(element) AS element FROM service_elements
       WHERE element_key IN ${sql.list(keys)} GROUP BY element_key`,
  );
  return new Map(rows.map((r) => [r.key, r.element]));
}

/**
 * The services that depend on any of the elements (by folded key) or are named (by folded service
 * key), with their clients, by client name then service: one row for each open ticket of a service
 * (by number; a service can have several, e.g. a duplicate opened for another department), one row
 * with no ticket for a service without an open ticket.
 */
export async function affectedServices(
  q: Queryable,
  by: { elementKeys: string[]; serviceKeys: string[] },
): Promise<AffectedService[]> {
  const where: Sql[] = [];
  if (by.elementKeys.length)
    where.push(
      sql`s.id IN (SELECT service_id FROM service_elements WHERE element_key IN ${sql.list(by.elementKeys)})`,
    );
  if (by.serviceKeys.length) where.push(sql`s.service_key IN ${sql.list(by.serviceKeys)}`);
  if (where.length === 0) return [];
  const rows = await q.all<
    Omit<AffectedService, 'openTicketId' | 'openTicketOutageId'> & { serviceKey: string }
  >(
    sql`SELECT ${AFFECTED_SQL} FROM services s JOIN clients c ON c.id = s.client_id
       WHERE ${sql.join(where, ' OR ')} ORDER BY c.name_key, c.id, s.service_id`,
  );
  if (rows.length === 0) return [];
  const open = await q.all<{ id: number; serviceId: number; outageId: number | null }>(
    sql`SELECT id, service_id AS "serviceId", outage_id AS "outageId" FROM tickets
       WHERE client_id IN ${sql.list([...new Set(rows.map((r) => r.clientId))])}
         AND service_id IN ${sql.list(rows.map((r) => r.id))} AND status NOT IN ('closed', 'cancelled')
       ORDER BY id`,
  );
  const byService = new Map<number, { id: number; outageId: number | null }[]>();
  for (const t of open) {
    const list = byService.get(Number(t.serviceId)) ?? [];
    list.push({ id: Number(t.id), outageId: t.outageId });
    byService.set(Number(t.serviceId), list);
  }
  return rows.flatMap((r): AffectedService[] => {
    const base = { ...r, id: Number(r.id), clientId: Number(r.clientId) };
    const tickets = byService.get(Number(r.id));
    if (!tickets) return [{ ...base, openTicketId: null, openTicketOutageId: null }];
    return tickets.map((t) => ({
      ...base,
      openTicketId: t.id,
      openTicketOutageId: t.outageId == null ? null : Number(t.outageId),
    }));
  });
}

/** The folded keys of these service IDs that are registered. */
export async function knownServiceKeys(q: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await q.all<{ key: string }>(
    sql`SELECT service_key AS key FROM services WHERE service_key IN ${sql.list(keys)}`,
  );
  return new Set(rows.map((r) => r.key));
}

export interface NewOutage {
  summary: string;
  zone: string | null;
  startedAt: number;
  eta: number | null;
  openedAt: number;
  openedBy: string;
}

/** Writes the outage with what failed and the services it was found to affect. */
export async function insertOutage(
  q: Tx,
  o: NewOutage,
  elements: { element: string; key: string }[],
  serviceIds: number[],
): Promise<Outage> {
  const outage = (await q.get<Outage>(
    sql`INSERT INTO outages (summary, zone, status, started_at, eta_at, opened_at, opened_by, updated_at)
       VALUES (${o.summary}, ${o.zone}, 'active', ${o.startedAt}, ${o.eta}, ${o.openedAt}, ${o.openedBy}, ${o.openedAt})
       RETURNING ${OUTAGE_RETURNING}`,
  )) as Outage;
  if (elements.length)
    await q.run(
      sql`INSERT INTO outage_elements (outage_id, element, element_key) VALUES ${sql.join(
        elements.map((e) => sql`(${outage.id}, ${e.element}, ${e.key})`),
      )}`,
    );
  if (serviceIds.length)
    await q.run(
      sql`INSERT INTO outage_services (outage_id, service_id) VALUES ${sql.join(
        serviceIds.map((id) => sql`(${outage.id}, ${id})`),
      )}`,
    );
  return outage;
}

/** Links tickets to an outage, or unlinks them (null); the caller writes the events on both sides. */
export async function setTicketsOutage(
  q: Tx,
  ticketIds: number[],
  outageId: number | null,
  now: number,
): Promise<void> {
  if (ticketIds.length === 0) return;
  await q.run(
    sql`UPDATE tickets SET outage_id = ${outageId}, updated_at = ${now} WHERE id IN ${sql.list(ticketIds)}`,
  );
}

/** Tickets read for a link change: FOR UPDATE on PostgreSQL. Missing ids are simply absent. */
export async function ticketsForLink(
  q: Tx,
  ids: number[],
): Promise<{ id: number; status: Status; outageId: number | null }[]> {
  const rows = await q.all<{ id: number; status: Status; outageId: number | null }>(
    sql`SELECT t.id, t.status, t.outage_id AS "outageId" FROM tickets t WHERE t.id IN ${sql.list(ids)} ORDER BY t.id${forUpdate(q, 't')}`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    outageId: r.outageId == null ? null : Number(r.outageId),
  }));
}

// ---- views -------------------------------------------------------------------------------------

export interface OutageListRow extends Outage {
  elements: string;
  services: number;
  linked: number;
  linkedOpen: number;
}

/** Active outages first (newest first), then, with `all`, the others newest first. */
export async function listOutages(q: Queryable, all: boolean, limit = 100): Promise<OutageListRow[]> {
  const rows = await q.all<OutageListRow>(
    sql`SELECT ${OUTAGE_SQL},
         (SELECT ${groupConcat(q, 'e.element')} FROM outage_elements e WHERE e.outage_id = o.id) AS elements,
         (SELECT count(*) FROM outage_services s WHERE s.outage_id = o.id) AS services,
         (SELECT count(*) FROM tickets t WHERE t.outage_id = o.id) AS linked,
         (SELECT count(*) FROM tickets t WHERE t.outage_id = o.id AND t.status NOT IN ('resolved', 'closed', 'cancelled')) AS "linkedOpen"
       FROM outages o ${all ? sql`` : sql`WHERE o.status = 'active'`}
       ORDER BY CASE WHEN o.status = 'active' THEN 0 ELSE 1 END, o.id DESC ${limitSql(limit)}`,
  );
  return rows.map((r) => ({
    ...r,
    elements: r.elements ?? '',
    services: Number(r.services),
    linked: Number(r.linked),
    linkedOpen: Number(r.linkedOpen),
  }));
}

/** What failed, as recorded. */
export async function outageElementsOf(q: Queryable, outageId: number): Promise<string[]> {
  const rows = await q.all<{ element: string }>(
    sql`SELECT element FROM outage_elements WHERE outage_id = ${outageId} ORDER BY element_key`,
  );
  return rows.map((r) => r.element);
}

/** The services an outage was recorded to affect, with clients and the linked ticket of each. */
export async function outageServicesOf(q: Queryable, outageId: number): Promise<AffectedService[]> {
  const rows = await q.all<Omit<AffectedService, 'openTicketId' | 'openTicketOutageId'>>(
    sql`SELECT ${AFFECTED_SQL} FROM outage_services os JOIN services s ON s.id = os.service_id
       JOIN clients c ON c.id = s.client_id WHERE os.outage_id = ${outageId} ORDER BY c.name_key, c.id, s.service_id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    clientId: Number(r.clientId),
    openTicketId: null,
    openTicketOutageId: null,
  }));
}

export type LinkedTicket = Ticket & {
  clientName: string;
  service: string;
  contactName: string;
  contactPhone: string | null;
  contactPrefers: string;
};

/** The tickets linked to an outage, whole, with client, service and contact, by number. */
export async function linkedTicketsOf(q: Queryable, outageId: number): Promise<LinkedTicket[]> {
  const rows = await q.all<Row>(
    sql`SELECT ${TICKET_SQL}, c.name AS "clientName", s.service_id AS service, k.name AS "contactName",
         k.phone AS "contactPhone", k.preferred_channel AS "contactPrefers"
       FROM tickets t JOIN clients c ON c.id = t.client_id JOIN services s ON s.id = t.service_id
       JOIN contacts k ON k.id = t.contact_id WHERE t.outage_id = ${outageId} ORDER BY t.id`,
  );
  return rows.map((r) => ({
    ...rowToTicket(r),
    clientName: r.clientName as string,
    service: r.service as string,
    contactName: r.contactName as string,
    contactPhone: (r.contactPhone as string | null) ?? null,
    contactPrefers: r.contactPrefers as string,
  }));
}

/**
 * The outage a cascade changes, read first in its transaction: FOR UPDATE on PostgreSQL, so two
 * cascades of one outage run one after the other (SQLite's BEGIN IMMEDIATE already serialises).
 */
export async function outageForChange(q: Tx, id: number): Promise<Outage> {
  const outage = await q.get<Outage>(
    sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.id = ${id}${forUpdate(q, 'o')}`,
  );
  if (!outage) throw new NotFoundError(t('store.err.noOutage', { outage: formatOutageNumber(id) }));
  return outage;
}

export type OutagePatch = Partial<Pick<Outage, 'eta' | 'status' | 'resolvedAt' | 'resolution' | 'zone'>> & {
  updatedAt: number;
};

const OUTAGE_COLUMNS: Record<keyof OutagePatch, string> = {
  eta: 'eta_at',
  status: 'status',
  resolvedAt: 'resolved_at',
  resolution: 'resolution',
  zone: 'zone',
  updatedAt: 'updated_at',
};

export async function updateOutage(q: Tx, id: number, patch: OutagePatch): Promise<Outage> {
  const set = sql.join(
    Object.entries(patch).map(
      ([k, v]) => sql`${sql.raw(OUTAGE_COLUMNS[k as keyof OutagePatch])} = ${v ?? null}`,
    ),
  );
  return (await q.get<Outage>(
    sql`UPDATE outages SET ${set} WHERE id = ${id} RETURNING ${OUTAGE_RETURNING}`,
  ))!;
}

/** An active outage as the hand-over shows it: what failed, its ETA, its tickets by status. */
export interface ActiveOutage extends Outage {
  elements: string[];
  /** Linked tickets per status (only statuses that have some). */
  tickets: Partial<Record<string, number>>;
  /** Linked tickets whose client has not yet been told an ETA, extension or restoration. */
  notYetTold: number;
}

/** The active outages, oldest first, in three statements whatever their number. */
export async function activeOutages(q: Queryable): Promise<ActiveOutage[]> {
  const outages = await q.all<Outage>(
    sql`SELECT ${OUTAGE_SQL} FROM outages o WHERE o.status = 'active' ORDER BY o.id`,
  );
  if (outages.length === 0) return [];
  const ids = outages.map((o) => o.id);
  const [elements, counts] = await Promise.all([
    q.all<{ outageId: number; element: string }>(
      sql`SELECT outage_id AS "outageId", element FROM outage_elements WHERE outage_id IN ${sql.list(ids)}
         ORDER BY outage_id, element`,
    ),
    q.all<{ outageId: number; status: string; n: number; untold: number }>(
      sql`SELECT outage_id AS "outageId", status, COUNT(*) AS n,
           SUM(CASE WHEN tell_kind IS NOT NULL AND status NOT IN ('closed', 'cancelled') THEN 1 ELSE 0 END) AS untold
         FROM tickets WHERE outage_id IN ${sql.list(ids)} GROUP BY outage_id, status`,
    ),
  ]);
  return outages.map((o) => ({
    ...o,
    elements: elements.filter((e) => e.outageId === o.id).map((e) => e.element),
    tickets: Object.fromEntries(
      counts.filter((c) => c.outageId === o.id).map((c) => [c.status, Number(c.n)]),
    ),
    notYetTold: counts.filter((c) => c.outageId === o.id).reduce((a, c) => a + Number(c.untold), 0),
  }));
}

/** An active outage as a list heads its linked tickets with: what failed and its ETA. */
export interface OutageHead {
  id: number;
  summary: string;
  eta: number | null;
  /** What failed, comma-separated ('' when the outage names services only). */
  elements: string;
}

/** The active ones among the outages `ids`, in one statement (none when `ids` is empty). */
export async function activeOutageHeads(q: Queryable, ids: number[]): Promise<Map<number, OutageHead>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<OutageHead>(
    sql`SELECT o.id, o.summary, o.eta_at AS eta,
         (SELECT ${groupConcat(q, 'e.element')} FROM outage_elements e WHERE e.outage_id = o.id) AS elements
       FROM outages o WHERE o.status = 'active' AND o.id IN ${sql.list([...new Set(ids)])}`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { ...r, id: Number(r.id), eta: r.eta == null ? null : Number(r.eta), elements: r.elements ?? '' },
    ]),
  );
}

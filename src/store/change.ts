// One read for a change: what a lifecycle command needs of a ticket, in two statements (a central
// database across a WAN costs milliseconds per statement).
import type { Client, Contact, RuleProfile, Service, Ticket } from '../domain/types.ts';
import { OPEN_JOB } from './field.ts';
import { forUpdate, type Queryable, type Row, type Sql, sql } from './port.ts';
import { toProfile } from './reference.ts';
import { type ChainHead, notFound, rowToTicket, TICKET_SQL } from './tickets.ts';

/** An open field job of the ticket, as a change needs it (refusals, warnings). */
export interface OpenJob {
  id: number;
  status: string;
  engineerName: string;
  onsiteDue: number | null;
}

export interface ForChange {
  ticket: Ticket;
  /** The profile version the ticket was opened under. */
  profile: RuleProfile;
  contact: Contact;
  openJobs: OpenJob[];
  /** Where the ticket's hash chain stands, for appendEvents in the same transaction. */
  head: ChainHead;
}

/**
 * In a PostgreSQL transaction the ticket row is locked as it is read, so two changes of one ticket
 * run one after the other; SQLite's BEGIN IMMEDIATE already took the write lock (and has no FOR
 * UPDATE).
 */
const lockInTx = (q: Queryable) => ('inTransaction' in q ? forUpdate(q, 't') : sql``);

/**
 * The ticket, its profile version, its contact and its open field jobs. Inside `store.tx` on
 * PostgreSQL the ticket row is what the transaction changes: its adapter reads it FOR UPDATE.
 */
export async function loadForChange(q: Queryable, ticketId: number): Promise<ForChange> {
  // The chain head comes with the open jobs, in the statement after the lock: on PostgreSQL at
  // READ COMMITTED that statement sees what the previous holder of the lock committed (the
  // locking statement itself re-reads only the locked row, not the events joined to it). The two
  // are sent together (pipelined on PostgreSQL: one round trip); the server still runs the second
  // only once the first has its lock.
  const [row, rows] = await Promise.all([
    q.get<Row>(
      sql`SELECT ${TICKET_SQL}, p.name AS p_name, p.version AS p_version, p.definition AS p_definition,
          k.client_id AS k_client, k.name AS k_name, k.phone AS k_phone, k.email AS k_email, k.preferred_channel AS k_channel
        FROM tickets t JOIN rule_profiles p ON p.id = t.profile_id JOIN contacts k ON k.id = t.contact_id
        WHERE t.id = ${ticketId}${lockInTx(q)}`,
    ),
    q.all<OpenJob & { lastId: number | null; lastHash: string | null }>(
      sql`SELECT h.id AS "lastId", h.hash AS "lastHash", j.id, j.status, j."engineerName", j."onsiteDue"
        FROM (SELECT 1 AS one) x
          LEFT JOIN events h ON h.id = (SELECT max(id) FROM events WHERE ticket_id = ${ticketId})
          LEFT JOIN (SELECT d.id, d.status, e.name AS "engineerName", d.onsite_due AS "onsiteDue"
            FROM dispatches d JOIN engineers e ON e.id = d.engineer_id
            WHERE d.ticket_id = ${ticketId} AND d.${sql.raw(OPEN_JOB)}) j ON 1 = 1
        ORDER BY j.id`,
    ),
  ]);
  if (!row) throw notFound(ticketId);
  const ticket = rowToTicket(row);
  const openJobs: OpenJob[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({ id: r.id, status: r.status, engineerName: r.engineerName, onsiteDue: r.onsiteDue }));
  const last = rows[0];
  return {
    ticket,
    profile: toProfile({
      id: ticket.profileId,
      name: row.p_name as string,
      version: row.p_version as number,
      definition: row.p_definition as string,
    }),
    contact: {
      id: ticket.contactId,
      clientId: row.k_client as number,
      name: row.k_name as string,
      phone: row.k_phone as string | null,
      email: row.k_email as string | null,
      preferredChannel: row.k_channel as Contact['preferredChannel'],
    },
    openJobs,
    head: {
      openedAt: ticket.openedAt,
      lastId: last?.lastId ?? null,
      lastHash: last?.lastHash ?? null,
    },
  };
}

/** A ticket with its client, contact, service and profile version, read in one statement. */
export interface TicketParties {
  ticket: Ticket;
  client: Client;
  contact: Contact;
  service: Service;
  profile: RuleProfile;
}

/**
 * What `hd show` and the notices print of a ticket besides its timeline: one statement instead of
 * five. `ticket`, when given, is the row as the caller's transaction just wrote it.
 */
const PARTIES_SQL = sql`SELECT ${TICKET_SQL},
          c.name AS c_name, c.contract_no AS c_contract, c.profile AS c_profile, c.language AS c_language,
          c.timezone AS c_timezone, c.created_at AS c_created,
          k.client_id AS k_client, k.name AS k_name, k.phone AS k_phone, k.email AS k_email,
          k.preferred_channel AS k_channel,
          s.client_id AS s_client, s.service_id AS s_service, s.kind AS s_kind, s.address AS s_address,
          s.cpe_model AS s_cpe,
          p.name AS p_name, p.version AS p_version, p.definition AS p_definition
        FROM tickets t JOIN clients c ON c.id = t.client_id JOIN contacts k ON k.id = t.contact_id
          JOIN services s ON s.id = t.service_id JOIN rule_profiles p ON p.id = t.profile_id`;

export async function loadParties(q: Queryable, ticketId: number, ticket?: Ticket): Promise<TicketParties> {
  const row = await q.get<Row>(sql`${PARTIES_SQL} WHERE t.id = ${ticketId}`);
  if (!row) throw notFound(ticketId);
  return partiesOf(row, ticket);
}

/**
 * The tickets linked to an outage whose status is one of `statuses`, with their parties, in one
 * statement, by ticket number. Inside `store.tx` on PostgreSQL they are locked FOR UPDATE in that
 * order (the order every cascade takes them in, so two cascades never deadlock); a per-ticket
 * change locks only its one ticket.
 */
export async function linkedForChange(
  q: Queryable,
  outageId: number,
  statuses: readonly string[],
): Promise<TicketParties[]> {
  const rows = await q.all<Row>(
    sql`${PARTIES_SQL} WHERE t.outage_id = ${outageId} AND t.status IN ${sql.list(statuses)} ORDER BY t.id${lockInTx(q)}`,
  );
  // Hundreds of tickets share a few profile versions: each definition is read once.
  const profiles = new Map<unknown, RuleProfile>();
  return rows.map((row) => partiesOf(row, undefined, profiles));
}

/**
 * Tickets with their parties one at a time, by ticket number (hd export): a cursor on
 * PostgreSQL, so a million tickets keep memory flat. `where` filters the tickets (alias t).
 */
export async function* streamParties(q: Queryable, where: Sql): AsyncGenerator<TicketParties> {
  const profiles = new Map<unknown, RuleProfile>();
  for await (const row of q.iterate<Row>(sql`${PARTIES_SQL} ${where} ORDER BY t.id`))
    yield partiesOf(row, undefined, profiles);
}

function partiesOf(row: Row, ticket?: Ticket, profiles?: Map<unknown, RuleProfile>): TicketParties {
  const stored = rowToTicket(row);
  const t = ticket ?? stored;
  return {
    ticket: t,
    client: {
      id: stored.clientId,
      name: row.c_name as string,
      contractNo: row.c_contract as string,
      profile: row.c_profile as string,
      language: row.c_language as Client['language'],
      timezone: row.c_timezone as string,
      createdAt: row.c_created as number,
    },
    contact: {
      id: stored.contactId,
      clientId: row.k_client as number,
      name: row.k_name as string,
      phone: row.k_phone as string | null,
      email: row.k_email as string | null,
      preferredChannel: row.k_channel as Contact['preferredChannel'],
    },
    service: {
      id: stored.serviceId,
      clientId: row.s_client as number,
      serviceId: row.s_service as string,
      kind: row.s_kind as string,
      address: row.s_address as string,
      cpeModel: row.s_cpe as string | null,
    },
    profile: profiles?.get(stored.profileId) ?? profileOf(row, stored.profileId, profiles),
  };
}

function profileOf(row: Row, id: number, cache?: Map<unknown, RuleProfile>): RuleProfile {
  const profile = toProfile({
    id,
    name: row.p_name as string,
    version: row.p_version as number,
    definition: row.p_definition as string,
  });
  cache?.set(id, profile);
  return profile;
}

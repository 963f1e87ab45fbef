// One read for a change: what a lifecycle command needs of a ticket, in two statements (a central
// database across a WAN costs milliseconds per statement).
import type { Contact, RuleProfile, Ticket } from '../domain/types.ts';
import { OPEN_JOB } from './field.ts';
import { forUpdate, type Queryable, type Row, sql } from './port.ts';
import { toProfile } from './reference.ts';
import { notFound, rowToTicket, TICKET_SQL } from './tickets.ts';

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
}

/**
 * The ticket, its profile version, its contact and its open field jobs. Inside `store.tx` on
 * PostgreSQL the ticket row is what the transaction changes: its adapter reads it FOR UPDATE.
 */
export async function loadForChange(q: Queryable, ticketId: number): Promise<ForChange> {
  const row = await q.get<Row>(
    sql`SELECT ${TICKET_SQL}, p.name AS p_name, p.version AS p_version, p.definition AS p_definition,
          k.client_id AS k_client, k.name AS k_name, k.phone AS k_phone, k.email AS k_email, k.preferred_channel AS k_channel
        FROM tickets t JOIN rule_profiles p ON p.id = t.profile_id JOIN contacts k ON k.id = t.contact_id
        WHERE t.id = ${ticketId}${forUpdate(q, 't')}`,
  );
  if (!row) throw notFound(ticketId);
  const ticket = rowToTicket(row);
  const openJobs = await q.all<OpenJob>(
    sql`SELECT d.id, d.status, e.name AS "engineerName", d.onsite_due AS "onsiteDue"
        FROM dispatches d JOIN engineers e ON e.id = d.engineer_id
        WHERE d.ticket_id = ${ticketId} AND d.${sql.raw(OPEN_JOB)} ORDER BY d.id`,
  );
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
  };
}

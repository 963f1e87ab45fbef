import type { Client, Contact, RuleProfile, Service, Status, Ticket, TicketEvent } from '../domain/types.ts';
import { getClient, getContact, getService } from '../store/clients.ts';
import { type Dispatch, dispatchesOf } from '../store/field.ts';
import type { Queryable } from '../store/port.ts';
import { profileById } from '../store/reference.ts';
import { eventsOf, getTicket, relatedTickets } from '../store/tickets.ts';

export interface TicketDetails {
  ticket: Ticket;
  client: Client;
  contact: Contact;
  service: Service;
  profile: RuleProfile;
  events: TicketEvent[];
  related: { id: number; status: Status; summary: string }[];
  fieldJobs: Dispatch[];
}

export async function loadDetails(store: Queryable, id: number, ticket?: Ticket): Promise<TicketDetails> {
  const t = ticket ?? (await getTicket(store, id));
  const [client, contact, service, profile, events, related, fieldJobs] = await Promise.all([
    getClient(store, t.clientId),
    getContact(store, t.contactId),
    getService(store, t.serviceId),
    profileById(store, t.profileId),
    eventsOf(store, t.id),
    relatedTickets(store, t.id),
    dispatchesOf(store, t.id),
  ]);
  return { ticket: t, client, contact, service, profile, events, related, fieldJobs };
}

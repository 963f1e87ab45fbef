import type { Client, Contact, RuleProfile, Service, Status, Ticket, TicketEvent } from '../domain/types.ts';
import { loadParties } from '../store/change.ts';
import { type Dispatch, dispatchesOf } from '../store/field.ts';
import type { Queryable } from '../store/port.ts';
import { timelineOf } from '../store/tickets.ts';

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
  const { ticket: t, client, contact, service, profile } = await loadParties(store, id, ticket);
  const [{ events, related }, fieldJobs] = await Promise.all([
    timelineOf(store, t.id),
    dispatchesOf(store, t.id),
  ]);
  return { ticket: t, client, contact, service, profile, events, related, fieldJobs };
}

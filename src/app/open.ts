// Saving a new ticket (intake save): one transaction for the client or contact added on the call,
// the ticket, its opening events (with its outage link) and the notice. Shared by hd open and the
// API's POST /troubleTicket; what a new ticket gets is app/open-ticket.ts (planOpening,
// insertOpenedTicket), the same as the tickets hd outage open --proactive opens.

import type { Context } from '../context.ts';
import type { ContactInput, ServiceInput } from '../domain/new-client.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { tellOwed } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Channel, Client, Contact, Impact, Priority, Urgency } from '../domain/types.ts';
import { RefusedError, worded } from '../errors.ts';
import type { NotifyResult } from '../notify.ts';
import { addContact, type NewClient, registerClient } from '../store/clients.ts';
import { type IntakeService, otherOpenTicketOfService } from '../store/outages.ts';
import type { Store } from '../store/port.ts';
import { profileForOpening } from '../store/reference.ts';
import { appendEvents, type ChainHead, type NewEvent, type RelatedTicket } from '../store/tickets.ts';
import { formatTime } from '../ui/time.ts';
import type { TicketDetails } from './details.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';
import { insertOpenedTicket, outageLinkEvents, planOpening } from './open-ticket.ts';

/** Everything the questionnaire collects; filled from flags first, then by prompts. */
export interface Draft {
  client?: Client;
  /** A caller whose organisation is not yet a client: registered with the ticket, or not at all. */
  newClient?: { client: NewClient; service: ServiceInput };
  /** The phone the client was found by: its contact is the likely caller. */
  callerPhone?: { phone: string | null; digits: string };
  contact?: Contact;
  newContact?: ContactInput;
  /** The service, with its open ticket and the active outage it is in (one read, see intake). */
  service?: IntakeService;
  channel: Channel;
  impact?: Impact;
  urgency?: Urgency;
  priority?: Priority;
  priorityReason?: string;
  summary?: string;
  description?: string;
  answers: Record<string, string>;
  relatedTo: number | null;
  /** Notes written with the opening (the API's note[]), after the opened event. */
  notes?: string[];
  /** The related ticket as --related found it, for the details printed after the opening. */
  related?: RelatedTicket;
  /** Why a ticket is opened although the service has one open (--duplicate-ok, or asked). */
  duplicateReason?: string;
}

/** A draft of an existing client with every value saving needs (the API builds these). */
export type CompleteDraft = Draft & {
  client: Client;
  service: IntakeService;
  impact: Impact;
  urgency: Urgency;
  summary: string;
} & ({ contact: Contact } | { newContact: ContactInput });

/**
 * Saves a draft the questions or flags completed (client or new client, contact or new contact,
 * service, impact, urgency, summary): the ticket, its opening events and the notice, in one
 * transaction.
 */
export async function saveTicket(
  ctx: Context,
  store: Store,
  d: Draft,
  choice: NoticeChoice,
): Promise<{ details: TicketDetails; notice: NotifyResult | null }> {
  const now = ctx.now().getTime();
  // The profile and the matrix in one statement: a central database costs a round trip each.
  const { profile, matrix } = await profileForOpening(store, (d.client ?? d.newClient!.client).profile);
  const plan = await planOpening(
    profile,
    matrix,
    { impact: d.impact!, urgency: d.urgency!, priority: d.priority, reason: d.priorityReason },
    now,
    ctx.timeZone,
  );
  const outage = d.service?.outage ?? null;
  return store.tx(async (q) => {
    // A new client is registered with its ticket, in one transaction: a discarded or refused
    // intake leaves no half-entered client behind.
    const registered = d.newClient
      ? await registerClient(q, d.newClient.client, d.newContact!, d.newClient.service, now)
      : undefined;
    const client = registered?.client ?? d.client!;
    const contact = registered?.contact ?? d.contact ?? (await addContact(q, client.id, d.newContact!, now));
    const service: IntakeService = registered
      ? { ...registered.service, openTicket: null, outage: null }
      : d.service!;
    const { ticket, opened } = await insertOpenedTicket(q, {
      client,
      contact,
      newContact: !d.contact,
      service,
      channel: d.channel,
      impact: d.impact!,
      urgency: d.urgency!,
      summary: d.summary!,
      description: d.description ?? '',
      answers: d.answers,
      relatedTo: d.relatedTo,
      plan,
      at: now,
      by: ctx.operator,
      // Linked to the outage the service is in, with its zone and ETA. The ETA is owed to the
      // client: the opening notice (script or e-mail) gives the ticket number and the call-back
      // time, not the ETA; hd notify … eta (or a call logged as reached) tells it.
      outage: outage
        ? {
            number: formatOutageNumber(outage.id),
            outageId: outage.id,
            zone: outage.zone,
            eta: outage.eta,
            ...(outage.eta !== null
              ? tellOwed(
                  { tellKind: null, tellSince: null, tellDue: null, targets: plan.targets },
                  'eta',
                  now,
                  plan.calendar,
                )
              : {}),
          }
        : undefined,
    });
    // Another desk (or API worker) may have opened a ticket on this service since the intake read
    // it: refused as the intake would have refused it, unless opening anyway was asked for.
    if (!registered && !d.duplicateReason) {
      const other = await otherOpenTicketOfService(q, service.id, ticket.id);
      // Related to that very ticket (--related, a TMF relationship) is opening beside it on purpose.
      if (other !== null && other !== d.relatedTo)
        throw worded(RefusedError, 'open.err.openedMeanwhile', {
          service: service.serviceId,
          ticket: formatTicketNumber(other),
        });
    }
    // The events are written together at the end, in this order, in one INSERT: the new ticket's
    // chain starts here; a related ticket's head is read with it.
    const events: NewEvent[] = [opened];
    if (outage)
      events.push(
        ...outageLinkEvents(
          ticket.id,
          now,
          ctx.operator,
          { ...outage, number: formatOutageNumber(outage.id) },
          'intake',
          (ms) => formatTime(ms, ctx.timeZone),
        ),
      );
    // Notes written with the opening (the API's note[]), after the opened event.
    for (const note of d.notes ?? [])
      events.push({
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'note',
        text: note,
        payload: {},
      });
    if (d.duplicateReason && service!.openTicket) {
      events.push({
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'duplicate',
        text: `Opened although ${formatTicketNumber(service!.openTicket.id)} is open on ${service!.serviceId}: ${d.duplicateReason}`,
        payload: { openTicket: formatTicketNumber(service!.openTicket.id), reason: d.duplicateReason },
      });
    }
    if (d.relatedTo !== null) {
      events.push({
        ticketId: d.relatedTo,
        at: now,
        actor: ctx.operator,
        kind: 'related',
        text: `Related ticket ${formatTicketNumber(ticket.id)} opened: ${d.summary}`,
        payload: { related: formatTicketNumber(ticket.id) },
      });
    }
    if (d.channel === 'phone') {
      events.push({
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'notification',
        text: `Ticket number told to ${contact.name} on the call`,
        payload: { channel: 'phone', notice: 'opened', status: 'told' },
      });
    }
    const notice = await noticeHook(
      ctx,
      'opened',
      choice,
    )(ticket, {
      ticket,
      profile,
      calendar: plan.calendar,
      now,
      q,
      contact,
      openJobs: [],
    });
    for (const e of notice?.events ?? [])
      events.push({ ticketId: ticket.id, at: now, actor: ctx.operator, ...e });
    const heads = new Map<number, ChainHead>([[ticket.id, { openedAt: now, lastId: null, lastHash: null }]]);
    const written = await appendEvents(q, events, heads);
    const details: TicketDetails = {
      ticket,
      client,
      contact,
      service,
      profile,
      events: written.filter((e) => e.ticketId === ticket.id),
      related: d.related ? [d.related] : [],
      fieldJobs: [],
    };
    return { details, notice };
  });
}

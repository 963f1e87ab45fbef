// Saving a new ticket (intake save): one transaction for the contact added on the call, the
// ticket, its opening events and the notice. Shared by hd open and the API's POST /troubleTicket.
import type { ContactInput } from '../commands/client.ts';
import type { Context } from '../context.ts';
import { loadCalendar } from '../domain/calendar.ts';
import { decidePriority } from '../domain/priority.ts';
import { resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment } from '../domain/time.ts';
import type { Channel, Client, Contact, Impact, Priority, Service, Urgency } from '../domain/types.ts';
import type { NotifyResult } from '../notify.ts';
import { addContact } from '../store/clients.ts';
import type { Store } from '../store/port.ts';
import { profileForOpening } from '../store/reference.ts';
import {
  appendEvents,
  type ChainHead,
  insertTicket,
  type NewEvent,
  type RelatedTicket,
} from '../store/tickets.ts';
import type { TicketDetails } from './details.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';

/** Everything the questionnaire collects; filled from flags first, then by prompts. */
export interface Draft {
  client?: Client;
  contact?: Contact;
  newContact?: ContactInput;
  service?: Service;
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
}

/** A draft with every value saving needs (the CLI checks this with missingFlags or the questions). */
export type CompleteDraft = Draft & {
  client: Client;
  service: Service;
  impact: Impact;
  urgency: Urgency;
  summary: string;
} & ({ contact: Contact } | { newContact: ContactInput });

/** Saves a complete draft: the ticket, its opening events and the notice, in one transaction. */
export async function saveTicket(
  ctx: Context,
  store: Store,
  d: CompleteDraft,
  choice: NoticeChoice,
): Promise<{ details: TicketDetails; notice: NotifyResult | null }> {
  const now = ctx.now().getTime();
  // The profile and the matrix in one statement: a central database costs a round trip each.
  const { profile, matrix } = await profileForOpening(store, d.client!.profile);
  const decision = decidePriority(matrix, d.impact!, d.urgency!, d.priority, d.priorityReason);
  const targets = profile.targets[decision.priority];
  const calendar = await loadCalendar(profile.coverage);
  const due = resolutionDeadlines({ openedAt: now, targets, pausedMs: 0 }, calendar);
  for (const [what, at] of [
    ['The response deadline', due.response],
    ['The restore deadline', due.restore],
  ] as const)
    if (at !== null) checkMoment(at, ctx.timeZone, what);
  return store.tx(async (q) => {
    const contact = d.contact ?? (await addContact(q, d.client!.id, d.newContact!, now));
    const ticket = await insertTicket(q, {
      clientId: d.client!.id,
      contactId: contact.id,
      serviceId: d.service!.id,
      relatedTo: d.relatedTo,
      channel: d.channel,
      impact: d.impact!,
      urgency: d.urgency!,
      priority: decision.priority,
      matrixPriority: decision.matrixPriority,
      priorityReason: decision.reason,
      summary: d.summary!,
      description: d.description ?? '',
      answers: d.answers,
      profileId: profile.id,
      targets,
      // On-site and hardware clocks start counting from the opening, but are set only when a
      // dispatch or a hardware fault makes them apply; the update clock starts with the response.
      deadlines: {
        response: due.response,
        restore: due.restore,
        update: null,
        onsite: null,
        hardware: null,
        confirm: null,
      },
      openedAt: now,
      openedBy: ctx.operator,
    });
    // The events are written together at the end, in this order, in one INSERT: the new ticket's
    // chain starts here; a related ticket's head is read with it.
    const events: NewEvent[] = [];
    events.push({
      ticketId: ticket.id,
      at: now,
      actor: ctx.operator,
      kind: 'opened',
      text: d.summary!,
      payload: {
        client: d.client!.contractNo,
        contact: { name: contact.name, phone: contact.phone, email: contact.email, new: !d.contact },
        service: d.service!.serviceId,
        channel: d.channel,
        impact: d.impact,
        urgency: d.urgency,
        priority: decision.priority,
        matrixPriority: decision.matrixPriority,
        priorityReason: decision.reason,
        answers: d.answers,
        description: d.description ?? '',
        profile: `${profile.name} v${profile.version}`,
        relatedTo: d.relatedTo === null ? null : formatTicketNumber(d.relatedTo),
      },
    });
    for (const note of d.notes ?? [])
      events.push({
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'note',
        text: note,
        payload: {},
      });
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
      calendar,
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
      client: d.client!,
      contact,
      service: d.service!,
      profile,
      events: written.filter((e) => e.ticketId === ticket.id),
      related: d.related ? [d.related] : [],
      fieldJobs: [],
    };
    return { details, notice };
  });
}

// Opening a ticket: what `hd open` decides and writes, shared with the tickets an outage opens
// before the clients call (hd outage open --proactive). The priority comes from the client's
// Priority Rules profile and matrix, the deadlines from that profile's calendar.
import { type Calendar, loadCalendar } from '../domain/calendar.ts';
import { decidePriority, type PriorityDecision } from '../domain/priority.ts';
import { type ResolutionDeadlines, resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment } from '../domain/time.ts';
import type {
  Channel,
  Client,
  Contact,
  Impact,
  Priority,
  PriorityMatrix,
  PriorityTargets,
  RuleProfile,
  Service,
  Ticket,
  Urgency,
} from '../domain/types.ts';
import { t } from '../i18n.ts';
import type { Queryable } from '../store/port.ts';
import { insertTicket, type NewEvent, type NewTicket } from '../store/tickets.ts';

/** The priority, targets and deadlines a new ticket of a client gets at `now`. */
export interface OpeningPlan {
  profile: RuleProfile;
  decision: PriorityDecision;
  targets: PriorityTargets;
  calendar: Calendar;
  due: ResolutionDeadlines;
}

export async function planOpening(
  profile: RuleProfile,
  matrix: PriorityMatrix,
  choice: { impact: Impact; urgency: Urgency; priority?: Priority; reason?: string },
  now: number,
  timeZone: string,
): Promise<OpeningPlan> {
  const decision = decidePriority(matrix, choice.impact, choice.urgency, choice.priority, choice.reason);
  const targets = profile.targets[decision.priority];
  const calendar = await loadCalendar(profile.coverage);
  const due = resolutionDeadlines({ openedAt: now, targets, pausedMs: 0 }, calendar);
  for (const [what, at] of [
    [t('time.what.response'), due.response],
    [t('time.what.restore'), due.restore],
  ] as const)
    if (at !== null) checkMoment(at, timeZone, what);
  return { profile, decision, targets, calendar, due };
}

export interface TicketOpening {
  client: Client;
  contact: Contact;
  /** The contact was added with this opening. */
  newContact: boolean;
  service: Service;
  channel: Channel;
  impact: Impact;
  urgency: Urgency;
  summary: string;
  description: string;
  answers: Record<string, string>;
  relatedTo: number | null;
  plan: OpeningPlan;
  at: number;
  by: string;
  /** Set on a ticket opened into an outage: the link, and the outage's zone and ETA. */
  outage?: Pick<NewTicket, 'outageId' | 'zone' | 'eta' | 'tellKind' | 'tellSince' | 'tellDue'> & {
    number: string;
  };
}

/** Inserts the ticket; returns it with its `opened` event, to be written with the others. */
export async function insertOpenedTicket(
  q: Queryable,
  o: TicketOpening,
): Promise<{ ticket: Ticket; opened: NewEvent }> {
  const { plan } = o;
  const { number: outageNumber, ...link } = o.outage ?? { number: null };
  const ticket = await insertTicket(q, {
    clientId: o.client.id,
    contactId: o.contact.id,
    serviceId: o.service.id,
    relatedTo: o.relatedTo,
    channel: o.channel,
    impact: o.impact,
    urgency: o.urgency,
    priority: plan.decision.priority,
    matrixPriority: plan.decision.matrixPriority,
    priorityReason: plan.decision.reason,
    summary: o.summary,
    description: o.description,
    answers: o.answers,
    profileId: plan.profile.id,
    targets: plan.targets,
    // On-site and hardware clocks start counting from the opening, but are set only when a
    // dispatch or a hardware fault makes them apply; the update clock starts with the response.
    deadlines: {
      response: plan.due.response,
      restore: plan.due.restore,
      update: null,
      onsite: null,
      hardware: null,
      confirm: null,
    },
    openedAt: o.at,
    openedBy: o.by,
    ...link,
  });
  const opened: NewEvent = {
    ticketId: ticket.id,
    at: o.at,
    actor: o.by,
    kind: 'opened',
    text: o.summary,
    payload: {
      client: o.client.contractNo,
      contact: { name: o.contact.name, phone: o.contact.phone, email: o.contact.email, new: o.newContact },
      service: o.service.serviceId,
      channel: o.channel,
      impact: o.impact,
      urgency: o.urgency,
      priority: plan.decision.priority,
      matrixPriority: plan.decision.matrixPriority,
      priorityReason: plan.decision.reason,
      answers: o.answers,
      description: o.description,
      profile: `${plan.profile.name} v${plan.profile.version}`,
      relatedTo: o.relatedTo === null ? null : formatTicketNumber(o.relatedTo),
      ...(outageNumber ? { outage: outageNumber } : {}),
    },
  };
  return { ticket, opened };
}

/**
 * The events of a ticket opened into an outage, after its `opened` event: the link, and the
 * outage's zone and ETA as the zone and ETA events hd zone and hd eta write (hd verify reads the
 * ticket's zone and ETA from these).
 */
export function outageLinkEvents(
  ticketId: number,
  at: number,
  actor: string,
  outage: { number: string; summary: string; zone: string | null; eta: number | null },
  via: 'intake' | 'proactive',
  etaText: (ms: number) => string,
): NewEvent[] {
  const base = { ticketId, at, actor };
  const events: NewEvent[] = [
    {
      ...base,
      kind: 'outage',
      text: `${via === 'intake' ? 'Linked to' : 'Opened with'} outage ${outage.number}: ${outage.summary}`,
      payload: { outage: outage.number, action: 'attached', via },
    },
  ];
  if (outage.zone !== null)
    events.push({
      ...base,
      kind: 'zone',
      text: `Zone ${outage.zone} (outage ${outage.number})`,
      payload: { from: null, to: outage.zone, outage: outage.number },
    });
  if (outage.eta !== null)
    events.push({
      ...base,
      kind: 'eta',
      text: `ETA ${etaText(outage.eta)} (outage ${outage.number})`,
      payload: { eta: new Date(outage.eta).toISOString(), outage: outage.number },
    });
  return events;
}

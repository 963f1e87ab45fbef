// hd outage open: one network fault, many clients. In one transaction: the outage with what
// failed and the services found to depend on it, the open tickets of those services linked to
// it, and with --proactive a ticket opened for every other affected service (as hd open opens
// one, under each client's own Priority Rules) and a notice queued to each client before they
// call, in their language and by their contact's preferred channel.

import type { TicketDetails } from '../commands/details.ts';
import type { Context } from '../context.ts';
import { formatOutageNumber, type Outage } from '../domain/outage.ts';
import { tellOwed } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Client, Contact, PreferredChannel, Priority, Service } from '../domain/types.ts';
import { RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { type NoticeKind, notifyInTx } from '../notify.ts';
import {
  type AffectedService,
  affectedServices,
  appendOutageEvents,
  insertOutage,
  knownElementKeys,
  knownServiceKeys,
  type NewOutageEvent,
  setTicketsOutage,
} from '../store/outages.ts';
import type { OutboxMessage } from '../store/outbox.ts';
import { type Queryable, type Store, sql } from '../store/port.ts';
import { profileForOpening } from '../store/reference.ts';
import { appendEvents, type ChainHead, type NewEvent } from '../store/tickets.ts';
import { formatTime, timeOfDay } from '../ui/time.ts';
import { insertOpenedTicket, type OpeningPlan, outageLinkEvents, planOpening } from './open-ticket.ts';
import { type CascadeResult, type CascadeStep, cascadeInTx } from './outage-cascade.ts';

export interface OutageRequest {
  summary: string;
  zone: string | null;
  elements: { element: string; key: string }[];
  /** Service IDs named with --services, as typed, with their folded keys. */
  services: { serviceId: string; key: string }[];
  startedAt: number;
  eta: number | null;
  proactive: boolean;
}

/** An affected service and what the opening did for it. */
export interface AffectedLine extends AffectedService {
  /** The ticket linked to the outage for this service: its open one, or the one opened now. */
  ticketId: number | null;
  /** attached: its open ticket was linked; opened: a ticket was opened (--proactive); other: its
   * open ticket is linked to another outage; none: no ticket. */
  link: 'attached' | 'opened' | 'other' | 'none';
  priority: Priority | null;
  /** For an opened ticket: how the client hears of it. */
  notice: { contact: string; prefers: PreferredChannel; emailTo: string | null; phone: string | null } | null;
}

export interface OutageOpened {
  outage: Outage;
  elements: string[];
  services: AffectedLine[];
  queued: OutboxMessage[];
  /** The outage's ETA given to the open tickets it linked (as hd outage eta gives it), if any. */
  etaGiven: CascadeResult | null;
}

/**
 * Refuses unknown elements and service IDs by name, before anything is written; returns the
 * elements spelled as registered.
 */
async function checkKnown(q: Queryable, r: OutageRequest): Promise<{ element: string; key: string }[]> {
  const elements = await knownElementKeys(
    q,
    r.elements.map((e) => e.key),
  );
  const unknownElements = r.elements.filter((e) => !elements.has(e.key)).map((e) => e.element);
  const services = await knownServiceKeys(
    q,
    r.services.map((s) => s.key),
  );
  const unknownServices = r.services.filter((s) => !services.has(s.key)).map((s) => s.serviceId);
  const problems: string[] = [];
  if (unknownElements.length)
    problems.push(t('outageOpen.err.unknownElements', { elements: unknownElements.join(', ') }));
  if (unknownServices.length)
    problems.push(t('outageOpen.err.unknownServices', { services: unknownServices.join(', ') }));
  if (problems.length) throw new RefusedError(t('outageOpen.err.nothing', { problems: problems.join('; ') }));
  return r.elements.map((e) => ({ key: e.key, element: elements.get(e.key)! }));
}

/** `etaStep`: how the outage's ETA reaches the open tickets it links (hd outage eta's step). */
export async function openOutage(
  ctx: Context,
  store: Store,
  r: OutageRequest,
  etaStep?: CascadeStep,
): Promise<OutageOpened> {
  const now = ctx.now().getTime();
  return store.tx(async (q) => {
    const failed = await checkKnown(q, r);
    const found = await affectedServices(q, {
      elementKeys: r.elements.map((e) => e.key),
      serviceKeys: r.services.map((s) => s.key),
    });
    const outage = await insertOutage(
      q,
      {
        summary: r.summary,
        zone: r.zone,
        startedAt: r.startedAt,
        eta: r.eta,
        openedAt: now,
        openedBy: ctx.operator,
      },
      failed,
      [...new Set(found.map((s) => s.id))],
    );
    const number = formatOutageNumber(outage.id);
    const lines: AffectedLine[] = found.map((s) => ({
      ...s,
      ticketId: s.openTicketId,
      link: s.openTicketId === null ? 'none' : s.openTicketOutageId === null ? 'attached' : 'other',
      priority: null,
      notice: null,
    }));
    const events: NewEvent[] = [];
    const attached = lines.filter((l) => l.link === 'attached').map((l) => l.ticketId!);
    await setTicketsOutage(q, attached, outage.id, now);
    for (const id of attached)
      events.push({
        ticketId: id,
        at: now,
        actor: ctx.operator,
        kind: 'outage',
        text: `Linked to outage ${number}: ${r.summary}`,
        payload: { outage: number, action: 'attached', via: 'outage open' },
      });
    const heads = new Map<number, ChainHead>();
    const queued: OutboxMessage[] = [];
    if (r.proactive)
      await openProactive(
        ctx,
        q,
        outage,
        lines.filter((l) => l.link === 'none'),
        { events, heads, queued, now },
      );
    await appendEvents(q, events, heads);
    const opened = lines.filter((l) => l.link === 'opened');
    const toCall = opened.filter(
      (l) => l.notice && (l.notice.prefers !== 'email' || l.notice.emailTo === null),
    );
    const outageEvents: NewOutageEvent[] = [
      {
        outageId: outage.id,
        at: now,
        actor: ctx.operator,
        kind: 'opened',
        text: r.summary,
        payload: {
          zone: r.zone,
          elements: failed.map((e) => e.element),
          services: [...new Set(found.map((s) => s.serviceId))],
          clients: new Set(found.map((s) => s.clientId)).size,
          startedAt: new Date(r.startedAt).toISOString(),
          eta: r.eta === null ? null : new Date(r.eta).toISOString(),
        },
      },
    ];
    if (attached.length)
      outageEvents.push({
        outageId: outage.id,
        at: now,
        actor: ctx.operator,
        kind: 'attached',
        text: `Open tickets of affected services linked: ${attached.map(formatTicketNumber).join(', ')}`,
        payload: { tickets: attached.map(formatTicketNumber), via: 'outage open' },
      });
    if (opened.length)
      outageEvents.push({
        outageId: outage.id,
        at: now,
        actor: ctx.operator,
        kind: 'proactive',
        text: `Tickets opened before the clients call: ${opened.map((l) => formatTicketNumber(l.ticketId!)).join(', ')}; ${queued.length} e-mail(s) queued, ${toCall.length} client(s) to call`,
        payload: {
          tickets: opened.map((l) => formatTicketNumber(l.ticketId!)),
          emails: queued.map((m) => m.id),
          toCall: opened
            .filter((l) => l.notice?.emailTo === null)
            .map((l) => formatTicketNumber(l.ticketId!)),
        },
      });
    await appendOutageEvents(q, outageEvents);
    // The open tickets linked now hear the outage's ETA as if hd outage eta had been run.
    const etaGiven =
      r.eta !== null && etaStep && attached.length
        ? await cascadeInTx(ctx, q, outage.id, etaStep, now, new Set(attached))
        : null;
    return {
      outage: etaGiven?.outage ?? outage,
      elements: failed.map((e) => e.element),
      services: lines,
      queued,
      etaGiven,
    };
  });
}

/** The first contact of each client (by id): whom a proactive ticket names and notifies. */
async function firstContacts(q: Queryable, clientIds: number[]): Promise<Map<number, Contact>> {
  if (clientIds.length === 0) return new Map();
  const rows = await q.all<Contact>(
    sql`SELECT id, client_id AS "clientId", name, phone, email, preferred_channel AS "preferredChannel"
       FROM contacts WHERE client_id IN ${sql.list(clientIds)} ORDER BY client_id, id`,
  );
  const first = new Map<number, Contact>();
  for (const k of rows) if (!first.has(Number(k.clientId))) first.set(Number(k.clientId), k);
  return first;
}

/**
 * A ticket for each affected service without one, opened as hd open opens a call's (impact down,
 * urgency high, the client's profile and matrix), channel monitoring, linked to the outage with
 * its zone and ETA; the client's first contact is notified by their preferred channel: an e-mail
 * queued (the ETA when the outage has one, else the opening), and a call owed to whoever is
 * reached by phone — the ETA stays owed (tickets.tell_due) until a call reaches them or the
 * e-mail is delivered.
 */
async function openProactive(
  ctx: Context,
  q: Queryable,
  outage: Outage,
  lines: AffectedLine[],
  out: { events: NewEvent[]; heads: Map<number, ChainHead>; queued: OutboxMessage[]; now: number },
): Promise<void> {
  if (lines.length === 0) return;
  const { now } = out;
  const number = formatOutageNumber(outage.id);
  const contacts = await firstContacts(q, [...new Set(lines.map((l) => l.clientId))]);
  const plans = new Map<string, OpeningPlan>();
  const kind: NoticeKind = outage.eta === null ? 'opened' : 'eta';
  // As an operator records the answer: the desk's clock, the day too when it was not today.
  const since = timeOfDay(outage.startedAt, now, ctx.timeZone);
  for (const line of lines) {
    const contact = contacts.get(line.clientId);
    if (!contact) continue;
    let plan = plans.get(line.profile);
    if (!plan) {
      const { profile, matrix } = await profileForOpening(q, line.profile);
      plan = await planOpening(profile, matrix, { impact: 'down', urgency: 'high' }, now, ctx.timeZone);
      plans.set(line.profile, plan);
    }
    const client: Client = {
      id: line.clientId,
      name: line.clientName,
      contractNo: line.contractNo,
      profile: line.profile,
      language: line.language,
      timezone: line.timezone,
      createdAt: line.clientCreatedAt,
    };
    const service: Service = {
      id: line.id,
      clientId: line.clientId,
      serviceId: line.serviceId,
      kind: line.kind,
      address: line.address,
      cpeModel: line.cpeModel,
    };
    const owed =
      outage.eta === null
        ? {}
        : tellOwed(
            { tellKind: null, tellSince: null, tellDue: null, targets: plan.targets },
            'eta',
            now,
            plan.calendar,
          );
    const { ticket, opened } = await insertOpenedTicket(q, {
      client,
      contact,
      newContact: false,
      service,
      channel: 'monitoring',
      impact: 'down',
      urgency: 'high',
      summary: `${number}: ${outage.summary}`,
      description: `Opened with outage ${number} before the client called.`,
      answers: { since, symptom: 'no-service', scope: 'one-site' },
      relatedTo: null,
      plan,
      at: now,
      by: ctx.operator,
      outage: { number, outageId: outage.id, zone: outage.zone, eta: outage.eta, ...owed },
    });
    out.heads.set(ticket.id, { openedAt: now, lastId: null, lastHash: null });
    const at = { ticketId: ticket.id, at: now, actor: ctx.operator };
    out.events.push(
      opened,
      ...outageLinkEvents(ticket.id, now, ctx.operator, { ...outage, number }, 'proactive', (ms) =>
        formatTime(ms, ctx.timeZone),
      ),
    );
    const emailTo = contact.preferredChannel !== 'phone' ? contact.email : null;
    if (emailTo) {
      const details: TicketDetails = {
        ticket,
        client,
        contact,
        service,
        profile: plan.profile,
        events: [],
        related: [],
        fieldJobs: [],
      };
      const notice = await notifyInTx(ctx, q, details, {
        kind,
        via: 'email',
        key: `${ticket.id}:${kind}:${now}`,
        at: now,
      });
      out.queued.push(...notice.queued);
      for (const e of notice.events) out.events.push({ ...at, ...e });
    }
    if (contact.preferredChannel !== 'email' || !emailTo) {
      out.events.push({
        ...at,
        kind: 'notification',
        text: `To call: ${contact.name} on ${contact.phone ?? 'no phone on record'} about the outage (${kind === 'eta' ? 'the ETA' : 'the ticket'})`,
        payload: { channel: 'phone', notice: kind, status: 'to call', party: contact.name },
      });
    }
    line.ticketId = ticket.id;
    line.link = 'opened';
    line.priority = plan.decision.priority;
    line.notice = { contact: contact.name, prefers: contact.preferredChannel, emailTo, phone: contact.phone };
  }
}

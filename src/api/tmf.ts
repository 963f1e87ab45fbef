// hd's ticket as a TMF621 v5 TroubleTicket (README "TMF621 API" has the whole mapping).
import type { TicketDetails } from '../app/details.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Impact, Status, Ticket, TicketEvent } from '../domain/types.ts';
import { iso } from '../ui/time.ts';

export const BASE = '/tmf-api/troubleTicket/v5';
export const hrefOf = (id: number) => `${BASE}/troubleTicket/${formatTicketNumber(id)}`;

/** severity ↔ impact: a service down is Critical … no service impact is Warning. */
export const SEVERITY: Record<Impact, string> = {
  down: 'Critical',
  degraded: 'Major',
  intermittent: 'Minor',
  none: 'Warning',
};

export function impactOf(severity: string): Impact | undefined {
  const key = severity.trim().toLowerCase();
  return (Object.keys(SEVERITY) as Impact[]).find((i) => SEVERITY[i].toLowerCase() === key);
}

/**
 * A TMF621 status as hd records it (hd import): hd's own are TMF621's; `rejected` (refused) is
 * cancelled with its reason, `held` (waiting) is pending. README "TMF621 API".
 */
export const STATUS_FROM_TMF: Readonly<Record<string, Status>> = {
  acknowledged: 'acknowledged',
  inProgress: 'inProgress',
  pending: 'pending',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
  rejected: 'cancelled',
  held: 'pending',
};

/** hd records faults: every ticket is an incident. */
export const TICKET_TYPE = 'incident';

type Json = Record<string, unknown>;

const stringCharacteristic = (name: string, value: string): Json => ({
  '@type': 'StringCharacteristic',
  name,
  valueType: 'string',
  value,
});

/** The statuses the timeline went through, with the reason of each move. */
export function statusHistory(events: TicketEvent[]): { status: Status; at: number; reason: string }[] {
  const out: { status: Status; at: number; reason: string }[] = [];
  let current: Status | null = null;
  for (const e of events) {
    const p = e.payload;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    let next: Status | null = null;
    let reason = '';
    switch (e.kind) {
      case 'opened':
        next = 'acknowledged';
        reason = 'opened';
        break;
      case 'assigned':
        next = (p.status as Status | undefined) ?? null;
        reason = e.text;
        break;
      case 'pending':
        next = 'pending';
        reason = text(p.reason);
        break;
      case 'resumed':
        next = 'inProgress';
        reason = text(p.note) || e.text;
        break;
      case 'resolved':
        next = 'resolved';
        reason = text(p.summary);
        break;
      case 'reopened':
        next = 'inProgress';
        reason = text(p.reason);
        break;
      case 'closed':
        next = 'closed';
        reason = `confirmed by ${text(p.confirmedBy)} (${text(p.via)})`;
        break;
      case 'cancelled':
        next = 'cancelled';
        reason = text(p.reason);
        break;
    }
    if (next && next !== current) {
      out.push({ status: next, at: e.at, reason });
      current = next;
    }
  }
  return out;
}

function characteristics(t: Ticket, now: number): Json[] {
  const out: Json[] = [];
  if (t.zone) out.push(stringCharacteristic('faultZone', t.zone));
  out.push(stringCharacteristic('impact', t.impact), stringCharacteristic('urgency', t.urgency));
  if (t.confirmedBy) out.push(stringCharacteristic('clientConfirmedBy', t.confirmedBy));
  if (t.confirmedVia) out.push(stringCharacteristic('clientConfirmedVia', t.confirmedVia));
  for (const v of deadlineViews(t, now)) {
    out.push({
      '@type': 'ObjectCharacteristic',
      name: `sla.${v.kind}`,
      valueType: 'object',
      value: {
        label: v.label,
        due: iso(v.due),
        metAt: iso(v.metAt),
        state: v.state,
        marginMinutes: Math.round(v.margin / 60_000),
      },
    });
  }
  return out;
}

const partyRef = (role: string, id: string, name: string, referredType: string): Json => ({
  '@type': 'RelatedPartyRefOrPartyRoleRef',
  role,
  partyOrPartyRole: { '@type': 'PartyRef', '@referredType': referredType, id, name },
});

const serviceRef = (serviceId: string, kind?: string): Json => ({
  '@type': 'RelatedEntity',
  role: 'affectedService',
  entity: {
    '@type': 'EntityRef',
    '@referredType': 'Service',
    id: serviceId,
    ...(kind ? { name: kind } : {}),
  },
});

/** The fields every form of a ticket has, from the ticket row alone. */
function core(t: Ticket): Json {
  return {
    '@type': 'TroubleTicket',
    id: formatTicketNumber(t.id),
    href: hrefOf(t.id),
    name: t.summary,
    description: t.description,
    severity: SEVERITY[t.impact],
    priority: t.priority,
    ticketType: TICKET_TYPE,
    status: t.status,
    channel: { '@type': 'ChannelRef', id: t.channel, name: t.channel },
    creationDate: iso(t.openedAt),
    lastUpdate: iso(t.updatedAt),
    ...(t.eta !== null ? { expectedResolutionDate: iso(t.eta) } : {}),
    ...(t.restoredAt !== null ? { resolutionDate: iso(t.restoredAt) } : {}),
  };
}

/** The whole ticket: parties, service, notes (the timeline), status history, relationships, SLA. */
export function troubleTicket(d: TicketDetails, now: number): Json {
  const t = d.ticket;
  const history = statusHistory(d.events);
  const last = history.at(-1);
  const relationships: Json[] = [];
  if (t.relatedTo !== null)
    relationships.push({
      '@type': 'TroubleTicketRelationship',
      id: formatTicketNumber(t.relatedTo),
      href: hrefOf(t.relatedTo),
      relationshipType: 'isRelatedTo',
    });
  for (const r of d.related)
    if (r.id !== t.relatedTo)
      relationships.push({
        '@type': 'TroubleTicketRelationship',
        id: formatTicketNumber(r.id),
        href: hrefOf(r.id),
        name: r.summary,
        relationshipType: 'isRelatedTo',
      });
  // The mass outage the ticket is linked to (hd outage attach, or opened into it).
  if (t.outageId !== null)
    relationships.push({
      '@type': 'TroubleTicketRelationship',
      '@referredType': 'Outage',
      id: formatOutageNumber(t.outageId),
      relationshipType: 'isChildOf',
    });
  return {
    ...core(t),
    ...(last ? { statusChangeDate: iso(last.at), statusChangeReason: last.reason } : {}),
    relatedParty: [
      partyRef('customer', d.client.contractNo, d.client.name, 'Organization'),
      partyRef('reporter', String(d.contact.id), d.contact.name, 'Individual'),
      ...(t.assignee ? [partyRef('assignee', t.assignee, t.assignee, 'Individual')] : []),
    ],
    relatedEntity: [serviceRef(d.service.serviceId, d.service.kind)],
    note: d.events.map((e) => ({
      '@type': 'Note',
      id: String(e.id),
      author: e.actor,
      date: iso(e.at),
      text: e.text,
    })),
    statusChangeHistory: history.map((h) => ({
      '@type': 'StatusChange',
      status: h.status,
      statusChangeDate: iso(h.at),
      statusChangeReason: h.reason,
    })),
    troubleTicketRelationship: relationships,
    troubleTicketCharacteristic: characteristics(t, now),
  };
}

/** A ticket in a list: the row's own fields, the customer and the service (no timeline). */
export function listedTroubleTicket(
  t: Ticket & { clientName: string; contractNo: string; serviceIdText: string },
  now: number,
): Json {
  return {
    ...core(t),
    relatedParty: [partyRef('customer', t.contractNo, t.clientName, 'Organization')],
    relatedEntity: [serviceRef(t.serviceIdText)],
    troubleTicketCharacteristic: characteristics(t, now),
  };
}

/**
 * The first-level attributes of the specification's TroubleTicket (TMF621 v5.0.1), the names
 * `fields=` takes; some hd never fills (attachment, externalIdentifier …): asked for, they are absent.
 */
export const TROUBLE_TICKET_ATTRIBUTES: ReadonlySet<string> = new Set([
  '@type',
  '@baseType',
  '@schemaLocation',
  'id',
  'href',
  'name',
  'description',
  'severity',
  'ticketType',
  'attachment',
  'channel',
  'creationDate',
  'requestedResolutionDate',
  'expectedResolutionDate',
  'resolutionDate',
  'externalIdentifier',
  'lastUpdate',
  'note',
  'priority',
  'relatedEntity',
  'relatedParty',
  'status',
  'statusChangeDate',
  'statusChangeReason',
  'statusChangeHistory',
  'troubleTicketRelationship',
  'troubleTicketSpecification',
  'troubleTicketCharacteristic',
]);

/** fields=a,b: the first-level attributes asked for, with id, href and @type always. */
export function selectFields(doc: Json, fields: string[] | null): Json {
  if (!fields) return doc;
  const keep = new Set(['id', 'href', '@type', ...fields]);
  return Object.fromEntries(Object.entries(doc).filter(([k]) => keep.has(k)));
}

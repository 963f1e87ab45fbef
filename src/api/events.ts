// hd's timeline events as TMF621 v5 notifications (Event: eventId, eventTime, eventType,
// event.troubleTicket …), and the listener's `query` (which event types it wants). Pure: the
// ticket's details are read by the deliverer (src/api/deliver.ts).
import type { TicketDetails } from '../app/details.ts';
import type { TicketEvent } from '../domain/types.ts';
import { iso } from '../ui/time.ts';
import { ApiError } from './errors.ts';
import { statusHistory, troubleTicket } from './tmf.ts';

export const EVENT_TYPES = [
  'TroubleTicketCreateEvent',
  'TroubleTicketStatusChangeEvent',
  'TroubleTicketAttributeValueChangeEvent',
  'TroubleTicketResolvedEvent',
  'TroubleTicketInformationRequiredEvent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The timeline kinds a listener hears of: the status moves, and the changes of what a
 * TroubleTicket shows (ETA, zone, priority, a note or log entry, a relationship). The trigger of
 * store/sqlite 015 (postgres 005) queues exactly these.
 */
export const REPORTED_KINDS = [
  'opened',
  'assigned',
  'pending',
  'resumed',
  'resolved',
  'reopened',
  'closed',
  'cancelled',
  'eta',
  'extended',
  'zone',
  'priority',
  'note',
  'test',
  'action',
  'call',
  'related',
  'duplicate',
  'outage',
  'attached',
] as const;

/**
 * Where a notification of `type` is POSTed: the callback's path + /listener/{eventType in
 * lowerCamel}, the callback's query string (if any) kept at the end.
 */
export function listenerUrl(callback: string, type: EventType): string {
  const event = `/listener/${type[0]!.toLowerCase()}${type.slice(1)}`;
  const q = callback.search(/[?#]/);
  const [path, rest] = q < 0 ? [callback, ''] : [callback.slice(0, q), callback.slice(q)];
  return `${path.replace(/\/+$/, '')}${event}${rest.replace(/#.*$/, '')}`;
}

/** A listener's `query`: empty (every event) or `eventType=A,B` (also eventType=A&eventType=B). */
export function eventTypesOf(query: string | null): Set<EventType> | null {
  if (query === null || query.trim() === '') return null;
  const params = new URLSearchParams(query.trim().replace(/^\?/, ''));
  const types = new Set<EventType>();
  for (const [key, value] of params) {
    if (key !== 'eventType')
      throw new ApiError(
        400,
        'INVALID_QUERY',
        `The hub's query may only select event types (eventType=${EVENT_TYPES[0]},…), not ${key}.`,
      );
    for (const t of value.split(',').map((s) => s.trim())) {
      if (!(EVENT_TYPES as readonly string[]).includes(t))
        throw new ApiError(400, 'INVALID_QUERY', `eventType=${t}: one of ${EVENT_TYPES.join(', ')}.`);
      types.add(t as EventType);
    }
  }
  return types.size ? types : null;
}

type Json = Record<string, unknown>;

const time = (v: unknown): number | null => {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

/**
 * The ticket as it stood right after `event`: the timeline, status and its history, the ETA and
 * the last update as of then. Who the client and service are is read now (they do not change);
 * the SLA deadlines are left out, since they are shown as of now, not as of the event.
 */
export function ticketAt(d: TicketDetails, event: TicketEvent): Json {
  const upTo = d.events.filter((e) => e.id <= event.id);
  const status = statusHistory(upTo).at(-1)?.status ?? d.ticket.status;
  let eta: number | null = null;
  for (const e of upTo) {
    if (e.kind === 'eta') eta = time(e.payload.eta) ?? eta;
    if (e.kind === 'extended') eta = time(e.payload.to) ?? eta;
  }
  const restored = status === 'resolved' || status === 'closed' ? d.ticket.restoredAt : null;
  const doc = troubleTicket(
    {
      ...d,
      events: upTo,
      ticket: { ...d.ticket, status, eta, restoredAt: restored, updatedAt: event.at },
    },
    event.at,
  );
  const characteristics = doc.troubleTicketCharacteristic as { name: string }[];
  doc.troubleTicketCharacteristic = characteristics.filter((c) => !c.name.startsWith('sla.'));
  return doc;
}

/** The event types one timeline event raises, in the order they are sent. */
export function eventTypesFor(d: TicketDetails, event: TicketEvent): EventType[] {
  if (event.kind === 'opened') return ['TroubleTicketCreateEvent'];
  const before = statusHistory(d.events.filter((e) => e.id < event.id));
  const after = statusHistory(d.events.filter((e) => e.id <= event.id));
  const moved = after.length > before.length;
  const out: EventType[] = moved ? ['TroubleTicketStatusChangeEvent'] : [];
  if (event.kind === 'resolved') out.push('TroubleTicketResolvedEvent');
  else if (event.kind === 'pending') out.push('TroubleTicketInformationRequiredEvent');
  else if (!moved && (REPORTED_KINDS as readonly string[]).includes(event.kind))
    out.push('TroubleTicketAttributeValueChangeEvent');
  return out;
}

export interface Notification {
  type: EventType;
  body: Json;
}

/**
 * The notifications of one timeline event, each a TMF621 Event. eventId is the timeline event's
 * id and the notification's place among its notifications ("412-1", "412-2"), the same for every
 * listener, so a listener that gets one twice (after a lost reply) can tell.
 */
export function notificationsFor(d: TicketDetails, event: TicketEvent): Notification[] {
  const ticket = ticketAt(d, event);
  return eventTypesFor(d, event).map((type, i) => {
    const payload: Json = { troubleTicket: ticket };
    if (type === 'TroubleTicketInformationRequiredEvent') {
      // What is wanted, as a JSON Patch of the ticket: a note answering the reason it waits.
      const reason = typeof event.payload.reason === 'string' ? event.payload.reason : event.text;
      payload.informationRequired = { op: 'add', path: '/note/-', value: { '@type': 'Note', text: reason } };
    }
    return {
      type,
      body: {
        '@type': type,
        '@baseType': 'Event',
        eventId: `${event.id}-${i + 1}`,
        eventTime: iso(event.at),
        timeOccurred: iso(event.at),
        eventType: type,
        correlationId: String(event.id),
        title: type,
        description: event.text,
        relatedParty: [
          {
            '@type': 'RelatedPartyRefOrPartyRoleRef',
            role: 'actor',
            partyOrPartyRole: { '@type': 'PartyRef', id: event.actor, name: event.actor },
          },
        ],
        event: payload,
      },
    };
  });
}

// The audit log: each event's hash chained to its ticket's previous event, and the check that a
// ticket's row (the projection) says what its events say. Pure: no I/O, times passed in.
import { crypto } from '../builtin.ts';
import { RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { assertWritable, isOpen } from './lifecycle.ts';
import { callMeetsResponse } from './sla.ts';
import { formatTicketNumber } from './ticket-number.ts';
import type { Status } from './types.ts';

/** An event as stored: `payload` is the JSON text exactly as written. */
export interface StoredEvent {
  id: number;
  ticketId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload: string;
  hash: string | null;
}

/** The `prev` of a ticket's first event. */
export const CHAIN_START = '';

/**
 * hash = SHA-256(prev_hash, canonical fields), hex. The canonical form is the JSON array
 * [ticketId, at, actor, kind, text, payload] (payload as its stored JSON text): JSON escaping
 * keeps the fields apart, so no two different events serialise alike.
 */
export function eventHash(
  prev: string,
  e: Pick<StoredEvent, 'ticketId' | 'at' | 'actor' | 'kind' | 'text' | 'payload'>,
): string {
  return crypto()
    .createHash('sha256')
    .update(prev)
    .update('\n')
    .update(JSON.stringify([e.ticketId, e.at, e.actor, e.kind, e.text, e.payload]))
    .digest('hex');
}

/**
 * The `prev` for the next event of a ticket, from its events so far (oldest first). Events from
 * before the chain existed have no stored hash: they are hashed here, so the next stored hash
 * seals them too.
 */
export function chainHead(events: Iterable<Omit<StoredEvent, 'id'>>): string {
  let prev = CHAIN_START;
  for (const e of events) prev = e.hash ?? eventHash(prev, e);
  return prev;
}

/**
 * No event is dated before its ticket was opened (a wrong clock, or HD_NOW set in the past).
 * `show` writes a time for the operator (in HD_TZ); ISO UTC where no zone is known.
 */
export function assertNotBeforeOpening(
  ticket: { id: number; openedAt: number },
  at: number,
  show: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): void {
  if (at >= ticket.openedAt) return;
  throw new RefusedError(
    t('change.err.beforeOpening', {
      number: formatTicketNumber(ticket.id),
      opened: show(ticket.openedAt),
      at: show(at),
    }),
  );
}

/**
 * A closed or cancelled ticket's row is final (a trigger refuses any change to it): a change to
 * it is refused here with the lifecycle's words; with nothing to change (a notice sent after the
 * close adds only events) the row is left as it is. True when the row must not be written.
 */
export function rowIsFinal(ticket: { id: number; status: Status }, patch: object | undefined): boolean {
  if (isOpen(ticket.status)) return false;
  if (patch && Object.keys(patch).length > 0) assertWritable(ticket.id, ticket.status);
  return true;
}

/** The ticket row's columns that events decide. Times are epoch ms. */
export interface TicketRow {
  id: number;
  status: Status;
  priority: string;
  assignee: string | null;
  zone: string | null;
  eta: number | null;
  openedAt: number;
  openedBy: string;
  respondedAt: number | null;
  restoredAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  confirmedBy: string | null;
  confirmedVia: string | null;
  pendingSince: number | null;
  pendingUntil: number | null;
  pendingReason: string | null;
  onsiteAt: number | null;
  hardwareAt: number | null;
}

type Field = Exclude<keyof TicketRow, 'id'>;
const TIME_FIELDS = new Set<Field>([
  'eta',
  'openedAt',
  'respondedAt',
  'restoredAt',
  'resolvedAt',
  'closedAt',
  'pendingSince',
  'pendingUntil',
  'onsiteAt',
  'hardwareAt',
]);

/** One thing that differs; `eventId` is the event concerned (or that set the expected value). */
export interface Finding {
  ticketId: number;
  eventId: number | null;
  field: string;
  expected: string | number | null;
  found: string | number | null;
}

/** What the events say about one field, and which event said it. */
interface Known {
  value: unknown;
  eventId: number;
}

type Payload = Record<string, unknown>;

/** Kinds whose payload sets a column; the others (test, action, call, notification …) are not parsed. */
const PROJECTING = new Set([
  'opened',
  'assigned',
  'priority',
  'zone',
  'eta',
  'extended',
  'pending',
  'resumed',
  'resolved',
  'reopened',
  'closed',
  'cancelled',
  'dispatch',
  'replace',
]);

const isoMs = (v: unknown): number | null | undefined =>
  v === null ? null : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;

/**
 * Walks one ticket's events in order: checks the hash chain and derives what the ticket's row
 * must say. Feed it with `event()`, then `finish(row)`; it keeps nothing of earlier tickets.
 *
 * Only facts that events record unambiguously are checked. An `opened` event without its facts
 * in the payload (a bulk loader, or an older hd) sets no baseline: such fields stay unchecked
 * until an event that states them.
 */
export class TicketAudit {
  readonly findings: Finding[] = [];
  events = 0;
  /** Events from before the chain (no stored hash, none stored before them). */
  unhashed = 0;
  private prev = CHAIN_START;
  private sealed = false;
  private readonly known = new Map<Field, Known>();
  private readonly times = new Set<number>();
  /** The first take or reached outbound call: the response, when nothing before it is unclear. */
  private firstResponse: Known | null = null;
  /** The response cannot be derived: an opening without its facts, or an unclear event before any response. */
  private responseUnclear = false;
  private openedAt: number | null = null;

  constructor(readonly ticketId: number) {}

  event(e: StoredEvent): void {
    this.events++;
    this.chain(e);
    if (this.events === 1 && e.kind !== 'opened') this.find(e.id, 'kind', 'opened (the first event)', e.kind);
    else if (this.events > 1 && e.kind === 'opened') this.find(e.id, 'kind', 'one opened event', 'opened');
    if (this.openedAt !== null && e.at < this.openedAt)
      this.find(e.id, 'at', `not before ${iso(this.openedAt)}`, iso(e.at));
    this.times.add(e.at);
    if (e.kind === 'call') {
      this.call(e);
      return;
    }
    if (!PROJECTING.has(e.kind)) return;
    let payload: Payload;
    try {
      payload = JSON.parse(e.payload) as Payload;
    } catch {
      this.find(e.id, 'payload', 'JSON', e.payload.slice(0, 60));
      return;
    }
    this.project(e, payload);
  }

  private chain(e: StoredEvent): void {
    const computed = eventHash(this.prev, e);
    if (e.hash === null) {
      if (this.sealed) this.find(e.id, 'hash', computed, null);
      else this.unhashed++;
      this.prev = computed;
      return;
    }
    if (e.hash !== computed) this.find(e.id, 'hash', computed, e.hash);
    // Chain on from what is stored: a forged event is named once, not with every event after it.
    this.prev = e.hash;
    this.sealed = true;
  }

  /** A call meets the response when it went out and reached the client (callMeetsResponse). */
  private call(e: StoredEvent): void {
    if (this.firstResponse) return;
    let p: Payload;
    try {
      p = JSON.parse(e.payload) as Payload;
    } catch {
      this.responseUnclear = true;
      return;
    }
    if (typeof p.direction !== 'string' || (p.outcome !== undefined && typeof p.outcome !== 'string')) {
      this.responseUnclear = true;
      return;
    }
    if (callMeetsResponse(p.direction, p.outcome as string | undefined))
      this.firstResponse = { value: e.at, eventId: e.id };
  }

  private set(field: Field, value: unknown, eventId: number): void {
    this.known.set(field, { value, eventId });
  }

  private forget(field: Field): void {
    this.known.delete(field);
  }

  private project(e: StoredEvent, p: Payload): void {
    const set = (field: Field, value: unknown) => this.set(field, value, e.id);
    switch (e.kind) {
      case 'opened': {
        this.openedAt = e.at;
        set('openedAt', e.at);
        set('openedBy', e.actor);
        if (typeof p.priority !== 'string') {
          this.responseUnclear = true;
          return;
        }
        // hd's own opening: everything else starts empty.
        set('priority', p.priority);
        set('status', 'acknowledged');
        for (const f of [
          'assignee',
          'zone',
          'eta',
          'restoredAt',
          'resolvedAt',
          'closedAt',
          'confirmedBy',
          'confirmedVia',
          'pendingSince',
          'pendingUntil',
          'pendingReason',
          'onsiteAt',
          'hardwareAt',
        ] as const)
          set(f, null);
        return;
      }
      case 'assigned':
        if (!('to' in p)) {
          // Taken or assigned, the payload does not say: the status may have moved.
          this.forget('assignee');
          if (this.known.get('status')?.value === 'acknowledged') this.forget('status');
          if (!this.firstResponse) this.responseUnclear = true;
          return;
        }
        set('assignee', p.to);
        if (typeof p.status === 'string') {
          set('status', p.status);
          this.firstResponse ??= { value: e.at, eventId: e.id };
        }
        return;
      case 'priority':
        if (typeof p.to === 'string') set('priority', p.to);
        return;
      case 'zone':
        if (typeof p.to === 'string') set('zone', p.to);
        return;
      case 'eta':
      case 'extended': {
        const eta = isoMs(e.kind === 'eta' ? p.eta : p.to);
        if (eta === undefined) this.forget('eta');
        else set('eta', eta);
        return;
      }
      case 'pending': {
        set('status', 'pending');
        set('pendingSince', e.at);
        if (typeof p.reason === 'string') set('pendingReason', p.reason);
        const until = isoMs(p.until);
        if (until === undefined) this.forget('pendingUntil');
        else set('pendingUntil', until);
        return;
      }
      case 'resumed':
        set('status', 'inProgress');
        this.endPause(e.id);
        return;
      case 'resolved': {
        set('status', 'resolved');
        set('resolvedAt', e.at);
        this.endPause(e.id);
        if (typeof p.zone === 'string') set('zone', p.zone);
        const restored = isoMs(p.restoredAt);
        if (restored === undefined) this.forget('restoredAt');
        else set('restoredAt', restored);
        return;
      }
      case 'reopened':
        set('status', 'inProgress');
        set('restoredAt', null);
        set('resolvedAt', null);
        return;
      case 'closed':
        set('status', 'closed');
        set('closedAt', e.at);
        if (typeof p.confirmedBy === 'string') set('confirmedBy', p.confirmedBy);
        if (typeof p.via === 'string') set('confirmedVia', p.via);
        return;
      case 'cancelled':
        set('status', 'cancelled');
        set('closedAt', e.at);
        this.endPause(e.id);
        return;
      case 'dispatch':
        if (p.status === 'on-site' && this.known.get('onsiteAt')?.value === null) set('onsiteAt', e.at);
        return;
      case 'replace':
        if (this.known.get('hardwareAt')?.value === null) set('hardwareAt', e.at);
        return;
    }
  }

  private endPause(eventId: number): void {
    for (const f of ['pendingSince', 'pendingUntil', 'pendingReason'] as const) this.set(f, null, eventId);
  }

  private find(
    eventId: number | null,
    field: string,
    expected: Finding['expected'],
    found: Finding['found'],
  ) {
    this.findings.push({ ticketId: this.ticketId, eventId, field, expected, found });
  }

  /** Compares the ticket's row with what its events said; returns every finding of this ticket. */
  finish(row: TicketRow | null): Finding[] {
    if (row === null) {
      this.find(null, 'ticket', 'a ticket row for its events', null);
      return this.findings;
    }
    if (this.events === 0) {
      this.find(null, 'events', 'an opened event', 'no events');
      return this.findings;
    }
    for (const [field, k] of this.known) {
      const found = row[field];
      if (found !== k.value) this.find(k.eventId, field, show(field, k.value), show(field, found));
    }
    this.checkResponse(row.respondedAt);
    return this.findings;
  }

  /**
   * The response is met by the first take or reached outbound call, whichever came first: the row
   * holds that event's time, and no time when there is neither. Where the events leave it unclear
   * (an opening without its facts, a take or assignment that does not say which), the row's time
   * must still be one of an event's, and no later than the first response the events show.
   */
  private checkResponse(respondedAt: number | null): void {
    const first = this.firstResponse;
    if (!this.responseUnclear) {
      const expected = first ? (first.value as number) : null;
      if (respondedAt !== expected)
        this.find(
          first?.eventId ?? null,
          'respondedAt',
          expected === null ? 'none (never taken, no reached outbound call)' : iso(expected),
          show('respondedAt', respondedAt),
        );
      return;
    }
    if (respondedAt !== null && !this.times.has(respondedAt))
      this.find(null, 'respondedAt', 'the time of one of its events', iso(respondedAt));
    else if (first && (respondedAt === null || respondedAt > (first.value as number)))
      this.find(
        first.eventId,
        'respondedAt',
        `by ${iso(first.value as number)}`,
        show('respondedAt', respondedAt),
      );
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function show(field: Field, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (TIME_FIELDS.has(field) && typeof value === 'number') return iso(value);
  return typeof value === 'number' ? value : String(value);
}

/** The totals of a verification run. */
export interface AuditSummary {
  tickets: number;
  events: number;
  unhashedEvents: number;
  differences: number;
}

// What each lifecycle change does to one ticket: the checks that refuse it and the patch and
// events it writes. Shared by the per-ticket commands (hd eta, extend, pending, resume, resolve,
// log, take), the steps of a change (app/eta.ts, app/lifecycle.ts, app/log.ts: the same changes for
// the CLI and the TMF621 API) and the outage cascade (hd outage …), so a ticket linked to an outage
// gets exactly what it would have got handled alone, through whichever front door. Pure: the
// ticket, calendar and `now` are passed in.
import type { Calendar } from '../domain/calendar.ts';
import { assertFrom, assertMove, assertWritable } from '../domain/lifecycle.ts';
import {
  callMeetsResponse,
  clientUpdatePatch,
  endPause,
  responsePatch,
  startPause,
  updateAfterResume,
} from '../domain/sla.ts';
import { NOTHING_OWED, tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment, formatDuration, laterByTheMinute } from '../domain/time.ts';
import type { CallOutcome, Contact, RuleProfile, Ticket } from '../domain/types.ts';
import { RefusedError, UsageError, worded } from '../errors.ts';
import { language, t } from '../i18n.ts';
import type { TicketPatch } from '../store/tickets.ts';
import { statusWords } from '../ui/status.ts';
import { formatTime } from '../ui/time.ts';

export interface Change {
  patch?: TicketPatch;
  events: { kind: string; text: string; payload?: Record<string, unknown> }[];
}

const number = (ticket: Ticket) => formatTicketNumber(ticket.id);
/** A time in a refusal, in the interface language (the API's messages are English). */
const at = (ms: number | null, timeZone: string) => formatTime(ms, timeZone, language());

/** A ticket with a patch applied, as the UPDATE will leave it (before it is written). */
export function applyPatch(t: Ticket, patch: TicketPatch): Ticket {
  const { deadlines, ...rest } = patch;
  return { ...t, ...rest, deadlines: { ...t.deadlines, ...deadlines } } as Ticket;
}

/** Two patches of one change, the second winning; deadlines merged, not replaced. */
export function mergePatches(a: TicketPatch, b: TicketPatch): TicketPatch {
  const deadlines = a.deadlines || b.deadlines ? { ...a.deadlines, ...b.deadlines } : undefined;
  return { ...a, ...b, ...(deadlines ? { deadlines } : {}) };
}

// ---- ETA and its extension (steps 10, 11) -------------------------------------------------------

export function assertEtaAllowed(ticket: Ticket): void {
  assertWritable(ticket.id, ticket.status);
  if (ticket.status === 'resolved') {
    throw new RefusedError(t('change.err.etaResolved', { number: number(ticket) }));
  }
}

/** Every reason `hd eta` refuses; run before the first question and again inside the change. */
export function checkEta(ticket: Ticket, eta: number, now: number, timeZone: string): void {
  if (eta <= now) throw new UsageError(t('change.err.etaPast', { eta: at(eta, timeZone) }));
  assertEtaAllowed(ticket);
  if (ticket.eta !== null) {
    throw worded(RefusedError, 'change.err.etaSet', {
      number: number(ticket),
      eta: at(ticket.eta, timeZone),
      id: ticket.id,
    });
  }
}

/** The ETA set, as `hd eta` records it; `told` says how the client hears of it. */
export function etaChange(
  ticket: Ticket,
  eta: number,
  now: number,
  timeZone: string,
  told: string,
  via: string | null,
): Change {
  checkEta(ticket, eta, now, timeZone);
  return {
    // Telling the client is the notice's job: a call that reached them, or a delivered e-mail,
    // counts as the client update; until then the ETA is owed to them (domain/tell.ts).
    patch: { eta },
    events: [
      {
        kind: 'eta',
        text: `ETA ${formatTime(eta, timeZone)} (${told})`,
        payload: { eta: new Date(eta).toISOString(), via },
      },
    ],
  };
}

export interface EtaShift {
  byMs: number | null;
  toMs: number | null;
}

/** The extended ETA, or the reason `hd extend` refuses; before the first question and in the change. */
export function extendedEta(ticket: Ticket, change: EtaShift, now: number, timeZone: string): number {
  assertEtaAllowed(ticket);
  if (ticket.eta === null)
    throw worded(RefusedError, 'change.err.noEta', { number: number(ticket), id: ticket.id });
  const eta = checkMoment(
    change.byMs !== null ? ticket.eta + change.byMs : change.toMs!,
    timeZone,
    t('outage.extend.field.eta'),
  );
  if (!laterByTheMinute(eta, ticket.eta)) {
    throw new UsageError(
      t('change.err.notLater', { eta: at(eta, timeZone), current: at(ticket.eta, timeZone) }),
    );
  }
  if (eta <= now) throw new UsageError(t('change.err.newEtaPast', { eta: at(eta, timeZone) }));
  return eta;
}

/** The ETA extended, as `hd extend` records it. */
export function extendChange(
  ticket: Ticket,
  shift: EtaShift,
  now: number,
  timeZone: string,
  reason: string,
  told: string,
  via: string | null,
): Change & { previousEta: number } {
  const eta = extendedEta(ticket, shift, now, timeZone);
  return {
    previousEta: ticket.eta!,
    patch: { eta },
    events: [
      {
        kind: 'extended',
        text: `ETA extended ${formatTime(ticket.eta, timeZone)} → ${formatTime(eta, timeZone)}: ${reason} (${told})`,
        payload: {
          from: new Date(ticket.eta!).toISOString(),
          to: new Date(eta).toISOString(),
          reason,
          via,
        },
      },
    ],
  };
}

// ---- pending and resume -------------------------------------------------------------------------

export function pendingChange(
  ticket: Ticket,
  now: number,
  until: number | null,
  reason: string,
  timeZone: string,
): Change {
  assertMove(ticket.id, ticket.status, 'pending');
  if (until !== null && until <= now) throw new UsageError(t('change.err.untilPast'));
  return {
    // While pending the deadlines still ahead stop and no periodic update is owed; one already
    // passed stays breached.
    patch: startPause(ticket, now, until, reason),
    events: [
      {
        kind: 'pending',
        text: `Pending: ${reason}${until ? ` (until ${formatTime(until, timeZone)})` : ''}`,
        payload: { reason, until: until === null ? null : new Date(until).toISOString() },
      },
    ],
  };
}

export function resumeChange(
  ticket: Ticket,
  calendar: Calendar,
  now: number,
  note: string | undefined,
): Change {
  assertFrom(ticket.id, ticket.status, 'pending', 'inProgress', 'resumed');
  const pause = endPause(ticket, calendar, now);
  const paused = (pause.pausedMs ?? ticket.pausedMs) - ticket.pausedMs;
  return {
    patch: {
      ...pause,
      status: 'inProgress',
      deadlines: { ...pause.deadlines, update: updateAfterResume(ticket, now, calendar) },
    },
    events: [
      {
        kind: 'resumed',
        text: `Resumed after ${formatDuration(paused)} pending${note ? `: ${note}` : ''}`,
        payload: { pausedMs: paused, totalPausedMs: pause.pausedMs, note: note ?? null },
      },
    ],
  };
}

// ---- resolve (step 12) --------------------------------------------------------------------------

/** Every reason `hd resolve` refuses; run before the first question and again in the change. */
export function checkResolve(ticket: Ticket, zone: string | undefined, restoredAt: number): string {
  assertMove(ticket.id, ticket.status, 'resolved');
  const finalZone = zone ?? ticket.zone;
  if (!finalZone) throw worded(RefusedError, 'change.err.noZone', { number: number(ticket), id: ticket.id });
  if (restoredAt < ticket.openedAt) throw worded(UsageError, 'change.err.restoredBeforeOpen');
  return finalZone;
}

export interface Resolution {
  summary: string;
  /** The zone given with the command; the ticket's own when undefined. */
  zone: string | undefined;
  restoredAt: number;
  /** How the client is informed, for the event text ("client informed by e-mail once …"). */
  informed: string;
  via: string | null;
}

/** The service restored, as `hd resolve` records it: the confirmation is now due. */
export function resolveChange(
  ticket: Ticket,
  calendar: Calendar,
  profile: RuleProfile,
  now: number,
  r: Resolution,
): Change {
  const finalZone = checkResolve(ticket, r.zone, r.restoredAt);
  const pause = endPause(ticket, calendar, now);
  const events: Change['events'] = [];
  if (r.zone && r.zone !== ticket.zone) {
    events.push({
      kind: 'zone',
      text: `Zone ${ticket.zone ? `${ticket.zone} → ` : ''}${r.zone}`,
      payload: { from: ticket.zone, to: r.zone, note: null },
    });
  }
  events.push({
    kind: 'resolved',
    text: `Resolved: ${r.summary} (${r.informed})`,
    payload: {
      summary: r.summary,
      zone: finalZone,
      restoredAt: new Date(r.restoredAt).toISOString(),
      via: r.via,
    },
  });
  return {
    patch: {
      ...pause,
      status: 'resolved',
      zone: finalZone,
      restoredAt: r.restoredAt,
      resolvedAt: now,
      deadlines: { ...pause.deadlines, update: null, confirm: calendar.add(now, profile.confirmWithin) },
    },
    events,
  };
}

// ---- the working log (step 9) -------------------------------------------------------------------

export const LOG_KINDS = ['test', 'action', 'call', 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogEntry {
  kind: LogKind;
  body: string;
  minutes?: number | undefined;
  /** test: pass | fail | info, and the zone the result points to. */
  testResult?: string | undefined;
  zoneHint?: string | undefined;
  /** call: who called whom (default out), how it went, who was on the line (default: the contact). */
  direction?: string | undefined;
  callOutcome?: string | undefined;
  party?: string | undefined;
}

/** A log entry, as `hd log` records it; a call that reached the client is a client update. */
export function logChange(
  ticket: Ticket,
  calendar: Calendar,
  now: number,
  contact: Contact,
  entry: LogEntry,
): Change {
  assertWritable(ticket.id, ticket.status);
  const payload: Record<string, unknown> = {};
  if (entry.minutes !== undefined) payload.minutes = entry.minutes;
  const patch: TicketPatch = {};
  if (entry.kind === 'test') {
    payload.result = entry.testResult;
    if (entry.zoneHint) payload.zoneHint = entry.zoneHint;
  }
  if (entry.kind === 'call') {
    const direction = entry.direction ?? 'out';
    const outcome = entry.callOutcome as CallOutcome | undefined;
    Object.assign(payload, { direction, outcome, party: entry.party ?? contact.name });
    // An outbound call that reached the client is the response ("call-back"), and starts the
    // update clock; any conversation that reached the client is a client update and restarts it.
    if (callMeetsResponse(direction, outcome)) Object.assign(patch, responsePatch(ticket, now, calendar));
    if (tellsClient(outcome)) {
      Object.assign(
        patch,
        clientUpdatePatch({ ...ticket, respondedAt: patch.respondedAt ?? ticket.respondedAt }, now, calendar),
      );
      // Whatever ETA, extension or restoration was owed, the client has now heard it.
      if (ticket.tellKind !== null) {
        Object.assign(patch, NOTHING_OWED);
        payload.told = ticket.tellKind;
      }
    }
  }
  return { patch, events: [{ kind: entry.kind, text: entry.body, payload }] };
}

// ---- take ---------------------------------------------------------------------------------------

/** The ticket taken by `operator`, as `hd take` records it: the response is met. */
/** Taking one's own ticket again: nothing to write, said as such (hd take exits 0). */
export class AlreadyYours extends RefusedError {
  constructor(readonly ticket: Ticket) {
    super(t('take.alreadyYours', { number: number(ticket), status: statusWords(ticket.status) }));
  }
}

export function takeChange(ticket: Ticket, calendar: Calendar, now: number, operator: string): Change {
  assertWritable(ticket.id, ticket.status);
  if (ticket.status === 'resolved')
    throw worded(RefusedError, 'take.err.resolved', { number: number(ticket), id: ticket.id });
  // Taking one's own ticket again records nothing (as hd assign to the same person refuses).
  if (ticket.assignee === operator && ticket.status !== 'acknowledged') throw new AlreadyYours(ticket);
  const patch: TicketPatch = { assignee: operator };
  if (ticket.status === 'acknowledged') {
    assertMove(ticket.id, ticket.status, 'inProgress');
    patch.status = 'inProgress';
  }
  Object.assign(patch, responsePatch({ ...ticket, status: patch.status ?? ticket.status }, now, calendar));
  return {
    patch,
    events: [
      {
        kind: 'assigned',
        text: `Taken by ${operator}${ticket.assignee && ticket.assignee !== operator ? ` (was ${ticket.assignee})` : ''}`,
        payload: { from: ticket.assignee, to: operator, status: patch.status ?? ticket.status },
      },
    ],
  };
}

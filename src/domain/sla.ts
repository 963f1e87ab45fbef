import type { Calendar } from './calendar.ts';
import { DEADLINE, type DeadlineInput } from './deadlines.ts';
import type { Deadlines, PriorityTargets, Ticket } from './types.ts';

export interface ClockInput {
  openedAt: number;
  targets: PriorityTargets;
  /** Service time spent pending so far; it moves every resolution deadline later. */
  pausedMs: number;
}

export interface ResolutionDeadlines {
  response: number;
  restore: number;
  onsite: number | null;
  hardware: number | null;
}

/**
 * Deadlines counted from the opening, in the contract's service time. Pauses (pending) push the
 * resolution deadlines but never the response: a ticket cannot be pending before it is taken.
 */
export function resolutionDeadlines(t: ClockInput, calendar: Calendar): ResolutionDeadlines {
  const at = (target: number | null, paused: number) =>
    target === null ? null : calendar.add(t.openedAt, target + paused);
  return {
    response: at(t.targets.response, 0)!,
    restore: at(t.targets.restore, t.pausedMs)!,
    onsite: at(t.targets.onsite, t.pausedMs),
    hardware: at(t.targets.hardware, t.pausedMs),
  };
}

/** The next client update is due one update interval (service time) after the last one. */
export function nextUpdateDue(lastUpdate: number, targets: PriorityTargets, calendar: Calendar): number {
  return calendar.add(lastUpdate, targets.update);
}

/**
 * A client update (a call that reached them, a delivered e-mail, an ETA told): the update clock
 * restarts from now, except while pending or resolved, when no periodic update is owed. Before
 * the response is met (`respondedAt` as it stands after this change) the update is recorded but
 * starts no clock: the update clock starts with the response (responsePatch).
 */
export function clientUpdatePatch(
  t: Pick<Ticket, 'status' | 'targets' | 'respondedAt'>,
  now: number,
  calendar: Calendar,
): { lastUpdateAt: number; deadlines?: { update: number | null } } {
  if (t.respondedAt === null) return { lastUpdateAt: now };
  if (t.status === 'acknowledged' || t.status === 'inProgress') {
    return { lastUpdateAt: now, deadlines: { update: nextUpdateDue(now, t.targets, calendar) } };
  }
  // An update that was already late when the ticket went pending is owed until now: it is given.
  return { lastUpdateAt: now, deadlines: { update: null } };
}

/**
 * The response (the call-back) is met by taking the ticket or by an outbound call that reached the
 * client; an unanswered call is an attempt and meets nothing.
 */
export const callMeetsResponse = (direction: string, outcome: string | null | undefined): boolean =>
  direction === 'out' && outcome === 'reached';

/**
 * Meeting the response at `now`, however it was met: the client-update clock starts then (one
 * update interval on), unless it already runs or the ticket is not being worked.
 */
export function responsePatch(
  t: Pick<Ticket, 'status' | 'targets' | 'respondedAt' | 'deadlines'>,
  now: number,
  calendar: Calendar,
): { respondedAt?: number; deadlines?: { update: number } } {
  if (t.respondedAt !== null) return {};
  const working = t.status === 'acknowledged' || t.status === 'inProgress';
  if (!working || t.deadlines.update !== null) return { respondedAt: now };
  return { respondedAt: now, deadlines: { update: nextUpdateDue(now, t.targets, calendar) } };
}

// ---------------------------------------------------------------------------------------------
// Pauses. Pending pauses only the deadlines still ahead when the ticket goes pending (the
// deadline table's pausable rows); one already passed stays breached while pending, and on
// resume only the paused ones move, by the service time spent pending.

type PauseTicket = DeadlineInput & Pick<Ticket, 'pausedMs'>;

/** The pausable deadlines that a resume moves; the client update restarts instead (updateAfterResume). */
export const MOVED_ON_RESUME = ['restore', 'onsite', 'hardware'] as const;

/**
 * Going pending at `now`: the periodic client update pauses like every pausable deadline (shown
 * "paused while pending", never breached while pending), unless it is already late: then it
 * stays owed, and breached, until the client is updated. On resume it restarts (updateAfterResume).
 */
export function startPause(
  t: Pick<Ticket, 'deadlines'>,
  now: number,
  until: number | null,
  reason: string,
): {
  status: 'pending';
  pendingSince: number;
  pendingUntil: number | null;
  pendingReason: string;
  deadlines: Partial<Deadlines>;
} {
  return {
    status: 'pending',
    pendingSince: now,
    pendingUntil: until,
    pendingReason: reason,
    deadlines: { update: t.deadlines.update },
  };
}

/**
 * Ending a pending period at `now` (resume, resolve, cancel): its service time is added to the
 * pause, and each resolution deadline that was still ahead when the pause began moves by it.
 */
export function endPause(
  t: PauseTicket,
  calendar: Calendar,
  now: number,
): {
  pausedMs?: number;
  pendingSince?: null;
  pendingUntil?: null;
  pendingReason?: null;
  deadlines?: Partial<Deadlines>;
} {
  if (t.pendingSince === null) return {};
  const paused = calendar.between(t.pendingSince, now);
  const deadlines: Partial<Deadlines> = {};
  for (const kind of MOVED_ON_RESUME) {
    const row = DEADLINE[kind];
    const due = t.deadlines[kind];
    if (due === null || due < t.pendingSince || (row.met && row.met(t) !== null)) continue;
    deadlines[kind] = calendar.add(due, paused);
  }
  return {
    pausedMs: t.pausedMs + paused,
    pendingSince: null,
    pendingUntil: null,
    pendingReason: null,
    deadlines,
  };
}

/** The client update owed after a resume: the one still late from before the pause, else one interval on. */
export function updateAfterResume(
  t: Pick<Ticket, 'deadlines' | 'targets' | 'pendingSince'>,
  now: number,
  calendar: Calendar,
): number {
  const update = t.deadlines.update;
  if (update !== null && t.pendingSince !== null && update < t.pendingSince) return update;
  return nextUpdateDue(now, t.targets, calendar);
}

/** A client update late at `now` and never given: pending pauses only one still ahead when it began. */
const updateBreached = (t: Pick<Ticket, 'deadlines' | 'status' | 'pendingSince'>, now: number): boolean => {
  const update = t.deadlines.update;
  if (update === null || update >= now) return false;
  return t.status !== 'pending' || t.pendingSince === null || update < t.pendingSince;
};

/**
 * A new priority: response, restore, on-site and hardware are recomputed from the opening with
 * the new targets and keep the time already spent pending; the client update is due one new
 * interval after the later of the last update (or the response) and the last resume or reopen,
 * so a resume never makes it look late by the paused time. An update already overdue at `now`
 * (no reached call or delivered e-mail since) stays due when it was: a new priority does not
 * excuse a breach.
 */
export function priorityDeadlines(
  t: Pick<
    Ticket,
    'openedAt' | 'pausedMs' | 'deadlines' | 'lastUpdateAt' | 'respondedAt' | 'status' | 'pendingSince'
  >,
  targets: PriorityTargets,
  calendar: Calendar,
  lastResumeAt: number | null,
  now: number,
): Partial<Deadlines> {
  const due = resolutionDeadlines({ openedAt: t.openedAt, targets, pausedMs: t.pausedMs }, calendar);
  const lastUpdate = t.lastUpdateAt ?? t.respondedAt;
  const base = lastUpdate === null ? lastResumeAt : Math.max(lastUpdate, lastResumeAt ?? lastUpdate);
  return {
    response: due.response,
    restore: due.restore,
    ...(t.deadlines.onsite !== null ? { onsite: due.onsite } : {}),
    ...(t.deadlines.hardware !== null ? { hardware: due.hardware } : {}),
    // A breached update stays due when it was; a paused one waits for the resume to restart it.
    ...(updateBreached(t, now) || (t.status === 'pending' && t.deadlines.update !== null)
      ? { update: t.deadlines.update }
      : t.deadlines.update !== null && base !== null
        ? { update: nextUpdateDue(base, targets, calendar) }
        : {}),
  };
}

import type { Calendar } from './calendar.ts';
import { DEADLINE_KINDS, type DeadlineKind, type PriorityTargets, type Ticket } from './types.ts';

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

export type DeadlineState = 'met' | 'missed' | 'due' | 'overdue' | 'paused';

export interface DeadlineView {
  kind: DeadlineKind;
  due: number;
  metAt: number | null;
  state: DeadlineState;
  /** Positive: time left (due) or late by (overdue, missed). */
  margin: number;
}

/**
 * Each deadline the ticket has now, with its state at `now`. Resolution deadlines pause while
 * the ticket is pending; the update and confirmation clocks exist only while they apply.
 */
/** The part of a ticket its deadline views are computed from. */
export type DeadlineInput = Pick<
  Ticket,
  'status' | 'respondedAt' | 'restoredAt' | 'onsiteAt' | 'hardwareAt' | 'closedAt' | 'deadlines'
>;

export function deadlineViews(t: DeadlineInput, now: number): DeadlineView[] {
  const met: Record<DeadlineKind, number | null> = {
    response: t.respondedAt,
    update: null,
    restore: t.restoredAt,
    onsite: t.onsiteAt,
    hardware: t.hardwareAt,
    confirm: t.closedAt,
  };
  const finished = t.status === 'closed' || t.status === 'cancelled';
  const views: DeadlineView[] = [];
  for (const kind of DEADLINE_KINDS) {
    const due = t.deadlines[kind];
    if (due === null) continue;
    const metAt = met[kind];
    if (metAt !== null) {
      views.push({ kind, due, metAt, state: metAt <= due ? 'met' : 'missed', margin: Math.abs(metAt - due) });
    } else if (finished) {
    } else if (t.status === 'pending' && PAUSABLE.includes(kind)) {
      views.push({ kind, due, metAt, state: 'paused', margin: due - now });
    } else {
      views.push({ kind, due, metAt, state: now > due ? 'overdue' : 'due', margin: Math.abs(due - now) });
    }
  }
  return views;
}

const PAUSABLE: DeadlineKind[] = ['restore', 'onsite', 'hardware'];

/**
 * A client update (a call that reached them, a delivered e-mail, an ETA told): the update clock
 * restarts from now, except while pending or resolved, when no periodic update is owed.
 */
export function clientUpdatePatch(
  t: Pick<Ticket, 'status' | 'targets'>,
  now: number,
  calendar: Calendar,
): { lastUpdateAt: number; deadlines?: { update: number } } {
  if (t.status === 'acknowledged' || t.status === 'inProgress') {
    return { lastUpdateAt: now, deadlines: { update: nextUpdateDue(now, t.targets, calendar) } };
  }
  return { lastUpdateAt: now };
}

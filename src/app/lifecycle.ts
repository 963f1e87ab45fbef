// Status moves as steps of a change (app/change.ts), shared by the CLI commands (hd take, pending,
// resume, resolve, close, reopen, cancel, priority) and the TMF621 API's PATCH. Every check that
// refuses runs here, inside the transaction, on the ticket as it stands.
import type { Context } from '../context.ts';
import { assertNoOpenJobs } from '../domain/field-job.ts';
import { assertFrom, assertMove, assertWritable } from '../domain/lifecycle.ts';
import {
  endPause,
  nextUpdateDue,
  priorityDeadlines,
  responsePatch,
  startPause,
  updateAfterResume,
} from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration } from '../domain/time.ts';
import type { Priority, Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import type { Via } from '../notify.ts';
import { dispatchesOf } from '../store/field.ts';
import { eventsOf, type TicketPatch } from '../store/tickets.ts';
import { statusWords } from '../ui/status.ts';
import { formatTime } from '../ui/time.ts';
import type { Step } from './change.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';

const number = (t: Ticket) => formatTicketNumber(t.id);

/** Taken into work by `actor`: assigned, in progress, the response met. */
export function takeStep(actor: string): Step {
  return {
    decide: ({ ticket, calendar, now }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.status === 'resolved')
        throw new RefusedError(
          `${number(ticket)} is resolved; reopen it first (hd reopen ${ticket.id} --reason …).`,
        );
      // Taking one's own ticket again records nothing (as hd assign to the same person refuses).
      if (ticket.assignee === actor && ticket.status !== 'acknowledged')
        throw new RefusedError(`${number(ticket)} is already yours (${statusWords(ticket.status)}).`);
      const patch: TicketPatch = { assignee: actor };
      if (ticket.status === 'acknowledged') {
        assertMove(ticket.id, ticket.status, 'inProgress');
        patch.status = 'inProgress';
      }
      Object.assign(
        patch,
        responsePatch({ ...ticket, status: patch.status ?? ticket.status }, now, calendar),
      );
      return {
        patch,
        events: [
          {
            kind: 'assigned',
            text: `Taken by ${actor}${ticket.assignee && ticket.assignee !== actor ? ` (was ${ticket.assignee})` : ''}`,
            payload: { from: ticket.assignee, to: actor, status: patch.status ?? ticket.status },
          },
        ],
      };
    },
  };
}

export function assignStep(to: string): Step {
  return {
    decide: ({ ticket }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.assignee === to) throw new RefusedError(`${number(ticket)} is already assigned to ${to}.`);
      return {
        patch: { assignee: to },
        events: [
          {
            kind: 'assigned',
            text: `Assigned to ${to}${ticket.assignee ? ` (was ${ticket.assignee})` : ''}`,
            payload: { from: ticket.assignee, to },
          },
        ],
      };
    },
  };
}

/** Waiting on the client or a third party (`until`: epoch ms, checked to be ahead by the caller). */
export function pendingStep(reason: string, until: number | null, timeZone: string): Step {
  return {
    decide: ({ ticket, now }) => {
      assertMove(ticket.id, ticket.status, 'pending');
      if (until !== null && until <= now) throw new UsageError('The end of the wait is not in the future.');
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
    },
  };
}

export function resumeStep(note: string | undefined): Step {
  return {
    decide: ({ ticket, calendar, now }) => {
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
    },
  };
}

/** Every reason a resolution is refused; run before the first question and again in the change. */
export function checkResolve(ticket: Ticket, zone: string | undefined, restoredAt: number): string {
  assertMove(ticket.id, ticket.status, 'resolved');
  const finalZone = zone ?? ticket.zone;
  if (!finalZone)
    throw new RefusedError(
      `${number(ticket)} has no fault zone yet: add --zone (or run hd zone ${ticket.id} ZONE first).`,
    );
  if (restoredAt < ticket.openedAt) throw new UsageError('--restored-at is before the ticket was opened.');
  return finalZone;
}

export interface Resolution {
  summary: string;
  /** A checked zone code, or undefined to keep the ticket's. */
  zone: string | undefined;
  restoredAt: number;
  via: Via;
  choice: NoticeChoice;
  /** How the client was told, for the event text (noticeText). */
  informed: string;
}

export function resolveStep(ctx: Context, r: Resolution): Step {
  return {
    decide: ({ ticket, calendar, now, profile }) => {
      const finalZone = checkResolve(ticket, r.zone, r.restoredAt);
      const pause = endPause(ticket, calendar, now);
      const events = [];
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
          via: 'skip' in r.choice ? null : r.via,
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
    },
    after: noticeHook(ctx, 'restored', r.choice, () => ({ resolution: r.summary })),
  };
}

export interface Confirmation {
  confirmedBy: string;
  via: 'phone' | 'email';
  note: string | undefined;
  choice: NoticeChoice;
}

/** Closed only from resolved, with the client's confirmation, and no field job open. */
export function closeStep(ctx: Context, c: Confirmation): Step {
  return {
    decide: ({ ticket, now, openJobs }) => {
      assertMove(ticket.id, ticket.status, 'closed');
      assertNoOpenJobs(ticket.id, openJobs);
      return {
        // The client confirmed the restoration, so nothing is owed to them any more.
        patch: {
          status: 'closed',
          closedAt: now,
          confirmedBy: c.confirmedBy,
          confirmedVia: c.via,
          tellKind: null,
          tellSince: null,
          tellDue: null,
        },
        events: [
          {
            kind: 'closed',
            text: `Closed: ${c.confirmedBy} confirmed by ${c.via} that the problem is gone${c.note ? `. ${c.note}` : ''}`,
            payload: { confirmedBy: c.confirmedBy, via: c.via, note: c.note ?? null },
          },
        ],
      };
    },
    after: noticeHook(ctx, 'closed', c.choice, () => ({ confirmedBy: c.confirmedBy })),
  };
}

export function reopenStep(reason: string): Step {
  return {
    decide: ({ ticket, calendar, now }) => {
      assertFrom(ticket.id, ticket.status, 'resolved', 'inProgress', 'reopened');
      return {
        // The restoration did not hold: the restore clock runs again from where it stood.
        patch: {
          status: 'inProgress',
          restoredAt: null,
          resolvedAt: null,
          deadlines: { confirm: null, update: nextUpdateDue(now, ticket.targets, calendar) },
        },
        events: [
          {
            kind: 'reopened',
            text: `Reopened: ${reason}`,
            payload: { reason, previousRestoredAt: ticket.restoredAt },
          },
        ],
      };
    },
  };
}

export function cancelStep(reason: string, duplicateOf: number | null): Step {
  return {
    decide: async ({ ticket, calendar, now, q }) => {
      assertMove(ticket.id, ticket.status, 'cancelled');
      assertNoOpenJobs(ticket.id, await dispatchesOf(q, ticket.id), 'cancel');
      if (duplicateOf === ticket.id) throw new UsageError('A ticket cannot be a duplicate of itself.');
      return {
        patch: {
          ...endPause(ticket, calendar, now),
          status: 'cancelled',
          closedAt: now,
          ...(duplicateOf && ticket.relatedTo === null ? { relatedTo: duplicateOf } : {}),
        },
        events: [
          {
            kind: 'cancelled',
            text: `Cancelled: ${reason}${duplicateOf ? ` (duplicate of ${formatTicketNumber(duplicateOf)})` : ''}`,
            payload: { reason, duplicateOf: duplicateOf ? formatTicketNumber(duplicateOf) : null },
          },
        ],
      };
    },
  };
}

export function priorityStep(priority: Priority, reason: string): Step {
  return {
    decide: async ({ ticket, profile, calendar, q, now }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.priority === priority) throw new RefusedError(`${number(ticket)} is already ${priority}.`);
      // Targets come from the profile version the ticket was opened under.
      const targets = profile.targets[priority];
      const lastResumeAt = (await eventsOf(q, ticket.id))
        .filter((e) => e.kind === 'resumed' || e.kind === 'reopened')
        .reduce<number | null>((at, e) => Math.max(at ?? e.at, e.at), null);
      const deadlines = priorityDeadlines(ticket, targets, calendar, lastResumeAt, now);
      return {
        patch: { priority, priorityReason: reason, targets, deadlines },
        events: [
          {
            kind: 'priority',
            text: `Priority ${ticket.priority} → ${priority}: ${reason}`,
            payload: {
              from: ticket.priority,
              to: priority,
              reason,
              restoreDue: new Date(deadlines.restore!).toISOString(),
            },
          },
        ],
      };
    },
  };
}

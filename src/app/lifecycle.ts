// Status moves as steps of a change (app/change.ts), shared by the CLI commands (hd take, pending,
// resume, resolve, close, reopen, cancel, priority) and the TMF621 API's PATCH. Every check that
// refuses runs inside the transaction, on the ticket as it stands. Take, pending, resume and
// resolve are decided by app/ticket-changes.ts, the same code as the outage cascade's.
import type { Context } from '../context.ts';
import { assertNoOpenJobs } from '../domain/field-job.ts';
import { assertFrom, assertMove, assertWritable } from '../domain/lifecycle.ts';
import { endPause, nextUpdateDue, priorityDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Priority, Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import type { Via } from '../notify.ts';
import { dispatchesOf } from '../store/field.ts';
import { eventsOf } from '../store/tickets.ts';
import type { Step } from './change.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';
import { pendingChange, type Resolution, resolveChange, resumeChange, takeChange } from './ticket-changes.ts';

export { checkResolve } from './ticket-changes.ts';

const number = (ticket: Ticket) => formatTicketNumber(ticket.id);

/** Taken into work by `actor`: assigned, in progress, the response met. */
export function takeStep(actor: string): Step {
  return { decide: ({ ticket, calendar, now }) => takeChange(ticket, calendar, now, actor) };
}

export function assignStep(to: string): Step {
  return {
    decide: ({ ticket }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.assignee === to)
        throw new RefusedError(t('assign.err.already', { number: number(ticket), to }));
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

/** Waiting on the client or a third party (`until`: epoch ms, ahead of now). */
export function pendingStep(reason: string, until: number | null, timeZone: string): Step {
  return { decide: ({ ticket, now }) => pendingChange(ticket, now, until, reason, timeZone) };
}

export function resumeStep(note: string | undefined): Step {
  return { decide: ({ ticket, calendar, now }) => resumeChange(ticket, calendar, now, note) };
}

export interface ResolveBy extends Omit<Resolution, 'via'> {
  via: Via;
  choice: NoticeChoice;
}

export function resolveStep(ctx: Context, r: ResolveBy): Step {
  const { choice, via, ...resolution } = r;
  return {
    decide: ({ ticket, calendar, now, profile }) =>
      resolveChange(ticket, calendar, profile, now, {
        ...resolution,
        via: 'skip' in choice ? null : via,
      }),
    after: noticeHook(ctx, 'restored', choice, () => ({ resolution: r.summary })),
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
      if (duplicateOf === ticket.id) throw new UsageError(t('cancel.err.selfDuplicate'));
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
      if (ticket.priority === priority)
        throw new RefusedError(t('priority.err.already', { number: number(ticket), priority }));
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

// The one path by which a ticket changes, for the CLI and the API alike: inside a single write
// transaction, read the ticket, let each step decide, then update the projection and append the
// events. Several steps (an API PATCH: a note, then a status move) land in one transaction, each
// deciding on the ticket as the step before left it.
import type { Context } from '../context.ts';
import { assertNotBeforeOpening, rowIsFinal } from '../domain/audit.ts';
import { type Calendar, loadCalendar } from '../domain/calendar.ts';
import type { Contact, RuleProfile, Ticket, TicketEvent } from '../domain/types.ts';
import { language } from '../i18n.ts';
import type { NotifyResult } from '../notify.ts';
import { loadForChange, type OpenJob } from '../store/change.ts';
import type { Tx } from '../store/port.ts';
import { appendEvents, updateTicket } from '../store/tickets.ts';
import { formatTime } from '../ui/time.ts';
import type { Change } from './ticket-changes.ts';

export type { Change } from './ticket-changes.ts';

export interface Decide {
  ticket: Ticket;
  profile: RuleProfile;
  calendar: Calendar;
  now: number;
  /** The transaction of the change: reads and writes of the hooks go through it. */
  q: Tx;
  /** The ticket's contact and open field jobs, read with it (loadForChange). */
  contact: Contact;
  openJobs: OpenJob[];
}

export interface Mutation {
  ticket: Ticket;
  events: TicketEvent[];
  /** What the in-transaction hook reported (e.g. the notification queued with the change). */
  notice?: NotifyResult;
}

/** Runs after the change, in the same transaction: its events and patch land with the change. */
export type AfterHook = (ticket: Ticket, tools: Decide) => Promise<NotifyResult | null>;

export type Decider = (d: Decide) => Promise<Change> | Change;

/** One change of a ticket: the decision, and what follows it in the same transaction. */
export interface Step {
  decide: Decider;
  after?: AfterHook;
}

export async function changeTicket(
  ctx: Context,
  id: number,
  decide: Decider,
  after?: AfterHook,
): Promise<Mutation> {
  return changeTicketSteps(ctx, id, [{ decide, ...(after ? { after } : {}) }]);
}

export async function changeTicketSteps(ctx: Context, id: number, steps: Step[]): Promise<Mutation> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  return store.tx(async (q) => {
    // One read for the change: the ticket (FOR UPDATE on PostgreSQL), its profile version, its
    // contact and open jobs.
    const { ticket, profile, contact, openJobs, head } = await loadForChange(q, id);
    const heads = new Map([[id, head]]);
    const calendar = await loadCalendar(profile.coverage);
    assertNotBeforeOpening(
      ticket,
      now,
      (ms) => `${formatTime(ms, ctx.timeZone, language())} ${ctx.timeZone}`,
    );
    const stamp = (e: Change['events'][number]) => ({ ticketId: id, at: now, actor: ctx.operator, ...e });
    let current = ticket;
    const events: TicketEvent[] = [];
    let notice: NotifyResult | undefined;
    for (const step of steps) {
      const tools = { profile, calendar, now, q, contact, openJobs };
      const change = await step.decide({ ticket: current, ...tools });
      let updated = rowIsFinal(current, change.patch)
        ? current
        : await updateTicket(q, id, { ...change.patch, updatedAt: now });
      // Written before the hook runs: a notice reads the ticket's timeline as it now stands.
      events.push(...(await appendEvents(q, change.events.map(stamp), heads)));
      const told = step.after ? await step.after(updated, { ticket: updated, ...tools }) : null;
      if (told) {
        events.push(...(await appendEvents(q, told.events.map(stamp), heads)));
        // Client-update bookkeeping only: moot once the ticket is closed or cancelled.
        if (Object.keys(told.patch).length && !rowIsFinal(updated, undefined))
          updated = await updateTicket(q, id, told.patch);
        notice = notice
          ? {
              events: [...notice.events, ...told.events],
              patch: { ...notice.patch, ...told.patch },
              queued: [...notice.queued, ...told.queued],
              script: told.script ?? notice.script,
            }
          : told;
      }
      current = updated;
    }
    return { ticket: current, events, ...(notice ? { notice } : {}) };
  });
}

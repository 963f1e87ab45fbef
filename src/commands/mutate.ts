// The one path by which lifecycle commands change a ticket: inside a single write transaction,
// read the ticket, let the command decide, then update the projection and append the events.
import type { Change } from '../app/ticket-changes.ts';
import { checkPrompted } from '../cli/validate.ts';
import type { Context } from '../context.ts';
import { assertNotBeforeOpening, rowIsFinal } from '../domain/audit.ts';
import { type Calendar, loadCalendar } from '../domain/calendar.ts';
import type { Contact, RuleProfile, Ticket, TicketEvent } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import type { NotifyResult } from '../notify.ts';
import { loadForChange, type OpenJob } from '../store/change.ts';
import type { Tx } from '../store/port.ts';
import { appendEvents, updateTicket } from '../store/tickets.ts';
import { printJson } from '../ui/output.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitizeLine } from '../ui/text.ts';
import { eventJson, ticketJson } from '../ui/ticket.ts';
import { formatTime } from '../ui/time.ts';
import { type Opts, refuseMissing, str, ticketId } from './common.ts';
import { loadDetails } from './details.ts';

export type { Change } from '../app/ticket-changes.ts';

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

export async function mutateTicket(
  ctx: Context,
  idText: string | undefined,
  decide: (d: Decide) => Promise<Change> | Change,
  after?: AfterHook,
): Promise<Mutation> {
  const id = ticketId(idText);
  const store = await ctx.store();
  const now = ctx.now().getTime();
  return store.tx(async (q) => {
    // One read for the change: the ticket (FOR UPDATE on PostgreSQL), its profile version, its
    // contact and open jobs.
    const { ticket, profile, contact, openJobs, head } = await loadForChange(q, id);
    const heads = new Map([[id, head]]);
    const calendar = await loadCalendar(profile.coverage);
    assertNotBeforeOpening(ticket, now, (ms) => `${formatTime(ms, ctx.timeZone)} ${ctx.timeZone}`);
    const change = await decide({ ticket, profile, calendar, now, q, contact, openJobs });
    let updated = rowIsFinal(ticket, change.patch)
      ? ticket
      : await updateTicket(q, id, { ...change.patch, updatedAt: now });
    const stamp = (e: Change['events'][number]) => ({ ticketId: id, at: now, actor: ctx.operator, ...e });
    // Written before the hook runs: a notice reads the ticket's timeline as it now stands.
    const events: TicketEvent[] = await appendEvents(q, change.events.map(stamp), heads);
    const notice = after
      ? await after(updated, { ticket: updated, profile, calendar, now, q, contact, openJobs })
      : null;
    if (notice) {
      events.push(...(await appendEvents(q, notice.events.map(stamp), heads)));
      // Client-update bookkeeping only: moot once the ticket is closed or cancelled.
      if (Object.keys(notice.patch).length && !rowIsFinal(updated, undefined))
        updated = await updateTicket(q, id, notice.patch);
    }
    return { ticket: updated, events, ...(notice ? { notice } : {}) };
  });
}

/** Prints the result: --json gives the updated ticket (or, with `eventOnly`, the new event). */
export async function report(
  ctx: Context,
  opts: Opts,
  m: Mutation,
  line: string,
  eventOnly = false,
): Promise<void> {
  if (opts.json === true) {
    if (eventOnly) printJson(ctx.io, eventJson(m.events[0]!));
    else
      printJson(
        ctx.io,
        ticketJson(await loadDetails(await ctx.store(), m.ticket.id, m.ticket), ctx.now().getTime()),
      );
    return;
  }
  // The confirmation echoes what was typed (a name, a reason): one clean line.
  ctx.io.stdout.write(`${sanitizeLine(line)}\n`);
}

export interface Needed {
  flag: string;
  value: string | undefined;
  ask: (p: Prompter) => Promise<string>;
}

/**
 * Values a command requires: taken from flags; on a terminal the missing ones are asked for;
 * otherwise one usage error names every missing flag.
 */
export async function gather(ctx: Context, needed: Needed[]): Promise<string[]> {
  const missing = needed.filter((n) => n.value === undefined);
  if (missing.length && !ctx.io.isInteractive) {
    refuseMissing(
      missing.map((n) => n.flag),
      ' (not prompting: no terminal, or --no-input)',
    );
  }
  const out: string[] = [];
  for (const n of needed) {
    if (n.value !== undefined) out.push(n.value);
    else out.push(checkPrompted(n.flag, await n.ask(await ctx.prompter())));
  }
  return out;
}

export const ask =
  (message: string) =>
  (p: Prompter): Promise<string> =>
    p.input({ message, validate: (v) => (v.trim() ? true : 'This cannot be empty') });

/** A text flag that, when given, must not be blank. `key` is commander's camelCase name. */
export function textFlag(opts: Opts, key: string): string | undefined {
  const value = str(opts, key);
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (value !== undefined && !value.trim()) throw new UsageError(`${flag} cannot be empty.`);
  if (value !== undefined && value.length > 10_000)
    throw new UsageError(`${flag} is too long (over 10,000 characters).`);
  return value?.trim();
}

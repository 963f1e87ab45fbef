// Status moves: take, assign, pending/resume, resolve, close (client-confirmed), reopen, cancel.
import { changeTicketSteps, type Step } from '../app/change.ts';
import {
  assignStep,
  cancelStep,
  checkResolve,
  closeStep,
  pendingStep,
  priorityStep,
  reopenStep,
  resolveStep,
  resumeStep,
} from '../app/lifecycle.ts';
import { AlreadyYours, takeChange } from '../app/ticket-changes.ts';
import type { Context } from '../context.ts';
import { breachedViews } from '../domain/deadlines.ts';
import { assertNoOpenJobs } from '../domain/field-job.ts';
import { assertMove, heldByAnother } from '../domain/lifecycle.ts';
import { oneOf, parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseWhen } from '../domain/time.ts';
import type { Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { loadForChange } from '../store/change.ts';
import { type Queryable, sql } from '../store/port.ts';
import { getTicket } from '../store/tickets.ts';
import { statusWords } from '../ui/status.ts';
import { formatTime } from '../ui/time.ts';
import { type Opts, str, ticketId } from './common.ts';
import { checkZone } from './log.ts';
import { ask, gather, type Mutation, mutateTicket, report, textFlag } from './mutate.ts';
import { callScript, finishNotice, noticeNeeds, noticeText, preferredVia } from './notice.ts';

export const VIAS = ['phone', 'email', 'both'] as const;
export type Via = (typeof VIAS)[number];

/** How the client was (or will be) told: --via, else the contact's preferred channel. */
export async function clientChannel(
  store: Queryable,
  ticket: Ticket,
  opts: Opts,
  allowed: readonly Via[] = VIAS,
): Promise<Via> {
  const given = str(opts, 'via');
  if (given) return oneOf(given, allowed, 'channel', '--via');
  const preferred = await preferredVia(store, ticket);
  return allowed.includes(preferred) ? preferred : 'phone';
}

const number = (t: Ticket) => formatTicketNumber(t.id);

/** One step of app/lifecycle.ts on the ticket typed (HD-000123 or 123). */
const apply = (ctx: Context, idText: string | undefined, step: Step) =>
  changeTicketSteps(ctx, ticketId(idText), [step]);

/** When the ticket's holder got it: the time of its last assignment event, if there is one. */
async function heldSince(q: Queryable, ticketId: number): Promise<number | null> {
  const row = await q.get<{ at: number }>(
    sql`SELECT at FROM events WHERE ticket_id = ${ticketId} AND kind = 'assigned' ORDER BY id DESC LIMIT 1`,
  );
  return row?.at ?? null;
}

export async function runTake(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const over = opts.over === true;
  let m: Mutation;
  try {
    m = await mutateTicket(ctx, args[0], async ({ ticket, calendar, now, q }) => {
      // Someone else's ticket is taken over only on purpose. Decided on the row read for change
      // (FOR UPDATE on PostgreSQL): of several operators taking one ticket at once, one gets it.
      if (heldByAnother(ticket, ctx.operator) && !over) {
        const since = await heldSince(q, ticket.id);
        const when = since === null ? '' : ` since ${formatTime(since, ctx.timeZone)} ${ctx.timeZone}`;
        throw new RefusedError(
          `${number(ticket)} is held by ${ticket.assignee}${when} (${statusWords(ticket.status)}): to take it over, run hd take ${ticket.id} --over (the timeline keeps ${ticket.assignee} as the previous holder), or ask ${ticket.assignee} first.`,
        );
      }
      return takeChange(ticket, calendar, now, ctx.operator);
    });
  } catch (error) {
    if (!(error instanceof AlreadyYours)) throw error;
    const mine = error.ticket;
    if (opts.json === true) {
      await report(ctx, opts, { ticket: mine, events: [] }, '');
      return;
    }
    ctx.io.stdout.write(`${error.message}\n`);
    return;
  }
  const from = m.events[0]?.payload?.from;
  const was = typeof from === 'string' && from !== ctx.operator ? ` (was ${from})` : '';
  await report(
    ctx,
    opts,
    m,
    `${number(m.ticket)}: taken by ${ctx.operator}${was}, ${statusWords(m.ticket.status)}.`,
  );
}

export async function runAssign(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [to] = await gather(ctx, [
    { flag: '--to NAME|GROUP', value: textFlag(opts, 'to'), ask: ask('Assign to (engineer or group):') },
  ]);
  const m = await apply(ctx, args[0], assignStep(to!));
  await report(ctx, opts, m, `${number(m.ticket)}: assigned to ${to}.`);
}

export async function runPending(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    {
      flag: '--reason TEXT',
      value: textFlag(opts, 'reason'),
      ask: ask('What are we waiting for (client access, power, carrier ticket …)?'),
    },
  ]);
  const now = ctx.now();
  const until = str(opts, 'until')
    ? parseWhen(str(opts, 'until')!, now, ctx.timeZone, 'moment').getTime()
    : null;
  if (until !== null && until <= now.getTime())
    throw new UsageError(`--until ${str(opts, 'until')} is not in the future.`);
  const m = await apply(ctx, args[0], pendingStep(reason!, until, ctx.timeZone));
  const late = breachedViews(m.ticket, m.ticket.pendingSince ?? now.getTime()).filter(
    (v) => v.state === 'overdue',
  );
  await report(
    ctx,
    opts,
    m,
    `${number(m.ticket)}: pending (${reason}); the deadlines still ahead are paused${late.length ? `; already overdue, and still counted: ${late.map((v) => v.label).join(', ')}` : ''}.`,
  );
}

export async function runResume(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const note = textFlag(opts, 'note');
  const m = await apply(ctx, args[0], resumeStep(note));
  const restore = m.ticket.deadlines.restore;
  const late = restore !== null && restore < ctx.now().getTime();
  await report(
    ctx,
    opts,
    m,
    `${number(m.ticket)}: back in progress; restore ${late ? 'overdue since' : 'now due'} ${formatTime(restore, ctx.timeZone)}.`,
  );
}

export async function runResolve(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  let summary = textFlag(opts, 'summary');
  const zone = str(opts, 'zone') ? await checkZone(store, str(opts, 'zone')!, '--zone') : undefined;
  const now = ctx.now();
  const restoredAt = str(opts, 'restoredAt')
    ? parseWhen(str(opts, 'restoredAt')!, now, ctx.timeZone, 'moment').getTime()
    : now.getTime();
  if (restoredAt > now.getTime())
    throw new UsageError('--restored-at is in the future; give the time the service came back.');
  const before = await getTicket(store, ticketId(args[0]));
  const plannedZone = checkResolve(before, zone, restoredAt);
  const via = await clientChannel(store, before, opts);
  const notice = noticeNeeds(ctx, opts, via, () =>
    callScript(
      store,
      { ...before, status: 'resolved', zone: plannedZone, restoredAt },
      'restored',
      ctx.now().getTime(),
      {
        resolution: summary ?? '',
      },
    ),
  );
  const answers = await gather(ctx, [
    {
      flag: '--summary TEXT',
      value: summary,
      ask: async (p) => {
        summary = await ask('What was done to restore the service?')(p);
        return summary;
      },
    },
    ...notice.needed,
  ]);
  summary = answers[0]!;
  const choice = notice.choose(answers.slice(1));
  const informed = noticeText(choice, 'informed');
  const m = await apply(
    ctx,
    args[0],
    resolveStep(ctx, { summary: summary!, zone, restoredAt, via, choice, informed }),
  );
  await report(
    ctx,
    opts,
    m,
    `${number(m.ticket)}: resolved (zone ${m.ticket.zone}, ${informed}). Ask the client to confirm, then: hd close ${m.ticket.id} --confirmed-by NAME --via phone.`,
  );
  await finishNotice(ctx, m, choice);
}

export async function runClose(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  // The ticket, its contact and its open field jobs, read together (not locked: no change yet).
  const { ticket: current, contact, openJobs } = await loadForChange(store, ticketId(args[0]));
  assertMove(current.id, current.status, 'closed');
  // Refused before any question, and again in the transaction (a job may be sent meanwhile).
  assertNoOpenJobs(current.id, openJobs);
  const viaGiven = str(opts, 'via');
  if (viaGiven) oneOf(viaGiven, ['phone', 'email'] as const, 'channel', '--via');
  const note = textFlag(opts, 'note');
  // The confirmation call or e-mail already told the client; an e-mail notice confirms it in
  // writing to contacts who read e-mail.
  const preferred = contact.preferredChannel;
  const notice = noticeNeeds(ctx, opts, preferred === 'phone' ? 'none' : 'email');
  const [confirmedBy, via, ...rest] = await gather(ctx, [
    {
      flag: '--confirmed-by NAME',
      value: textFlag(opts, 'confirmedBy'),
      ask: ask('Who at the client confirmed the fix?'),
    },
    {
      flag: '--via phone|email',
      value: viaGiven,
      ask: (p) =>
        p.select({
          message: 'How did they confirm?',
          choices: [
            { value: 'phone', name: 'phone' },
            { value: 'email', name: 'email' },
          ],
        }),
    },
    ...notice.needed,
  ]);
  const channel = oneOf(via!, ['phone', 'email'] as const, 'channel', '--via');
  const choice = notice.choose(rest);
  const m = await apply(
    ctx,
    args[0],
    closeStep(ctx, { confirmedBy: confirmedBy!, via: channel, note, choice }),
  );
  await report(ctx, opts, m, `${number(m.ticket)}: closed, confirmed by ${confirmedBy} (${channel}).`);
  await finishNotice(ctx, m, choice);
}

export async function runReopen(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: textFlag(opts, 'reason'), ask: ask('Why is it not fixed?') },
  ]);
  const m = await apply(ctx, args[0], reopenStep(reason!));
  await report(ctx, opts, m, `${number(m.ticket)}: reopened, in progress again.`);
}

export async function runCancel(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    {
      flag: '--reason TEXT',
      value: textFlag(opts, 'reason'),
      ask: ask('Why cancel (opened in error, duplicate …)?'),
    },
  ]);
  const store = await ctx.store();
  const duplicateOf = str(opts, 'duplicateOf')
    ? (await getTicket(store, ticketId(str(opts, 'duplicateOf')))).id
    : null;
  const m = await apply(ctx, args[0], cancelStep(reason!, duplicateOf));
  await report(ctx, opts, m, `${number(m.ticket)}: cancelled.`);
}

export async function runPriority(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, priorityArg] = args;
  if (!priorityArg)
    throw new UsageError(
      `Missing the new priority: hd priority ${ticketArg ?? '<ticket>'} P1|P2|P3|P4 --reason TEXT.`,
    );
  const priority = parsePriority(priorityArg);
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: textFlag(opts, 'reason'), ask: ask('Why change the priority?') },
  ]);
  const m = await apply(ctx, ticketArg, priorityStep(priority, reason!));
  await report(
    ctx,
    opts,
    m,
    `${number(m.ticket)}: now ${priority}; restore due ${formatTime(m.ticket.deadlines.restore, ctx.timeZone)}.`,
  );
}

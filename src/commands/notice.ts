// The notification side of lifecycle commands: by default the client hears about every ETA,
// extension, restoration and closing through their preferred channel; --no-notify needs a reason.
// A call is recorded only as it went: its outcome comes from --outcome or from the operator on a
// terminal, after the call script and the number to dial were shown — never from a default.
import { withOwed } from '../app/notice-owed.ts';
import { type Context, say } from '../context.ts';
import { oneOf } from '../domain/priority.ts';
import { tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket } from '../domain/types.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import {
  deliverQueued,
  deliverySummary,
  type NoticeExtra,
  type NoticeKind,
  type NotifyResult,
  notifyInTx,
  renderCallScript,
  skippedEvent,
  type Via,
} from '../notify.ts';
import { getContact } from '../store/clients.ts';
import type { Queryable } from '../store/port.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitize, sanitizeLine } from '../ui/text.ts';
import { type Opts, str } from './common.ts';
import { loadDetails } from './details.ts';
import type { AfterHook, Mutation, Needed } from './mutate.ts';

export type NoticeChoice =
  | { skip: string }
  | { via: Via | 'none'; outcome?: CallOutcome; scriptShown?: boolean };

export const OUTCOME_FLAG = `--outcome ${CALL_OUTCOMES.join('|')}`;

/** --outcome, checked against the list of outcomes; undefined when not given. */
export function outcomeFlag(opts: Opts): CallOutcome | undefined {
  const given = str(opts, 'outcome');
  return given === undefined ? undefined : oneOf(given, CALL_OUTCOMES, 'call outcome', '--outcome');
}

/** The call's outcome, asked of the operator once the call is done. */
export const askOutcome = (message: string) => async (p: Prompter) =>
  p.select<string>({ message, choices: CALL_OUTCOMES.map((o) => ({ value: o, name: o })) });

/** What the operator says on the phone, and to whom: shown before the outcome is asked. */
export interface CallScript {
  ticketId: number;
  contact: string;
  phone: string | null;
  body: string;
}

/**
 * The phone script of a notice as it will read once the change is made (`preview` is the ticket
 * then), its times as said at `now`.
 */
export async function callScript(
  store: Queryable,
  preview: Ticket,
  kind: NoticeKind,
  now: number,
  extra: NoticeExtra = {},
): Promise<CallScript> {
  const d = await loadDetails(store, preview.id, preview);
  return {
    ticketId: preview.id,
    contact: d.contact.name,
    phone: d.contact.phone,
    body: renderCallScript(d, kind, extra, now),
  };
}

export function showScript(ctx: Context, s: CallScript): void {
  say(
    ctx,
    `Call ${sanitizeLine(s.contact)} on ${s.phone ?? 'no phone on record'} about ${formatTicketNumber(s.ticketId)}; the script:\n${sanitize(s.body).replace(/^/gm, '  │ ')}`,
  );
}

export interface NoticeNeeds {
  /** Questions for gather(), after the command's own: the skip reason, or the call's outcome. */
  needed: Needed[];
  /** The choice, from gather()'s answers to `needed` (in order). */
  choose(answers: string[]): NoticeChoice;
}

/**
 * Reads --no-notify / --skip-reason / --outcome. Nothing is asked here: the questions are
 * returned for the command's gather(), so that without a terminal one usage error names every
 * missing flag, and on a terminal they come after every check that can refuse the command.
 * The outcome question shows the call script first (`script` renders it; a command that
 * never calls passes none).
 */
export function noticeNeeds(
  ctx: Context,
  opts: Opts,
  via: Via | 'none',
  script?: () => Promise<CallScript>,
): NoticeNeeds {
  if (opts.notify === false) {
    if (str(opts, 'outcome') !== undefined)
      throw new UsageError(
        '--outcome says how a call to the client went, and --no-notify says there was none: give one of them.',
      );
    const reason = str(opts, 'skipReason')?.trim() || undefined;
    return {
      needed: [
        {
          flag: '--skip-reason TEXT (why the client is not notified)',
          value: reason,
          ask: (p) =>
            p.input({
              message: 'Why is the client not notified?',
              validate: (v) => (v.trim() ? true : 'A reason is required'),
            }),
        },
      ],
      choose: ([answer]) => ({ skip: answer!.trim() }),
    };
  }
  const outcome = outcomeFlag(opts);
  const calls = via === 'phone' || via === 'both';
  if (outcome && !calls)
    throw new UsageError(
      `--outcome is how a call went, but this notice goes ${via === 'none' ? 'nowhere' : `by ${via}`}: add --via phone (or both) if you called the client.`,
    );
  if (!calls || !script) return { needed: [], choose: () => ({ via, outcome }) };
  let shown = false;
  return {
    needed: [
      {
        flag: OUTCOME_FLAG,
        value: outcome,
        ask: async (p) => {
          showScript(ctx, await script());
          shown = true;
          return askOutcome('The call to the client: how did it go?')(p);
        },
      },
    ],
    choose: ([answer]) => ({ via, outcome: answer as CallOutcome, scriptShown: shown }),
  };
}

/** "client told by phone", "call no-answer: client not yet told" … for the event and the reply. */
export function noticeText(choice: NoticeChoice, told: string): string {
  if ('skip' in choice) return `client not notified: ${choice.skip}`;
  const phone = choice.via === 'phone' || choice.via === 'both';
  const email = choice.via === 'email' || choice.via === 'both';
  if (phone && tellsClient(choice.outcome)) return `client ${told} by phone${email ? ' and e-mail' : ''}`;
  if (phone) return `call ${choice.outcome}${email ? ', e-mail queued' : ''}: client not yet ${told}`;
  if (email) return `client ${told} by e-mail once it is delivered`;
  return `client not notified`;
}

/** The client's preferred channel for a ticket, unless --via says otherwise. */
export async function preferredVia(store: Queryable, ticket: Ticket): Promise<Via> {
  return (await getContact(store, ticket.contactId)).preferredChannel;
}

/**
 * An after-hook for mutateTicket that notifies (or records the skip) in the same transaction.
 * An ETA, extension or restoration that no reached call carried becomes owed to the client
 * (domain/tell.ts); a delivered e-mail clears it later (notify.ts).
 */
export function noticeHook(
  ctx: Context,
  kind: NoticeKind,
  choice: NoticeChoice,
  extra: (t: Ticket) => NoticeExtra = () => ({}),
): AfterHook {
  return async (ticket, { q, now, calendar }): Promise<NotifyResult | null> => {
    let result: NotifyResult | null;
    if ('skip' in choice)
      result = { events: [skippedEvent(kind, choice.skip)], patch: {}, queued: [], script: null };
    else if (choice.via === 'none') result = null;
    else {
      const details = await loadDetails(q, ticket.id, ticket);
      result = await notifyInTx(ctx, q, details, {
        kind,
        via: choice.via,
        outcome: choice.outcome,
        extra: extra(ticket),
        key: `${ticket.id}:${kind}:${now}`,
        at: now,
      });
    }
    const reached = !('skip' in choice) && tellsClient(choice.outcome);
    return withOwed(result, ticket, kind, reached, now, calendar);
  };
}

/** After the commit: the call script (unless shown before the question), then the e-mail. */
export async function finishNotice(ctx: Context, m: Mutation, choice?: NoticeChoice): Promise<void> {
  const notice = m.notice;
  if (!notice) return;
  const shown = choice !== undefined && !('skip' in choice) && choice.scriptShown === true;
  if (notice.script && !shown)
    say(ctx, `Call script for ${formatTicketNumber(m.ticket.id)}:\n${notice.script.replace(/^/gm, '  │ ')}`);
  if (notice.queued.length === 0) return;
  const report = await deliverQueued(
    ctx,
    await ctx.store(),
    notice.queued.map((q) => q.id),
  );
  for (const line of deliverySummary(report, notice.queued.length)) say(ctx, line);
}

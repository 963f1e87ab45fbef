// The notification side of lifecycle commands: by default the client hears about every ETA,
// extension, restoration and closing through their preferred channel; --no-notify needs a reason.
import { type Context, say } from '../context.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket } from '../domain/types.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../domain/types.ts';
import {
  deliverQueued,
  deliverySummary,
  type NoticeExtra,
  type NoticeKind,
  type NotifyResult,
  notifyInTx,
  skippedEvent,
  type Via,
} from '../notify.ts';
import { getContact } from '../store/clients.ts';
import type { Store } from '../store/db.ts';
import { type Opts, str } from './common.ts';
import { loadDetails } from './details.ts';
import type { AfterHook, Mutation } from './mutate.ts';
import { gather } from './mutate.ts';

export type NoticeChoice = { skip: string } | { via: Via | 'none'; outcome?: CallOutcome };

/**
 * Reads --no-notify / --skip-reason / --outcome before anything is written; on a terminal the
 * skip reason and the call's outcome are asked for. Without a terminal a call counts as
 * "reached" unless --outcome says otherwise.
 */
export async function noticeChoice(ctx: Context, opts: Opts, via: Via | 'none'): Promise<NoticeChoice> {
  if (opts.notify === false) {
    const [reason] = await gather(ctx, [
      {
        flag: '--skip-reason TEXT (why the client is not notified)',
        value: str(opts, 'skipReason')?.trim() || undefined,
        ask: (p) =>
          p.input({
            message: 'Why is the client not notified?',
            validate: (v) => (v.trim() ? true : 'A reason is required'),
          }),
      },
    ]);
    return { skip: reason!.trim() };
  }
  let outcome = str(opts, 'outcome')
    ? oneOf(str(opts, 'outcome')!, CALL_OUTCOMES, 'call outcome', '--outcome')
    : undefined;
  // On a terminal the operator says how the call went; scripts pass --outcome (default: reached).
  if (!outcome && (via === 'phone' || via === 'both') && ctx.io.isInteractive) {
    outcome = await (await ctx.prompter()).select({
      message: 'The call to the client: how did it go?',
      choices: CALL_OUTCOMES.map((o) => ({ value: o, name: o })),
    });
  }
  return { via, outcome };
}

/** The client's preferred channel for a ticket, unless --via says otherwise. */
export async function preferredVia(store: Store, ticket: Ticket): Promise<Via> {
  return (await getContact(store, ticket.contactId)).preferredChannel;
}

/** An after-hook for mutateTicket that notifies (or records the skip) in the same transaction. */
export function noticeHook(
  ctx: Context,
  kind: NoticeKind,
  choice: NoticeChoice,
  extra: (t: Ticket) => NoticeExtra = () => ({}),
): AfterHook {
  return async (ticket, { store, now }): Promise<NotifyResult | null> => {
    if ('skip' in choice)
      return { events: [skippedEvent(kind, choice.skip)], patch: {}, queued: [], script: null };
    if (choice.via === 'none') return null;
    const details = await loadDetails(store, ticket.id, ticket);
    return notifyInTx(ctx, store, details, {
      kind,
      via: choice.via,
      outcome: choice.outcome,
      extra: extra(ticket),
      key: `${ticket.id}:${kind}:${now}`,
    });
  };
}

/** After the commit: show the call script, send the queued e-mail if SMTP is configured. */
export async function finishNotice(ctx: Context, m: Mutation): Promise<void> {
  const notice = m.notice;
  if (!notice) return;
  if (notice.script)
    say(ctx, `Call script for ${formatTicketNumber(m.ticket.id)}:\n${notice.script.replace(/^/gm, '  │ ')}`);
  if (notice.queued.length === 0) return;
  const report = await deliverQueued(
    ctx,
    await ctx.store(),
    notice.queued.map((q) => q.id),
  );
  for (const line of deliverySummary(report, notice.queued.length)) say(ctx, line);
}

// hd eta and hd extend: the time to fix told to the client (step 10), and its extension (step 11).
import { changeTicketSteps } from '../app/change.ts';
import { checkEta, etaStep, extendedEta, extendStep } from '../app/eta.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseDuration, parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { getTicket } from '../store/tickets.ts';
import { formatTime } from '../ui/time.ts';
import { type Opts, str, ticketId } from './common.ts';
import { ask, gather, report, textFlag } from './mutate.ts';
import { callScript, finishNotice, noticeNeeds, noticeText } from './notice.ts';
import { clientChannel } from './status.ts';

/** A time worth suggesting for an ETA: two hours on, on the hour. */
const laterExample = (now: number) => Math.ceil(now / 3_600_000) * 3_600_000 + 2 * 3_600_000;

export async function runEta(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, ...words] = args;
  if (words.length === 0)
    throw new UsageError(
      `Missing the time: hd eta ${ticketArg ?? '<ticket>'} 18:30 (or "tomorrow 10:00", "завтра 10:00", +3h, ISO).`,
    );
  const now = ctx.now();
  const eta = parseWhen(words.join(' '), now, ctx.timeZone, 'moment').getTime();
  if (eta <= now.getTime()) {
    throw new UsageError(
      `The ETA ${formatTime(eta, ctx.timeZone)} is in the past. Give a later time, e.g. +2h or "${formatTime(laterExample(now.getTime()), ctx.timeZone)}".`,
    );
  }
  const store = await ctx.store();
  const current = await getTicket(store, ticketId(ticketArg));
  checkEta(current, eta, now.getTime(), ctx.timeZone);
  const via = await clientChannel(store, current, opts);
  const notice = noticeNeeds(ctx, opts, via, () =>
    callScript(store, { ...current, eta }, 'eta', ctx.now().getTime()),
  );
  const choice = notice.choose(await gather(ctx, notice.needed));
  const told = noticeText(choice, 'told');
  const m = await changeTicketSteps(ctx, ticketId(ticketArg), [etaStep(ctx, eta, { via, choice, told })]);
  await report(
    ctx,
    opts,
    m,
    `${formatTicketNumber(m.ticket.id)}: ETA ${formatTime(eta, ctx.timeZone)} (${told}).`,
  );
  await finishNotice(ctx, m, choice);
}

export async function runExtend(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const by = str(opts, 'by');
  const to = str(opts, 'to');
  if ((by === undefined) === (to === undefined))
    throw new UsageError('Give exactly one of --by DURATION (e.g. 2h) or --to TIME (e.g. 21:00).');
  const now = ctx.now();
  const shift = {
    byMs: by === undefined ? null : parseDuration(by),
    toMs: to === undefined ? null : parseWhen(to, now, ctx.timeZone, 'moment').getTime(),
  };
  let reason = textFlag(opts, 'reason');
  const store = await ctx.store();
  const current = await getTicket(store, ticketId(args[0]));
  const planned = extendedEta(current, shift, now.getTime(), ctx.timeZone);
  const via = await clientChannel(store, current, opts);
  const notice = noticeNeeds(
    ctx,
    opts,
    via,
    // The reason is asked first; the script quotes it.
    () =>
      callScript(store, { ...current, eta: planned }, 'extended', ctx.now().getTime(), {
        reason: reason ?? '',
        previousEta: current.eta,
      }),
  );
  const answers = await gather(ctx, [
    {
      flag: '--reason TEXT',
      value: reason,
      ask: async (p) => {
        reason = await ask('Why does it take longer?')(p);
        return reason;
      },
    },
    ...notice.needed,
  ]);
  reason = answers[0]!;
  const choice = notice.choose(answers.slice(1));
  const told = noticeText(choice, 'told');
  const m = await changeTicketSteps(ctx, ticketId(args[0]), [
    extendStep(ctx, shift, reason!, { via, choice, told }),
  ]);
  await report(
    ctx,
    opts,
    m,
    `${formatTicketNumber(m.ticket.id)}: ETA extended to ${formatTime(m.ticket.eta, ctx.timeZone)} (${told}).`,
  );
  await finishNotice(ctx, m, choice);
}

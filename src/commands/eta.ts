// hd eta and hd extend: the time to fix told to the client (step 10), and its extension (step 11).
import type { Context } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment, parseDuration, parseWhen } from '../domain/time.ts';
import type { Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { getTicket } from '../store/tickets.ts';
import { formatTime } from '../ui/time.ts';
import { type Opts, str, ticketId } from './common.ts';
import { ask, gather, mutateTicket, report, textFlag } from './mutate.ts';
import { callScript, finishNotice, noticeHook, noticeNeeds, noticeText } from './notice.ts';
import { clientChannel } from './status.ts';

function assertEtaAllowed(ticket: Ticket): void {
  assertWritable(ticket.id, ticket.status);
  if (ticket.status === 'resolved') {
    throw new RefusedError(`${formatTicketNumber(ticket.id)} is already resolved; an ETA no longer applies.`);
  }
}

/** Every reason `hd eta` refuses; run before the first question and again inside the change. */
function checkEta(ticket: Ticket, eta: number, now: number, timeZone: string): void {
  if (eta <= now) throw new UsageError(`The ETA ${formatTime(eta, timeZone)} is in the past.`);
  assertEtaAllowed(ticket);
  if (ticket.eta !== null) {
    throw new RefusedError(
      `${formatTicketNumber(ticket.id)} already has an ETA (${formatTime(ticket.eta, timeZone)}). To change it, use hd extend ${ticket.id} --to TIME --reason TEXT.`,
    );
  }
}

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
  const m = await mutateTicket(
    ctx,
    ticketArg,
    ({ ticket, now }) => {
      checkEta(ticket, eta, now, ctx.timeZone);
      return {
        // Telling the client is the notice's job: a call that reached them, or a delivered e-mail,
        // counts as the client update; until then the ETA is owed to them (domain/tell.ts).
        patch: { eta },
        events: [
          {
            kind: 'eta',
            text: `ETA ${formatTime(eta, ctx.timeZone)} (${told})`,
            payload: { eta: new Date(eta).toISOString(), via: 'skip' in choice ? null : via },
          },
        ],
      };
    },
    noticeHook(ctx, 'eta', choice),
  );
  await report(
    ctx,
    opts,
    m,
    `${formatTicketNumber(m.ticket.id)}: ETA ${formatTime(eta, ctx.timeZone)} (${told}).`,
  );
  await finishNotice(ctx, m, choice);
}

/** The extended ETA, or the reason `hd extend` refuses; before the first question and in the change. */
function extendedEta(
  ticket: Ticket,
  change: { byMs: number | null; toMs: number | null },
  now: number,
  timeZone: string,
): number {
  assertEtaAllowed(ticket);
  if (ticket.eta === null)
    throw new RefusedError(
      `${formatTicketNumber(ticket.id)} has no ETA yet; set one with hd eta ${ticket.id} TIME.`,
    );
  const eta = checkMoment(
    change.byMs !== null ? ticket.eta + change.byMs : change.toMs!,
    timeZone,
    'The new ETA',
  );
  if (eta <= ticket.eta) {
    throw new UsageError(
      `The new ETA ${formatTime(eta, timeZone)} is not later than the current one (${formatTime(ticket.eta, timeZone)}).`,
    );
  }
  if (eta <= now) throw new UsageError(`The new ETA ${formatTime(eta, timeZone)} is already in the past.`);
  return eta;
}

export async function runExtend(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const by = str(opts, 'by');
  const to = str(opts, 'to');
  if ((by === undefined) === (to === undefined))
    throw new UsageError('Give exactly one of --by DURATION (e.g. 2h) or --to TIME (e.g. 21:00).');
  const now = ctx.now();
  const change = {
    byMs: by === undefined ? null : parseDuration(by),
    toMs: to === undefined ? null : parseWhen(to, now, ctx.timeZone, 'moment').getTime(),
  };
  let reason = textFlag(opts, 'reason');
  const store = await ctx.store();
  const current = await getTicket(store, ticketId(args[0]));
  const planned = extendedEta(current, change, now.getTime(), ctx.timeZone);
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
  let previousEta: number | null = null;
  const m = await mutateTicket(
    ctx,
    args[0],
    ({ ticket, now }) => {
      const eta = extendedEta(ticket, change, now, ctx.timeZone);
      previousEta = ticket.eta!;
      return {
        patch: { eta },
        events: [
          {
            kind: 'extended',
            text: `ETA extended ${formatTime(ticket.eta, ctx.timeZone)} → ${formatTime(eta, ctx.timeZone)}: ${reason} (${told})`,
            payload: {
              from: new Date(ticket.eta!).toISOString(),
              to: new Date(eta).toISOString(),
              reason,
              via: 'skip' in choice ? null : via,
            },
          },
        ],
      };
    },
    noticeHook(ctx, 'extended', choice, () => ({ reason, previousEta })),
  );
  await report(
    ctx,
    opts,
    m,
    `${formatTicketNumber(m.ticket.id)}: ETA extended to ${formatTime(m.ticket.eta, ctx.timeZone)} (${told}).`,
  );
  await finishNotice(ctx, m, choice);
}

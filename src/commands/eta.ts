// hd eta and hd extend: the time to fix told to the client (step 10), and its extension (step 11).
import type { Context } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseDuration, parseWhen } from '../domain/time.ts';
import type { Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { getTicket } from '../store/tickets.ts';
import { formatTime } from '../ui/time.ts';
import { type Opts, str, ticketId } from './common.ts';
import { ask, gather, mutateTicket, report, textFlag } from './mutate.ts';
import { finishNotice, noticeChoice, noticeHook } from './notice.ts';
import { clientChannel } from './status.ts';

function assertEtaAllowed(ticket: Ticket): void {
  assertWritable(ticket.id, ticket.status);
  if (ticket.status === 'resolved') {
    throw new RefusedError(`${formatTicketNumber(ticket.id)} is already resolved; an ETA no longer applies.`);
  }
}

export async function runEta(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, ...words] = args;
  if (words.length === 0)
    throw new UsageError(
      `Missing the time: hd eta ${ticketArg ?? '<ticket>'} 18:30 (or "tomorrow 10:00", +3h, ISO).`,
    );
  const now = ctx.now();
  const eta = parseWhen(words.join(' '), now, ctx.timeZone).getTime();
  if (eta <= now.getTime()) {
    throw new UsageError(
      `The ETA ${formatTime(eta, ctx.timeZone)} is in the past. Give a later time (e.g. "tomorrow ${formatTime(eta, ctx.timeZone).slice(11)}" or +2h).`,
    );
  }
  const store = await ctx.store();
  const via = await clientChannel(store, await getTicket(store, ticketId(ticketArg)), opts);
  const choice = await noticeChoice(ctx, opts, via);
  const told = 'skip' in choice ? `client not notified: ${choice.skip}` : `client told by ${via}`;
  const m = await mutateTicket(
    ctx,
    ticketArg,
    ({ ticket, now }) => {
      if (eta <= now) throw new UsageError(`The ETA ${formatTime(eta, ctx.timeZone)} is in the past.`);
      assertEtaAllowed(ticket);
      if (ticket.eta !== null) {
        throw new RefusedError(
          `${formatTicketNumber(ticket.id)} already has an ETA (${formatTime(ticket.eta, ctx.timeZone)}). To change it, use hd extend ${ticket.id} --to TIME --reason TEXT.`,
        );
      }
      return {
        // Telling the client is the notice's job: a call that reached them, or a delivered e-mail,
        // counts as the client update.
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
  await finishNotice(ctx, m);
}

export async function runExtend(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const by = str(opts, 'by');
  const to = str(opts, 'to');
  if ((by === undefined) === (to === undefined))
    throw new UsageError('Give exactly one of --by DURATION (e.g. 2h) or --to TIME (e.g. 21:00).');
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: textFlag(opts, 'reason'), ask: ask('Why does it take longer?') },
  ]);
  const now = ctx.now();
  const store = await ctx.store();
  const current = await getTicket(store, ticketId(args[0]));
  const via = await clientChannel(store, current, opts);
  const choice = await noticeChoice(ctx, opts, via);
  const told = 'skip' in choice ? `client not notified: ${choice.skip}` : `client told by ${via}`;
  let previousEta: number | null = null;
  const byMs = by === undefined ? null : parseDuration(by);
  const toMs = to === undefined ? null : parseWhen(to, now, ctx.timeZone).getTime();
  const m = await mutateTicket(
    ctx,
    args[0],
    ({ ticket, now }) => {
      assertEtaAllowed(ticket);
      if (ticket.eta === null)
        throw new RefusedError(
          `${formatTicketNumber(ticket.id)} has no ETA yet; set one with hd eta ${ticket.id} TIME.`,
        );
      const eta = byMs !== null ? ticket.eta + byMs : toMs!;
      if (eta <= ticket.eta) {
        throw new UsageError(
          `The new ETA ${formatTime(eta, ctx.timeZone)} is not later than the current one (${formatTime(ticket.eta, ctx.timeZone)}).`,
        );
      }
      if (eta <= now)
        throw new UsageError(`The new ETA ${formatTime(eta, ctx.timeZone)} is already in the past.`);
      previousEta = ticket.eta;
      return {
        patch: { eta },
        events: [
          {
            kind: 'extended',
            text: `ETA extended ${formatTime(ticket.eta, ctx.timeZone)} → ${formatTime(eta, ctx.timeZone)}: ${reason} (${told})`,
            payload: {
              from: new Date(ticket.eta).toISOString(),
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
  await finishNotice(ctx, m);
}

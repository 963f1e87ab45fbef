// hd extend: the client is told the fix takes longer (step 11), a later ETA and the reason.
import { changeTicketSteps } from '../app/change.ts';
import { extendedEta, extendStep } from '../app/eta.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseDuration, parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import type { Via } from '../notify.ts';
import { getTicket } from '../store/tickets.ts';
import { timeDisplay } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { viaOf } from './eta.ts';
import { ask, gather } from './mutate.ts';
import {
  callScript,
  confirmChange,
  finishNotice,
  type NoticeFlags,
  noticeFlagsOf,
  noticeNeeds,
  noticeSaid,
  noticeText,
  textOf,
} from './notice.ts';
import { clientChannel } from './status.ts';
import { unit } from './unit.ts';

export interface ExtendOptions extends NoticeFlags {
  ticket: number;
  /** --by, in milliseconds. */
  byMs?: number;
  /** --to as typed (`пт 10:00`): read against the clock when run. */
  to?: string;
  reason?: string;
  via?: Via;
  json: boolean;
}

export const extend = unit<ExtendOptions>({
  declare: (parent) =>
    parent
      .command('extend')
      .description(t('extend.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--by <duration>', t('extend.opt.by'))
      .option('--to <when>', t('extend.opt.to'))
      .option('--reason <text>', t('extend.opt.reason'))
      .option('--via <phone|email|both>', t('eta.opt.via'))
      .option('--no-notify', t('eta.opt.noNotify'))
      .option('--skip-reason <text>', t('eta.opt.skipReason'))
      .option('--outcome <outcome>', t('eta.opt.outcome'))
      .option('--json', t('eta.opt.json'))
      .addHelpText('after', () =>
        examples(
          `hd extend 123 --by 2h --reason "${t('extend.ex.reason')}" \\\n      --via phone --outcome reached`,
          `hd extend 123 --to "${t('extend.ex.to')}" --reason "${t('extend.ex.reason2')}"`,
        ),
      ),
  options: (input) => {
    const by = input.text('by');
    const to = input.text('to');
    if ((by === undefined) === (to === undefined)) throw new UsageError(t('extend.err.byOrTo'));
    const reason = textOf(input, 'reason');
    return {
      ticket: ticketId(input.arg(0)),
      ...(by === undefined ? {} : { byMs: parseDuration(by) }),
      ...(to === undefined ? {} : { to }),
      ...(reason === undefined ? {} : { reason }),
      ...viaOf(input.text('via')),
      ...noticeFlagsOf(input),
      json: input.flag('json'),
    };
  },
  run: runExtend,
});

export async function runExtend(opts: ExtendOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const shift = {
    byMs: opts.byMs ?? null,
    toMs: opts.to === undefined ? null : parseWhen(opts.to, now, ctx.timeZone, 'moment').getTime(),
  };
  let reason = opts.reason;
  const store = await ctx.store();
  const current = await getTicket(store, opts.ticket);
  const planned = extendedEta(current, shift, now.getTime(), ctx.timeZone);
  const via = await clientChannel(store, current, { via: opts.via });
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
        reason = await ask(t('extend.ask.reason'))(p);
        return reason;
      },
    },
    ...notice.needed,
  ]);
  reason = answers[0]!;
  const choice = notice.choose(answers.slice(1));
  const told = noticeText(choice, 'told');
  const m = await changeTicketSteps(ctx, opts.ticket, [
    extendStep(ctx, shift, reason, { via, choice, told }),
  ]);
  await confirmChange(
    ctx,
    opts.json,
    m,
    t('extend.done', {
      n: formatTicketNumber(m.ticket.id),
      eta: timeDisplay(ctx).at(m.ticket.eta),
      told: noticeSaid(choice, 'told'),
    }),
  );
  await finishNotice(ctx, m, choice);
}

// hd pending: waiting on the client or a third party; the deadlines still ahead pause.
import { changeTicketSteps } from '../app/change.ts';
import { pendingStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { breachedViews } from '../domain/deadlines.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface PendingOptions {
  ticket: number;
  /** What we are waiting for; asked on a terminal when not given. */
  reason: string | undefined;
  /** The expected end of the wait as typed ("завтра 10:00"), read against the clock in run. */
  until: string | undefined;
  json: boolean;
}

export const pending = unit<PendingOptions>({
  declare: (parent) =>
    parent
      .command('pending')
      .description(t('pending.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--reason <text>', t('pending.opt.reason'))
      .option('--until <when>', t('pending.opt.until'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('pending.example1'), t('pending.example2'))),
  options: (input) => ({
    ticket: ticketId(input.arg(0)),
    reason: checkedText(input.text('reason'), '--reason'),
    until: checkedText(input.text('until'), '--until'),
    json: input.flag('json'),
  }),
  run: runPending,
});

export async function runPending(opts: PendingOptions, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('pending.ask.reason')) },
  ]);
  const now = ctx.now();
  const until = opts.until ? parseWhen(opts.until, now, ctx.timeZone, 'moment').getTime() : null;
  if (until !== null && until <= now.getTime())
    throw new UsageError(t('pending.err.untilPast', { until: opts.until! }));
  const m = await changeTicketSteps(ctx, opts.ticket, [pendingStep(reason!, until, ctx.timeZone)]);
  const late = breachedViews(m.ticket, m.ticket.pendingSince ?? now.getTime()).filter(
    (v) => v.state === 'overdue',
  );
  const vars = { number: formatTicketNumber(m.ticket.id), reason: reason! };
  await report(
    ctx,
    opts,
    m,
    late.length
      ? t('pending.doneLate', { ...vars, late: late.map((v) => v.label).join(', ') })
      : t('pending.done', vars),
  );
}

// hd outage pending: every linked ticket in progress waits (its SLA clock pauses).

import { type CascadeStep, cascade } from '../../app/outage-cascade.ts';
import { pendingChange } from '../../app/ticket-changes.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { parseWhen } from '../../domain/time.ts';
import type { Status } from '../../domain/types.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { formatTime } from '../../ui/time.ts';
import { ask, gather } from '../mutate.ts';
import { unit } from '../unit.ts';
import { assertActive, outageArg, report, someTickets, textOf } from './shared.ts';

export interface OutagePendingOptions {
  outage: number;
  reason?: string;
  /** The end of the wait as typed: read against the clock in run. */
  until?: string;
  json: boolean;
}

export const outagePending = unit<OutagePendingOptions>({
  declare: (parent) =>
    parent
      .command('pending')
      .description(t('outage.pending.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .option('--reason <text>', t('outage.pending.opt.reason'))
      .option('--until <when>', t('outage.pending.opt.until'))
      .option('--json', t('outage.opt.jsonTickets'))
      .addHelpText(
        'after',
        `${examples(`hd outage pending 12 --reason "${t('outage.pending.exampleReason')}" \\\n      --until +3h`)}\n${t('outage.pending.after')}\n`,
      ),
  options: (input) => ({
    outage: outageArg(input.arg(0)),
    reason: textOf(input.text('reason'), '--reason'),
    until: input.text('until'),
    json: input.flag('json'),
  }),
  run: runOutagePending,
});

export async function runOutagePending(opts: OutagePendingOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const until = opts.until ? parseWhen(opts.until, now, ctx.timeZone).getTime() : null;
  if (until !== null && until <= now.getTime())
    throw new UsageError(t('outage.pending.err.until', { until: opts.until! }));
  assertActive(ctx, await getOutage(await ctx.store(), opts.outage));
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('outage.pending.ask.reason')) },
  ]);
  // Only a ticket in progress can wait (as hd pending); one not yet taken is left alone and said so.
  const statuses: Status[] = ['inProgress'];
  const step: CascadeStep = {
    statuses,
    check: someTickets(ctx, 'outage.verb.hold', statuses),
    decide: ({ ticket, now }) => pendingChange(ticket, now, until, reason!, ctx.timeZone),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'pending',
        text: `Pending: ${reason}${until ? ` (until ${formatTime(until, ctx.timeZone)})` : ''}`,
        payload: {
          reason,
          until: until === null ? null : new Date(until).toISOString(),
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, opts.outage, step);
  report(ctx, opts.json, r, t('outage.pending.headline', { reason: reason! }));
}

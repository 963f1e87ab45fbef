// hd outage eta: the outage's ETA, given to every linked ticket without one and told to its client.

import { cascade } from '../../app/outage-cascade.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import type { Outage } from '../../domain/outage.ts';
import { parseWhen } from '../../domain/time.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { unit } from '../unit.ts';
import {
  assertActive,
  at,
  type NotifyFlags,
  notifyFlags,
  number,
  outageArg,
  outageEtaStep,
  report,
  skipReason,
} from './shared.ts';

export interface OutageEtaOptions extends NotifyFlags {
  outage: number;
  /** The time as typed (18:30, "завтра 10:00", +3h): read against the clock in run. */
  when: string;
  json: boolean;
}

export const outageEta = unit<OutageEtaOptions>({
  declare: (parent) =>
    notifyFlags(
      parent
        .command('eta')
        .description(t('outage.eta.describe'))
        .argument('<outage>', t('outage.arg.outage'))
        .argument('[when...]', t('outage.eta.arg.when')),
    )
      .option('--json', t('outage.opt.jsonCalls'))
      .addHelpText(
        'after',
        `${examples('hd outage eta OUT-000012 +4h', `hd outage eta 12 "${t('outage.eta.example')}"`)}\n${t('outage.after')}\n\n${t('outage.eta.after')}\n`,
      ),
  options: (input) => {
    const outage = outageArg(input.arg(0));
    const words = input.words(1);
    if (words.length === 0) throw new UsageError(t('outage.eta.err.noTime', { outage: input.arg(0)! }));
    return {
      outage,
      when: words.join(' '),
      notify: input.flag('notify'),
      skipReason: input.text('skipReason'),
      json: input.flag('json'),
    };
  },
  run: runOutageEta,
});

export async function runOutageEta(opts: OutageEtaOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const eta = parseWhen(opts.when, now, ctx.timeZone, 'moment').getTime();
  if (eta <= now.getTime()) throw new RefusedError(t('outage.eta.err.past', { eta: at(ctx)(eta) }));
  const outage = await getOutage(await ctx.store(), opts.outage);
  checkOutageEta(ctx, outage, eta);
  const skip = await skipReason(ctx, opts);
  const step = outageEtaStep(ctx, eta, skip, (o) => checkOutageEta(ctx, o, eta));
  const r = await cascade(ctx, opts.outage, step);
  report(ctx, opts.json, r, t('outage.eta.headline', { eta: at(ctx)(eta) }));
}

/** An outage's ETA is set once; given again (the same time) it reaches the linked tickets still
 *  without one. A different time is an extension. */
function checkOutageEta(ctx: Context, o: Outage, eta: number): void {
  assertActive(ctx, o);
  if (o.eta !== null && o.eta !== eta)
    throw new RefusedError(t('outage.eta.err.set', { outage: number(o.id), eta: at(ctx)(o.eta) }));
}

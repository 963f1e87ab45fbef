// hd spares adjust: the stock corrected (count, damage, transfer), with a reason.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { NotFoundError, RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { findSpare, listSpares, move } from '../../store/spares.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { ask, checkedText, gather, requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';
import { quantity, spareJson } from './stock.ts';

export interface SparesAdjustOptions {
  sku: string;
  /** The change: +2, -1. */
  qty: number;
  /** Why; asked on a terminal when not given. */
  reason: string | undefined;
  /** Needed when the part is kept in several depots. */
  depot: string | undefined;
  json: boolean;
}

export const sparesAdjust = unit<SparesAdjustOptions>({
  declare: (parent) =>
    parent
      .command('adjust')
      .description(t('sparesAdjust.describe'))
      .argument('<sku>', t('spares.arg.sku'))
      .option('--qty <±n>', t('sparesAdjust.opt.qty'))
      .option('--reason <text>', t('sparesAdjust.opt.reason'))
      .option('--depot <depot>', t('sparesAdjust.opt.depot'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples(t('sparesAdjust.example'))),
  options: (input) => {
    const sku = requiredText(input.arg(0), 'SKU', 100).toUpperCase();
    if (!input.text('qty')) throw new UsageError(t('life.missing', { flags: '--qty ±N' }));
    return {
      sku,
      qty: quantity(input.text('qty'), true),
      reason: checkedText(input.text('reason'), '--reason'),
      depot: input.text('depot'),
      json: input.flag('json'),
    };
  },
  run: runSparesAdjust,
});

export async function runSparesAdjust(opts: SparesAdjustOptions, ctx: Context): Promise<void> {
  const { sku, qty } = opts;
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('sparesAdjust.ask.reason')) },
  ]);
  const store = await ctx.store();
  const lines = await listSpares(store, { sku });
  if (lines.length === 0) throw new NotFoundError(t('spares.err.unknownPart', { sku }));
  const depots = lines.map((s) => s.depot).join(', ');
  const depot = opts.depot ?? (lines.length === 1 ? lines[0]!.depot : undefined);
  if (!depot) throw new UsageError(t('sparesAdjust.err.whichDepot', { sku, depots }));
  const spare = lines.find((s) => s.depot.toLowerCase() === depot.toLowerCase());
  if (!spare) throw new NotFoundError(t('sparesAdjust.err.notAt', { sku, depot, depots }));
  const after = await store.tx(async (q) => {
    if (qty < 0 && (await findSpare(q, sku, spare.depot))!.available < -qty) {
      throw new RefusedError(
        t('sparesAdjust.err.short', {
          sku,
          depot: spare.depot,
          available: spare.available,
          reserved: spare.reserved,
          qty: -qty,
        }),
      );
    }
    return move(q, spare, 'adjust', qty, 0, { at: ctx.now().getTime(), actor: ctx.operator, reason });
  });
  if (opts.json) printJson(ctx.io, spareJson({ ...after }));
  else
    writeText(
      ctx.io,
      `${t('sparesAdjust.done', {
        sku,
        depot: after.depot,
        qty: `${qty > 0 ? '+' : ''}${qty}`,
        reason: sanitizeLine(reason ?? ''),
        stock: after.stock,
        available: after.available,
      })}\n`,
    );
}

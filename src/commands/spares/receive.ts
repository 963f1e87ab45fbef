// hd spares receive: units arrived at a depot (a part new to hd needs its description).
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import type { Queryable } from '../../store/port.ts';
import { createSpare, findSpare, knownDepots, listSpares, move, setMinimum } from '../../store/spares.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { shown } from '../../ui/text.ts';
import { checkedText, requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';
import { quantity, spareJson } from './stock.ts';

export interface SparesReceiveOptions {
  sku: string;
  qty: number;
  depot: string;
  description: string | undefined;
  minimum: number | undefined;
  note: string | undefined;
  /** --new-depot: the depot is opened by this delivery (else a depot hd does not know is a typo). */
  newDepot: boolean;
  json: boolean;
}

export const sparesReceive = unit<SparesReceiveOptions>({
  declare: (parent) =>
    parent
      .command('receive')
      .description(t('sparesReceive.describe'))
      .argument('<sku>', t('spares.arg.sku'))
      .option('--qty <n>', t('sparesReceive.opt.qty'))
      .option('--depot <depot>', t('sparesReceive.opt.depot'))
      .option('--description <text>', t('sparesReceive.opt.description'))
      .option('--minimum <n>', t('sparesReceive.opt.minimum'))
      .option('--note <text>', t('sparesReceive.opt.note'))
      .option('--new-depot', t('sparesReceive.opt.newDepot'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples(t('sparesReceive.example'))),
  options: (input) => {
    const sku = requiredText(input.arg(0), 'SKU', 100).toUpperCase();
    const missing = ['qty', 'depot'].filter((f) => !input.text(f)).map((f) => `--${f}`);
    if (missing.length) throw new UsageError(t('life.missing', { flags: missing.join(', ') }));
    const minimumText = input.text('minimum');
    const minimum = minimumText === undefined ? undefined : Number(minimumText);
    if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 0))
      throw new UsageError(t('sparesReceive.err.minimum'));
    return {
      sku,
      qty: quantity(input.text('qty'), false),
      depot: requiredText(input.text('depot'), '--depot', 100),
      description: input.text('description'),
      minimum,
      note: checkedText(input.text('note'), '--note'),
      newDepot: input.flag('newDepot'),
      json: input.flag('json'),
    };
  },
  run: runSparesReceive,
});

export async function runSparesReceive(opts: SparesReceiveOptions, ctx: Context): Promise<void> {
  const { sku, depot, qty, minimum } = opts;
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const after = await store.tx(async (q) => {
    let spare = await findSpare(q, sku, depot);
    if (!spare) {
      const known = (await listSpares(q, { sku }))[0];
      const description = opts.description ?? known?.description;
      if (!description) throw new UsageError(t('sparesReceive.err.newPart', { sku }));
      spare = await createSpare(q, {
        sku,
        depot: await depotOf(q, depot, opts.newDepot),
        description,
        minimum: minimum ?? known?.minimum ?? 0,
      });
    } else if (minimum !== undefined) {
      await setMinimum(q, spare.id, minimum);
    }
    return move(q, spare, 'receive', qty, 0, {
      at: now,
      actor: ctx.operator,
      reason: opts.note ?? 'received',
    });
  });
  if (opts.json) printJson(ctx.io, spareJson((await findSpare(store, sku, depot))!));
  else
    writeText(
      ctx.io,
      `${t('sparesReceive.done', { sku, depot: after.depot, qty, stock: after.stock, available: after.available })}\n`,
    );
}

/**
 * The depot a new stock row goes to: a depot hd knows (spares kept or engineers based there), as
 * it is spelled there; a name hd does not know is refused as a typo (`--depot MSQ` made a depot
 * that then showed as low stock in hd sla) unless --new-depot says it is opened now.
 */
async function depotOf(q: Queryable, depot: string, isNew: boolean): Promise<string> {
  const depots = await knownDepots(q);
  const same = depots.find((d) => d.toLowerCase() === depot.toLowerCase());
  if (same) return same;
  if (isNew) return depot;
  if (depots.length === 0) throw new RefusedError(t('sparesReceive.err.firstDepot', { depot: shown(depot) }));
  throw new RefusedError(
    t('sparesReceive.err.unknownDepot', { depot: shown(depot), depots: depots.join(', ') }),
  );
}

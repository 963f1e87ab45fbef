// hd spares list: stock, reserved, available and minimum per part and depot.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { t } from '../../i18n.ts';
import { listSpares, type Spare } from '../../store/spares.ts';
import { colours, printJson, printTable } from '../../ui/output.ts';
import { unit } from '../unit.ts';
import { spareJson } from './stock.ts';

export interface SparesListOptions {
  depot: string | undefined;
  /** Only parts below their minimum. */
  low: boolean;
  json: boolean;
}

export const sparesList = unit<SparesListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('sparesList.describe'))
      .option('--depot <depot>', t('sparesList.opt.depot'))
      .option('--low', t('sparesList.opt.low'))
      .option('--json', t('opt.json'))
      .addHelpText(
        'after',
        examples('hd spares list', 'hd spares list --low', 'hd spares list --depot grodno'),
      ),
  options: (input) => ({ depot: input.text('depot'), low: input.flag('low'), json: input.flag('json') }),
  run: runSparesList,
});

export async function runSparesList(opts: SparesListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const spares = await listSpares(store, { depot: opts.depot, low: opts.low });
  if (opts.json) {
    printJson(ctx.io, spares.map(spareJson));
    return;
  }
  if (spares.length === 0) {
    ctx.io.stderr.write(`${t(opts.low ? 'sparesList.noneLow' : 'sparesList.none')}\n`);
    return;
  }
  const c = colours(ctx.io);
  await printTable(
    ctx.io,
    [
      { header: 'SKU', value: (s: Spare) => s.sku },
      { header: 'Depot', title: t('engineer.col.depot'), value: (s: Spare) => s.depot },
      {
        header: 'Description',
        title: t('sparesList.col.description'),
        value: (s: Spare) => s.description,
        flexible: true,
      },
      { header: 'Stock', title: t('sparesList.col.stock'), value: (s: Spare) => String(s.stock) },
      { header: 'Reserved', title: t('sparesList.col.reserved'), value: (s: Spare) => String(s.reserved) },
      { header: 'Available', title: t('sparesList.col.available'), value: (s: Spare) => String(s.available) },
      { header: 'Min', title: t('sparesList.col.min'), value: (s: Spare) => String(s.minimum) },
      {
        header: '',
        value: (s: Spare) =>
          s.available >= s.minimum ? '' : ctx.io.isTerminal ? t('sparesList.low') : 'LOW',
        colour: (x) => c.red.bold(x),
      },
    ],
    spares,
  );
}

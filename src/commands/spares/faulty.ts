// hd spares faulty: faulty units taken out at clients, awaiting repair or return to the vendor.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { type FaultyUnit, faultyUnits } from '../../store/field.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { formatTime, iso, timeDisplay } from '../../ui/time.ts';
import { unit } from '../unit.ts';

export interface SparesFaultyOptions {
  /** Units already returned too. */
  all: boolean;
  json: boolean;
}

export const sparesFaulty = unit<SparesFaultyOptions>({
  declare: (parent) =>
    parent
      .command('faulty')
      .description(t('sparesFaulty.describe'))
      .option('--all', t('sparesFaulty.opt.all'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd spares faulty')),
  options: (input) => ({ all: input.flag('all'), json: input.flag('json') }),
  run: runSparesFaulty,
});

export async function runSparesFaulty(opts: SparesFaultyOptions, ctx: Context): Promise<void> {
  const units = await faultyUnits(await ctx.store(), opts.all);
  if (opts.json) {
    printJson(
      ctx.io,
      units.map((u) => ({ ...u, ticket: formatTicketNumber(u.ticketId), replacedAt: iso(u.replacedAt) })),
    );
    return;
  }
  if (units.length === 0) {
    ctx.io.stderr.write(`${t('sparesFaulty.none')}\n`);
    return;
  }
  const terminal = ctx.io.isTerminal;
  const time = timeDisplay(ctx);
  const status = (s: string) =>
    !terminal
      ? s
      : s === 'awaiting-return'
        ? t('sparesFaulty.awaiting')
        : s === 'returned'
          ? t('sparesFaulty.returned')
          : s;
  await printTable(
    ctx.io,
    [
      { header: 'SKU', value: (u: FaultyUnit) => u.sku },
      {
        header: 'Faulty serial',
        title: t('sparesFaulty.col.faulty'),
        value: (u: FaultyUnit) => u.faultySerial,
      },
      {
        header: 'Replaced by serial',
        title: t('sparesFaulty.col.new'),
        value: (u: FaultyUnit) => u.newSerial,
      },
      { header: 'Ticket', title: t('col.ticket'), value: (u: FaultyUnit) => formatTicketNumber(u.ticketId) },
      { header: 'Depot', title: t('engineer.col.depot'), value: (u: FaultyUnit) => u.depot, drop: 1 },
      {
        header: 'Replaced',
        title: t('sparesFaulty.col.replaced'),
        // At 80 columns, when and by whom goes under its row.
        wrap: true,
        value: (u: FaultyUnit) =>
          terminal
            ? t('sparesFaulty.replacedBy', { when: time.at(u.replacedAt), who: u.replacedBy })
            : `${formatTime(u.replacedAt, ctx.timeZone)} by ${u.replacedBy}`,
      },
      { header: 'Status', title: t('col.status'), value: (u: FaultyUnit) => status(u.status) },
    ],
    units,
  );
}

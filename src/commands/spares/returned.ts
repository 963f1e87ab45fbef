// hd spares returned: a faulty unit went back to the vendor or the repair shop.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { markReturned } from '../../store/field.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { iso } from '../../ui/time.ts';
import { requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';

export interface SparesReturnedOptions {
  serial: string;
  json: boolean;
}

export const sparesReturned = unit<SparesReturnedOptions>({
  declare: (parent) =>
    parent
      .command('returned')
      .description(t('sparesReturned.describe'))
      .argument('<serial>', t('sparesReturned.arg.serial'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd spares returned FDO2231A0BC')),
  options: (input) => ({ serial: requiredText(input.arg(0), 'SERIAL', 100), json: input.flag('json') }),
  run: runSparesReturned,
});

export async function runSparesReturned(opts: SparesReturnedOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const unit = await store.tx((q) => markReturned(q, opts.serial));
  if (opts.json)
    printJson(ctx.io, {
      ...unit,
      ticket: formatTicketNumber(unit.ticketId),
      replacedAt: iso(unit.replacedAt),
    });
  else
    writeText(
      ctx.io,
      `${sanitizeLine(
        t('sparesReturned.done', {
          sku: unit.sku,
          serial: unit.faultySerial,
          number: formatTicketNumber(unit.ticketId),
        }),
      )}\n`,
    );
}

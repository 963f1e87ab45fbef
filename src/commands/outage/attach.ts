// hd outage attach: link open tickets to an active outage by hand.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { t } from '../../i18n.ts';
import { unit } from '../unit.ts';
import { changeLinks, linkOptions, type OutageLinkOptions } from './links.ts';

export const outageAttach = unit<OutageLinkOptions>({
  declare: (parent) =>
    parent
      .command('attach')
      .description(t('outage.attach.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .argument('<tickets...>', t('outage.arg.tickets'))
      .option('--reason <text>', t('outage.link.opt.reason'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd outage attach OUT-000001 HD-000123 HD-000124')),
  options: linkOptions,
  run: runOutageAttach,
});

export async function runOutageAttach(opts: OutageLinkOptions, ctx: Context): Promise<void> {
  await changeLinks(ctx, opts, 'attach');
}

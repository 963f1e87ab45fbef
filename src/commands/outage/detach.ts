// hd outage detach: unlink tickets from an outage (a detached ticket is left out of its updates).
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { t } from '../../i18n.ts';
import { unit } from '../unit.ts';
import { changeLinks, linkOptions, type OutageLinkOptions } from './links.ts';

export const outageDetach = unit<OutageLinkOptions>({
  declare: (parent) =>
    parent
      .command('detach')
      .description(t('outage.detach.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .argument('<tickets...>', t('outage.arg.tickets'))
      .option('--reason <text>', t('outage.link.opt.reason'))
      .option('--json', t('opt.json'))
      .addHelpText(
        'after',
        examples(`hd outage detach OUT-000001 HD-000123 --reason "${t('outage.detach.exampleReason')}"`),
      ),
  options: linkOptions,
  run: runOutageDetach,
});

export async function runOutageDetach(opts: OutageLinkOptions, ctx: Context): Promise<void> {
  await changeLinks(ctx, opts, 'detach');
}

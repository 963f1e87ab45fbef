// hd client show: one client, with contacts, services and open tickets.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { t } from '../../i18n.ts';
import { resolveClient } from '../common.ts';
import { unit } from '../unit.ts';
import { showClient } from './shared.ts';

export interface ClientShowOptions {
  /** The client as typed: contract number, service ID, phone or name. */
  client: string;
  json: boolean;
}

export const clientShow = unit<ClientShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('client.show.describe'))
      .argument('<client>', t('client.arg.client'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd client show C-2021-0147', 'hd client show MSK-IPVPN-00412 --json')),
  options: (input) => ({ client: input.arg(0)!, json: input.flag('json') }),
  run: runClientShow,
});

export async function runClientShow(opts: ClientShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await showClient(ctx, await resolveClient(store, opts.client), opts.json);
}

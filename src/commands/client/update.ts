// hd client update: a client's Priority Rules profile or message language.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { LANGUAGES, type Language } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { getClient, updateClient } from '../../store/clients.ts';
import { currentProfile } from '../../store/reference.ts';
import { choice, refuseMissing, resolveClient } from '../common.ts';
import { unit } from '../unit.ts';
import { showClient } from './shared.ts';

export interface ClientUpdateOptions {
  /** The client as typed: contract number, service ID, phone or name. */
  client: string;
  profile?: string;
  language?: Language;
  json: boolean;
}

export const clientUpdate = unit<ClientUpdateOptions>({
  declare: (parent) =>
    parent
      .command('update')
      .description(t('client.update.describe'))
      .argument('<client>', t('client.arg.client'))
      .option('--profile <name>', t('client.update.opt.profile'))
      .option('--language <ru|en>', t('client.opt.language'))
      .option('--json', t('client.opt.json'))
      .addHelpText('after', examples('hd client update C-2023-1102 --profile premium-24x7')),
  options: (input) => {
    const language = input.text('language');
    const options: ClientUpdateOptions = {
      client: input.arg(0)!,
      profile: input.text('profile'),
      language: language ? choice(language, LANGUAGES, 'client.what.language', '--language') : undefined,
      json: input.flag('json'),
    };
    if (!options.profile && !options.language) refuseMissing([t('client.update.missing')]);
    return options;
  },
  run: runClientUpdate,
});

export async function runClientUpdate(opts: ClientUpdateOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const client = await resolveClient(store, opts.client);
  const profile = opts.profile ? await currentProfile(store, opts.profile) : undefined;
  await store.tx((q) =>
    updateClient(q, client.id, {
      profile: profile?.name,
      language: opts.language,
      timezone: profile?.coverage.timezone,
    }),
  );
  await showClient(ctx, await getClient(store, client.id), opts.json);
}

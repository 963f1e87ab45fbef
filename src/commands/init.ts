// hd init: the database, with the rule profiles, priority matrix and fault zones (and demo data).
import { examples } from '../cli/help.ts';
import { type Context, say } from '../context.ts';
import { t } from '../i18n.ts';
import { commandName } from '../paths.ts';
import { loadReference } from '../setup.ts';
import { listProfiles } from '../store/reference.ts';
import { printJson } from '../ui/output.ts';
import { wrapForTerminal } from '../ui/table.ts';
import { unit } from './unit.ts';

export interface InitOptions {
  demo: boolean;
  json: boolean;
}

export const init = unit<InitOptions>({
  declare: (parent) =>
    parent
      .command('init')
      .description(t('init.describe'))
      .option('--demo', t('init.opt.demo'))
      .option('--json', t('init.opt.json'))
      .addHelpText('after', examples('hd init', 'hd init --demo', 'hd --db /srv/hd/hd.db init')),
  options: (input) => ({ demo: input.flag('demo'), json: input.flag('json') }),
  run: runInit,
});

export async function runInit(opts: InitOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const reference = await loadReference(store, now);
  const demo = opts.demo ? await (await import('../demo.ts')).loadDemo(store, now) : null;
  if (opts.json) {
    printJson(ctx.io, { database: store.location, ...reference, demo });
    return;
  }
  // Chatter to stderr, wrapped on a terminal like everything else a person reads there.
  const tell = (text: string) => say(ctx, ctx.io.isTerminal ? wrapForTerminal(text, ctx.io.columns) : text);
  say(ctx, t('init.database', { location: store.location }));
  const profiles = await listProfiles(store);
  tell(t('init.profiles', { profiles: profiles.map((p) => `${p.name} v${p.version}`).join(', ') }));
  tell(t('init.zones', { zones: reference.zones }));
  if (demo) {
    const counts = {
      clients: demo.clients,
      contacts: demo.contacts,
      services: demo.services,
      engineers: demo.engineers,
      spares: demo.spares,
    };
    tell(demo.skipped ? t('init.demoSkipped', { ...counts, skipped: demo.skipped }) : t('init.demo', counts));
  }
  const hd = commandName(ctx.program, ctx.env, process.cwd());
  tell(t('init.next', { hd }));
  if (hd !== 'hd') tell(t('init.typedAs', { hd }));
}

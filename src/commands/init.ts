import { type Context, say } from '../context.ts';
import { commandName } from '../paths.ts';
import { loadReference } from '../setup.ts';
import { listProfiles } from '../store/reference.ts';
import { printJson } from '../ui/output.ts';
import { bool, type Opts } from './common.ts';

export async function runInit(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const reference = await loadReference(store, now);
  const demo = bool(opts, 'demo') ? await (await import('../demo.ts')).loadDemo(store, now) : null;
  if (bool(opts, 'json')) {
    printJson(ctx.io, { database: store.location, ...reference, demo });
    return;
  }
  say(ctx, `Database: ${store.location}`);
  const profiles = await listProfiles(store);
  say(ctx, `Rule profiles: ${profiles.map((p) => `${p.name} v${p.version}`).join(', ')}`);
  say(ctx, `Fault zones: ${reference.zones}; priority matrix loaded.`);
  if (demo) {
    say(
      ctx,
      `Demo data: ${demo.clients} clients, ${demo.contacts} contacts, ${demo.services} services, ${demo.engineers} engineers, ${demo.spares} spare stock lines` +
        (demo.skipped ? ` (${demo.skipped} already there)` : ''),
    );
  }
  const hd = commandName(ctx.program, ctx.env, process.cwd());
  say(ctx, `Next: ${hd} open (take a call), ${hd} client list, ${hd} --help.`);
  if (hd !== 'hd')
    say(
      ctx,
      `(Typed as ${hd}: the hd on your PATH is another program, or none. See "Quick start" in the README.)`,
    );
}

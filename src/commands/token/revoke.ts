// hd token revoke: the token's next request gets 401, and its department's listeners are removed
// with their queued deliveries (nothing more is sent to them).
import type { Context } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { revokeToken } from '../../store/tokens.ts';
import { printJson } from '../../ui/output.ts';
import { iso } from '../../ui/time.ts';
import { unit } from '../unit.ts';
import { tokenName } from './create.ts';

export interface TokenRevokeOptions {
  name: string;
  json: boolean;
}

export const tokenRevoke = unit<TokenRevokeOptions>({
  declare: (parent) =>
    parent
      .command('revoke')
      .description(t('token.revoke.describe'))
      .argument('<name>', t('token.revoke.arg.name'))
      .option('--json', t('opt.json')),
  options: (input) => ({ name: tokenName(input.arg(0)), json: input.flag('json') }),
  run: runTokenRevoke,
});

export async function runTokenRevoke(opts: TokenRevokeOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const done = await store.tx((q) => revokeToken(q, opts.name, now));
  if (!done) throw new NotFoundError(t('token.err.noLive', { name: opts.name }));
  const { listeners } = done;
  if (opts.json) printJson(ctx.io, { name: opts.name, revokedAt: iso(now), listeners });
  else
    ctx.io.stdout.write(
      `${listeners === 0 ? t('token.revoked', { name: opts.name }) : t('token.revokedWithListeners', { name: opts.name, count: listeners })}\n`,
    );
}

// hd token list: the tokens by name, scope, creation and revocation (never the token itself).
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { t } from '../../i18n.ts';
import { listTokens } from '../../store/tokens.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { iso, timeDisplay } from '../../ui/time.ts';
import { unit } from '../unit.ts';

export interface TokenListOptions {
  json: boolean;
}

export const tokenList = unit<TokenListOptions>({
  declare: (parent) =>
    parent.command('list').description(t('token.list.describe')).option('--json', t('opt.json')),
  options: (input) => ({ json: input.flag('json') }),
  run: runTokenList,
});

interface TokenRow {
  name: string;
  scope: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

export async function runTokenList(opts: TokenListOptions, ctx: Context): Promise<void> {
  const tokens: TokenRow[] = await listTokens(await ctx.store());
  if (opts.json) {
    printJson(
      ctx.io,
      tokens.map((x) => ({
        name: x.name,
        scope: x.scope,
        createdAt: iso(x.createdAt),
        createdBy: x.createdBy,
        revokedAt: iso(x.revokedAt),
      })),
    );
    return;
  }
  if (tokens.length === 0) return say(ctx, t('token.list.none'));
  // Piped: ISO times under the English header, as before; on a terminal, the reader's dates.
  const time = (ms: number | null) =>
    ms === null ? '-' : ctx.io.isTerminal ? timeDisplay(ctx).at(ms) : (iso(ms) ?? '-');
  await printTable(
    ctx.io,
    [
      { header: 'name', title: t('token.col.name'), value: (r: TokenRow) => r.name },
      { header: 'scope', title: t('token.col.scope'), value: (r: TokenRow) => r.scope },
      { header: 'created', title: t('token.col.created'), value: (r: TokenRow) => time(r.createdAt) },
      { header: 'by', title: t('token.col.by'), value: (r: TokenRow) => r.createdBy },
      { header: 'revoked', title: t('token.col.revoked'), value: (r: TokenRow) => time(r.revokedAt) },
    ],
    tokens,
  );
}

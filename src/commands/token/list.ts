// hd token list: the tokens by name, scope, creation and revocation (never the token itself), and
// how many listeners (POST /hub) each live one has.
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { t } from '../../i18n.ts';
import { listenerCounts, listTokens } from '../../store/tokens.ts';
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
  listeners: number;
}

export async function runTokenList(opts: TokenListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const counts = await listenerCounts(store);
  // A revoked token's listeners were removed with it; a live one owns those under its name.
  const tokens: TokenRow[] = (await listTokens(store)).map((x) => ({
    ...x,
    listeners: x.revokedAt === null ? (counts.get(x.name) ?? 0) : 0,
  }));
  if (opts.json) {
    printJson(
      ctx.io,
      tokens.map((x) => ({
        name: x.name,
        scope: x.scope,
        createdAt: iso(x.createdAt),
        createdBy: x.createdBy,
        revokedAt: iso(x.revokedAt),
        listeners: x.listeners,
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
      { header: 'listeners', title: t('token.col.listeners'), value: (r: TokenRow) => String(r.listeners) },
    ],
    tokens,
  );
}

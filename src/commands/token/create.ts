// hd token create: a token for another department's system; printed once, only its hash is kept.
import { crypto } from '../../builtin.ts';
import { examples } from '../../cli/help.ts';
import { type Context, say } from '../../context.ts';
import { checkIdentifier } from '../../domain/limits.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { UniqueViolation } from '../../store/port.ts';
import { insertToken, TOKEN_SCOPES, type TokenScope, tokenHash } from '../../store/tokens.ts';
import { printJson } from '../../ui/output.ts';
import { iso } from '../../ui/time.ts';
import { choice } from '../common.ts';
import { unit } from '../unit.ts';

export interface TokenCreateOptions {
  name: string;
  scope: TokenScope;
  json: boolean;
}

/** The token's name: the department, typed back later (hd token revoke NAME). */
export function tokenName(text: string | undefined): string {
  if (text === undefined) throw new UsageError(t('token.err.noName'));
  return checkIdentifier(text, t('token.field.name'));
}

export const tokenCreate = unit<TokenCreateOptions>({
  declare: (parent) =>
    parent
      .command('create')
      .description(t('token.create.describe'))
      .option('--name <name>', t('token.create.opt.name'))
      .option('--scope <read|write>', t('token.create.opt.scope'))
      .option('--json', t('token.create.opt.json'))
      .addHelpText(
        'after',
        examples('hd token create --name noc --scope write', 'hd token create --name billing --scope read'),
      ),
  options: (input) => {
    const name = tokenName(input.text('name'));
    const given = input.text('scope');
    if (given === undefined) throw new UsageError(t('token.err.noScope'));
    return {
      name,
      scope: choice(given, TOKEN_SCOPES, 'token.what.scope', '--scope'),
      json: input.flag('json'),
    };
  },
  run: runTokenCreate,
});

export async function runTokenCreate(opts: TokenCreateOptions, ctx: Context): Promise<void> {
  const { name, scope } = opts;
  const token = `hd_${crypto().randomBytes(32).toString('base64url')}`;
  const store = await ctx.store();
  const now = ctx.now().getTime();
  try {
    await store.tx((q) =>
      insertToken(q, { name, scope, hash: tokenHash(token), createdAt: now, createdBy: ctx.operator }),
    );
  } catch (error) {
    if (error instanceof UniqueViolation) throw new RefusedError(t('token.err.exists', { name }));
    throw error;
  }
  if (opts.json) printJson(ctx.io, { name, scope, token, createdAt: iso(now) });
  else ctx.io.stdout.write(`${token}\n`);
  say(ctx, t('token.created', { name, scope }));
}

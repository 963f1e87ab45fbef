// hd token create | list | revoke: access for other departments' systems to `hd serve`.
import { crypto } from '../builtin.ts';
import { type Context, say } from '../context.ts';
import { checkIdentifier } from '../domain/limits.ts';
import { oneOf } from '../domain/priority.ts';
import { NotFoundError, RefusedError, UsageError } from '../errors.ts';
import { UniqueViolation } from '../store/port.ts';
import { insertToken, listTokens, revokeToken, TOKEN_SCOPES, tokenHash } from '../store/tokens.ts';
import { printJson } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { iso } from '../ui/time.ts';
import { bool, type Opts, str } from './common.ts';

function tokenName(text: string | undefined): string {
  if (text === undefined) throw new UsageError('Missing --name NAME (the department, e.g. noc).');
  return checkIdentifier(text, 'The token name (--name)');
}

export async function runTokenCreate(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const name = tokenName(str(opts, 'name'));
  const given = str(opts, 'scope');
  if (given === undefined) throw new UsageError('Missing --scope read|write.');
  const scope = oneOf(given, TOKEN_SCOPES, 'scope', '--scope');
  const token = `hd_${crypto().randomBytes(32).toString('base64url')}`;
  const store = await ctx.store();
  const now = ctx.now().getTime();
  try {
    await store.tx((q) =>
      insertToken(q, { name, scope, hash: tokenHash(token), createdAt: now, createdBy: ctx.operator }),
    );
  } catch (error) {
    if (error instanceof UniqueViolation)
      throw new RefusedError(
        `A token named ${name} exists already (hd token list). Revoke it first (hd token revoke ${name}) or choose another name.`,
      );
    throw error;
  }
  if (bool(opts, 'json')) printJson(ctx.io, { name, scope, token, createdAt: iso(now) });
  else ctx.io.stdout.write(`${token}\n`);
  say(
    ctx,
    `Token ${name} (${scope}) created. It is shown only this once: give it to ${name} now (Authorization: Bearer …).`,
  );
}

export async function runTokenList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const tokens = await listTokens(await ctx.store());
  const rows = tokens.map((t) => ({
    name: t.name,
    scope: t.scope,
    createdAt: iso(t.createdAt),
    createdBy: t.createdBy,
    revokedAt: iso(t.revokedAt),
  }));
  if (bool(opts, 'json')) return printJson(ctx.io, rows);
  if (rows.length === 0) return say(ctx, 'No tokens yet: hd token create --name noc --scope read.');
  ctx.io.stdout.write(
    `${['name', 'scope', 'created', 'by', 'revoked']
      .join('\t')
      .concat(
        ...rows.map(
          (r) =>
            `\n${[r.name, r.scope, r.createdAt, r.createdBy, r.revokedAt ?? '-'].map((v) => sanitizeLine(String(v))).join('\t')}`,
        ),
      )}\n`,
  );
}

export async function runTokenRevoke(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const name = tokenName(args[0]);
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const done = await store.tx((q) => revokeToken(q, name, now));
  if (!done) throw new NotFoundError(`No live token named ${name} (hd token list shows them).`);
  if (bool(opts, 'json')) printJson(ctx.io, { name, revokedAt: iso(now) });
  else ctx.io.stdout.write(`Token ${name} revoked.\n`);
}

// Access tokens of `hd serve`: only their SHA-256 is stored (store/sqlite 014, postgres 003).
import { crypto } from '../builtin.ts';
import { type Queryable, sql } from './port.ts';

/** The stored form of a token: its SHA-256 (a token is 32 random bytes, so no salt or stretching). */
export function tokenHash(token: string): string {
  return crypto().createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiToken {
  id: number;
  name: string;
  scope: TokenScope;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

const COLUMNS = sql`id, name, scope, created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt"`;

const fromRow = (r: ApiToken): ApiToken => ({
  ...r,
  id: Number(r.id),
  createdAt: Number(r.createdAt),
  revokedAt: r.revokedAt === null ? null : Number(r.revokedAt),
});

export async function insertToken(
  q: Queryable,
  t: { name: string; scope: TokenScope; hash: string; createdAt: number; createdBy: string },
): Promise<ApiToken> {
  const row = await q.get<ApiToken>(
    sql`INSERT INTO api_tokens (name, scope, token_hash, created_at, created_by)
        VALUES (${t.name}, ${t.scope}, ${t.hash}, ${t.createdAt}, ${t.createdBy}) RETURNING ${COLUMNS}`,
  );
  return fromRow(row!);
}

/** Every token by name, a name's revoked ones before its live one (a revoked name can be reused). */
export async function listTokens(q: Queryable): Promise<ApiToken[]> {
  return (await q.all<ApiToken>(sql`SELECT ${COLUMNS} FROM api_tokens ORDER BY name, id`)).map(fromRow);
}

/** How many tokens are live (not revoked): with none, hd serve refuses every request. */
export async function liveTokenCount(q: Queryable): Promise<number> {
  const row = await q.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NULL`);
  return Number(row?.n ?? 0);
}

/** The live (not revoked) token with this hash, if any. */
export async function tokenByHash(q: Queryable, hash: string): Promise<ApiToken | undefined> {
  const row = await q.get<ApiToken>(
    sql`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ${hash} AND revoked_at IS NULL`,
  );
  return row && fromRow(row);
}

/**
 * Revokes the live token of this name and removes its department's listeners (POST /hub) with
 * what was still queued for them, in the caller's transaction: a revoked department is sent
 * nothing more. null when there is no live token of this name; else how many listeners went.
 */
export async function revokeToken(
  q: Queryable,
  name: string,
  at: number,
): Promise<{ listeners: number } | null> {
  const r = await q.run(
    sql`UPDATE api_tokens SET revoked_at = ${at} WHERE name = ${name} AND revoked_at IS NULL`,
  );
  if (r.changes === 0) return null;
  await q.run(
    sql`DELETE FROM hub_deliveries WHERE listener_id IN (SELECT id FROM hub_listeners WHERE owner = ${name})`,
  );
  const gone = await q.run(sql`DELETE FROM hub_listeners WHERE owner = ${name}`);
  return { listeners: gone.changes };
}

/** How many listeners each department has registered (POST /hub), by token name. */
export async function listenerCounts(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.all<{ owner: string; n: number }>(
    sql`SELECT owner, COUNT(*) AS n FROM hub_listeners GROUP BY owner`,
  );
  return new Map(rows.map((r) => [r.owner, Number(r.n)]));
}

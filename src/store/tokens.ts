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

export async function listTokens(q: Queryable): Promise<ApiToken[]> {
  return (await q.all<ApiToken>(sql`SELECT ${COLUMNS} FROM api_tokens ORDER BY name`)).map(fromRow);
}

/** The live (not revoked) token with this hash, if any. */
export async function tokenByHash(q: Queryable, hash: string): Promise<ApiToken | undefined> {
  const row = await q.get<ApiToken>(
    sql`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ${hash} AND revoked_at IS NULL`,
  );
  return row && fromRow(row);
}

/** Revokes the live token of this name; false when there is none. */
export async function revokeToken(q: Queryable, name: string, at: number): Promise<boolean> {
  const r = await q.run(
    sql`UPDATE api_tokens SET revoked_at = ${at} WHERE name = ${name} AND revoked_at IS NULL`,
  );
  return r.changes > 0;
}

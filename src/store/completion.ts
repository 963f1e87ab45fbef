// What shell completion offers from the database: each a single small, indexed read.
import { OPEN_JOB } from './field.ts';
import { type Queryable, sql } from './port.ts';

/** How many candidates a completion offers at most: more is noise in a terminal. */
export const COMPLETION_LIMIT = 200;

/** Open tickets' ids, newest first, those whose number starts with `digits` (all when empty). */
export async function openTicketIds(q: Queryable, digits: string): Promise<number[]> {
  const rows = await q.all<{ id: number }>(
    sql`SELECT id FROM tickets WHERE status NOT IN ('closed', 'cancelled')
       ${digits ? sql`AND CAST(id AS TEXT) LIKE ${`${digits}%`}` : sql``} ORDER BY id DESC LIMIT ${COMPLETION_LIMIT}`,
  );
  return rows.map((r) => r.id);
}

/** Contract numbers and service IDs: the client references that name exactly one client. */
export async function clientReferences(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ ref: string }>(
    sql`SELECT contract_no AS ref FROM clients UNION SELECT service_id AS ref FROM services ORDER BY 1 LIMIT ${COMPLETION_LIMIT * 5}`,
  );
  return rows.map((r) => r.ref);
}

export async function zoneCodes(q: Queryable): Promise<string[]> {
  return (await q.all<{ code: string }>(sql`SELECT code FROM zones ORDER BY position`)).map((r) => r.code);
}

export async function profileNames(q: Queryable): Promise<string[]> {
  return (await q.all<{ name: string }>(sql`SELECT DISTINCT name FROM rule_profiles ORDER BY name`)).map(
    (r) => r.name,
  );
}

export async function engineerNames(q: Queryable): Promise<string[]> {
  return (await q.all<{ name: string }>(sql`SELECT name FROM engineers ORDER BY name`)).map((r) => r.name);
}

export async function spareSkus(q: Queryable): Promise<string[]> {
  return (await q.all<{ sku: string }>(sql`SELECT DISTINCT sku FROM spares ORDER BY sku`)).map((r) => r.sku);
}

export async function depotNames(q: Queryable): Promise<string[]> {
  return (await q.all<{ depot: string }>(sql`SELECT DISTINCT depot FROM spares ORDER BY depot`)).map(
    (r) => r.depot,
  );
}

/** The live access tokens' names (what `hd token revoke` takes). */
export async function tokenNames(q: Queryable): Promise<string[]> {
  return (
    await q.all<{ name: string }>(sql`SELECT name FROM api_tokens WHERE revoked_at IS NULL ORDER BY name`)
  ).map((r) => r.name);
}

/** Open field jobs' ids, newest first. */
export async function openJobIds(q: Queryable): Promise<number[]> {
  const rows = await q.all<{ id: number }>(
    sql`SELECT id FROM dispatches WHERE ${sql.raw(OPEN_JOB)} ORDER BY id DESC LIMIT ${COMPLETION_LIMIT}`,
  );
  return rows.map((r) => r.id);
}

// Brings a PostgreSQL database to the schema of this hd. The version is a row of schema_version;
// migrating runs in one transaction under a transaction-scoped advisory lock, so several hd
// processes starting on a new or older database at once migrate it exactly once (the others wait
// for the lock, then find nothing to do). A database of a newer hd is refused, and so is one that
// holds tables that are not hd's: both are left exactly as they were.
import type { ClientBase } from 'pg';
import { NotHdPostgresError, PostgresTooNewError } from './errors.ts';
import type { PostgresMigration } from './migrations/index.ts';

/** The advisory lock hd takes while migrating: ('hd' as two bytes, 1). */
export const MIGRATION_LOCK: readonly [number, number] = [0x6864, 1];

async function currentVersion(client: ClientBase): Promise<number | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_version')::text AS t`);
  if (!exists.rows[0]?.t) return undefined;
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  return v.rows[0]?.v ?? 0;
}

function tooNew(found: number, latest: number): PostgresTooNewError {
  return new PostgresTooNewError(
    `the central database has schema version ${found}, written by a newer hd (this one knows up to ${latest}): upgrade hd on this workstation.`,
  );
}

export async function migratePostgres(
  client: ClientBase,
  list: PostgresMigration[],
  now: () => number,
): Promise<number> {
  const latest = list.length;
  // The fast path, one statement: a database already at this version is left alone.
  let seen: number | undefined;
  try {
    seen =
      (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ??
      0;
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error; // no schema_version table yet
  }
  if (seen === latest) return latest;
  if (seen !== undefined && seen > latest) throw tooNew(seen, latest);

  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    let version = await currentVersion(client);
    if (version === undefined) {
      const tables = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          ORDER BY 1 LIMIT 6`,
      );
      if (tables.rows.length) {
        const names = tables.rows.slice(0, 5).map((r) => r.name);
        const more = tables.rows.length > 5 ? ', …' : '';
        throw new NotHdPostgresError(
          `the database is not empty and is not an hd database (it holds ${names.join(', ')}${more}): hd leaves it untouched. Give HD_DB an empty database (createdb hd) or the one hd already uses.`,
        );
      }
      await client.query(
        'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      version = 0;
    }
    if (version > latest) throw tooNew(version, latest);
    for (const m of list.slice(version)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        now(),
      ]);
    }
    await client.query('COMMIT');
    return latest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The schema version of a database (0 for none), without changing anything. */
export async function postgresSchemaVersion(client: ClientBase): Promise<number> {
  return (await currentVersion(client)) ?? 0;
}

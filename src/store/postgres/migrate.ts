// Brings a PostgreSQL database to the schema of this hd. The version is a row of schema_version;
// migrating runs in one transaction under a transaction-scoped advisory lock, so several hd
// processes starting on a new or older database at once migrate it exactly once (the others wait
// for the lock, then find nothing to do). A database of a newer hd is refused, and so is one that
// holds tables that are not hd's: both are left exactly as they were.
import type { ClientBase } from 'pg';
import { t } from '../../i18n.ts';
import { NotHdPostgresError, PostgresSchemaInconsistentError, PostgresTooNewError } from './errors.ts';
import type { PostgresMigration } from './migrations/index.ts';

/** The advisory lock hd takes while migrating: ('hd' as two bytes, 1). */
export const MIGRATION_LOCK: readonly [number, number] = [0x6864, 1];

/** max(version) of schema_version; another program's table of that name is refused, untouched. */
async function recordedVersion(client: ClientBase): Promise<number> {
  try {
    const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    return Number(v.rows[0]?.v ?? 0);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 42703: no column version; 42883: a version column of a type max() does not take.
    if (code === '42703' || code === '42883')
      throw new NotHdPostgresError(t('pg.err.foreignVersion', { message: (error as Error).message }));
    throw error;
  }
}

async function currentVersion(client: ClientBase): Promise<number | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_version')::text AS t`);
  if (!exists.rows[0]?.t) return undefined;
  return recordedVersion(client);
}

function inconsistent(detail: string): PostgresSchemaInconsistentError {
  return new PostgresSchemaInconsistentError(t('pg.err.inconsistent', { detail }));
}

/** An object a migration creates already exists: schema_version says less than the tables hold. */
const ALREADY_THERE = new Set(['42P07', '42710', '42701', '42P06', '42723']);

function tooNew(found: number, latest: number): PostgresTooNewError {
  return new PostgresTooNewError(t('pg.err.tooNew', { version: found, latest }));
}

/**
 * A permission error while opening, tagged with what hd was doing (errors.ts words it): reading
 * the schema version (the role cannot even read hd's tables) or creating the schema (the role
 * does not own the database).
 */
function tagged(error: unknown, phase: 'read' | 'create'): unknown {
  if ((error as { code?: string }).code === '42501') Object.assign(error as object, { hdPhase: phase });
  return error;
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
    seen = await recordedVersion(client);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw tagged(error, 'read'); // 42P01: no schema_version yet
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
        throw new NotHdPostgresError(t('pg.err.foreign', { tables: `${names.join(', ')}${more}` }));
      }
      await client.query(
        'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      version = 0;
    }
    if (version > latest) throw tooNew(version, latest);
    if (version === 0) {
      const tickets = await client.query<{ t: string | null }>(`SELECT to_regclass('tickets')::text AS t`);
      if (tickets.rows[0]?.t) throw inconsistent(t('pg.inconsistent.empty'));
    }
    for (const m of list.slice(version)) {
      try {
        await client.query(m.sql);
      } catch (error) {
        if (!ALREADY_THERE.has((error as { code?: string }).code ?? '')) throw error;
        throw inconsistent(
          t('pg.inconsistent.there', {
            version,
            migration: m.version,
            name: m.name,
            message: (error as Error).message,
          }),
        );
      }
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
    throw tagged(error, 'create');
  }
}

/** The schema version of a database (0 for none), without changing anything. */
export async function postgresSchemaVersion(client: ClientBase): Promise<number> {
  return (await currentVersion(client)) ?? 0;
}

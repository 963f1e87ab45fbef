import { validateMatrix } from '../domain/priority.ts';
import { parseProfile } from '../domain/profile.ts';
import type { PriorityMatrix, RuleProfile, Zone } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import { t } from '../i18n.ts';
import { type Queryable, sql, type Tx } from './port.ts';

export interface ProfileRow {
  id: number;
  name: string;
  version: number;
  definition: string;
}

/**
 * Profile versions parsed so far, by id and version, with the text they were parsed from: a
 * stored version never changes, and `hd serve` reads one with every ticket it shows (~15 µs a parse).
 */
const parsed = new Map<string, { definition: string; profile: RuleProfile }>();

export function toProfile(row: ProfileRow): RuleProfile {
  const key = `${row.id}:${row.version}`;
  const hit = parsed.get(key);
  if (hit?.definition === row.definition) return hit.profile;
  const profile = parseProfile(JSON.parse(row.definition), row.id, row.version, true);
  if (parsed.size >= 64) parsed.clear();
  parsed.set(key, { definition: row.definition, profile });
  return profile;
}

/**
 * Saves a profile definition. An unchanged definition keeps its version; a changed one becomes a
 * new version, so tickets opened under the old one keep the targets they were promised.
 */
export async function saveProfile(
  q: Tx,
  definition: unknown,
  now: number,
): Promise<{ profile: RuleProfile; created: boolean }> {
  const parsed = parseProfile(definition);
  const text = JSON.stringify(definition);
  // The next version is the latest + 1: on PostgreSQL, writers of profiles take turns (readers do
  // not wait), so two at once do not both pick the same number.
  if (q.engine === 'postgres') await q.run(sql`LOCK TABLE rule_profiles IN SHARE ROW EXCLUSIVE MODE`);
  const latest = await q.get<ProfileRow>(
    sql`SELECT id, name, version, definition FROM rule_profiles WHERE name = ${parsed.name} ORDER BY version DESC LIMIT 1`,
  );
  if (latest && latest.definition === text) return { profile: toProfile(latest), created: false };
  const row = (await q.get<ProfileRow>(
    sql`INSERT INTO rule_profiles (name, version, definition, created_at)
        VALUES (${parsed.name}, ${(latest?.version ?? 0) + 1}, ${text}, ${now}) RETURNING id, name, version, definition`,
  )) as ProfileRow;
  return { profile: toProfile(row), created: true };
}

export async function currentProfile(q: Queryable, name: string): Promise<RuleProfile> {
  const row = await q.get<ProfileRow>(
    sql`SELECT id, name, version, definition FROM rule_profiles WHERE name = ${name} ORDER BY version DESC LIMIT 1`,
  );
  if (!row) {
    const names = (await listProfiles(q)).map((p) => p.name).join(', ');
    throw new NotFoundError(t('store.err.noProfile', { name, names: names || t('store.noProfiles') }));
  }
  return toProfile(row);
}

export async function profileById(q: Queryable, id: number): Promise<RuleProfile> {
  const row = await q.get<ProfileRow>(
    sql`SELECT id, name, version, definition FROM rule_profiles WHERE id = ${id}`,
  );
  if (!row) throw new NotFoundError(t('store.err.noProfileId', { id }));
  return toProfile(row);
}

/** The newest version of every profile. */
export async function listProfiles(q: Queryable): Promise<RuleProfile[]> {
  const rows = await q.all<ProfileRow>(
    sql`SELECT p.id, p.name, p.version, p.definition FROM rule_profiles p
       WHERE p.version = (SELECT MAX(version) FROM rule_profiles q WHERE q.name = p.name) ORDER BY p.name`,
  );
  return rows.map(toProfile);
}

export async function profileVersions(q: Queryable, name: string): Promise<RuleProfile[]> {
  const rows = await q.all<ProfileRow>(
    sql`SELECT id, name, version, definition FROM rule_profiles WHERE name = ${name} ORDER BY version`,
  );
  return rows.map(toProfile);
}

export async function saveZones(q: Tx, zones: Zone[]): Promise<void> {
  for (const [i, z] of zones.entries()) {
    await q.run(
      sql`INSERT INTO zones (code, name, name_ru, description, position)
       VALUES (${z.code}, ${z.name}, ${z.nameRu}, ${z.description}, ${i})
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_ru = excluded.name_ru,
         description = excluded.description, position = excluded.position`,
    );
  }
}

export async function listZones(q: Queryable): Promise<Zone[]> {
  return q.all<Zone>(sql`SELECT code, name, name_ru AS "nameRu", description FROM zones ORDER BY position`);
}

export async function saveMatrix(q: Queryable, matrix: unknown): Promise<void> {
  const checked = validateMatrix(matrix);
  await q.run(
    sql`INSERT INTO settings (key, value) VALUES ('priorityMatrix', ${JSON.stringify(checked)})
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
}

/**
 * The current version of profile `name` and the priority matrix it uses (its own, or the default
 * one of the settings), in one statement: what `hd open` needs to decide the priority.
 */
export async function profileForOpening(
  q: Queryable,
  name: string,
): Promise<{ profile: RuleProfile; matrix: PriorityMatrix }> {
  const row = await q.get<ProfileRow & { matrix: string | null }>(
    sql`SELECT id, name, version, definition, (SELECT value FROM settings WHERE key = 'priorityMatrix') AS matrix
        FROM rule_profiles WHERE name = ${name} ORDER BY version DESC LIMIT 1`,
  );
  if (!row) return { profile: await currentProfile(q, name), matrix: await defaultMatrix(q) };
  const { matrix, ...rest } = row;
  const profile = toProfile(rest);
  if (profile.matrix) return { profile, matrix: profile.matrix };
  if (matrix === null) throw new NotFoundError(t('store.err.noMatrix'));
  return { profile, matrix: JSON.parse(matrix) as PriorityMatrix };
}

export async function defaultMatrix(q: Queryable): Promise<PriorityMatrix> {
  const row = await q.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = 'priorityMatrix'`);
  if (!row) throw new NotFoundError(t('store.err.noMatrix'));
  return JSON.parse(row.value) as PriorityMatrix;
}

/** A row when the reference data is loaded (the PostgreSQL store also asks it while opening). */
export const INITIALISED_SQL = sql`SELECT 1 AS one FROM settings WHERE key = 'priorityMatrix'`;

export async function isInitialised(q: Queryable): Promise<boolean> {
  return (await q.get(INITIALISED_SQL)) !== undefined;
}

/** No ticket and no client: a database just created (or HD_DB pointing at the wrong place). */
export async function isEmptyDatabase(q: Queryable): Promise<boolean> {
  const row = await q.get(sql`SELECT 1 AS x FROM tickets UNION ALL SELECT 1 AS x FROM clients LIMIT 1`);
  return row === undefined;
}

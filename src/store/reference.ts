import { validateMatrix } from '../domain/priority.ts';
import { parseProfile } from '../domain/profile.ts';
import type { PriorityMatrix, RuleProfile, Zone } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Store } from './sqlite/db.ts';

interface ProfileRow {
  id: number;
  name: string;
  version: number;
  definition: string;
}

const toProfile = (row: ProfileRow): RuleProfile =>
  parseProfile(JSON.parse(row.definition), row.id, row.version, true);

/**
 * Saves a profile definition. An unchanged definition keeps its version; a changed one becomes a
 * new version, so tickets opened under the old one keep the targets they were promised.
 */
export async function saveProfile(
  store: Store,
  definition: unknown,
  now: number,
): Promise<{ profile: RuleProfile; created: boolean }> {
  const parsed = parseProfile(definition);
  const text = JSON.stringify(definition);
  return store.write(() => {
    const latest = store.db
      .prepare(
        'SELECT id, name, version, definition FROM rule_profiles WHERE name = ? ORDER BY version DESC LIMIT 1',
      )
      .get(parsed.name) as ProfileRow | undefined;
    if (latest && latest.definition === text) return { profile: toProfile(latest), created: false };
    const row = store.db
      .prepare(
        'INSERT INTO rule_profiles (name, version, definition, created_at) VALUES (?, ?, ?, ?) RETURNING id, name, version, definition',
      )
      .get(parsed.name, (latest?.version ?? 0) + 1, text, now) as ProfileRow;
    return { profile: toProfile(row), created: true };
  });
}

export async function currentProfile(store: Store, name: string): Promise<RuleProfile> {
  const row = store.db
    .prepare(
      'SELECT id, name, version, definition FROM rule_profiles WHERE name = ? ORDER BY version DESC LIMIT 1',
    )
    .get(name) as ProfileRow | undefined;
  if (!row) {
    const names = (await listProfiles(store)).map((p) => p.name).join(', ');
    throw new NotFoundError(
      `No rule profile named "${name}". Known profiles: ${names || 'none (run hd init)'}.`,
    );
  }
  return toProfile(row);
}

export async function profileById(store: Store, id: number): Promise<RuleProfile> {
  const row = store.db
    .prepare('SELECT id, name, version, definition FROM rule_profiles WHERE id = ?')
    .get(id) as ProfileRow | undefined;
  if (!row) throw new NotFoundError(`No rule profile with id ${id}.`);
  return toProfile(row);
}

/** The newest version of every profile. */
export async function listProfiles(store: Store): Promise<RuleProfile[]> {
  const rows = store.db
    .prepare(
      `SELECT p.id, p.name, p.version, p.definition FROM rule_profiles p
       WHERE p.version = (SELECT MAX(version) FROM rule_profiles q WHERE q.name = p.name) ORDER BY p.name`,
    )
    .all() as ProfileRow[];
  return rows.map(toProfile);
}

export async function profileVersions(store: Store, name: string): Promise<RuleProfile[]> {
  const rows = store.db
    .prepare('SELECT id, name, version, definition FROM rule_profiles WHERE name = ? ORDER BY version')
    .all(name) as ProfileRow[];
  return rows.map(toProfile);
}

export async function saveZones(store: Store, zones: Zone[]): Promise<void> {
  await store.write(() => {
    const upsert = store.db.prepare(
      `INSERT INTO zones (code, name, name_ru, description, position) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_ru = excluded.name_ru,
         description = excluded.description, position = excluded.position`,
    );
    zones.forEach((z, i) => {
      upsert.run(z.code, z.name, z.nameRu, z.description, i);
    });
  });
}

export async function listZones(store: Store): Promise<Zone[]> {
  return store.db
    .prepare('SELECT code, name, name_ru AS nameRu, description FROM zones ORDER BY position')
    .all() as Zone[];
}

export async function saveMatrix(store: Store, matrix: unknown): Promise<void> {
  const checked = validateMatrix(matrix);
  await store.write(() => {
    store.db
      .prepare(
        `INSERT INTO settings (key, value) VALUES ('priorityMatrix', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(checked));
  });
}

export async function defaultMatrix(store: Store): Promise<PriorityMatrix> {
  const row = store.db.prepare("SELECT value FROM settings WHERE key = 'priorityMatrix'").get() as
    | { value: string }
    | undefined;
  if (!row) throw new NotFoundError('The priority matrix is not loaded. Run hd init.');
  return JSON.parse(row.value) as PriorityMatrix;
}

export async function isInitialised(store: Store): Promise<boolean> {
  return store.db.prepare("SELECT 1 FROM settings WHERE key = 'priorityMatrix'").get() !== undefined;
}

// First use of a database: load the shipped reference data (rule profiles, priority matrix,
// zones). Kept small: every command runs it on start-up.

import { existsSync } from 'node:fs';
import type { Output } from './context.ts';
import { matrixData, profilesData, zonesData } from './data.ts';
import { UsageError } from './errors.ts';
import { t } from './i18n.ts';
import type { Store, Tx } from './store/port.ts';
import { isInitialised, saveMatrix, saveProfile, saveZones } from './store/reference.ts';
import { exposedFiles } from './store/sqlite/files.ts';

export interface InitReport {
  profilesCreated: string[];
  zones: number;
}

/** Loads (or refreshes) the reference data. Profiles get a new version only when they changed. */
export async function loadReference(store: Store, now: number): Promise<InitReport> {
  return store.tx((q) => loadReferenceIn(q, now));
}

async function loadReferenceIn(q: Tx, now: number): Promise<InitReport> {
  const profilesCreated: string[] = [];
  for (const definition of profilesData()) {
    const { profile, created } = await saveProfile(q, definition, now);
    if (created) profilesCreated.push(`${profile.name} v${profile.version}`);
  }
  const zones = zonesData();
  await saveZones(q, zones);
  await saveMatrix(q, matrixData().matrix);
  return { profilesCreated, zones: zones.length };
}

/** Any command on a database that was never initialised initialises it first. */
export async function ensureInitialised(store: Store, now: number): Promise<void> {
  if (await isInitialised(store)) return;
  await store.tx(async (q) => {
    if (!(await isInitialised(q))) await loadReferenceIn(q, now);
  });
}

export interface OpenStoreOptions {
  stderr: Output;
  env: NodeJS.ProcessEnv;
  now: number;
  /** For hd serve: on PostgreSQL a larger pool whose statements run side by side. */
  server?: boolean;
}

/** Connections of hd serve's pool on PostgreSQL (per worker): one per request in flight, about. */
const SERVER_CONNECTIONS = 10;

const isCentral = (path: string) => /^postgres(ql)?:\/\//i.test(path);

/**
 * The store through the user's hd agent for this database, when one runs: warm connections, no
 * driver to load. `warn` hears why a running agent is not used.
 */
async function userAgent(path: string, env: NodeJS.ProcessEnv, warn?: (line: string) => void) {
  const { connectAgent } = await import('./store/agent/client.ts');
  const { postgresSettings } = await import('./store/postgres/settings.ts');
  return connectAgent(postgresSettings(path, env), env, warn ? { warn } : {});
}

/** The store a command uses: opened (path checked, migrated), permissions reported, initialised. */
export async function openStore(path: string, o: OpenStoreOptions): Promise<Store> {
  // postgress://… or mysql://… is a mistyped or foreign URL, not a file to create.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(path)?.[1];
  if (scheme && !/^postgres(ql)?$/i.test(scheme))
    throw new UsageError(t('store.err.scheme', { path: path.replace(/:[^:@/]*@/, ':***@'), scheme }));
  // A postgres:// URL names the central database; the module (and the driver) load only then.
  if (isCentral(path)) {
    if (!o.server) {
      const agent = await userAgent(path, o.env, (line) => o.stderr.write(`${line}\n`));
      if (agent) return agent;
    }
    const { openPostgres } = await import('./store/postgres/index.ts');
    const store = await openPostgres(
      path,
      o.env,
      o.server ? { maxConnections: SERVER_CONNECTIONS, concurrent: true } : {},
    );
    try {
      // Opening asked already, in the statement that checks the schema version.
      if (!store.initialised) await ensureInitialised(store, o.now);
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
    return store;
  }
  // The SQLite driver, its adapter and its migrations load only for an SQLite database.
  const { openDatabase } = await import('./store/sqlite/db.ts');
  const store = openDatabase(path, undefined, { busyTimeoutMs: busyTimeout(o.env) });
  warnIfExposed(path, o.stderr);
  await ensureInitialised(store, o.now);
  return store;
}

/**
 * For tab completion: the database only if it is there with hd's schema and reference data, and
 * nothing created, migrated or loaded otherwise (undefined then). An empty central database that
 * is about to be restored into must stay empty whatever is typed.
 */
export async function openExisting(path: string, o: OpenStoreOptions): Promise<Store | undefined> {
  if (!isCentral(path)) return existsSync(path) ? openStore(path, o) : undefined;
  const agent = await userAgent(path, o.env);
  if (agent) return agent;
  const { openPostgres } = await import('./store/postgres/index.ts');
  const store = await openPostgres(path, o.env, { create: false });
  if (store.initialised) return store;
  await store.close();
  return undefined;
}

/** `HD_BUSY_TIMEOUT_MS`: how long to wait for another process's write lock (default 15 s). */
export function busyTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.HD_BUSY_TIMEOUT_MS;
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,7}$/.test(text)) {
    throw new UsageError(t('env.err.busyTimeout', { value: text }));
  }
  return Number(text);
}

let warned = false;

/** Once per run: the database or a backup beside it can be read by group or others. */
export function warnIfExposed(path: string, stderr: Output): void {
  if (warned) return;
  const files = exposedFiles(path);
  if (files.length === 0) return;
  warned = true;
  const quote = (p: string) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replaceAll("'", "'\\''")}'`);
  const list = files
    .map((f) => t('db.warn.mode', { path: f.path, mode: `0${f.mode.toString(8)}` }))
    .join(', ');
  stderr.write(`${t('db.warn.exposed', { list, files: files.map((f) => quote(f.path)).join(' ') })}\n`);
}

/** For tests: the next run may warn again. */
export function resetExposureWarning(): void {
  warned = false;
}

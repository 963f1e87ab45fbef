// First use of a database: load the shipped reference data (rule profiles, priority matrix,
// zones). Kept small: every command runs it on start-up.
import { matrixData, profilesData, zonesData } from './data.ts';
import type { Store } from './store/db.ts';
import { isInitialised, saveMatrix, saveProfile, saveZones } from './store/reference.ts';

export interface InitReport {
  profilesCreated: string[];
  zones: number;
}

/** Loads (or refreshes) the reference data. Profiles get a new version only when they changed. */
export async function loadReference(store: Store, now: number): Promise<InitReport> {
  return store.write(async () => {
    const profilesCreated: string[] = [];
    for (const definition of profilesData()) {
      const { profile, created } = await saveProfile(store, definition, now);
      if (created) profilesCreated.push(`${profile.name} v${profile.version}`);
    }
    const zones = zonesData();
    await saveZones(store, zones);
    await saveMatrix(store, matrixData().matrix);
    return { profilesCreated, zones: zones.length };
  });
}

/** Any command on a database that was never initialised initialises it first. */
export async function ensureInitialised(store: Store, now: number): Promise<void> {
  if (await isInitialised(store)) return;
  await store.write(async () => {
    if (!(await isInitialised(store))) await loadReference(store, now);
  });
}

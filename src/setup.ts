// First use of a database: load the shipped reference data (rule profiles, priority matrix,
// zones); `hd init --demo` adds the demo clients, engineers and spares.
import { demoData, matrixData, profilesData, zonesData } from './data.ts';
import { normalizePhone } from './domain/contact.ts';
import type { PreferredChannel } from './domain/types.ts';
import { addClient, addContact, addService } from './store/clients.ts';
import type { Store } from './store/db.ts';
import { addEngineer } from './store/field.ts';
import { isInitialised, saveMatrix, saveProfile, saveZones } from './store/reference.ts';
import { createSpare, findSpare, move } from './store/spares.ts';

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

export interface DemoReport {
  clients: number;
  contacts: number;
  services: number;
  engineers: number;
  spares: number;
  skipped: number;
}

/** Loads the demo clients; clients whose contract number already exists are left as they are. */
export async function loadDemo(store: Store, now: number): Promise<DemoReport> {
  const demo = demoData();
  return store.write(async () => {
    const report: DemoReport = { clients: 0, contacts: 0, services: 0, engineers: 0, spares: 0, skipped: 0 };
    const exists = store.db.prepare('SELECT 1 FROM clients WHERE contract_no = ?');
    for (const c of demo.clients) {
      if (exists.get(c.contractNo)) {
        report.skipped++;
        continue;
      }
      const client = await addClient(
        store,
        {
          name: c.name,
          contractNo: c.contractNo,
          profile: c.profile,
          language: c.language,
          timezone: 'Europe/Minsk',
        },
        now,
      );
      report.clients++;
      for (const k of c.contacts) {
        await addContact(
          store,
          client.id,
          {
            name: k.name,
            phone: k.phone ? normalizePhone(k.phone) : null,
            email: k.email,
            preferredChannel: k.preferredChannel as PreferredChannel,
          },
          now,
        );
        report.contacts++;
      }
      for (const s of c.services) {
        await addService(store, client.id, s, now);
        report.services++;
      }
    }
    const engineerExists = store.db.prepare('SELECT 1 FROM engineers WHERE name = ?');
    for (const e of demo.engineers) {
      if (engineerExists.get(e.name)) continue;
      await addEngineer(store, { ...e, phone: normalizePhone(e.phone) }, now);
      report.engineers++;
    }
    for (const s of demo.spares) {
      if (await findSpare(store, s.sku, s.depot)) continue;
      const spare = await createSpare(store, s);
      await move(store, spare, 'receive', s.quantity, 0, { at: now, actor: 'demo', reason: 'demo stock' });
      report.spares++;
    }
    return report;
  });
}

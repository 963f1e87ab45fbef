// `hd init --demo`: fictitious clients, engineers and spares for training and trying hd out.
import { demoData } from './data.ts';
import { normalizePhone } from './domain/contact.ts';
import type { PreferredChannel } from './domain/types.ts';
import { addClient, addContact, addService } from './store/clients.ts';
import { addEngineer } from './store/field.ts';
import { createSpare, findSpare, move } from './store/spares.ts';
import type { Store } from './store/sqlite/db.ts';

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
            phone: k.phone ? await normalizePhone(k.phone) : null,
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
      await addEngineer(store, { ...e, phone: await normalizePhone(e.phone) }, now);
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

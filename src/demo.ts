// `hd init --demo`: fictitious clients, engineers and spares for training and trying hd out.
import { demoData } from './data.ts';
import { normalizePhone } from './domain/contact.ts';
import { parseElements } from './domain/outage.ts';
import type { PreferredChannel } from './domain/types.ts';
import { addClient, addContact, addService, hasContract, setServiceElements } from './store/clients.ts';
import { addEngineer, hasEngineer } from './store/field.ts';
import type { Store } from './store/port.ts';
import { createSpare, findSpare, move } from './store/spares.ts';

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
  return store.tx(async (q) => {
    const report: DemoReport = { clients: 0, contacts: 0, services: 0, engineers: 0, spares: 0, skipped: 0 };
    for (const c of demo.clients) {
      if (await hasContract(q, c.contractNo)) {
        report.skipped++;
        continue;
      }
      const client = await addClient(
        q,
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
          q,
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
      for (const { elements, ...s } of c.services) {
        const service = await addService(q, client.id, s, now);
        if (elements) await setServiceElements(q, service.id, parseElements(elements, 'demo.json'));
        report.services++;
      }
    }
    for (const e of demo.engineers) {
      if (await hasEngineer(q, e.name)) continue;
      await addEngineer(q, { ...e, phone: await normalizePhone(e.phone) }, now);
      report.engineers++;
    }
    for (const s of demo.spares) {
      if (await findSpare(q, s.sku, s.depot)) continue;
      const spare = await createSpare(q, s);
      await move(q, spare, 'receive', s.quantity, 0, { at: now, actor: 'demo', reason: 'demo stock' });
      report.spares++;
    }
    return report;
  });
}

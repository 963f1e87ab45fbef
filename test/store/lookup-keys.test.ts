import { describe, expect, it } from 'vitest';
import { addClient, findClients } from '../../src/store/clients.ts';
import { getEngineer } from '../../src/store/field.ts';
import { openDatabase, type SqliteStore as Store, schemaVersion } from '../../src/store/sqlite/db.ts';
import { migrations } from '../../src/store/sqlite/migrations/index.ts';
import { tempDbPath } from '../helpers/context.ts';

const KEYS = migrations.findIndex((m) => m.name === 'lookup keys') + 1;

/** A database as the hd before lookup keys left it, with clients written in several scripts. */
function databaseBeforeKeys(): string {
  const path = tempDbPath();
  const old = openDatabase(path, migrations.slice(0, KEYS - 1));
  expect(schemaVersion(old.db)).toBe(KEYS - 1);
  const client = old.db.prepare(
    `INSERT INTO clients (name, contract_no, profile, language, timezone, created_at)
     VALUES (?, ?, 'standard-24x7', 'ru', 'Europe/Minsk', 0) RETURNING id`,
  );
  const contact = old.db.prepare(
    `INSERT INTO contacts (client_id, name, phone, email, preferred_channel, created_at) VALUES (?, ?, NULL, NULL, 'phone', 0)`,
  );
  const service = old.db.prepare(
    `INSERT INTO services (client_id, service_id, kind, address, cpe_model, created_at) VALUES (?, ?, 'IP VPN', 'Minsk', NULL, 0)`,
  );
  const dairy = (client.get('Минский молочный завод', 'Д-2025-0042') as { id: number }).id;
  contact.run(dairy, 'Иванов Сергей');
  service.run(dairy, 'МСК-ИНТ-00077');
  const cafe = (client.get('Café Lido Network', 'C-2024-0760') as { id: number }).id;
  contact.run(cafe, 'Pavel Rudak');
  service.run(cafe, 'MSK-BB-10442');
  old.db
    .prepare(
      `INSERT INTO engineers (name, phone, email, depot, region, skills, on_duty, created_at)
       VALUES ('Иванов Пётр', NULL, NULL, 'minsk-central', 'minsk', '[]', 1, 0)`,
    )
    .run();
  old.close();
  return path;
}

const names = async (store: Store, typed: string) =>
  (await findClients(store, typed, null)).map((m) => m.client.name);

describe(`migration ${KEYS}: lookup keys`, () => {
  it('fills the keys of the rows already there, so they are found by folded text', async () => {
    const store = openDatabase(databaseBeforeKeys());
    expect(schemaVersion(store.db)).toBe(migrations.length);
    expect(store.db.prepare('SELECT name_key, contract_key FROM clients ORDER BY id').all()).toEqual([
      { name_key: 'минский молочный завод', contract_key: 'д-2025-0042' },
      { name_key: 'cafe lido network', contract_key: 'c-2024-0760' },
    ]);
    expect(store.db.prepare('SELECT name_key FROM contacts ORDER BY id').pluck().all()).toEqual([
      'иванов сергей',
      'pavel rudak',
    ]);
    expect(store.db.prepare('SELECT service_key FROM services ORDER BY id').pluck().all()).toEqual([
      'мск-инт-00077',
      'msk-bb-10442',
    ]);
    expect(store.db.prepare('SELECT name_key FROM engineers').pluck().get()).toBe('иванов петр');

    for (const typed of ['минский', 'МИНСКИЙ', 'д-2025-0042', 'д-2025', 'мск-инт-00077', 'иванов']) {
      expect(await names(store, typed), typed).toEqual(['Минский молочный завод']);
    }
    for (const typed of ['cafe', 'CAFÉ LIDO', 'c-2024-0760', 'msk-bb-10442', 'rudak']) {
      expect(await names(store, typed), typed).toEqual(['Café Lido Network']);
    }
    expect((await getEngineer(store, 'иванов петр')).name).toBe('Иванов Пётр');
    expect((await getEngineer(store, 'ИВАНОВ')).name).toBe('Иванов Пётр');
    store.close();
  });

  it('new rows get their keys from the store', async () => {
    const store = openDatabase(':memory:');
    await addClient(
      store,
      {
        name: 'Гродно Азот',
        contractNo: 'Г-2026-1',
        profile: 'standard-24x7',
        language: 'ru',
        timezone: 'Europe/Minsk',
      },
      0,
    );
    expect(store.db.prepare('SELECT name_key, contract_key FROM clients').get()).toEqual({
      name_key: 'гродно азот',
      contract_key: 'г-2026-1',
    });
    expect(await names(store, 'АЗОТ')).toEqual(['Гродно Азот']);
  });

  it('exact identifiers are found through their indexes', async () => {
    const store = openDatabase(databaseBeforeKeys());
    const seen: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof store.db.prepare;
    await findClients(store, 'Д-2025-0042', null);
    await getEngineer(store, 'Иванов Пётр');
    store.db.prepare = prepare;
    const plans = seen.map((sql) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    );
    expect(plans).toEqual([
      expect.stringContaining('USING INDEX clients_by_contract_key'),
      expect.stringMatching(/SEARCH s USING (COVERING )?INDEX services_by_service_key/),
      expect.stringContaining('USING INDEX engineers_by_name_key'),
    ]);
    for (const plan of plans) expect(plan).not.toMatch(/\bSCAN\b/);
    store.close();
  });
});

// The PostgreSQL schema: migrating (empty, concurrent, newer, foreign databases), the append-only
// rules, the SLA index scopes against the deadline table, search in Russian and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINES, sqlIndex } from '../../src/domain/deadlines.ts';
import { sql, UniqueViolation } from '../../src/store/port.ts';
import {
  MIGRATION_LOCK,
  NotHdPostgresError,
  openPostgres,
  PostgresSchemaInconsistentError,
  type PostgresStore,
  PostgresTooNewError,
  postgresMigrations,
} from '../../src/store/postgres/index.ts';
import { connect, freshDatabase, TEST_ENV } from '../helpers/postgres.ts';

const T0 = Date.parse('2026-11-26T09:00:00.123Z');
/** The version after the last one this hd knows. */
const NEWER = postgresMigrations.length + 1;

describe('migrating', () => {
  it('initialises an empty database and records the schema version', async () => {
    const url = await freshDatabase();
    const store = await openPostgres(url, TEST_ENV, { now: () => T0 });
    expect(await store.all(sql`SELECT version, name, applied_at FROM schema_version`)).toEqual([
      { version: 1, name: 'initial', applied_at: T0 },
      { version: 2, name: 'mass outages', applied_at: T0 },
      { version: 3, name: 'gapless ticket numbers', applied_at: T0 },
      { version: 4, name: 'api tokens', applied_at: T0 },
      { version: 5, name: 'event hub', applied_at: T0 },
      { version: 6, name: 'open tickets by service', applied_at: T0 },
      { version: 7, name: 'imported tickets', applied_at: T0 },
      { version: 8, name: 'reusable token names', applied_at: T0 },
    ]);
    const tables = await store.all<{ t: string }>(
      sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
    );
    expect(tables.map((r) => r.t)).toEqual([
      'api_tokens',
      'clients',
      'contacts',
      'dispatch_spares',
      'dispatches',
      'engineers',
      'events',
      'faulty_units',
      'hub_deliveries',
      'hub_listeners',
      'imported_tickets',
      'outage_elements',
      'outage_events',
      'outage_services',
      'outages',
      'outbox',
      'rule_profiles',
      'schema_version',
      'search_index',
      'service_elements',
      'services',
      'settings',
      'spare_movements',
      'spares',
      'ticket_numbers',
      'tickets',
      'zones',
    ]);
    await store.close();
    // Opening again changes nothing.
    const again = await openPostgres(url, TEST_ENV, { now: () => T0 + 1 });
    expect(await again.all(sql`SELECT version, applied_at FROM schema_version`)).toEqual(
      postgresMigrations.map((m) => ({ version: m.version, applied_at: T0 })),
    );
    await again.close();
  });

  it('a migrator waits for another one holding the lock, and several at once migrate once', async () => {
    const url = await freshDatabase();
    const holder = await connect(url);
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    let opened = false;
    const waiting = openPostgres(url, TEST_ENV).then((s) => {
      opened = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(opened).toBe(false);
    await holder.query('ROLLBACK');
    await holder.end();
    const stores = [
      await waiting,
      ...(await Promise.all([1, 2, 3, 4].map(() => openPostgres(url, TEST_ENV)))),
    ];
    expect(await stores[0]!.all(sql`SELECT version FROM schema_version`)).toEqual(
      postgresMigrations.map((m) => ({ version: m.version })),
    );
    await Promise.all(stores.map((s) => s.close()));

    const racing = await freshDatabase();
    const all = await Promise.all([1, 2, 3, 4, 5, 6].map(() => openPostgres(racing, TEST_ENV)));
    expect(await all[0]!.all(sql`SELECT version FROM schema_version`)).toEqual(
      postgresMigrations.map((m) => ({ version: m.version })),
    );
    await Promise.all(all.map((s) => s.close()));
  });

  it('refuses a database of a newer hd by its version, and changes nothing', async () => {
    const url = await freshDatabase();
    (await openPostgres(url, TEST_ENV)).close();
    const c = await connect(url);
    await c.query(`INSERT INTO schema_version VALUES (${NEWER}, 'from the future', 0)`);
    const error = await openPostgres(url, TEST_ENV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresTooNewError);
    expect((error as Error).message).toBe(
      `the central database has schema version ${NEWER}, written by a newer hd (this one knows up to ${NEWER - 1}): upgrade hd on this workstation.`,
    );
    expect((await c.query('SELECT count(*)::int AS n FROM schema_version')).rows).toEqual([{ n: NEWER }]);
    await c.end();
  });

  it('applies only the migrations a database lacks', async () => {
    const url = await freshDatabase();
    (await openPostgres(url, TEST_ENV, { migrations: postgresMigrations.slice(0, 1) })).close();
    const next = [
      ...postgresMigrations,
      { version: postgresMigrations.length + 1, name: 'probe', sql: 'CREATE TABLE probe (id INTEGER)' },
    ];
    const store = await openPostgres(url, TEST_ENV, { migrations: next });
    expect(
      (await store.all<{ version: number }>(sql`SELECT version FROM schema_version ORDER BY 1`)).map(
        (r) => r.version,
      ),
    ).toEqual(next.map((m) => m.version));
    await store.close();
  });

  it('refuses a database holding tables that are not hd, and leaves it untouched', async () => {
    const url = await freshDatabase();
    const c = await connect(url);
    await c.query('CREATE TABLE payroll (id INTEGER PRIMARY KEY, amount INTEGER)');
    await c.query('INSERT INTO payroll VALUES (1, 100)');
    const error = await openPostgres(url, TEST_ENV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotHdPostgresError);
    expect((error as Error).message).toMatch(
      /not an hd database \(it holds payroll\): hd leaves it untouched/,
    );
    expect((await c.query(`SELECT to_regclass('schema_version') AS t`)).rows).toEqual([{ t: null }]);
    expect(
      (await c.query(`SELECT count(*)::int AS n FROM pg_extension WHERE extname IN ('unaccent', 'citext')`))
        .rows,
    ).toEqual([{ n: 0 }]);
    expect((await c.query('SELECT * FROM payroll')).rows).toEqual([{ id: 1, amount: 100 }]);
    await c.end();
  });
});

describe('a damaged or foreign schema_version', () => {
  const refusal = async (url: string) => {
    const error = await openPostgres(url, TEST_ENV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  };

  it('another program’s schema_version (no version column): not an hd database, untouched', async () => {
    const url = await freshDatabase();
    const c = await connect(url);
    await c.query('CREATE TABLE schema_version (v INTEGER)');
    await c.query('INSERT INTO schema_version VALUES (7)');
    const error = await refusal(url);
    expect(error).toBeInstanceOf(NotHdPostgresError);
    expect(error.message).toMatch(
      /^the database has a table schema_version that is not hd's \(.*version.*\): it is not an hd database, and hd leaves it untouched\. Give HD_DB an empty database/,
    );
    expect((await c.query('SELECT * FROM schema_version')).rows).toEqual([{ v: 7 }]);
    expect((await c.query(`SELECT to_regclass('tickets') AS t`)).rows).toEqual([{ t: null }]);
    await c.end();
  });

  it('an hd database whose schema_version was emptied: inconsistent, named, nothing changed', async () => {
    const url = await freshDatabase();
    (await openPostgres(url, TEST_ENV)).close();
    const c = await connect(url);
    await c.query('DELETE FROM schema_version');
    const error = await refusal(url);
    expect(error).toBeInstanceOf(PostgresSchemaInconsistentError);
    expect(error.message).toMatch(
      /^the schema version of the central database is inconsistent: schema_version is empty, yet the database holds hd tables .* hd changed nothing\. Restore the database from its last backup/,
    );
    expect((await c.query('SELECT count(*)::int AS n FROM schema_version')).rows).toEqual([{ n: 0 }]);
    await c.end();
  });

  it('schema_version behind the tables it has: inconsistent, naming the version, nothing changed', async () => {
    const url = await freshDatabase();
    (await openPostgres(url, TEST_ENV)).close();
    const c = await connect(url);
    await c.query('DELETE FROM schema_version WHERE version > 1');
    const error = await refusal(url);
    expect(error).toBeInstanceOf(PostgresSchemaInconsistentError);
    expect(error.message).toMatch(
      /^the schema version of the central database is inconsistent: schema_version says 1, yet what version 2 \(mass outages\) creates is already there \(.*service_elements.*\)\. hd changed nothing/,
    );
    expect((await c.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 1 }]);
    await c.end();
  });
});

describe('the schema', () => {
  let store: PostgresStore;
  let ticket: number;

  beforeAll(async () => {
    store = await openPostgres(await freshDatabase(), TEST_ENV);
    ticket = await seedTicket(store, 'Нет связи в Минске: Café router down');
  });
  afterAll(async () => {
    await store?.close();
  });

  it('has each SLA index of the deadline table, with the scope and columns it generates', async () => {
    const indexes = await store.all<{ name: string; def: string }>(
      sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'tickets' AND indexname LIKE 'tickets_sla_%'`,
    );
    expect(indexes.map((i) => i.name).sort()).toEqual(
      DEADLINES.map((r) => `tickets_sla_${r.kind.toLowerCase()}`).sort(),
    );
    // PostgreSQL rewrites a predicate into its own form: build the generated index on a copy of
    // the table and compare the two as PostgreSQL prints them.
    await store.tx(async (q) => {
      await q.run(sql`CREATE TEMP TABLE tickets_probe (LIKE tickets) ON COMMIT DROP`);
      for (const row of DEADLINES) {
        const name = `tickets_sla_${row.kind.toLowerCase()}`;
        const generated = sqlIndex(row, 'postgres').replace(
          /^CREATE INDEX \S+ ON tickets /,
          `CREATE INDEX probe_${name} ON tickets_probe `,
        );
        expect(generated).not.toBe(sqlIndex(row, 'postgres'));
        await q.run(sql.raw(generated));
        const probe = await q.get<{ def: string }>(
          sql`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indexrelid = ${`probe_${name}`}::regclass`,
        );
        const actual = indexes.find((i) => i.name === name)!.def;
        const normal = (def: string) =>
          def
            .replace(/^CREATE INDEX \S+ ON (\S+\.)?\S+ /, 'CREATE INDEX x ON t ')
            .replace(/pg_temp_\d+\./, '');
        expect(normal(actual), row.kind).toBe(normal(probe!.def));
      }
    });
  });

  it('events are append-only: no UPDATE, DELETE, upsert, replace or TRUNCATE', async () => {
    const e = await store.get<{ id: number }>(
      sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (${ticket}, ${T0 + 1}, 'op', 'note', 'called', '{}', 'h1') RETURNING id`,
    );
    await expect(store.run(sql`UPDATE events SET text = 'changed' WHERE id = ${e!.id}`)).rejects.toThrow(
      'events are append-only: record a new event instead',
    );
    await expect(store.run(sql`DELETE FROM events WHERE id = ${e!.id}`)).rejects.toThrow(
      'events are append-only and are never deleted',
    );
    await expect(
      store.run(
        sql`INSERT INTO events (id, ticket_id, at, actor, kind, text, payload, hash) VALUES (${e!.id}, ${ticket}, ${T0 + 2}, 'op', 'note', 'x', '{}', 'h2') ON CONFLICT (id) DO UPDATE SET text = excluded.text`,
      ),
    ).rejects.toThrow('events are append-only');
    await expect(
      store.run(
        sql`INSERT INTO events (id, ticket_id, at, actor, kind, text, payload, hash) VALUES (${e!.id}, ${ticket}, ${T0 + 2}, 'op', 'note', 'x', '{}', 'h2')`,
      ),
    ).rejects.toBeInstanceOf(UniqueViolation);
    await expect(store.run(sql`TRUNCATE events CASCADE`)).rejects.toThrow(/never deleted/);
    expect(await store.get(sql`SELECT text FROM events WHERE id = ${e!.id}`)).toEqual({ text: 'called' });
  });

  it('an event needs its hash and cannot be dated before its ticket was opened', async () => {
    await expect(
      store.run(
        sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload) VALUES (${ticket}, ${T0 + 1}, 'op', 'note', 'x', '{}')`,
      ),
    ).rejects.toThrow(/events carry a hash chained to the ticket's previous event/);
    await expect(
      store.run(
        sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (${ticket}, ${T0 - 1}, 'op', 'note', 'x', '{}', 'h')`,
      ),
    ).rejects.toThrow('an event cannot be dated before its ticket was opened');
  });

  it('stock movements are append-only; stock never goes negative; SKUs ignore case', async () => {
    const spare = await store.get<{ id: number }>(
      sql`INSERT INTO spares (sku, depot, description, stock) VALUES ('SFP-10G', 'Minsk', 'optic', 2) RETURNING id`,
    );
    await expect(
      store.run(
        sql`INSERT INTO spares (sku, depot, description, stock) VALUES ('sfp-10g', 'MINSK', 'again', 1)`,
      ),
    ).rejects.toBeInstanceOf(UniqueViolation);
    expect(
      await store.get(sql`SELECT id FROM spares WHERE sku = ${'sfp-10G'} AND depot = ${'minsk'}`),
    ).toEqual({ id: spare!.id });
    const m = await store.get<{ id: number }>(
      sql`INSERT INTO spare_movements (spare_id, at, actor, kind, quantity, stock_after, reserved_after) VALUES (${spare!.id}, ${T0}, 'op', 'receive', 2, 2, 0) RETURNING id`,
    );
    await expect(store.run(sql`UPDATE spare_movements SET quantity = 5 WHERE id = ${m!.id}`)).rejects.toThrow(
      'stock movements are append-only',
    );
    await expect(store.run(sql`DELETE FROM spare_movements`)).rejects.toThrow(
      'stock movements are append-only',
    );
    await expect(
      store.run(
        sql`INSERT INTO spare_movements (id, spare_id, at, actor, kind, quantity, stock_after, reserved_after) VALUES (${m!.id}, ${spare!.id}, ${T0}, 'op', 'receive', 9, 9, 0) ON CONFLICT (id) DO UPDATE SET quantity = 9`,
      ),
    ).rejects.toThrow('stock movements are append-only');
    await expect(store.run(sql`TRUNCATE spare_movements`)).rejects.toThrow('stock movements are append-only');
    await expect(store.run(sql`UPDATE spares SET stock = stock - 3 WHERE id = ${spare!.id}`)).rejects.toThrow(
      /violates check constraint "spares_/,
    );
  });

  it('a closed or cancelled ticket is final; no ticket is deleted', async () => {
    const closed = await seedTicket(store, 'to close');
    await store.run(sql`UPDATE tickets SET status = 'closed', closed_at = ${T0 + 5} WHERE id = ${closed}`);
    await expect(
      store.run(sql`UPDATE tickets SET status = 'inProgress' WHERE id = ${closed}`),
    ).rejects.toThrow('a closed or cancelled ticket is final: open a related ticket instead');
    const cancelled = await seedTicket(store, 'to cancel');
    await store.run(sql`UPDATE tickets SET status = 'cancelled' WHERE id = ${cancelled}`);
    await expect(store.run(sql`UPDATE tickets SET summary = 'x' WHERE id = ${cancelled}`)).rejects.toThrow(
      /final/,
    );
    await expect(store.run(sql`DELETE FROM tickets WHERE id = ${ticket}`)).rejects.toThrow(
      'tickets are never deleted: cancel them instead',
    );
    // An open ticket changes as usual.
    expect(
      (await store.run(sql`UPDATE tickets SET status = 'inProgress' WHERE id = ${ticket}`)).changes,
    ).toBe(1);
  });

  it('searches Russian and English text whatever the case and accents', async () => {
    const find = async (words: string) =>
      (
        await store.all<{ ticket_id: number }>(
          sql`SELECT DISTINCT ticket_id FROM search_index WHERE document @@ plainto_tsquery('hd_search', ${words})`,
        )
      ).map((r) => r.ticket_id);
    expect(await find('минске')).toEqual([ticket]);
    expect(await find('МИНСКЕ')).toEqual([ticket]);
    expect(await find('cafe ROUTER')).toEqual([ticket]);
    expect(await find('связи')).toEqual([ticket]);
    expect(await find('москве')).toEqual([]);
    const yo = await seedTicket(store, 'Ёлка у клиента');
    expect(await find('елка')).toEqual([yo]);
    // Events are indexed too (but not the opening one), each under its kind.
    await store.run(
      sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (${yo}, ${T0 + 9}, 'op', 'note', 'replaced the Optical module', '{}', 'h')`,
    );
    expect(await find('optical')).toEqual([yo]);
    expect(await store.all(sql`SELECT source FROM search_index WHERE ticket_id = ${yo} ORDER BY id`)).toEqual(
      [{ source: 'summary' }, { source: 'description' }, { source: 'note' }],
    );
  });
});

let seq = 0;

/** A ticket with its client, contact, service and profile. */
async function seedTicket(store: PostgresStore, summary: string): Promise<number> {
  const n = ++seq;
  return store.tx(async (q) => {
    const profile = await q.get<{ id: number }>(
      sql`INSERT INTO rule_profiles (name, version, definition, created_at) VALUES (${`p${n}`}, 1, '{}', ${T0}) RETURNING id`,
    );
    const client = await q.get<{ id: number }>(
      sql`INSERT INTO clients (name, contract_no, profile, language, timezone, created_at) VALUES (${`Client ${n}`}, ${`C-${n}`}, 'standard', 'ru', 'Europe/Minsk', ${T0}) RETURNING id`,
    );
    const contact = await q.get<{ id: number }>(
      sql`INSERT INTO contacts (client_id, name, preferred_channel, created_at) VALUES (${client!.id}, 'Иван', 'phone', ${T0}) RETURNING id`,
    );
    const service = await q.get<{ id: number }>(
      sql`INSERT INTO services (client_id, service_id, kind, address, created_at) VALUES (${client!.id}, ${`S-${n}`}, 'internet', 'Минск', ${T0}) RETURNING id`,
    );
    const t = await q.get<{ id: number }>(
      sql`INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority, status, summary, description, answers, profile_id, targets, opened_at, opened_by, updated_at)
          VALUES (${client!.id}, ${contact!.id}, ${service!.id}, 'phone', 'high', 'high', 'P2', 'P2', 'acknowledged', ${summary}, 'описание', '{}', ${profile!.id}, '{}', ${T0}, 'op', ${T0}) RETURNING id`,
    );
    return t!.id;
  });
}

// The audit log from a plain SQLite connection (as the sqlite3 shell would open the file): no
// statement replaces, re-points, changes or deletes an event or a stock movement, or changes a
// closed ticket.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHAIN_START, eventHash, type StoredEvent } from '../../src/domain/audit.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { migrations } from '../../src/store/sqlite/migrations/index.ts';
import { appendEvent, storedEventsOf } from '../../src/store/tickets.ts';
import { harness, tempDbPath } from '../helpers/context.ts';
import { BANK, EVROOPT, openArgs } from '../helpers/fixtures.ts';

/** Two tickets, the first closed with a field job done (spare movements), the second open. */
async function history() {
  const path = tempDbPath();
  const h = await harness({ path, operator: 'olga' });
  const ok = async (args: string[]) => expect(await h.run(args), h.stderr()).toBe(0);
  await ok(openArgs(BANK, 'VPN down'));
  await ok(openArgs(EVROOPT, 'L2 link flapping'));
  h.setNow('2026-11-25T09:10:00Z');
  await ok(['take', '1']);
  await ok(['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'sfp-1g-lx:2']);
  h.setNow('2026-11-25T09:40:00Z');
  await ok(['dispatch', 'update', 'J-000001', 'on-site']);
  await ok(['dispatch', 'update', 'J-000001', 'done']);
  await ok([
    'resolve',
    '1',
    '--summary',
    'SFP swapped',
    '--zone',
    'cpe',
    '--no-notify',
    '--skip-reason',
    't',
  ]);
  await ok(['close', '1', '--confirmed-by', 'Andrei', '--via', 'phone', '--no-notify', '--skip-reason', 't']);
  h.store.close();
  // A plain connection: no hd, no foreign keys, recursive_triggers off (SQLite's defaults).
  const raw = new Database(path);
  expect(raw.pragma('recursive_triggers', { simple: true })).toBe(0);
  return { path, raw };
}

const snapshot = (raw: Database.Database, table: string) =>
  raw.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();

describe('from a plain SQLite connection', () => {
  it('refuses to replace, upsert, update, re-point or delete an event', async () => {
    const { raw } = await history();
    const before = snapshot(raw, 'events');
    const e = raw
      .prepare('SELECT * FROM events WHERE ticket_id = 1 ORDER BY id LIMIT 1')
      .get() as StoredEvent & {
      ticket_id: number;
    };
    const attempts = [
      [
        `INSERT OR REPLACE INTO events (id, ticket_id, at, actor, kind, text, payload, hash)
         VALUES (${e.id}, 1, ${e.at}, 'olga', 'opened', 'forged', '{}', 'x')`,
        /never replaced/,
      ],
      [
        `REPLACE INTO events (id, ticket_id, at, actor, kind, text, payload, hash)
         VALUES (${e.id}, 2, ${e.at}, 'olga', 'opened', 'forged', '{}', 'x')`,
        /never replaced/,
      ],
      [
        `INSERT INTO events (id, ticket_id, at, actor, kind, text, payload, hash)
         VALUES (${e.id}, 1, ${e.at}, 'olga', 'opened', 'forged', '{}', 'x')
         ON CONFLICT (id) DO UPDATE SET text = excluded.text, ticket_id = 2`,
        /never replaced|append-only/,
      ],
      [`UPDATE events SET ticket_id = 2 WHERE id = ${e.id}`, /append-only/],
      [`UPDATE events SET hash = NULL WHERE id = ${e.id}`, /append-only/],
      [`DELETE FROM events WHERE id = ${e.id}`, /append-only/],
      [
        "INSERT INTO events (ticket_id, at, actor, kind, text, payload) VALUES (1, 1796202000000, 'x', 'note', 'no hash', '{}')",
        /carry a hash/,
      ],
      [
        "INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (1, 1, 'x', 'note', 'too early', '{}', 'x')",
        /before its ticket was opened/,
      ],
    ] as const;
    for (const [sql, refusal] of attempts) expect(() => raw.exec(sql), sql).toThrow(refusal);
    // The UPSERT is refused even when the conflict check would come first: the UPDATE trigger.
    raw.exec('DROP TRIGGER events_no_replace');
    expect(() =>
      raw.exec(
        `INSERT INTO events (id, ticket_id, at, actor, kind, text, payload, hash)
         VALUES (${e.id}, 1, ${e.at}, 'olga', 'opened', 'forged', '{}', 'x')
         ON CONFLICT (id) DO UPDATE SET text = excluded.text`,
      ),
    ).toThrow(/append-only/);
    expect(snapshot(raw, 'events')).toEqual(before);
  });

  it('refuses to replace, upsert, update, re-point or delete a stock movement', async () => {
    const { raw } = await history();
    const before = snapshot(raw, 'spare_movements');
    const m = raw.prepare('SELECT * FROM spare_movements WHERE ticket_id = 1 ORDER BY id LIMIT 1').get() as {
      id: number;
      spare_id: number;
    };
    const values = `(${m.id}, ${m.spare_id}, 1, 'x', 'adjust', 100, 100, 0, 2, NULL, 'forged')`;
    const columns =
      '(id, spare_id, at, actor, kind, quantity, stock_after, reserved_after, ticket_id, dispatch_id, reason)';
    for (const sql of [
      `INSERT OR REPLACE INTO spare_movements ${columns} VALUES ${values}`,
      `REPLACE INTO spare_movements ${columns} VALUES ${values}`,
      `INSERT INTO spare_movements ${columns} VALUES ${values} ON CONFLICT (id) DO UPDATE SET ticket_id = 2`,
      `UPDATE spare_movements SET ticket_id = 2 WHERE id = ${m.id}`,
      `DELETE FROM spare_movements WHERE id = ${m.id}`,
    ])
      expect(() => raw.exec(sql), sql).toThrow(/append-only/);
    expect(snapshot(raw, 'spare_movements')).toEqual(before);
  });

  it("refuses to change or replace a closed ticket's row, and to replace any ticket", async () => {
    const { raw } = await history();
    const before = snapshot(raw, 'tickets');
    expect(raw.prepare('SELECT status FROM tickets WHERE id = 1').pluck().get()).toBe('closed');
    for (const sql of [
      "UPDATE tickets SET status = 'inProgress' WHERE id = 1",
      "UPDATE tickets SET assignee = 'someone' WHERE id = 1",
      'UPDATE tickets SET closed_at = closed_at + 1',
    ])
      expect(() => raw.exec(sql), sql).toThrow(/closed or cancelled ticket is final/);
    for (const id of [1, 2]) {
      for (const verb of ['INSERT OR REPLACE', 'REPLACE']) {
        const sql = `${verb} INTO tickets SELECT * FROM tickets WHERE id = ${id}`;
        expect(() => raw.exec(sql), sql).toThrow(/never replaced/);
      }
      const upsert = `INSERT INTO tickets SELECT * FROM tickets WHERE id = ${id} ON CONFLICT (id) DO UPDATE SET status = 'inProgress'`;
      expect(() => raw.exec(upsert), upsert).toThrow(/never replaced/);
    }
    expect(snapshot(raw, 'tickets')).toEqual(before);
    // An open ticket's row is still hd's to change (and hd verify's to check).
    raw.exec("UPDATE tickets SET summary = 'changed' WHERE id = 2");
  });
});

describe('the hash chain in the store', () => {
  it("chains every appended event to its ticket's previous one", async () => {
    const { raw, path } = await history();
    raw.close();
    const store = openDatabase(path);
    for (const id of [1, 2]) {
      let prev = CHAIN_START;
      for (const e of await storedEventsOf(store, id)) {
        expect(e.hash).toBe(eventHash(prev, e));
        prev = e.hash!;
      }
    }
    store.close();
  });

  it('seals events from before the chain with the first event appended after the migration', async () => {
    const path = tempDbPath();
    const h = await harness({ path });
    expect(await h.run(openArgs(BANK, 'VPN down'))).toBe(0);
    h.store.close();
    // Back to the version before the tamper-evident log, events without a hash, as an older hd left it.
    const raw = new Database(path);
    raw.exec(
      'DROP TRIGGER events_no_replace; DROP TRIGGER events_need_hash; DROP TRIGGER events_not_before_opening; DROP TRIGGER spare_movements_no_replace; DROP TRIGGER tickets_no_replace; DROP TRIGGER tickets_final; DROP TRIGGER events_no_update;',
    );
    // The migrations after it are undone too, so that they run again.
    raw.exec(
      'DROP TABLE imported_tickets; DROP INDEX tickets_open_by_service; DROP TRIGGER events_to_hub; DROP TABLE hub_deliveries; DROP TABLE hub_listeners; DROP TABLE api_tokens; DROP INDEX tickets_api_by_status; DROP INDEX tickets_by_updated; DROP INDEX tickets_by_outage; ALTER TABLE tickets DROP COLUMN outage_id; DROP TABLE outage_events; DROP TABLE outage_services; DROP TABLE outage_elements; DROP TABLE outages; DROP TABLE service_elements;',
    );
    raw.exec('UPDATE events SET hash = NULL');
    raw.exec(
      "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only: record a new event instead'); END;",
    );
    raw.exec('ALTER TABLE events DROP COLUMN hash');
    raw.pragma(`user_version = ${migrations.findIndex((m) => m.name === 'tamper-evident audit log')}`);
    raw.close();
    const store = openDatabase(path, migrations);
    expect((await storedEventsOf(store, 1)).every((e) => e.hash === null)).toBe(true);
    await store.tx((q) =>
      appendEvent(q, {
        ticketId: 1,
        at: Date.parse('2026-11-25T09:05:00Z'),
        actor: 'a',
        kind: 'note',
        text: 'n',
      }),
    );
    const events = await storedEventsOf(store, 1);
    let prev = CHAIN_START;
    for (const e of events.slice(0, -1)) prev = eventHash(prev, e);
    expect(events.at(-1)!.hash).toBe(eventHash(prev, events.at(-1)!));
    store.close();
  });
});

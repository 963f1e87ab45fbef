import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEADLINES, sqlScope } from '../../src/domain/deadlines.ts';
import { ensureInitialised } from '../../src/setup.ts';
import { servicesForIntake } from '../../src/store/outages.ts';
import { type Queryable, type Sql, sql } from '../../src/store/port.ts';
import { currentProfile, profileVersions, saveProfile } from '../../src/store/reference.ts';
import { openDatabase, schemaVersion } from '../../src/store/sqlite/db.ts';
import { migrations } from '../../src/store/sqlite/migrations/index.ts';
import { breachListSql } from '../../src/store/sqlite/queries.ts';
import { appendEvent, listTickets, STREAM_ABOVE, streamTickets } from '../../src/store/tickets.ts';
import { harness, tempDbPath } from '../helpers/context.ts';
import { BANK, EVROOPT, openArgs } from '../helpers/fixtures.ts';

describe('opening and migrating', () => {
  it('creates the file 0600 in a 0700 folder, WAL, at the latest version', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hd-store-')), 'nested', 'hd');
    const path = join(dir, 'hd.db');
    const store = openDatabase(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(store.db)).toBe(migrations.length);
    store.close();
  });

  it('migrates to exactly version N and then onwards', () => {
    const path = tempDbPath();
    const first = openDatabase(path, migrations.slice(0, 1));
    expect(schemaVersion(first.db)).toBe(1);
    first.close();
    const all = openDatabase(path);
    expect(schemaVersion(all.db)).toBe(migrations.length);
    all.close();
  });

  it('refuses a database written by a newer hd, by name', () => {
    const path = tempDbPath();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(
      /schema version \d+, but this hd knows only up to \d+\. Upgrade hd/,
    );
  });

  it('says where and how to fix an uncreatable path', () => {
    const parent = mkdtempSync(join(tmpdir(), 'hd-ro-'));
    mkdirSync(join(parent, 'locked'));
    chmodSync(join(parent, 'locked'), 0o500);
    const path = join(parent, 'locked', 'sub', 'hd.db');
    if (process.getuid?.() === 0) {
      // root ignores folder modes; a file in place of the folder fails for everyone.
      expect(() => openDatabase('/dev/null/hd/hd.db')).toThrow(
        /Cannot create the database at \/dev\/null\/hd\/hd\.db \(\/dev\/null is a character device, not a folder\)\. Choose a writable place with --db PATH or HD_DB=PATH\./,
      );
    } else {
      expect(() => openDatabase(path)).toThrow(
        /Cannot create the folder .*locked\/sub for the database \(the folder is not writable by you\)\. .*--db PATH or HD_DB/,
      );
    }
  });

  it('rolls back a failed write completely', async () => {
    const store = openDatabase(':memory:');
    await ensureInitialised(store, 0);
    const before = store.db.prepare('SELECT COUNT(*) n FROM zones').get();
    await expect(
      store.tx(async (q) => {
        await q.run(sql`INSERT INTO zones VALUES ('x', 'x', 'x', 'x', 99)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.db.prepare('SELECT COUNT(*) n FROM zones').get()).toEqual(before);
  });
});

describe('profiles are versioned', () => {
  it('an unchanged profile keeps its version; a changed one gets a new version', async () => {
    const store = openDatabase(':memory:');
    await ensureInitialised(store, 0);
    const v1 = await currentProfile(store, 'standard-24x7');
    const definition = JSON.parse(
      store.db.prepare('SELECT definition FROM rule_profiles WHERE id = ?').pluck().get(v1.id) as string,
    );
    expect((await store.tx((q) => saveProfile(q, definition, 1))).created).toBe(false);
    definition.targets.P1.restore = '3h';
    const { profile, created } = await store.tx((q) => saveProfile(q, definition, 2));
    expect(created).toBe(true);
    expect(profile.version).toBe(2);
    expect(
      (await profileVersions(store, 'standard-24x7')).map((p) => p.targets.P1.restore / 3_600_000),
    ).toEqual([4, 3]);
  });
});

describe('events are append-only', () => {
  it('refuses UPDATE and DELETE, also through plain SQL', async () => {
    const h = await harness();
    await h.run(openArgs(BANK, 'VPN down'));
    expect(() => h.store.db.prepare("UPDATE events SET text = 'forged'").run()).toThrow(/append-only/);
    expect(() => h.store.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => h.store.db.prepare('DELETE FROM tickets').run()).toThrow(/never deleted/);
    const before = h.store.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    await h.store.tx((q) =>
      appendEvent(q, {
        ticketId: 1,
        at: Date.parse('2026-11-25T09:01:00Z'),
        actor: 'a',
        kind: 'note',
        text: 'still fine',
      }),
    );
    expect(h.store.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(before + 1);
  });
});

describe('queries use indexes', () => {
  const plan = (store: ReturnType<typeof openDatabase>, sql: string, ...params: unknown[]) =>
    (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  it('open tickets by priority use the partial index, without a sort or scan', () => {
    const store = openDatabase(':memory:');
    const detail = plan(
      store,
      "SELECT t.id FROM tickets t JOIN clients c ON c.id = t.client_id WHERE t.status NOT IN ('closed', 'cancelled') ORDER BY t.priority, t.restore_due, t.id LIMIT 50",
    );
    expect(detail).toMatch(/tickets_open_by_priority/);
    expect(detail).not.toMatch(/SCAN t(?! USING)/);
  });

  it("intake reads each service's open ticket from the open-by-service index, not the client's every open ticket", async () => {
    const store = openDatabase(':memory:');
    const seen: Sql[] = [];
    const all = async (s: Sql) => {
      seen.push(s);
      return [];
    };
    const spy = { engine: 'sqlite', all } as unknown as Queryable;
    await servicesForIntake(spy, 7);
    const { text, values } = seen[0]!.render('sqlite');
    const detail = plan(store, text, ...values);
    expect(detail).toMatch(/SEARCH x USING (COVERING )?INDEX tickets_open_by_service \(service_id=\?\)/);
    expect(detail).not.toMatch(/tickets_open_by_client/);
  });

  it('a client filter and the timeline use their indexes', () => {
    const store = openDatabase(':memory:');
    expect(plan(store, 'SELECT id FROM tickets WHERE client_id = ? ORDER BY opened_at DESC', 1)).toMatch(
      /tickets_by_client/,
    );
    expect(plan(store, 'SELECT * FROM events WHERE ticket_id = ? ORDER BY id', 1)).toMatch(
      /events_by_ticket/,
    );
  });

  it('every SLA deadline query reads its own partial index', () => {
    const store = openDatabase(':memory:');
    for (const row of DEADLINES) {
      const detail = plan(store, `SELECT id FROM tickets WHERE ${sqlScope(row)} AND ${row.dueColumn} < ?`, 0);
      expect(detail).toMatch(new RegExp(`USING (COVERING )?INDEX tickets_sla_${row.kind} `));
    }
    expect(
      plan(
        store,
        'SELECT id FROM tickets WHERE resolved_at IS NOT NULL AND resolved_at >= ? AND resolved_at < ?',
        0,
        1,
      ),
    ).toContain('tickets_by_resolved');
  });

  it('breach listings read each deadline from its covering index alone, filters included', () => {
    const store = openDatabase(':memory:');
    for (const filter of [
      {},
      { priorities: ['P1' as const, 'P2' as const], clientId: 3, assignee: 'ivan' },
    ]) {
      const [sql, params] = breachListSql({ now: 1, until: 2, limit: 50 }, filter);
      const detail = plan(store, sql, params);
      for (const { kind } of DEADLINES) {
        expect(detail).toContain(`SEARCH tickets USING COVERING INDEX tickets_sla_${kind} `);
      }
      expect(detail).toContain('SEARCH c USING INTEGER PRIMARY KEY');
      expect(detail).not.toMatch(/SCAN (tickets|c)\b/);
    }
  });

  it('listTickets returns open tickets most urgent first', async () => {
    const h = await harness();
    const open = (priority: string, summary: string) =>
      h.run([
        ...openArgs(EVROOPT, summary, { impact: 'degraded', urgency: 'medium', symptom: 'slow' }),
        '--priority',
        priority,
        '--priority-reason',
        'test',
      ]);
    await open('P3', 'third');
    await open('P1', 'first');
    await open('P2', 'second');
    const rows = await listTickets(h.store, { openOnly: true, limit: 10 });
    expect(rows.map((t) => t.summary)).toEqual(['first', 'second', 'third']);
  });

  it('streamTickets reads a long listing one row at a time, a short one in one statement', async () => {
    const h = await harness();
    for (const summary of ['one', 'two', 'three']) await h.run(openArgs(EVROOPT, summary));
    const used: string[] = [];
    const seen =
      <A, R>(name: string, fn: (a: A) => R) =>
      (a: A): R => {
        used.push(name);
        return fn(a);
      };
    const spy: Queryable = {
      engine: h.store.engine,
      all: seen('all', (s) => h.store.all(s)),
      get: seen('get', (s) => h.store.get(s)),
      run: seen('run', (s) => h.store.run(s)),
      iterate: seen('iterate', (s) => h.store.iterate(s)),
    };
    const summaries = async (limit: number) => {
      used.length = 0;
      const out: string[] = [];
      for await (const t of streamTickets(spy, { openOnly: false, limit })) out.push(t.summary);
      return out;
    };
    const newestFirst = ['three', 'two', 'one'];
    expect(await summaries(-1)).toEqual(newestFirst);
    expect(used).toEqual(['iterate']);
    expect(await summaries(STREAM_ABOVE + 1)).toEqual(newestFirst);
    expect(used).toEqual(['iterate']);
    expect(await summaries(2)).toEqual(newestFirst.slice(0, 2));
    expect(used).toEqual(['all']);
    expect((await listTickets(h.store, { openOnly: false, limit: -1 })).map((t) => t.summary)).toEqual(
      newestFirst,
    );
  });
});

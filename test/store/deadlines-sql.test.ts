// The deadline table is the one definition: the SQL that finds breaches (generated from it) and
// the TypeScript predicate the views use must agree on any ticket at any moment, and the SLA
// indexes in the database (frozen migration SQL) must be exactly the ones the table generates.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  breachedViews,
  DEADLINE_KINDS,
  DEADLINES,
  type DeadlineKind,
  sqlIndex,
} from '../../src/domain/deadlines.ts';
import { PRIORITIES, STATUSES, TELL_KINDS } from '../../src/domain/types.ts';
import { breachCounts, streamBreaches } from '../../src/store/sla.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { migrations } from '../../src/store/sqlite/migrations/index.ts';
import { listTickets } from '../../src/store/tickets.ts';
import { harness } from '../helpers/context.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, '../../src/store/sqlite/migrations');

describe('migrations are frozen literal SQL', () => {
  it('no migration imports running code', () => {
    for (const file of readdirSync(MIGRATIONS_DIR)) {
      if (!/^\d{3}_.*\.ts$/.test(file)) continue;
      const text = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*import\b/m);
      expect(text, file).not.toContain('${');
    }
  });

  it('migrations 1–8 are byte-for-byte what they ran when released', () => {
    const hash = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);
    expect(migrations.slice(0, 8).map((m) => hash(m.sql))).toEqual(RELEASED);
  });

  it('each SLA index in the database is the one its deadline row generates', () => {
    const store = openDatabase(':memory:');
    const indexes = store.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'tickets_sla_%'")
      .all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name).sort()).toEqual(DEADLINES.map((r) => `tickets_sla_${r.kind}`).sort());
    for (const row of DEADLINES) {
      expect(indexes.find((i) => i.name === `tickets_sla_${row.kind}`)!.sql).toBe(sqlIndex(row));
    }
    store.close();
  });
});

/** A small seeded generator (mulberry32): the same tickets on every run, many shapes. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}

const T0 = Date.parse('2026-11-25T09:00:00Z');
const STEP = 15 * 60_000;

describe('the SQL breach listing and the views agree', () => {
  it('on generated tickets at many moments, overdue, near and counted', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    const store = h.store;
    const refs = store.db
      .prepare(
        'SELECT c.id AS client, k.id AS contact, s.id AS service, (SELECT MAX(id) FROM rule_profiles) AS profile FROM clients c JOIN contacts k ON k.client_id = c.id JOIN services s ON s.client_id = c.id',
      )
      .all() as { client: number; contact: number; service: number; profile: number }[];
    const r = random(20261125);
    // Times on a 15-minute grid, so that `now` often equals a deadline (the boundary case).
    const at = () => T0 + Math.round(r.next() * 96 - 48) * STEP;
    const maybe = (p: number) => (r.next() < p ? at() : null);
    const insert = store.db.prepare(
      `INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority,
         status, summary, description, answers, assignee, profile_id, targets, eta, response_due, update_due,
         restore_due, onsite_due, hardware_due, confirm_due, responded_at, onsite_at, hardware_at, pending_since,
         pending_until, opened_at, opened_by, restored_at, closed_at, updated_at, tell_due, tell_kind, tell_since)
       VALUES (@client, @contact, @service, 'phone', 'down', 'high', @priority, @priority, @status, 'generated', '',
         '{}', @assignee, @profile, '{}', @eta, @response, @update, @restore, @onsite, @hardware, @confirm,
         @respondedAt, @onsiteAt, @hardwareAt, @pendingSince, @pendingUntil, @openedAt, 'gen', @restoredAt,
         @closedAt, @openedAt, @tellDue, @tellKind, @tellSince)`,
    );
    store.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        const ref = r.pick(refs);
        const status = r.pick(STATUSES);
        const tellDue = maybe(0.3);
        insert.run({
          ...ref,
          priority: r.pick(PRIORITIES),
          status,
          assignee: r.pick([null, 'ivan', 'olga']),
          eta: maybe(0.5),
          response: maybe(0.9),
          update: maybe(0.6),
          restore: maybe(0.9),
          onsite: maybe(0.4),
          hardware: maybe(0.3),
          confirm: maybe(0.4),
          respondedAt: maybe(0.5),
          onsiteAt: maybe(0.3),
          hardwareAt: maybe(0.3),
          pendingSince: status === 'pending' ? maybe(0.9) : maybe(0.05),
          pendingUntil: maybe(0.4),
          openedAt: T0 - 72 * 3_600_000,
          restoredAt: maybe(0.4),
          closedAt: maybe(0.3),
          tellDue,
          tellKind: tellDue === null ? null : r.pick(TELL_KINDS),
          tellSince: tellDue,
        });
      }
    })();
    const tickets = await listTickets(store, { openOnly: false, limit: -1 });
    expect(tickets.length).toBeGreaterThanOrEqual(600);
    const seen = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, 0])) as Record<DeadlineKind, number>;
    const pendingBreaches = { kept: 0 };
    for (let step = -52; step <= 52; step += 1) {
      const now = T0 + step * STEP;
      const until = now + 4 * STEP;
      const expected = new Set<string>();
      const counts = new Map<string, { overdue: number; soon: number }>();
      for (const t of tickets) {
        for (const v of breachedViews(t, now, until)) {
          expected.add(`${t.id}:${v.kind}:${v.due}`);
          seen[v.kind]++;
          if (t.status === 'pending' && DEADLINES.find((d) => d.kind === v.kind)!.pausable)
            pendingBreaches.kept++;
          const key = `${v.kind}:${t.priority}`;
          const c = counts.get(key) ?? { overdue: 0, soon: 0 };
          if (v.state === 'overdue') c.overdue++;
          else c.soon++;
          counts.set(key, c);
        }
      }
      const listed = (await collect(streamBreaches(store, { now, until }, {}))).map(
        (b) => `${b.ticketId}:${b.kind}:${b.due}`,
      );
      expect(listed.length, `at ${new Date(now).toISOString()}`).toBe(new Set(listed).size);
      expect(new Set(listed), `at ${new Date(now).toISOString()}`).toEqual(expected);
      const overdueOnly = (await collect(streamBreaches(store, { now, until: now, overdueOnly: true }, {})))
        .length;
      expect(overdueOnly).toBe([...counts.values()].reduce((a, c) => a + c.overdue, 0));
      // "Due" in the views is "not yet past": a deadline at exactly `now` is a near breach in both.
      const grid = await breachCounts(store, now, until, {});
      for (const kind of DEADLINE_KINDS) {
        for (const p of PRIORITIES) {
          const c = counts.get(`${kind}:${p}`) ?? { overdue: 0, soon: 0 };
          expect(grid[kind][p], `${kind} ${p} at ${new Date(now).toISOString()}`).toEqual(c);
        }
      }
    }
    // Not vacuous: every kind was breached somewhere, and pending kept passed deadlines breached.
    for (const kind of DEADLINE_KINDS) expect(seen[kind], kind).toBeGreaterThan(0);
    expect(pendingBreaches.kept).toBeGreaterThan(0);
  });
});

/** sha256 (first 16 hex digits) of migrations 1–8 as released; a released migration never changes. */
const RELEASED: string[] = [
  'ca7c2308e44c2990',
  'eee946f806e7cd5d',
  '68ad0e3770d45cc6',
  '63c11bbc956e438f',
  '85a1b5ea71dcaf4e',
  '6f070deea6a679cc',
  'e0bce626070cd5f1',
  'cd6ecd356496dd4d',
];

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

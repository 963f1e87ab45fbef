// The PostgreSQL EngineQueries on a real server: the SLA breach listing, stream and counts agree
// with the deadline views on generated tickets at many moments (the port of
// test/store/deadlines-sql.test.ts), each deadline is read through its own partial SLA index, and
// search matches every word in Russian and English, whatever the case and accents, each ticket
// with its own snippet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breachedViews, DEADLINE_KINDS, DEADLINES, type DeadlineKind } from '../../src/domain/deadlines.ts';
import { PRIORITIES, STATUSES, TELL_KINDS } from '../../src/domain/types.ts';
import { engineQueries } from '../../src/store/engine.ts';
import { type Queryable, type Sql, sql } from '../../src/store/port.ts';
import { openPostgres, type PostgresStore } from '../../src/store/postgres/index.ts';
import {
  breachCountsSql,
  breachListSql,
  breachStreamSql,
  olderSearchSql,
  searchSql,
} from '../../src/store/postgres/queries.ts';
import { type BreachRecord, breachCounts, mostSevereBreaches, streamBreaches } from '../../src/store/sla.ts';
import { listTickets } from '../../src/store/tickets.ts';
import { freshDatabase, TEST_ENV } from '../helpers/postgres.ts';

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

interface Refs {
  client: number;
  contact: number;
  service: number;
  profile: number;
}

/** Three clients, each with a contact and a service, and one rule profile. */
async function seedRefs(store: PostgresStore): Promise<Refs[]> {
  return store.tx(async (q) => {
    const profile = await q.get<{ id: number }>(
      sql`INSERT INTO rule_profiles (name, version, definition, created_at) VALUES ('standard', 1, '{}', ${T0}) RETURNING id`,
    );
    const refs: Refs[] = [];
    for (const n of [1, 2, 3]) {
      const client = await q.get<{ id: number }>(
        sql`INSERT INTO clients (name, contract_no, profile, language, timezone, created_at) VALUES (${`Client ${n}`}, ${`C-${n}`}, 'standard', 'ru', 'Europe/Minsk', ${T0}) RETURNING id`,
      );
      const contact = await q.get<{ id: number }>(
        sql`INSERT INTO contacts (client_id, name, preferred_channel, created_at) VALUES (${client!.id}, 'Иван', 'phone', ${T0}) RETURNING id`,
      );
      const service = await q.get<{ id: number }>(
        sql`INSERT INTO services (client_id, service_id, kind, address, created_at) VALUES (${client!.id}, ${`S-${n}`}, 'internet', 'Минск', ${T0}) RETURNING id`,
      );
      refs.push({ client: client!.id, contact: contact!.id, service: service!.id, profile: profile!.id });
    }
    return refs;
  });
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('the PostgreSQL breach listing and the views agree', () => {
  let store: PostgresStore;
  let refs: Refs[];

  beforeAll(async () => {
    store = await openPostgres(await freshDatabase(), TEST_ENV);
    refs = await seedRefs(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('on generated tickets at many moments: rows, order, totals, filters and counts', async () => {
    const r = random(20261125);
    // Times on a 15-minute grid, so that `now` often equals a deadline (the boundary case).
    const at = () => T0 + Math.round(r.next() * 96 - 48) * STEP;
    const maybe = (p: number) => (r.next() < p ? at() : null);
    await store.tx(async (q) => {
      for (let i = 0; i < 600; i++) {
        const ref = r.pick(refs);
        const status = r.pick(STATUSES);
        const priority = r.pick(PRIORITIES);
        const tellDue = maybe(0.3);
        const v = {
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
        };
        await q.run(
          sql`INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority,
               status, summary, description, answers, assignee, profile_id, targets, eta, response_due, update_due,
               restore_due, onsite_due, hardware_due, confirm_due, responded_at, onsite_at, hardware_at, pending_since,
               pending_until, opened_at, opened_by, restored_at, closed_at, updated_at, tell_due, tell_kind, tell_since)
             VALUES (${ref.client}, ${ref.contact}, ${ref.service}, 'phone', 'down', 'high', ${priority}, ${priority},
               ${status}, 'generated', '', '{}', ${v.assignee}, ${ref.profile}, '{}', ${v.eta}, ${v.response}, ${v.update},
               ${v.restore}, ${v.onsite}, ${v.hardware}, ${v.confirm}, ${v.respondedAt}, ${v.onsiteAt}, ${v.hardwareAt},
               ${v.pendingSince}, ${v.pendingUntil}, ${v.openedAt}, 'gen', ${v.restoredAt}, ${v.closedAt}, ${v.openedAt},
               ${v.tellDue}, ${v.tellKind}, ${v.tellDue})`,
        );
      }
    });
    const tickets = await listTickets(store, { openOnly: false, limit: -1 });
    expect(tickets.length).toBe(600);
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const clientNames = new Map(refs.map((ref, i) => [ref.client, `Client ${i + 1}`]));

    const seen = Object.fromEntries(DEADLINE_KINDS.map((k) => [k, 0])) as Record<DeadlineKind, number>;
    const pendingBreaches = { kept: 0 };
    let limitedChecks = 0;
    for (let step = -52; step <= 52; step += 1) {
      const now = T0 + step * STEP;
      const until = now + 4 * STEP;
      const when = new Date(now).toISOString();
      // The breaches as the views see them, in the listing's order.
      const expected: BreachRecord[] = [];
      const counts = new Map<string, { overdue: number; soon: number }>();
      for (const t of tickets) {
        for (const v of breachedViews(t, now, until)) {
          expected.push({
            kind: v.kind,
            ticketId: t.id,
            priority: t.priority,
            status: t.status,
            due: v.due,
            assignee: t.assignee,
            clientName: clientNames.get(t.clientId)!,
            tellKind: v.kind === 'told' ? (t.tellKind ?? null) : null,
          });
          seen[v.kind]++;
          if (t.status === 'pending' && DEADLINES.find((d) => d.kind === v.kind)!.pausable)
            pendingBreaches.kept++;
          const k = `${v.kind}:${t.priority}`;
          const c = counts.get(k) ?? { overdue: 0, soon: 0 };
          if (v.state === 'overdue') c.overdue++;
          else c.soon++;
          counts.set(k, c);
        }
      }
      const rank = (b: BreachRecord) => [
        b.due >= now ? 1 : 0,
        b.priority,
        b.due,
        b.ticketId,
        DEADLINE_KINDS.indexOf(b.kind),
      ];
      expected.sort((a, b) => {
        const [x, y] = [rank(a), rank(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
        return 0;
      });

      const listed = await collect(streamBreaches(store, { now, until }, {}));
      expect(listed, `at ${when}`).toEqual(expected);

      const overdue = expected.filter((b) => b.due < now);
      expect(await collect(streamBreaches(store, { now, until: now, overdueOnly: true }, {})), when).toEqual(
        overdue,
      );
      const near = expected.filter((b) => b.due >= now);
      expect(await collect(streamBreaches(store, { now, until, nearOnly: true }, {})), when).toEqual(near);

      // The most severe few, with the totals of all.
      const top = await mostSevereBreaches(store, { now, until, limit: 5 }, {});
      expect(top, when).toEqual({ overdue: overdue.length, near: near.length, rows: expected.slice(0, 5) });

      // Filters: priority, client, assignee (and together), on the stream and the counts.
      if (step % 4 === 0) {
        const ref = refs[Math.abs(step) % refs.length]!;
        const filters = [
          { priorities: ['P1' as const, 'P3' as const] },
          { clientId: ref.client },
          { assignee: 'olga' },
          { priorities: ['P2' as const], clientId: ref.client, assignee: 'ivan' },
        ];
        for (const f of filters) {
          const keep = (b: BreachRecord) =>
            (!f.priorities || (f.priorities as string[]).includes(b.priority)) &&
            (f.clientId === undefined || byId.get(b.ticketId)!.clientId === f.clientId) &&
            (f.assignee === undefined || b.assignee === f.assignee);
          const want = expected.filter(keep);
          expect(
            await collect(streamBreaches(store, { now, until }, f)),
            `${when} ${JSON.stringify(f)}`,
          ).toEqual(want);
          const some = await mostSevereBreaches(store, { now, until, limit: 3 }, f);
          expect(some.rows).toEqual(want.slice(0, 3));
          expect([some.overdue, some.near]).toEqual([
            want.filter((b) => b.due < now).length,
            want.filter((b) => b.due >= now).length,
          ]);
          const grid = await breachCounts(store, now, until, f);
          for (const kind of DEADLINE_KINDS) {
            for (const p of PRIORITIES) {
              const mine = want.filter((b) => b.kind === kind && b.priority === p);
              expect(grid[kind][p], `${kind} ${p} ${when} ${JSON.stringify(f)}`).toEqual({
                overdue: mine.filter((b) => b.due < now).length,
                soon: mine.filter((b) => b.due >= now).length,
              });
            }
          }
          limitedChecks++;
        }
      }

      // "Due" in the views is "not yet past": a deadline at exactly `now` is a near breach in both.
      const grid = await breachCounts(store, now, until, {});
      for (const kind of DEADLINE_KINDS) {
        for (const p of PRIORITIES) {
          const c = counts.get(`${kind}:${p}`) ?? { overdue: 0, soon: 0 };
          expect(grid[kind][p], `${kind} ${p} at ${when}`).toEqual(c);
        }
      }
    }
    // Not vacuous: every kind was breached somewhere, and pending kept passed deadlines breached.
    for (const kind of DEADLINE_KINDS) expect(seen[kind], kind).toBeGreaterThan(0);
    expect(pendingBreaches.kept).toBeGreaterThan(0);
    expect(limitedChecks).toBeGreaterThan(40);

    // No breach at all: empty rows, zero totals (the totals row still comes back).
    const calm = await mostSevereBreaches(
      store,
      { now: T0 - 400 * STEP, until: T0 - 400 * STEP, limit: 5 },
      {},
    );
    expect(calm).toEqual({ overdue: 0, near: 0, rows: [] });
    // limit 0: the totals alone.
    const counted = await mostSevereBreaches(store, { now: T0, until: T0 + 4 * STEP, limit: 0 }, {});
    expect(counted.rows).toEqual([]);
    expect(counted.overdue + counted.near).toBeGreaterThan(0);
  });
});

/** Every plan node of an EXPLAIN (FORMAT JSON). */
function nodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodes)];
}

async function planOf(q: Queryable, statement: Sql): Promise<Record<string, unknown>[]> {
  const row = await q.get<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
    sql`EXPLAIN (FORMAT JSON) ${statement}`,
  );
  return nodes(row!['QUERY PLAN'][0].Plan);
}

describe('each deadline on its own partial SLA index (50k tickets)', () => {
  let store: PostgresStore;
  let url: string;
  const now = T0;

  beforeAll(async () => {
    url = await freshDatabase();
    store = await openPostgres(url, TEST_ENV);
    const [ref] = await seedRefs(store);
    const refs = await store.all<{ client: number; contact: number; service: number }>(
      sql`SELECT c.id AS client, k.id AS contact, s.id AS service FROM clients c JOIN contacts k ON k.client_id = c.id JOIN services s ON s.client_id = c.id ORDER BY c.id`,
    );
    // 50k tickets, nine in ten closed (as a helpdesk's history is); the open ones with deadlines
    // spread over two days around `now`, so that a fraction of them is breached.
    const h = 3_600_000;
    // Committed synchronously (the test server runs with synchronous_commit=off): VACUUM marks a
    // page all-visible only once its inserter's commit is flushed, and index-only scans need that.
    await store.tx(async (q) => {
      await q.run(sql`SET LOCAL synchronous_commit = on`);
      await q.run(
        sql`INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority,
           status, summary, description, answers, assignee, profile_id, targets, eta, response_due, update_due,
           restore_due, onsite_due, hardware_due, confirm_due, responded_at, onsite_at, hardware_at, pending_since,
           pending_until, opened_at, opened_by, restored_at, closed_at, updated_at, tell_due, tell_kind, tell_since)
         SELECT (ARRAY[${refs[0]!.client}, ${refs[1]!.client}, ${refs[2]!.client}]::bigint[])[1 + i % 3],
           (ARRAY[${refs[0]!.contact}, ${refs[1]!.contact}, ${refs[2]!.contact}]::bigint[])[1 + i % 3],
           (ARRAY[${refs[0]!.service}, ${refs[1]!.service}, ${refs[2]!.service}]::bigint[])[1 + i % 3],
           'phone', 'down', 'high', p, p, st, 'generated', '', '{}',
           (ARRAY['ivan', 'olga', 'petr', NULL])[1 + i % 4], ${ref!.profile}, '{}',
           d + 1 * ${h}, d, d + 2 * ${h}, d + 4 * ${h}, d + 3 * ${h}, d + 5 * ${h}, d + 6 * ${h},
           CASE WHEN i % 2 = 0 THEN d - ${h} END, NULL, NULL,
           CASE WHEN st = 'pending' THEN d - 2 * ${h} END, CASE WHEN st = 'pending' THEN d + ${h} END,
           d - 48 * ${h}, 'gen', NULL, CASE WHEN st = 'closed' THEN d END, d,
           CASE WHEN i % 5 = 0 THEN d END, CASE WHEN i % 5 = 0 THEN 'eta' END, CASE WHEN i % 5 = 0 THEN d END
         FROM (SELECT i, 'P' || (1 + i % 4) AS p,
                 CASE WHEN i % 10 <> 0 THEN 'closed' ELSE (ARRAY['acknowledged', 'inProgress', 'pending', 'resolved'])[1 + (i / 10) % 4] END AS st,
                 ${now}::bigint + ((i * 7919) % 96 - 48) * ${h} AS d
               FROM generate_series(1, 50000) AS i) g`,
      );
    });
    await store.run(
      sql`INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority, status, summary, description, answers, profile_id, targets, opened_at, opened_by, updated_at)
          VALUES (${refs[0]!.client}, ${refs[0]!.contact}, ${refs[0]!.service}, 'phone', 'high', 'high', 'P2', 'P2', 'acknowledged', 'Oscilloscope shows noise', '', '{}', ${ref!.profile}, '{}', ${T0}, 'op', ${T0})`,
    );
    await store.run(sql`VACUUM ANALYZE tickets`);
    await store.run(sql`ANALYZE search_index`);
  });
  afterAll(async () => {
    await store?.close();
  });

  const filters = [
    {},
    { clientId: 1 },
    { assignee: 'olga' },
    { priorities: ['P1' as const, 'P2' as const] },
    { priorities: ['P1' as const], clientId: 2, assignee: 'ivan' },
  ];

  for (const f of filters) {
    it(`listing, stream and counts read each tickets_sla_* index, never scan the table (${JSON.stringify(f)})`, async () => {
      const statements = {
        list: breachListSql({ now, until: now + 4 * 3_600_000, limit: 20 }, f),
        stream: breachStreamSql({ now, until: now + 4 * 3_600_000 }, f),
        overdue: breachStreamSql({ now, until: now, overdueOnly: true }, f),
        counts: breachCountsSql(now, now + 4 * 3_600_000, f),
      };
      for (const [name, statement] of Object.entries(statements)) {
        const plan = await planOf(store, statement);
        const onTickets = plan.filter((n) => n['Relation Name'] === 'tickets');
        // The listing reads the rest of a listed row by id, for the rows it lists only.
        const byId = name === 'list' ? ['tickets_pkey'] : [];
        expect(onTickets.map((n) => n['Index Name']).sort(), name).toEqual(
          [...DEADLINE_KINDS.map((k) => `tickets_sla_${k.toLowerCase()}`), ...byId].sort(),
        );
        for (const n of onTickets) expect(['Index Scan', 'Index Only Scan'], name).toContain(n['Node Type']);
      }
    });
  }

  it('the listing with its totals, the counts and a search are one statement each', async () => {
    const sent: string[] = [];
    const counted = await openPostgres(url, TEST_ENV, { onStatement: (text) => sent.push(text) });
    try {
      const top = await mostSevereBreaches(counted, { now, until: now + 4 * 3_600_000, limit: 20 }, {});
      expect(top.rows).toHaveLength(20);
      expect(sent).toHaveLength(1);
      await breachCounts(counted, now, now + 4 * 3_600_000, { assignee: 'olga' });
      expect(sent).toHaveLength(2);
      expect(await engineQueries(counted).searchTickets(counted, 'generated', 5)).toHaveLength(5);
      expect(sent).toHaveLength(3);
    } finally {
      await counted.close();
    }
  });

  it('search: a common word reads the newest rows backwards and stops at the window', async () => {
    const common = await planOf(store, searchSql(['generated']));
    // (the other backward read is max(id), where the newest rows begin)
    const scan = common.find(
      (n) => n['Relation Name'] === 'search_index' && n['Node Type'] !== 'Index Only Scan',
    )!;
    expect([scan['Node Type'], scan['Index Name'], scan['Scan Direction']]).toEqual([
      'Index Scan',
      'search_index_pkey',
      'Backward',
    ]);
    // Older rows, for a word the newest ones lack, through the GIN index: never the primary key
    // read backwards to a first match that may not exist.
    const older = await planOf(store, olderSearchSql(['nowhere'], 1_000_000, 200));
    const onIndex = older.filter((n) => n['Relation Name'] === 'search_index' || n['Index Name']);
    expect(onIndex.map((n) => n['Index Name'] ?? n['Node Type'])).toContain('search_index_document');
    expect(onIndex.map((n) => n['Index Name'])).not.toContain('search_index_pkey');
    const sent: string[] = [];
    const counted = await openPostgres(url, TEST_ENV, { onStatement: (text) => sent.push(text) });
    try {
      expect(await engineQueries(counted).searchTickets(counted, 'generated', 5)).toHaveLength(5);
      expect(sent).toHaveLength(1);
      expect(await engineQueries(counted).searchTickets(counted, 'nowhere-such-word', 5)).toEqual([]);
      expect(sent).toHaveLength(3);
    } finally {
      await counted.close();
    }
    expect(await engineQueries(store).searchTickets(store, 'OSCILLOSCOPE', 20)).toEqual([
      {
        ticketId: expect.any(Number),
        source: 'summary',
        snippet: '⟦Oscilloscope⟧ shows noise',
        text: 'Oscilloscope shows noise',
      },
    ]);
    const hits = await engineQueries(store).searchTickets(store, 'generated', 20);
    expect(hits).toHaveLength(20);
    expect(new Set(hits.map((h) => h.ticketId)).size).toBe(20);
  });

  it('finds the breaches it plans for (the plans are of real work)', async () => {
    const top = await mostSevereBreaches(store, { now, until: now + 4 * 3_600_000, limit: 20 }, {});
    expect(top.rows).toHaveLength(20);
    expect(top.overdue).toBeGreaterThan(1000);
    expect(top.near).toBeGreaterThan(100);
    const grid = await breachCounts(store, now, now + 4 * 3_600_000, {});
    const sum = DEADLINE_KINDS.reduce(
      (a, k) => a + PRIORITIES.reduce((b, p) => b + grid[k][p].overdue + grid[k][p].soon, 0),
      0,
    );
    expect(sum).toBe(top.overdue + top.near);
  });
});

describe('search on PostgreSQL', () => {
  let store: PostgresStore;
  const ids: Record<string, number> = {};
  let n = 0;

  async function ticket(name: string, summary: string, description = ''): Promise<void> {
    const [ref] = refsOf;
    const row = await store.get<{ id: number }>(
      sql`INSERT INTO tickets (client_id, contact_id, service_id, channel, impact, urgency, priority, matrix_priority, status, summary, description, answers, profile_id, targets, opened_at, opened_by, updated_at)
          VALUES (${ref!.client}, ${ref!.contact}, ${ref!.service}, 'phone', 'high', 'high', 'P2', 'P2', 'acknowledged', ${summary}, ${description}, '{}', ${ref!.profile}, '{}', ${T0}, 'op', ${T0}) RETURNING id`,
    );
    ids[name] = row!.id;
  }

  async function event(name: string, kind: string, text: string): Promise<void> {
    await store.run(
      sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (${ids[name]}, ${T0 + ++n}, 'op', ${kind}, ${text}, '{}', ${`h${n}`})`,
    );
  }

  let refsOf: Refs[];
  const search = (text: string, limit = 20) => engineQueries(store).searchTickets(store, text, limit);
  const ticketsOf = async (text: string) => (await search(text)).map((h) => h.ticketId).sort((a, b) => a - b);

  beforeAll(async () => {
    store = await openPostgres(await freshDatabase(), TEST_ENV);
    refsOf = await seedRefs(store);
    await ticket('bank', 'VPN down at the Minsk head office');
    await ticket('shop', 'VPN tunnel flapping at the Brest warehouse');
    await ticket('dns', 'Slow DNS answers');
    await ticket('cafe', 'Café на Немиге: нет связи', 'Роутер перезагружен, связь не восстановилась');
    await ticket('yo', 'Ёлка в холле: гирлянда', '');
    await ticket('otdr', 'No service at the head office');
    await ticket('otdr2', 'Warehouse link down');
    await event('otdr', 'test', 'OTDR trace shows a break at 1.2 km');
    await event('otdr2', 'test', 'OTDR trace clean, CPE rebooted');
    await ticket(
      'long',
      'Long story',
      'The customer called several times during the night about the same issue and after a long talk we finally found that the fibre was cut near the railway bridge where workers were digging all week',
    );
  });
  afterAll(async () => {
    await store?.close();
  });

  it('two tickets sharing a word: each its own snippet, marked', async () => {
    const hits = await search('VPN');
    expect(hits.map((h) => h.ticketId).sort((a, b) => a - b)).toEqual([ids.bank, ids.shop]);
    const of = (id: number) => hits.find((h) => h.ticketId === id)!;
    expect(of(ids.bank!)).toEqual({
      ticketId: ids.bank,
      source: 'summary',
      snippet: '⟦VPN⟧ down at the Minsk head office',
      text: 'VPN down at the Minsk head office',
    });
    expect(of(ids.shop!)).toEqual({
      ticketId: ids.shop,
      source: 'summary',
      snippet: '⟦VPN⟧ tunnel flapping at the Brest warehouse',
      text: 'VPN tunnel flapping at the Brest warehouse',
    });
  });

  it('a match in the timeline shows that entry, not another ticket’s', async () => {
    const hits = await search('OTDR trace');
    expect(hits).toHaveLength(2);
    const of = (id: number) => hits.find((h) => h.ticketId === id)!;
    expect(of(ids.otdr!).source).toBe('test');
    expect(of(ids.otdr!).snippet).toBe('⟦OTDR⟧ ⟦trace⟧ shows a break at 1.2 km');
    expect(of(ids.otdr2!).snippet).toBe('⟦OTDR⟧ ⟦trace⟧ clean, CPE rebooted');
  });

  it('every word must match', async () => {
    expect(await ticketsOf('head office')).toEqual([ids.bank, ids.otdr]);
    expect(await ticketsOf('head office VPN')).toEqual([ids.bank]);
    expect(await ticketsOf('VPN Brest')).toEqual([ids.shop]);
    expect(await ticketsOf('VPN Gomel')).toEqual([]);
    expect(await ticketsOf('   ')).toEqual([]);
    // Punctuation alone is no word: it matches nothing and is no error; quotes are text.
    expect(await ticketsOf('—')).toEqual([]);
    expect(await ticketsOf(`"VPN" 'Brest'`)).toEqual([ids.shop]);
    expect(await ticketsOf('1.2 km')).toEqual([ids.otdr]);
  });

  it('Russian and English words, any case; accents and ё ignored both ways', async () => {
    expect(await ticketsOf('связи')).toEqual([ids.cafe]);
    expect(await ticketsOf('СВЯЗЬ')).toEqual([ids.cafe]);
    expect(await ticketsOf('cafe')).toEqual([ids.cafe]);
    expect(await ticketsOf('CAFÉ немиге')).toEqual([ids.cafe]);
    expect(await ticketsOf('елка')).toEqual([ids.yo]);
    expect(await ticketsOf('ёлка')).toEqual([ids.yo]);
    expect(await ticketsOf('гирлянда холле')).toEqual([ids.yo]);
    const [hit] = await search('cafe');
    expect(hit).toEqual({
      ticketId: ids.cafe,
      source: 'summary',
      snippet: '⟦Café⟧ на Немиге: нет связи',
      text: 'Café на Немиге: нет связи',
    });
    const [yo] = await search('елка');
    expect(yo!.snippet).toBe('⟦Ёлка⟧ в холле: гирлянда');
  });

  it('one hit per ticket, the best ranked; a description or an event when the word is there', async () => {
    await event('cafe', 'note', 'Связь: приехал инженер, связь восстановлена');
    const hits = await search('связь');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.ticketId).toBe(ids.cafe);
    // The note says it twice: it ranks above the description that says it once.
    expect(hits[0]!.source).toBe('note');
    expect(hits[0]!.snippet).toBe('⟦Связь⟧: приехал инженер, ⟦связь⟧ восстановлена');
    expect((await search('восстановилась'))[0]).toMatchObject({ ticketId: ids.cafe, source: 'description' });
  });

  it('a long text gives a dozen words around the match, cut with …', async () => {
    const [hit] = await search('talk');
    expect(hit!.ticketId).toBe(ids.long);
    expect(hit!.source).toBe('description');
    expect(hit!.snippet).toContain('⟦talk⟧');
    const text = hit!.snippet.replaceAll(/[⟦⟧…]/g, '');
    expect(text.length).toBeGreaterThan(40);
    expect(
      `The customer called several times during the night about the same issue and after a long talk we finally found that the fibre was cut near the railway bridge where workers were digging all week`,
    ).toContain(text);
    // At the end of the text: no … after it.
    const [end] = await search('railway');
    expect(end!.snippet).toMatch(/^….*⟦railway⟧ bridge where workers were digging all week$/);
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet.split(/\s+/).length).toBeLessThanOrEqual(14);
  });

  it('keeps to the limit, the best first', async () => {
    expect(await search('VPN', 1)).toHaveLength(1);
    expect(await search('office', 5)).toHaveLength(2);
  });
});

// A desk with tickets in every status, field jobs, spares used, outbox messages and events of
// every kind, in an SQLite file: the source of the hd db copy tests on both engines.
import { expect } from 'vitest';
import { COPIED_TABLES, columnsOf } from '../../src/store/copy.ts';
import { type Queryable, sql } from '../../src/store/port.ts';
import { getTicket } from '../../src/store/tickets.ts';
import { harness, type TestHarness, tempDbPath } from './context.ts';
import { BANK, EVROOPT, HOSPITAL, NORDIC, openArgs } from './fixtures.ts';

/** Runs each command and expects exit 0, naming the one that failed. */
async function all(h: TestHarness, commands: string[][]): Promise<void> {
  for (const args of commands) {
    const code = await h.run(args);
    expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
  }
}

export async function richDesk(): Promise<{ h: TestHarness; path: string }> {
  const path = tempDbPath();
  const h = await harness({ path, now: '2026-11-25T09:00:00Z', operator: 'olga' });
  await all(h, [
    openArgs(BANK, 'HQ router dead'), // 1: field job, replacement, resolved, closed
    openArgs(EVROOPT, 'Branch link flapping', { impact: 'degraded', urgency: 'medium' }), // 2: cancelled
    openArgs(NORDIC, 'Internet slow in office', { impact: 'degraded', urgency: 'low' }), // 3: pending
    openArgs(HOSPITAL, 'Phones dead in ward 4'), // 4: in progress, eta, extended, priority
    openArgs(BANK, 'VPN tunnel down «Минск» café'), // 5: resolved (awaiting confirmation), reopened once
    openArgs(EVROOPT, 'New report, untouched'), // 6: acknowledged
  ]);
  h.setNow('2026-11-25T09:10:00Z');
  await all(h, [
    ['take', '1'],
    ['zone', '1', 'cpe', '--note', 'router does not boot'],
    ['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'CISCO-ISR4331', '--spare', 'SFP-1G-LX:2'],
    ['cancel', '2', '--reason', 'same outage', '--duplicate-of', '1'],
    ['take', '3'],
    ['log', '3', 'test', 'ping loss 30% to the gateway', '--result', 'fail'],
    ['pending', '3', '--reason', 'waiting for the client to reboot the modem', '--until', '+4h'],
    ['take', '4'],
    ['eta', '4', '15:00', '--via', 'phone', '--outcome', 'reached'],
    ['log', '4', 'call', 'no answer', '--outcome', 'no-answer'],
    ['take', '5'],
    ['log', '5', 'action', 'restarted the tunnel'],
    ['log', '6', 'note', 'customer rang twice'],
    ['pending', '4', '--reason', 'waiting for the carrier'],
  ]);
  h.setNow('2026-11-25T10:00:00Z');
  await all(h, [
    ['dispatch', 'update', '1', 'en-route'],
    ['resume', '4', '--note', 'carrier answered'],
    ['priority', '4', 'P2', '--reason', 'only one ward affected'],
    ['extend', '4', '--to', '18:00', '--reason', 'crew late', '--outcome', 'busy'],
    ['resolve', '5', '--summary', 'tunnel restarted', '--zone', 'cpe', '--outcome', 'reached'],
    ['reopen', '5', '--reason', 'drops again'],
    ['notify', '3', 'update'],
    ['assign', '6', '--to', 'NOC L2'],
  ]);
  h.setNow('2026-11-25T10:30:00Z');
  await all(h, [
    ['dispatch', 'update', '1', 'on-site'],
    [
      'replace',
      '1',
      '--part',
      'CISCO-ISR4331',
      '--faulty-serial',
      'FDO2231A0BC',
      '--new-serial',
      'FDO2245B1XY',
    ],
    ['dispatch', 'update', '1', 'done', '--note', 'router swapped'],
    ['resolve', '1', '--summary', 'router replaced', '--zone', 'cpe', '--outcome', 'reached'],
    ['close', '1', '--confirmed-by', 'Andrei Kovalenko', '--via', 'phone'],
    ['resolve', '5', '--summary', 'fixed for real', '--zone', 'cpe', '--outcome', 'reached'],
    ['spares', 'receive', 'SFP-1G-LX', '--depot', 'minsk-central', '--qty', '5'],
  ]);
  // Events of every kind the scenario wrote, the outbox, the field tables: not empty.
  const counts = await rowCounts(h.store);
  for (const table of [
    'tickets',
    'events',
    'dispatches',
    'dispatch_spares',
    'spare_movements',
    'faulty_units',
    'outbox',
  ])
    expect(counts[table], table).toBeGreaterThan(0);
  const statuses = (await h.store.all<{ status: string }>(sql`SELECT DISTINCT status FROM tickets`)).map(
    (r) => r.status,
  );
  expect(statuses.sort()).toEqual([
    'acknowledged',
    'cancelled',
    'closed',
    'inProgress',
    'pending',
    'resolved',
  ]);
  const kinds = (await h.store.all<{ kind: string }>(sql`SELECT DISTINCT kind FROM events`)).map(
    (r) => r.kind,
  );
  expect(kinds).toEqual(
    expect.arrayContaining(
      [
        'opened',
        'assigned',
        'zone',
        'dispatch',
        'replace',
        'cancelled',
        'test',
        'pending',
        'resumed',
        'eta',
        'call',
      ].concat(['action', 'note', 'priority', 'extended', 'resolved', 'reopened', 'closed', 'notification']),
    ),
  );
  return { h, path };
}

export async function rowCounts(q: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table } of COPIED_TABLES) {
    const r = await q.get<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${sql.raw(table)}`);
    out[table] = Number(r?.n);
  }
  return out;
}

/** Every row of every copied table, in key order, values as JavaScript sees them (engine types normalised). */
export async function dump(q: Queryable): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { table, order } of COPIED_TABLES) {
    const cols = (await columnsOf(q, table)).sort();
    const rows = await q.all<Record<string, unknown>>(
      sql`SELECT ${sql.raw(cols.join(', '))} FROM ${sql.raw(table)} ORDER BY ${sql.raw(order)}`,
    );
    out[table] = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
  }
  return out;
}

/**
 * The search index as (id, ticket, source, text) in id order: what either engine's triggers built,
 * numbered as search ranks it (the newest rows by id; a tie to the newer).
 */
export async function searchRows(q: Queryable): Promise<string[]> {
  const id = sql.raw(q.engine === 'sqlite' ? 'rowid' : 'id');
  const rows = await q.all<{ id: number; ticket_id: number; source: string; text: string }>(
    sql`SELECT ${id} AS id, ticket_id, source, text FROM search_index ORDER BY ${id}`,
  );
  return rows.map((r) => `${Number(r.id)}\t${Number(r.ticket_id)}\t${r.source}\t${r.text}`);
}

/** getTicket of every ticket, as hd reads it. */
export async function tickets(q: Queryable): Promise<unknown[]> {
  const ids = await q.all<{ id: number }>(sql`SELECT id FROM tickets ORDER BY id`);
  const out: unknown[] = [];
  for (const { id } of ids) out.push(await getTicket(q, Number(id)));
  return out;
}

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, hdAsync } from '../helpers/e2e.ts';
import { BANK as BANK_CALLER, openArgs } from '../helpers/fixtures.ts';

const BANK = [...openArgs(BANK_CALLER, 'HQ router dead, no lights'), '--answer', 'linkLights=off'];

function stock(db: string, sku: string, depot: string) {
  const raw = new Database(db, { readonly: true });
  const row = raw
    .prepare('SELECT stock, reserved, stock - reserved AS available FROM spares WHERE sku = ? AND depot = ?')
    .get(sku, depot);
  raw.close();
  return row;
}

describe('field service through bin/hd', () => {
  it('a P1 hardware fault: dispatch with a spare, on site, replace, resolve, close', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const step = (now: string, args: string[]) => {
      const r = hd(db, args, { env: { HD_NOW: now } });
      expect(r.stderr).not.toMatch(/^hd: /m);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    step('2026-11-25T07:00:00Z', BANK);
    step('2026-11-25T07:05:00Z', ['take', '1']);
    step('2026-11-25T07:10:00Z', [
      'log',
      '1',
      'test',
      'CPE unreachable, no power on the PoE injector',
      '--result',
      'fail',
      '--zone',
      'cpe',
    ]);
    step('2026-11-25T07:12:00Z', ['zone', '1', 'cpe']);
    const sheet = step('2026-11-25T07:15:00Z', [
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'CISCO-ISR4331',
      '--spare',
      'PSU-12V-60W',
    ]);
    expect(sheet).toMatch(/On site by\s+2026-11-25 12:00/);
    expect(stock(db, 'CISCO-ISR4331', 'minsk-central')).toEqual({ stock: 2, reserved: 1, available: 1 });
    step('2026-11-25T07:20:00Z', ['dispatch', 'update', '1', 'en-route']);
    expect(step('2026-11-25T08:30:00Z', ['dispatch', 'update', '1', 'on-site'])).toContain('30m early');
    step('2026-11-25T08:50:00Z', [
      'replace',
      '1',
      '--part',
      'CISCO-ISR4331',
      '--faulty-serial',
      'FDO2231A0BC',
      '--new-serial',
      'FDO2245B1XY',
    ]);
    step('2026-11-25T08:55:00Z', ['dispatch', 'update', '1', 'done']);
    step('2026-11-25T09:00:00Z', [
      'resolve',
      '1',
      '--summary',
      'router replaced, VPN up',
      '--outcome',
      'reached',
    ]);
    step('2026-11-25T09:10:00Z', ['close', '1', '--confirmed-by', 'Andrei Kovalenko', '--via', 'phone']);
    expect(stock(db, 'CISCO-ISR4331', 'minsk-central')).toEqual({ stock: 1, reserved: 0, available: 1 });
    expect(stock(db, 'PSU-12V-60W', 'minsk-central')).toEqual({ stock: 6, reserved: 0, available: 6 });
    const t = JSON.parse(step('2026-11-25T09:30:00Z', ['show', '1', '--json']));
    expect(t.status).toBe('closed');
    expect(t.deadlines.onsite).toMatchObject({
      due: '2026-11-25T09:00:00.000Z',
      metAt: '2026-11-25T08:30:00.000Z',
      state: 'met',
    });
    expect(t.deadlines.hardware).toMatchObject({
      due: '2026-11-25T11:00:00.000Z',
      metAt: '2026-11-25T08:50:00.000Z',
      state: 'met',
    });
    expect(t.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'notification',
      'notification',
      'assigned',
      'test',
      'zone',
      'dispatch',
      'dispatch',
      'dispatch',
      'replace',
      'dispatch',
      'resolved',
      'notification',
      'call',
      'closed',
      'notification',
    ]);
    expect(t.fieldJobs[0].spares).toEqual([
      { sku: 'CISCO-ISR4331', depot: 'minsk-central', reserved: 1, used: 1, released: 0 },
      { sku: 'PSU-12V-60W', depot: 'minsk-central', reserved: 1, used: 0, released: 1 },
    ]);
    const shown = step('2026-11-25T09:30:00Z', ['show', '1']);
    expect(shown).toMatch(
      /J-000001\s+Ivan Petrov\s+done\s+on site by 2026-11-25 12:00, arrived 2026-11-25 11:30/,
    );
  });

  it('processes racing for the last units: stock never negative, no unit lost, losers refused cleanly', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    for (let i = 0; i < 8; i++) hd(db, BANK);
    // minsk-central has 3 MT-CCR2004: 8 dispatches of 1 at the same moment → exactly 3 succeed.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        hdAsync(db, ['dispatch', String(i + 1), '--engineer', 'Alexei Novik', '--spare', 'MT-CCR2004']),
      ),
    );
    const won = results.filter((r) => r.code === 0);
    const lost = results.filter((r) => r.code !== 0);
    expect(won).toHaveLength(3);
    for (const r of lost) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/minsk-central has 0 MT-CCR2004 available, 1 needed.*Nothing was reserved\./);
    }
    expect(stock(db, 'MT-CCR2004', 'minsk-central')).toEqual({ stock: 3, reserved: 3, available: 0 });
    // Finishing the three jobs at once returns every unit.
    const finished = await Promise.all(
      won.map((_, i) => hdAsync(db, ['dispatch', 'update', `J-${i + 1}`, 'cancelled'])),
    );
    expect(finished.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(stock(db, 'MT-CCR2004', 'minsk-central')).toEqual({ stock: 3, reserved: 0, available: 3 });
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM dispatches').pluck().get()).toBe(3);
    raw.close();
  }, 60_000);
});

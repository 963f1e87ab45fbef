import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, OPEN_FLAGS } from '../helpers/e2e.ts';

describe('hd sla --overdue through bin/hd', () => {
  it('tickets opened at controlled times appear exactly when they breach, not a minute before', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    // standard-24x7 P1 (response 30m) at 10:00 and a premium P1 (response 15m) at 10:05, Minsk time.
    hd(db, ['open', ...OPEN_FLAGS], { env: { HD_NOW: '2026-11-25T07:00:00Z' } });
    const bank = ['--client', 'C-2021-0147', '--contact', 'Andrei Kovalenko', '--service', 'MSK-IPVPN-00412'];
    hd(db, ['open', ...bank, ...OPEN_FLAGS.slice(6)], { env: { HD_NOW: '2026-11-25T07:05:00Z' } });
    const at = (now: string) => {
      const r = hd(db, ['sla', '--overdue', '--fail-on-overdue'], { env: { HD_NOW: now } });
      return {
        code: r.code,
        rows: r.stdout
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split('\t').slice(0, 5).join(' ')),
      };
    };
    expect(at('2026-11-25T07:19:00Z')).toEqual({ code: 0, rows: [] });
    expect(at('2026-11-25T07:20:00Z')).toEqual({ code: 0, rows: [] });
    expect(at('2026-11-25T07:21:00Z')).toEqual({
      code: 3,
      rows: ['HD-000002 P1 Belagroprombank HQ response (call-back) 1m'],
    });
    expect(at('2026-11-25T07:30:00Z').rows).toHaveLength(1);
    expect(at('2026-11-25T07:31:00Z').rows).toEqual([
      'HD-000002 P1 Belagroprombank HQ response (call-back) 11m',
      'HD-000001 P1 Evroopt Logistics response (call-back) 1m',
    ]);
    hd(db, ['take', '2'], { env: { HD_NOW: '2026-11-25T07:32:00Z' } });
    expect(at('2026-11-25T07:33:00Z').rows).toEqual([
      'HD-000001 P1 Evroopt Logistics response (call-back) 3m',
    ]);
  });
});

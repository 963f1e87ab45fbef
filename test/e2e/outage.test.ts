// A fibre cut through bin/hd: the outage opened with --proactive, a later caller told of it and
// refused as a duplicate without a terminal, the timeline verified.
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd } from '../helpers/e2e.ts';

const env = { HD_NOW: '2026-11-25T09:00:00Z', HD_TZ: 'Europe/Minsk' };
const INTAKE = [
  '--impact',
  'down',
  '--urgency',
  'high',
  '--answer',
  'since=11:50',
  '--answer',
  'symptom=no-service',
  '--answer',
  'scope=one-site',
];

describe('hd outage through bin/hd', () => {
  it('plays a fibre cut: proactive tickets, the caller told and refused as a duplicate, every chain intact', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const opened = hd(
      db,
      [
        'outage',
        'open',
        '--summary',
        'Fibre cut on pr. Nezavisimosti',
        '--zone',
        'operator-network',
        '--elements',
        'NODE-MSQ-17',
        '--started',
        '11:45',
        '--eta',
        '15:30',
        '--proactive',
        '--json',
      ],
      { env },
    );
    expect(opened.code, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout).affected).toMatchObject({ services: 5, clients: 5, opened: 5 });
    const call = hd(
      db,
      [
        'open',
        '--client',
        'C-2024-0760',
        '--contact',
        'Pavel Rudak',
        '--service',
        'MSK-BB-10442',
        '--summary',
        'No internet',
        ...INTAKE,
      ],
      { env },
    );
    expect(call.code).toBe(1);
    expect(call.stderr).toContain('OUT-000001 is active on MSK-BB-10442');
    expect(call.stderr).toMatch(/already has an open ticket: HD-00000\d .*hd log HD-00000\d call/);
    const list = hd(db, ['outage', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)[0]).toMatchObject({
      number: 'OUT-000001',
      linkedTickets: 5,
      linkedOpen: 5,
    });
    expect(hd(db, ['verify'], { env }).code).toBe(0);
  });
});

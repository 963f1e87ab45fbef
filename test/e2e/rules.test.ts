// hd rules import through bin/hd: edge profiles open tickets at awkward moments; wrong ones are
// refused by field with the database unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, OPEN_FLAGS } from '../helpers/e2e.ts';

const t = (restore: string) => ({ response: '1h', update: '2h', restore, onsite: '4h', hardware: restore });
const same = (restore: string) => ({ P1: t(restore), P2: t(restore), P3: t(restore), P4: t(restore) });

function dump(db: string): string {
  const raw = new Database(db, { readonly: true });
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const out = tables.map((name) => JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
  raw.close();
  return out;
}

describe('hd rules import, end to end', () => {
  it('edge profiles: a ticket opens under each on 31 December 23:59 and on a Saturday', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const file = join(db, '..', 'edge.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          name: 'one-hour-a-week',
          coverage: { type: 'business', days: [3], start: '09:00', end: '10:00', holidays: 'BY' },
          confirmWithin: '30h',
          targets: same('30h'),
        },
        {
          name: 'sundays-no-holidays',
          coverage: {
            type: 'business',
            timezone: 'Pacific/Kiritimati',
            days: [7],
            start: '00:00',
            end: '23:59',
            holidays: null,
          },
          targets: same('45d'),
        },
      ]),
    );
    const imported = hd(db, ['rules', 'import', file], { env: { HD_NOW: '2026-11-25T09:00:00Z' } });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(
      'one-hour-a-week: saved as version 1.\nsundays-no-holidays: saved as version 1.\n',
    );
    for (const profile of ['one-hour-a-week', 'sundays-no-holidays']) {
      expect(hd(db, ['client', 'update', 'C-2022-0533', '--profile', profile]).code).toBe(0);
      for (const now of ['2026-12-31T23:59:00+03:00', '2026-11-28T12:00:00Z']) {
        const r = hd(db, ['open', ...OPEN_FLAGS, '--no-notify', '--skip-reason', 'test', '--json'], {
          env: { HD_NOW: now },
        });
        expect(r.stderr, `${profile} at ${now}`).toBe('');
        expect(r.code).toBe(0);
        expect(Date.parse(JSON.parse(r.stdout).deadlines.restore.due)).toBeGreaterThan(Date.parse(now));
      }
    }
  });

  it.each([
    [
      {
        name: 'gold',
        coverage: { type: 'business', days: [3], start: '09:00', end: '10:00' },
        targets: same('3650d'),
      },
      /targets\.P1\.restore: "3650d" is longer than 366d/,
    ],
    [
      {
        name: 'gold',
        coverage: { type: 'business', days: [3], start: '09:00', end: '10:00' },
        targets: same('60h'),
      },
      /targets\.P1\.restore: 2d12h of working time cannot be reached/,
    ],
    [
      {
        name: 'gold',
        coverage: { type: 'business', holidays: 'XX', start: '09:00', end: '18:00' },
        targets: same('8h'),
      },
      /coverage\.holidays: "XX" is not a country/,
    ],
    [
      {
        name: 'gold',
        coverage: { type: 'business', extraWorkingDays: ['2026-02-30'], start: '09:00', end: '18:00' },
        targets: same('8h'),
      },
      /coverage\.extraWorkingDays\[0\]: "2026-02-30" is not a date/,
    ],
  ])('refused by field, database unchanged (%#)', (profile, message) => {
    const db = tempDbPath();
    expect(hd(db, ['init']).code).toBe(0);
    const file = join(db, '..', 'bad.json');
    writeFileSync(file, JSON.stringify(profile));
    const before = dump(db);
    const r = hd(db, ['rules', 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Nothing was imported\.\n$/);
    expect(dump(db)).toBe(before);
  });
});

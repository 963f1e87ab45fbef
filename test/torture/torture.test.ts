// Torture: concurrency, SIGKILL at random moments, and hostile
// text that must never reach the terminal raw. `npm run torture` runs the long versions.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdAsync, hdEnv } from '../helpers/e2e.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const LONG = process.env.HD_TORTURE === 'long';
const OPEN = openArgs(BANK, 'torture');

function consistency(db: string) {
  const raw = new Database(db, { readonly: true });
  const check = {
    integrity: raw.pragma('integrity_check', { simple: true }),
    ticketsWithoutOpened: raw
      .prepare(
        "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'opened')",
      )
      .pluck()
      .get(),
    dispatchesWithoutEvent: raw
      .prepare(
        "SELECT COUNT(*) FROM dispatches d WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = d.ticket_id AND e.kind = 'dispatch' AND json_extract(e.payload, '$.job') = printf('J-%06d', d.id))",
      )
      .pluck()
      .get(),
    // stock = available + reserved, and every reserved unit belongs to a job.
    reservedMismatch: raw
      .prepare(
        `SELECT COUNT(*) FROM spares s WHERE s.reserved <> COALESCE((SELECT SUM(ds.reserved - ds.used - ds.released)
           FROM dispatch_spares ds WHERE ds.spare_id = s.id), 0) OR s.reserved > s.stock OR s.stock < 0`,
      )
      .pluck()
      .get(),
    movementDrift: raw
      .prepare(
        `SELECT COUNT(*) FROM spares s WHERE s.stock <> (SELECT stock_after FROM spare_movements m WHERE m.spare_id = s.id ORDER BY m.id DESC LIMIT 1)
           OR s.reserved <> (SELECT reserved_after FROM spare_movements m WHERE m.spare_id = s.id ORDER BY m.id DESC LIMIT 1)`,
      )
      .pluck()
      .get(),
  };
  raw.close();
  return check;
}

const healthy = {
  integrity: 'ok',
  ticketsWithoutOpened: 0,
  dispatchesWithoutEvent: 0,
  reservedMismatch: 0,
  movementDrift: 0,
};

describe('concurrency', () => {
  const workers = LONG ? 8 : 4;
  const each = LONG ? 50 : 8;
  it(`${workers} processes × ${each} (hd open + hd log) at once: no errors, every ticket and event present`, async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const worker = async (w: number) => {
      const out: { code: number; stderr: string; number?: string }[] = [];
      for (let i = 0; i < each; i++) {
        const opened = await hdAsync(db, [
          ...OPEN.map((a) => (a === 'torture' ? `w${w} n${i}` : a)),
          '--no-notify',
          '--skip-reason',
          'load test',
          '--json',
        ]);
        out.push(opened);
        if (opened.code !== 0) continue;
        const number = JSON.parse(opened.stdout).number as string;
        out.push({
          ...(await hdAsync(db, ['log', number, 'note', `w${w} n${i} checked`], { HD_OPERATOR: `w${w}` })),
          number,
        });
      }
      return out;
    };
    const results = (await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)))).flat();
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(workers * each);
    expect(raw.prepare('SELECT COUNT(DISTINCT id) FROM tickets').pluck().get()).toBe(workers * each);
    expect(raw.prepare("SELECT COUNT(*) FROM events WHERE kind = 'note'").pluck().get()).toBe(workers * each);
    expect(
      raw
        .prepare(
          "SELECT COUNT(*) FROM tickets t WHERE (SELECT COUNT(*) FROM events e WHERE e.ticket_id = t.id AND e.kind IN ('opened', 'note')) <> 2",
        )
        .pluck()
        .get(),
    ).toBe(0);
    raw.close();
    expect(consistency(db)).toEqual(healthy);
  }, 600_000);
});

describe('crashes', () => {
  const rounds = LONG ? 20 : 5;
  it(`${rounds} rounds of writers killed with SIGKILL at random moments leave a consistent database`, async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    for (let i = 0; i < 4; i++) hd(db, [...OPEN, '--no-notify', '--skip-reason', 'crash test']);
    let killed = 0;
    for (let round = 0; round < rounds; round++) {
      const commands = [
        [...OPEN, '--no-notify', '--skip-reason', 'crash test'],
        [
          'dispatch',
          String(1 + (round % 4)),
          '--engineer',
          'Ivan Petrov',
          '--spare',
          'SFP-1G-LX:2',
          '--spare',
          'PSU-12V-60W',
        ],
        ['log', String(1 + (round % 4)), 'note', `round ${round}`],
        ['dispatch', 'update', `J-${Math.max(1, round)}`, 'cancelled'],
        ['spares', 'receive', 'SFP-1G-LX', '--qty', '1', '--depot', 'minsk-central'],
      ];
      const children = commands.map((args) =>
        spawn(process.execPath, [BIN, ...args], { env: hdEnv(db), stdio: 'ignore' }),
      );
      const exits = children.map((c) => new Promise<void>((resolve) => c.on('exit', () => resolve())));
      // Kill each at a random moment between start-up and well past the write.
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) =>
              setTimeout(
                () => {
                  if (child.exitCode === null && child.kill('SIGKILL')) killed++;
                  resolve();
                },
                20 + Math.floor(Math.random() * 100),
              ),
            ),
        ),
      );
      await Promise.all(exits);
      expect(consistency(db), `after round ${round}`).toEqual(healthy);
    }
    expect(killed).toBeGreaterThan(0);
    // The database still works after all that.
    expect(hd(db, ['list', '--all', '--json']).code).toBe(0);
    expect(hd(db, [...OPEN, '--no-notify', '--skip-reason', 'after the crashes']).code).toBe(0);
  }, 600_000);
});

// The bad-input corpus lives in bad-input.test.ts.

describe('terminal safety', () => {
  it('text stored with escape sequences is never printed raw by any command', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const evil = (tag: string) => `${tag}\u001b]0;pwned-${tag}\u0007\u001b[2J\u001b[H\u001bc\u009b31m`;
    const steps: string[][] = [
      [
        'client',
        'add',
        '--name',
        'client',
        '--contract',
        'C-EVIL-1',
        '--contact',
        'contact',
        '--phone',
        '+375 29 555-00-01',
        '--email',
        'evil@example.by',
        '--prefer',
        'both',
        '--service',
        'EVIL-SVC',
        '--kind',
        'kind',
        '--address',
        'address',
      ],
      [
        'open',
        '--client',
        'C-EVIL-1',
        '--contact',
        'contact',
        '--service',
        'EVIL-SVC',
        '--impact',
        'down',
        '--urgency',
        'high',
        '--summary',
        'summary',
        '--description',
        evil('description'),
        '--answer',
        `since=${evil('since')}`,
        '--answer',
        'symptom=no-service',
        '--answer',
        'scope=one-site',
        // Every round opens another ticket on the same service (issue 14: refused without it).
        '--duplicate-ok',
        evil('duplicate'),
      ],
      ['take', '1'],
      ['log', '1', 'test', evil('test'), '--result', 'fail'],
      ['assign', '1', '--to', 'assignee'],
      ['zone', '1', 'cpe', '--note', evil('zone')],
      ['eta', '1', '+2h', '--via', 'phone', '--outcome', 'reached'],
      ['extend', '1', '--by', '1h', '--reason', evil('reason'), '--via', 'phone', '--outcome', 'no-answer'],
      ['dispatch', '1', '--engineer', 'Ivan Petrov', '--note', evil('jobnote')],
    ];
    for (const s of steps) expect(hd(db, s).code, s.join(' ')).toBe(0);
    // One-line fields refuse control characters at input; rows from an import or an older hd may
    // still hold them.
    const raw = new Database(db);
    raw.prepare('UPDATE clients SET name = ? WHERE name = ?').run(evil('client'), 'client');
    raw.prepare('UPDATE contacts SET name = ? WHERE name = ?').run(evil('contact'), 'contact');
    raw
      .prepare("UPDATE services SET kind = ?, address = ? WHERE service_id = 'EVIL-SVC'")
      .run(evil('kind'), evil('address'));
    raw
      .prepare('UPDATE tickets SET summary = ?, assignee = ? WHERE id = 1')
      .run(evil('summary'), evil('assignee'));
    raw.close();
    const readers: string[][] = [
      ['show', '1'],
      ['show', '1', '--json'],
      ['list'],
      ['list', '--json'],
      ['search', 'summary'],
      ['sla', '--overdue', '--due-within', '1d'],
      ['sla', '--overdue', '--due-within', '1d', '--limit', '0'],
      ['sla', '--overdue', '--due-within', '1d', '--limit', '0', '--json'],
      ['sla'],
      ['handover'],
      ['handover', '--markdown'],
      ['client', 'show', 'C-EVIL-1'],
      ['client', 'list'],
      ['notify', '1', 'update', '--dry-run', '--via', 'both'],
      ['outbox', 'list'],
      ['outbox', 'show', '1'],
      ['dispatch', 'list'],
      ['engineer', 'list'],
      ['sla', 'report', '--from', '2020-01-01', '--by', 'client'],
      ['sla', 'report', '--from', '2020-01-01', '--by', 'client', '--json'],
      ['sla', 'report', '--from', '2020-01-01', '--by', 'zone', '--csv'],
      ['show', '\u001b]0;title\u0007'],
      ['client', 'show', '\u001b[2Jwho'],
    ];
    for (const colour of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      for (const args of readers) {
        const r = hd(db, args, { env: colour });
        const out = r.stdout + r.stderr;
        expect(out, args.join(' ')).not.toMatch(/\u001b\]|\u001b\[2J|\u001b\[H|\u001bc|\u0007|\u009b/);
      }
    }
    // The text itself is kept, minus the escapes.
    expect(hd(db, ['show', '1']).stdout).toMatch(/^HD-000001 {2}in progress {2}P1 {2}summary\n/);
  }, 300_000);
});

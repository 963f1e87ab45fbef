import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { harness, type TestHarness, tableCounts, tempDbPath } from '../helpers/context.ts';
import { BANK, EVROOPT, openArgs } from '../helpers/fixtures.ts';

const SKIP = ['--no-notify', '--skip-reason', 'test'];

async function ok(h: TestHarness, args: string[]) {
  expect(await h.run(args), h.stderr()).toBe(0);
}

/** HD-000001 resolved with J-000001 on site (two SFPs reserved); HD-000002 just opened. */
async function withOpenJob(path?: string) {
  const h = await harness({ operator: 'olga', ...(path ? { path } : {}) });
  await ok(h, openArgs(BANK, 'VPN down'));
  await ok(h, openArgs(EVROOPT, 'L2 link flapping'));
  h.setNow('2026-11-25T09:10:00Z');
  await ok(h, ['take', '1']);
  await ok(h, ['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'sfp-1g-lx:2']);
  h.setNow('2026-11-25T09:40:00Z');
  await ok(h, ['dispatch', 'update', 'J-000001', 'on-site']);
  await ok(h, ['resolve', '1', '--summary', 'SFP swapped', '--zone', 'cpe', ...SKIP]);
  return h;
}

const CLOSE = ['close', '1', '--confirmed-by', 'Andrei', '--via', 'phone', ...SKIP];

describe('no command changes a closed ticket', () => {
  it('hd close refuses while a field job is open, naming it and how to finish or cancel it; nothing changes', async () => {
    const h = await withOpenJob();
    const before = tableCounts(h.store);
    const row = h.store.db.prepare('SELECT * FROM tickets WHERE id = 1').get();
    expect(await h.run(CLOSE)).toBe(1);
    expect(h.stderr()).toContain('HD-000001 still has an open field job: J-000001 (on-site)');
    expect(h.stderr()).toContain('hd dispatch update J-000001 done');
    expect(h.stderr()).toContain('hd dispatch update J-000001 cancelled');
    expect(tableCounts(h.store)).toEqual(before);
    expect(h.store.db.prepare('SELECT * FROM tickets WHERE id = 1').get()).toEqual(row);
    // Finishing the job returns the unused spares; then the ticket closes.
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    expect(h.stdout()).toContain('returned to stock: SFP-1G-LX×2');
    await ok(h, CLOSE);
  });

  it('refuses before the first question on a terminal', async () => {
    const h = await withOpenJob();
    h.ctx.io.isInteractive = true;
    // The scripted prompter fails on any question it was not given.
    expect(await h.run(['close', '1'])).toBe(1);
    expect(h.stderr()).toContain('J-000001');
  });

  it('hd dispatch update refuses the jobs of a closed ticket', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    const before = tableCounts(h.store);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'cancelled'])).toBe(1);
    expect(h.stderr()).toContain('J-000001 belongs to HD-000001, which is closed');
    expect(tableCounts(h.store)).toEqual(before);
    // Named by the ticket: the same reason, not a hint to dispatch a job it would refuse.
    expect(await h.run(['dispatch', 'update', '1', 'en-route'])).toBe(1);
    expect(h.stderr()).toContain(
      'HD-000001 is closed; the field jobs of a closed ticket are final and are not updated. If the fault is back, open a related ticket: hd open --related HD-000001.',
    );
    expect(h.stderr()).not.toContain('Send one with');
    expect(tableCounts(h.store)).toEqual(before);
  });

  it('hd cancel refuses while a job is open (it would keep its spares); the jobs of a cancelled ticket are final', async () => {
    const h = await withOpenJob();
    await ok(h, ['reopen', '1', '--reason', 'still down']);
    const before = tableCounts(h.store);
    expect(await h.run(['cancel', '1', '--reason', 'opened in error'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 still has an open field job: J-000001 (on-site)');
    expect(h.stderr()).toContain('then cancel the ticket');
    expect(tableCounts(h.store)).toEqual(before);
    await ok(h, ['dispatch', 'update', 'J-000001', 'cancelled']);
    await ok(h, ['cancel', '1', '--reason', 'opened in error']);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'done'])).toBe(1);
    expect(h.stderr()).toContain('J-000001 belongs to HD-000001, which is cancelled');
    expect(await h.run(['dispatch', 'update', '1', 'done'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 is cancelled; the field jobs of a cancelled ticket are final');
  });

  it('a notice after the close adds its events and leaves the final row as it is', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    const row = h.store.db.prepare('SELECT * FROM tickets WHERE id = 1').get();
    const events = h.store.db
      .prepare('SELECT count(*) FROM events WHERE ticket_id = 1')
      .pluck()
      .get() as number;
    h.setNow('2026-11-25T10:30:00Z');
    await ok(h, ['notify', '1', 'closed', '--via', 'phone', '--outcome', 'reached']);
    expect(h.store.db.prepare('SELECT * FROM tickets WHERE id = 1').get()).toEqual(row);
    expect(h.store.db.prepare('SELECT count(*) FROM events WHERE ticket_id = 1').pluck().get()).toBe(
      events + 1,
    );
    expect(await h.run(['log', '1', 'note', 'late note'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 is closed; its log is final');
  });

  it('refuses an event dated before its ticket was opened (a clock set back)', async () => {
    const h = await withOpenJob();
    h.setNow('2026-11-25T08:59:00Z');
    const before = tableCounts(h.store);
    expect(await h.run(['log', '2', 'note', 'too early'])).toBe(1);
    expect(h.stderr()).toContain(
      'HD-000002 was opened at 2026-11-25 12:00 Europe/Minsk; nothing can be recorded on it at 2026-11-25 11:59 Europe/Minsk, before that.',
    );
    expect(await h.run(['take', '2'])).toBe(1);
    expect(tableCounts(h.store)).toEqual(before);
  });
});

describe('hd verify', () => {
  it('exits 0 with one summary line on a clean database', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    await ok(h, ['verify']);
    expect(h.stdout()).toMatch(
      /^All hash chains intact and every ticket matches its events: 2 tickets and \d+ events checked in [\d.]+ s\.\n$/,
    );
    await ok(h, ['verify', '--json']);
    expect(JSON.parse(h.stdout())).toMatchObject({ findings: [], ok: true, tickets: 2, differences: 0 });
  });

  it('says statuses in words in its text, TMF names in --json', async () => {
    const path = tempDbPath();
    const h = await withOpenJob(path);
    await ok(h, ['take', '2']);
    const raw = new Database(path);
    raw.exec("UPDATE tickets SET status = 'acknowledged' WHERE id = 2");
    raw.close();
    expect(await h.run(['verify'])).toBe(1);
    expect(h.stdout()).toMatch(/^HD-000002 event #\d+: status: expected in progress, found acknowledged\n$/);
    expect(await h.run(['verify', '--json'])).toBe(1);
    expect(JSON.parse(h.stdout()).findings).toEqual([
      expect.objectContaining({ field: 'status', expected: 'inProgress', found: 'acknowledged' }),
    ]);
  });

  it('names a forged event, an inserted one with a wrong hash, and a row that disagrees with its events', async () => {
    const path = tempDbPath();
    const h = await withOpenJob(path);
    const raw = new Database(path);
    // A forger with the sqlite3 shell: drops the trigger, rewrites a test result.
    const resolved = raw
      .prepare("SELECT id FROM events WHERE ticket_id = 1 AND kind = 'resolved'")
      .pluck()
      .get();
    raw.exec('DROP TRIGGER events_no_update');
    raw.exec(`UPDATE events SET text = 'Resolved: nothing was wrong' WHERE id = ${resolved}`);
    // An event appended with a made-up hash.
    raw.exec(
      `INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (2, ${Date.parse('2026-11-25T10:00:00Z')}, 'x', 'note', 'inserted', '{}', 'abc')`,
    );
    const inserted = raw.prepare('SELECT max(id) FROM events').pluck().get();
    // HD-000002 is open: its row can be written, but not so that it contradicts its events.
    raw.exec("UPDATE tickets SET priority = 'P4', opened_by = 'nobody' WHERE id = 2");
    raw.close();
    const opened2 = h.store.db
      .prepare("SELECT id FROM events WHERE ticket_id = 2 AND kind = 'opened'")
      .pluck()
      .get();
    expect(await h.run(['verify'])).toBe(1);
    const lines = h.stdout().trimEnd().split('\n');
    // In ticket order; within a ticket, the chain as it is walked, then the row.
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^HD-000001 event #${resolved}: hash: expected [0-9a-f]{64}, found [0-9a-f]{64}$`),
      ),
      expect.stringMatching(
        new RegExp(`^HD-000002 event #${inserted}: hash: expected [0-9a-f]{64}, found abc$`),
      ),
      `HD-000002 event #${opened2}: openedBy: expected olga, found nobody`,
      `HD-000002 event #${opened2}: priority: expected P1, found P4`,
    ]);
    expect(h.stderr()).toMatch(/^hd: 4 differences found \(listed above\); 2 tickets and \d+ events checked/);
    expect(await h.run(['verify', '--json'])).toBe(1);
    const json = JSON.parse(h.stdout());
    expect(json).toMatchObject({ ok: false, tickets: 2, differences: 4 });
    expect(json.findings).toContainEqual({
      ticket: 'HD-000002',
      ticketId: 2,
      eventId: opened2,
      field: 'priority',
      expected: 'P1',
      found: 'P4',
    });
  });
});

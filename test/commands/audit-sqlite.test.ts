// hd verify against tampering done behind hd's back with the sqlite3 shell: SQLite only (the
// PostgreSQL file runs test/commands/audit.test.ts).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dbValue, tempDbPath } from '../helpers/context.ts';
import { ok, withOpenJob } from '../helpers/field-desk.ts';

describe('hd verify finds tampering in the SQLite file', () => {
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
    const opened2 = await dbValue(h.store, "SELECT id FROM events WHERE ticket_id = 2 AND kind = 'opened'");
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

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, hdAsync, OPEN_FLAGS } from '../helpers/e2e.ts';

describe('hd verify through bin/hd', () => {
  it('exits 0 on a clean log; after a forgery from the sqlite3 shell, names it and exits 1', () => {
    const db = tempDbPath();
    const env = { env: { HD_NOW: '2026-11-25T09:00:00Z' } };
    expect(hd(db, ['init', '--demo'], env).code).toBe(0);
    expect(hd(db, ['open', ...OPEN_FLAGS], env).code).toBe(0);
    expect(hd(db, ['log', '1', 'test', 'ping CPE', '--result', 'fail'], env).code).toBe(0);
    const clean = hd(db, ['verify'], env);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(clean.stdout).toMatch(
      /^All hash chains intact and every ticket matches its events: 1 ticket and \d+ events/,
    );

    const raw = new Database(db);
    expect(() => raw.exec("INSERT OR REPLACE INTO events SELECT * FROM events WHERE kind = 'test'")).toThrow(
      /never replaced/,
    );
    raw.exec('DROP TRIGGER events_no_update');
    const id = raw.prepare("SELECT id FROM events WHERE kind = 'test'").pluck().get();
    raw.exec(`UPDATE events SET payload = '{"result":"pass"}' WHERE id = ${id}`);
    raw.close();
    const forged = hd(db, ['verify'], env);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(
      new RegExp(`^HD-000001 event #${id}: hash: expected [0-9a-f]{64}, found [0-9a-f]{64}\\n$`),
    );
    expect(forged.stderr).toMatch(
      /^hd: 1 difference found \(listed above\); 1 ticket and \d+ events checked/,
    );
  });

  it('keeps one chain per ticket when several processes log on it at once', async () => {
    const db = tempDbPath();
    const env = { HD_NOW: '2026-11-25T09:00:00Z' };
    expect(hd(db, ['init', '--demo'], { env }).code).toBe(0);
    expect(hd(db, ['open', ...OPEN_FLAGS], { env }).code).toBe(0);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => hdAsync(db, ['log', '1', 'note', `note ${i}`], env)),
    );
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const verified = hd(db, ['verify', '--json'], { env });
    expect(verified.code, verified.stdout).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, tickets: 1, differences: 0 });
  }, 60_000);
});

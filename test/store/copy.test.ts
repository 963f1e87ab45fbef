// hd db copy between two SQLite files: every table copied with its ids, chains verified, the
// target's search index rebuilt, a non-empty target refused, legacy events sealed, Ctrl-C.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/commands/db/copy.ts';
import { TicketAudit } from '../../src/domain/audit.ts';
import { ticketsWithEvents } from '../../src/store/audit.ts';
import { COPIED_TABLES, copyDatabase, tablesOf } from '../../src/store/copy.ts';
import { sql } from '../../src/store/port.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { harness, tempDbPath } from '../helpers/context.ts';
import { dump, richDesk, rowCounts, searchRows, tickets } from '../helpers/copy-scenario.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

async function findings(q: Parameters<typeof ticketsWithEvents>[0]) {
  const out: unknown[] = [];
  for await (const t of ticketsWithEvents(q)) {
    const audit = new TicketAudit(t.ticketId);
    for (const e of t.events) audit.event(e);
    out.push(...audit.finish(t.row));
  }
  return out;
}

describe('hd db copy on SQLite', () => {
  it('copies every table of the schema (a table added to it and not copied fails here)', async () => {
    const store = openDatabase(tempDbPath());
    expect((await tablesOf(store)).sort()).toEqual(COPIED_TABLES.map((t) => t.table).sort());
    await store.close();
  });

  it('copies a desk into a new file: every row equal, chains verified, search rebuilt, next number next', async () => {
    const { h } = await richDesk();
    const to = tempDbPath();
    expect(await h.run(['db', 'copy', '--to', to, '--json'])).toBe(0);
    const report = JSON.parse(h.stdout());
    expect(report.rows).toBe(Object.values(await rowCounts(h.store)).reduce((a, b) => a + b, 0));
    expect(report.ticketsVerified).toBe(6);
    expect(report.sealedEvents).toBe(0);
    expect(report.differences).toBe(0);
    // Piped stderr: one line per table.
    expect(h.stderr()).toContain('hd db copy: tickets: 6 rows');
    const target = openDatabase(to);
    expect(await dump(target)).toEqual(await dump(h.store));
    expect(await searchRows(target)).toEqual(await searchRows(h.store));
    expect(await tickets(target)).toEqual(await tickets(h.store));
    expect(await findings(target)).toEqual([]);
    await target.close();
    const copy = await harness({ path: to, demo: false, now: '2026-11-25T11:00:00Z' });
    expect(await copy.run(openArgs(BANK, 'after the move'))).toBe(0);
    expect(copy.stdout()).toContain('HD-000007');
    expect(await copy.run(['verify'])).toBe(0);
  });

  it('refuses a target that holds tickets or clients: exit 1, nothing written', async () => {
    const { h } = await richDesk();
    const other = await harness({ path: tempDbPath() });
    expect(await other.run(openArgs(BANK, 'already here'))).toBe(0);
    const before = await dump(other.store);
    expect(await h.run(['db', 'copy', '--to', other.ctx.dbPath])).toBe(1);
    expect(h.stderr()).toMatch(
      /is not empty \(it holds rows in clients \(7\), .*tickets \(1\).*\): hd db copy fills only an empty database, so nothing was written/,
    );
    expect(await dump(other.store)).toEqual(before);
  });

  it('accepts a target that only ran hd init, its reference data replaced by the source', async () => {
    const { h } = await richDesk();
    const to = tempDbPath();
    const init = await harness({ path: to, demo: false });
    await init.store.close();
    expect(await h.run(['db', 'copy', '--to', to])).toBe(0);
    expect(h.stdout()).toMatch(
      /Copied [\d,]+ rows from .* in [\d.]+ s; row counts equal in every table, the hash chains of 6 tickets/,
    );
    const target = openDatabase(to);
    expect(await dump(target)).toEqual(await dump(h.store));
    await target.close();
  });

  it('seals events from before the tamper-evident log with the hash hd verify computes', async () => {
    const { h, path } = await richDesk();
    await h.store.close();
    const raw = new Database(path);
    const trigger = raw
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'")
      .pluck()
      .get() as string;
    raw.exec('DROP TRIGGER events_no_update');
    raw.exec('UPDATE events SET hash = NULL WHERE ticket_id = 2');
    const legacy = raw.prepare('SELECT count(*) FROM events WHERE ticket_id = 2').pluck().get() as number;
    raw.exec(trigger);
    raw.close();
    const source = openDatabase(path);
    const to = tempDbPath();
    const target = openDatabase(to);
    const summary = await copyDatabase(source, target);
    expect(summary.sealedEvents).toBe(legacy);
    expect(await findings(target)).toEqual([]);
    const nulls = await target.get<{ n: number }>(sql`SELECT count(*) AS n FROM events WHERE hash IS NULL`);
    expect(nulls?.n).toBe(0);
    await target.close();

    // A NULL hash after a hashed event of the same ticket is an altered log: refused.
    await source.close();
    const raw2 = new Database(path);
    raw2.exec('DROP TRIGGER events_no_update');
    raw2.exec('UPDATE events SET hash = NULL WHERE id = (SELECT max(id) FROM events WHERE ticket_id = 1)');
    raw2.close();
    const altered = openDatabase(path);
    const fresh = openDatabase(tempDbPath());
    await expect(copyDatabase(altered, fresh)).rejects.toThrow(
      /HD-000001 event #\d+ has no hash although an earlier event/,
    );
    expect(await rowCounts(fresh)).toMatchObject({ tickets: 0, events: 0, clients: 0 });
    await altered.close();
    await fresh.close();
  });

  it('Ctrl-C rolls the copy back and removes the file it created', async () => {
    const { h } = await richDesk();
    const to = tempDbPath();
    h.interruptNow();
    expect(await h.run(['db', 'copy', '--to', to])).toBe(130);
    expect(h.stderr()).toBe(`hd: Cancelled: the copy was rolled back; the new file ${to} was removed.\n`);
    expect(existsSync(to)).toBe(false);
    // An existing (empty, initialised) file is left as it was, and says so.
    const kept = tempDbPath();
    (await openDatabase(kept)).close();
    expect(await h.run(['db', 'copy', '--to', kept])).toBe(130);
    expect(h.stderr()).toBe(`hd: Cancelled: the copy was rolled back; ${kept} is left as it was.\n`);
    expect(existsSync(kept)).toBe(true);
  });

  it('refuses to copy a database onto itself, and a target of another kind', async () => {
    const { h, path } = await richDesk();
    expect(await h.run(['db', 'copy', '--to', path])).toBe(2);
    expect(h.stderr()).toContain('is the database being copied');
    expect(await h.run(['db', 'copy', '--to', 'mysql://x@y/z'])).toBe(2);
    expect(h.stderr()).toContain('not to mysql');
    expect(await h.run(['db', 'copy'])).toBe(2);
    expect(h.stderr()).toContain('--to');
  });

  it('the progress bar fits the terminal: the whole line within 80 columns, however many rows', () => {
    for (const total of [12, 205_643, 1_000_000, 25_000_000]) {
      const { format, barsize } = progressLine(80, total);
      const line = format
        .replace('{table}', 'spare_movements')
        .replace('{bar}', '█'.repeat(barsize))
        .replace('{percentage}', '100')
        .replace('{value}', String(total))
        .replace('{total}', String(total))
        .replace('{eta_formatted}', '999h59m');
      expect(line.length, line).toBeLessThan(80);
      expect(barsize).toBeGreaterThanOrEqual(10);
    }
    // A wide terminal keeps the usual 40-character bar.
    expect(progressLine(200, 205_643).barsize).toBe(40);
  });
});

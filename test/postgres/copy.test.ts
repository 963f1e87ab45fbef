// hd db copy on a real PostgreSQL server: a desk's SQLite file into the central database and
// back into a file, every row equal, chains verified on both, sequences moved past the ids, a
// non-empty target and a bad or unreachable URL refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketAudit } from '../../src/domain/audit.ts';
import { ticketsWithEvents } from '../../src/store/audit.ts';
import {
  COPIED_TABLES,
  columnsOf,
  copyDatabase,
  TargetNotEmptyError,
  tablesOf,
} from '../../src/store/copy.ts';
import { engineQueries } from '../../src/store/engine.ts';
import { type Queryable, sql } from '../../src/store/port.ts';
import { openPostgres, type PostgresStore } from '../../src/store/postgres/index.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { tempDbPath } from '../helpers/context.ts';
import { dump, richDesk, rowCounts, searchRows, tickets } from '../helpers/copy-scenario.ts';
import { connect, freshDatabase, TEST_ENV, withDatabase } from '../helpers/postgres.ts';

let url: string;
let pg: PostgresStore;

beforeAll(async () => {
  url = await freshDatabase();
  pg = await openPostgres(url, TEST_ENV);
});

afterAll(async () => {
  await pg?.close();
});

async function findings(q: Queryable) {
  const out: unknown[] = [];
  for await (const t of ticketsWithEvents(q)) {
    const audit = new TicketAudit(t.ticketId);
    for (const e of t.events) audit.event(e);
    out.push(...audit.finish(t.row));
  }
  return out;
}

describe('hd db copy with PostgreSQL', () => {
  it('copies every table of the PostgreSQL schema (a table added to it and not copied fails here)', async () => {
    expect((await tablesOf(pg)).sort()).toEqual(COPIED_TABLES.map((t) => t.table).sort());
  });

  it('SQLite → PostgreSQL → SQLite: every row equal, chains verified, reads agree, next numbers next', async () => {
    const { h } = await richDesk();
    h.ctx.env = { ...TEST_ENV };
    expect(await h.run(['db', 'copy', '--to', url, '--json'])).toBe(0);
    const report = JSON.parse(h.stdout());
    expect(report).toMatchObject({ ticketsVerified: 6, sealedEvents: 0, differences: 0 });
    expect(report.target).toBe(url.replace(/:[^:@/]+@/, ':***@'));

    const source = await dump(h.store);
    expect(await rowCounts(pg)).toEqual(await rowCounts(h.store));
    expect(await dump(pg)).toEqual(source);
    expect(await searchRows(pg)).toEqual(await searchRows(h.store));
    expect(await tickets(pg)).toEqual(await tickets(h.store));
    expect(await findings(pg)).toEqual([]);
    // The search index numbered as in the source (searchRows is in id order): a search finds and
    // ranks the same hits, ties between equal texts included.
    const search = (q: Queryable, words: string) => engineQueries(q).searchTickets(q, words, 20);
    for (const words of ['ticket told', 'taken by olga', 'HD-000001'])
      expect(await search(pg, words), words).toEqual(await search(h.store, words));
    expect((await search(pg, 'ticket told')).length).toBeGreaterThan(3);

    // Back into a file, for training: the same rows again.
    const back = openDatabase(tempDbPath());
    const summary = await copyDatabase(pg, back);
    expect(summary.ticketsVerified).toBe(6);
    expect(await dump(back)).toEqual(source);
    expect(await searchRows(back)).toEqual(await searchRows(h.store));
    expect(await tickets(back)).toEqual(await tickets(h.store));
    expect(await findings(back)).toEqual([]);
    await back.close();

    // The ticket counter stands at the last copied ticket (hd open numbers from it, not the sequence).
    expect(await pg.all(sql`SELECT last FROM ticket_numbers`)).toEqual([{ last: 6 }]);
    // The sequences moved past the copied ids: a new ticket, event and outbox row get the next ids.
    const next = await pg.tx(async (q) => {
      const cols = (await columnsOf(q, 'tickets')).filter((c) => c !== 'id').join(', ');
      const t = await q.get<{ id: number }>(
        sql`INSERT INTO tickets (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM tickets WHERE id = 6 RETURNING id`,
      );
      const e = await q.get<{ id: number }>(
        sql`INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash)
            SELECT ${t!.id}, at, actor, kind, text, payload, hash FROM events WHERE ticket_id = 6 ORDER BY id LIMIT 1 RETURNING id`,
      );
      const c = await q.get<{ id: number }>(
        sql`INSERT INTO clients (name, contract_no, profile, language, timezone, created_at)
            VALUES ('New', 'C-NEW', 'standard', 'en', 'UTC', 0) RETURNING id`,
      );
      return { ticket: t!.id, event: e!.id, client: c!.id };
    });
    const max = async (table: string) =>
      Number((await h.store.get<{ m: number }>(sql`SELECT max(id) AS m FROM ${sql.raw(table)}`))!.m);
    expect(next).toEqual({ ticket: 7, event: (await max('events')) + 1, client: (await max('clients')) + 1 });
  });

  it('refuses a non-empty central database: exit 1, nothing written', async () => {
    const { h } = await richDesk();
    h.ctx.env = { ...TEST_ENV };
    const before = await dump(pg);
    expect(before.tickets!.length).toBeGreaterThan(0);
    expect(await h.run(['db', 'copy', '--to', url])).toBe(1);
    expect(h.stderr()).toMatch(
      /is not empty \(it holds rows in clients \(\d+\), .*tickets \(7\).*\): .*nothing was written/,
    );
    expect(await dump(pg)).toEqual(before);
    await expect(copyDatabase(h.store, pg)).rejects.toBeInstanceOf(TargetNotEmptyError);
  });

  it('refuses a bad URL and an unreachable server clearly, exit 1', async () => {
    const { h } = await richDesk();
    h.ctx.env = { ...TEST_ENV, PGCONNECT_TIMEOUT: '2' };
    expect(await h.run(['db', 'copy', '--to', withDatabase(url, { port: 1 })])).toBe(1);
    expect(h.stderr()).toMatch(/cannot reach the central database at .*:1/);
    expect(await h.run(['db', 'copy', '--to', withDatabase(url, { database: 'no_such_db' })])).toBe(1);
    expect(h.stderr()).toContain('no_such_db');
    expect(h.stderr()).toContain('check the name in --to');
    expect(await h.run(['db', 'copy', '--to', withDatabase(url, { password: 'wrong-one' })])).toBe(1);
    expect(h.stderr()).toMatch(
      /refused user ".*" \(wrong password\): check the user name and the password in --to or PGPASSWORD/,
    );
    expect(await h.run(['db', 'copy', '--to', `${url}?sslmode=sometimes`])).not.toBe(0);
    expect(h.stderr()).toContain('sslmode');
  });

  it('Ctrl-C in the middle rolls the whole copy back: the central database stays empty', async () => {
    const { h } = await richDesk();
    const empty = await openPostgres(await freshDatabase(), TEST_ENV);
    const ctrl = new AbortController();
    await expect(
      copyDatabase(h.store, empty, { signal: ctrl.signal, onTable: (t) => t === 'events' && ctrl.abort() }),
    ).rejects.toThrow(/Cancelled: the copy was rolled back/);
    expect(Object.values(await rowCounts(empty)).every((n) => n === 0)).toBe(true);
    // And it can be run again from the start.
    expect((await copyDatabase(h.store, empty)).ticketsVerified).toBe(6);
    await empty.close();
  });

  it('Ctrl-C through hd db copy into an empty central database says what stays: the empty schema, no rows', async () => {
    const { h } = await richDesk();
    h.ctx.env = { ...TEST_ENV };
    const empty = await freshDatabase();
    h.interruptNow();
    expect(await h.run(['db', 'copy', '--to', empty])).toBe(130);
    const shownUrl = empty.replace(/:[^:@/]+@/, ':***@');
    expect(h.stderr()).toBe(
      `hd: Cancelled: the copy was rolled back; no rows were written to ${shownUrl}; the empty hd schema made for the copy stays there (run hd db copy --to it again).\n`,
    );
    const c = await connect(empty);
    expect((await c.query('SELECT count(*)::int AS n FROM tickets')).rows).toEqual([{ n: 0 }]);
    await c.end();
  });

  it('refuses a database of another program, leaving it as it was', async () => {
    const { h } = await richDesk();
    h.ctx.env = { ...TEST_ENV };
    const other = await freshDatabase();
    const c = await connect(other);
    await c.query('CREATE TABLE invoices (id int)');
    expect(await h.run(['db', 'copy', '--to', other])).toBe(1);
    expect(h.stderr()).toContain('is not an hd database (it holds invoices)');
    // The advice names --to, where the target came from, never HD_DB.
    expect(h.stderr()).toContain('Give --to an empty database');
    expect(h.stderr()).not.toContain('HD_DB');
    const tables = await c.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(['invoices']);
    await c.end();
  });
});

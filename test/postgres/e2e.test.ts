// bin/hd with HD_DB=postgres://…: the built bundle on the run's PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, hd, hdAsync, hdEnv, OPEN_FLAGS } from '../helpers/e2e.ts';
import { connect, freshDatabase, withDatabase } from '../helpers/postgres.ts';

describe('bin/hd on PostgreSQL', () => {
  it('init --demo, open, list, show, take, log, all through HD_DB, and --db postgresql:// too', async () => {
    const url = await freshDatabase();
    const init = hd(url, ['init', '--demo']);
    expect([init.code, init.stderr]).toEqual([0, expect.stringContaining('Demo data: 7 clients')]);
    // The printed location never carries the password.
    expect(init.stderr).toMatch(/^Database: postgres:\/\/[^:@]+@/m);
    const env = { HD_NOW: '2026-11-25T07:00:00Z' };
    const open = hd(url, ['open', ...OPEN_FLAGS, '--json'], { env });
    expect([open.code, open.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(open.stdout)).toMatchObject({ number: 'HD-000001', priority: 'P1' });
    const list = hd(url, ['list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('HD-000001');
    expect(hd(url, ['take', '1'], { env: { HD_NOW: '2026-11-25T07:10:00Z' } }).code).toBe(0);
    const log = hd(url, ['log', '1', 'note', 'called the warehouse'], {
      env: { HD_NOW: '2026-11-25T07:12:00Z' },
    });
    expect([log.code, log.stderr]).toEqual([0, expect.any(String)]);
    const viaFlag = url.replace(/^postgres:/, 'postgresql:');
    const show = hd('/nonexistent/ignored.db', ['--db', viaFlag, 'show', '1', '--json'], {
      env: { HD_NOW: '2026-11-25T07:15:00Z' },
    });
    expect([show.code, show.stderr]).toEqual([0, '']);
    const ticket = JSON.parse(show.stdout);
    expect(ticket).toMatchObject({ number: 'HD-000001', status: 'inProgress' });
    expect(JSON.stringify(ticket.timeline)).toContain('called the warehouse');
  });

  it('two processes opening tickets at once get distinct numbers', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        hdAsync(url, ['open', ...OPEN_FLAGS, '--json'], { HD_NOW: '2026-11-25T07:00:00Z' }),
      ),
    );
    for (const r of runs) expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const numbers = runs.map((r) => JSON.parse(r.stdout).number).sort();
    expect(numbers).toEqual(['HD-000001', 'HD-000002', 'HD-000003', 'HD-000004']);
  });

  it('concurrent notes on one ticket from four processes: every note kept, hash chain intact', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const env = { HD_NOW: '2026-11-25T07:00:00Z' };
    expect(hd(url, ['open', ...OPEN_FLAGS], { env }).code).toBe(0);
    const notes = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        hdAsync(url, ['log', '1', 'note', `note ${i}`], { HD_NOW: '2026-11-25T07:05:00Z' }),
      ),
    );
    for (const r of notes) expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const show = hd(url, ['show', '1', '--json'], { env: { HD_NOW: '2026-11-25T07:06:00Z' } });
    const timeline = JSON.stringify(JSON.parse(show.stdout).timeline);
    for (let i = 0; i < 4; i++) expect(timeline).toContain(`note ${i}`);
    const verify = hd(url, ['verify'], { env: { HD_NOW: '2026-11-25T07:06:00Z' } });
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringContaining('All hash chains intact')]);
  });

  it('tab completion on an empty central database offers nothing and creates nothing (a restore target stays empty)', async () => {
    const url = await freshDatabase();
    for (const words of [
      ['take', ''],
      ['open', '--client', ''],
      ['log', '1', 'note', 'x', '--zone', ''],
    ]) {
      const r = hd(url, ['__complete', ...words]);
      expect(r.code, r.stderr).toBe(0);
      if (words[0] !== 'log') expect(r.stdout).toBe('');
    }
    const c = await connect(url);
    const tables = await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    await c.end();
    expect(tables.rows[0].n).toBe(0);
    // Once initialised, the same Tab offers the open tickets.
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    expect(hd(url, ['open', ...OPEN_FLAGS, '--no-notify', '--skip-reason', 'told']).code).toBe(0);
    expect(hd(url, ['__complete', 'take', '']).stdout).toContain('HD-000001');
  });

  it('refuses a database holding other tables, and an unreachable server, with exit 1 and a clear line', async () => {
    const url = await freshDatabase();
    const c = await connect(url);
    await c.query('CREATE TABLE invoices (id int)');
    await c.end();
    const foreign = hd(url, ['init']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/^hd: .*not an hd database \(it holds invoices\)/m);
    const down = hd('postgres://hd:pw@127.0.0.1:1/hd', ['list'], {
      env: { HD_PG_CONNECT_TIMEOUT_MS: '2000' },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^hd: cannot reach the central database at 127\.0\.0\.1:1/m);
    expect(down.stderr).not.toContain('pw@');
  });

  it('connects once: the connection bin/hd opens while the bundle loads is the one the command uses', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const server = new URL(url);
    // A proxy in front of the server counts the TCP connections opened through it.
    const accepted: Socket[] = [];
    const proxy: Server = createServer((s) => {
      accepted.push(s);
      const up = createConnection(Number(server.port), server.hostname);
      s.pipe(up).pipe(s);
      s.on('error', () => up.destroy());
      up.on('error', () => s.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const through = new URL(url);
    through.port = String((proxy.address() as { port: number }).port);
    try {
      for (const query of ['', '?sslmode=disable', '?sslmode=prefer']) {
        for (const args of [['list'], ['client', 'list', '--json']]) {
          accepted.length = 0;
          const r = await hdAsync(`${through}${query}`, args, { HD_NOW: '2026-11-25T07:00:00Z' });
          expect({ query, args, code: r.code, stderr: r.stderr, connections: accepted.length }).toEqual({
            query,
            args,
            code: 0,
            stderr: expect.any(String),
            connections: 1,
          });
        }
      }
      // Where the early connection went somewhere else (the URL given again with --db after
      // the command, so bin/hd did not see it), it is dropped and the command still works.
      accepted.length = 0;
      const other = await hdAsync(`${through}`, ['client', 'list', '--db', url], {
        HD_NOW: '2026-11-25T07:00:00Z',
      });
      expect([other.code, other.stderr]).toEqual([0, '']);
    } finally {
      for (const s of accepted) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('loads node-postgres from its own bundle, dist/pg.cjs (and no better-sqlite3), which logs in, refuses TLS and a wrong password as the package does', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init']).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'hd-bundle-'));
    const hook = join(dir, 'cache.cjs');
    const seen = join(dir, 'cache.txt');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, Object.keys(require.cache).join('\\n')));`,
    );
    const r = spawnSync(process.execPath, ['--require', hook, BIN, 'list'], {
      env: hdEnv(url),
      encoding: 'utf8',
    });
    expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    const loaded = readFileSync(seen, 'utf8').split('\n');
    expect(loaded.filter((m) => /dist\/pg\.cjs$/.test(m))).toHaveLength(1);
    expect(loaded.filter((m) => /node_modules\/(pg|pg-[a-z-]+)\//.test(m))).toEqual([]);
    // Nor does a run on PostgreSQL load the SQLite driver.
    expect(loaded.filter((m) => m.includes('node_modules/better-sqlite3/'))).toEqual([]);
    const port = new URL(url).port;
    const tls = hd(`${url}?sslmode=require`, ['list']);
    expect([tls.code, tls.stderr]).toEqual([
      1,
      expect.stringContaining(
        `cannot agree TLS with the central database at 127.0.0.1:${port} under sslmode=require (The server does not support SSL connections)`,
      ),
    ]);
    const wrong = hd(withDatabase(url, { password: 'wrong-one' }), ['list']);
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('(wrong password)')]);
    expect(wrong.stderr).not.toContain('wrong-one');
  });
});

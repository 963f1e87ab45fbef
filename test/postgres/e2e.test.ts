// bin/hd with HD_DB=postgres://…: the built bundle on the run's PostgreSQL server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hd, hdAsync, OPEN_FLAGS } from '../helpers/e2e.ts';
import { connect, freshDatabase } from '../helpers/postgres.ts';

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

  it('an sslrootcert is read through bin/hd (the code-cached bundle): a missing file is named, a real one reaches the server', async () => {
    const url = await freshDatabase();
    const missing = `${url}${url.includes('?') ? '&' : '?'}sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`;
    const viaUrl = hd(missing, ['list']);
    expect([viaUrl.code, viaUrl.stderr]).toEqual([
      1,
      expect.stringMatching(/^hd: cannot read sslrootcert \/nonexistent\/ca\.pem \(ENOENT\)/m),
    ]);
    expect(viaUrl.stderr).not.toContain('unexpected error');
    const viaEnv = hd(url, ['list'], {
      env: { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/nonexistent/ca.pem' },
    });
    expect([viaEnv.code, viaEnv.stderr]).toEqual([
      1,
      expect.stringContaining('cannot read sslrootcert /nonexistent/ca.pem'),
    ]);
    // A readable file: the harness's server speaks no TLS, so the refusal is about TLS, not a crash.
    const dir = mkdtempSync(join(tmpdir(), 'hd-ca-'));
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const readable = hd(url, ['list'], { env: { PGSSLMODE: 'verify-full', PGSSLROOTCERT: ca } });
    expect(readable.code).toBe(1);
    expect(readable.stderr).toMatch(/^hd: /m);
    expect(readable.stderr).not.toMatch(/unexpected error|dynamic import/i);
  });
});

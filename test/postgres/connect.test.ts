// Reaching the central database: URL, libpq variables, ~/.pgpass, sslmode, time-outs, and a
// message naming the problem for each way it goes wrong (never the password).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n.ts';
import { StoreUnavailable, sql } from '../../src/store/port.ts';
import { mapPostgresError, PostgresReadOnlyError } from '../../src/store/postgres/errors.ts';
import {
  openPostgres,
  PostgresAuthError,
  PostgresNoDatabaseError,
  PostgresSettingsError,
  PostgresSslError,
  PostgresTimeoutError,
  postgresSettings,
} from '../../src/store/postgres/index.ts';
import { pgpassLookup } from '../../src/store/postgres/settings.ts';
import { connect, freshDatabase, TEST_ENV, withDatabase } from '../helpers/postgres.ts';

let url: string;
let parts: URL;

beforeAll(async () => {
  url = await freshDatabase();
  parts = new URL(url);
  (await openPostgres(url, TEST_ENV)).close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('settings', () => {
  it('reads the URL, and takes what it leaves out from the libpq variables', () => {
    const s = postgresSettings('postgres://ops:s3cret@db.example:6432/helpdesk?sslmode=verify-full', {});
    expect(s).toMatchObject({
      host: 'db.example',
      port: 6432,
      user: 'ops',
      password: 's3cret',
      database: 'helpdesk',
      sslMode: 'verify-full',
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30000,
      location: 'postgres://ops@db.example:6432/helpdesk',
    });
    const e = postgresSettings('postgres://', {
      PGHOST: 'central',
      PGPORT: '5433',
      PGUSER: 'noc',
      PGPASSWORD: 'pw',
      PGDATABASE: 'hd',
      PGSSLMODE: 'require',
      HD_PG_CONNECT_TIMEOUT_MS: '1500',
      HD_PG_STATEMENT_TIMEOUT_MS: '9000',
    });
    expect(e).toMatchObject({
      host: 'central',
      port: 5433,
      user: 'noc',
      password: 'pw',
      database: 'hd',
      sslMode: 'require',
      connectTimeoutMs: 1500,
      statementTimeoutMs: 9000,
    });
    expect(postgresSettings('postgresql://u@h/d', {}).sslMode).toBe('prefer');
  });

  it('names a bad sslmode, port or time-out, and never prints the password', () => {
    expect(() => postgresSettings('postgres://u:secret@h/d?sslmode=sometimes', {})).toThrow(
      new PostgresSettingsError(
        'sslmode=sometimes (in the URL) is not an sslmode PostgreSQL knows: use one of disable, allow, prefer, require, verify-ca, verify-full.',
      ),
    );
    expect(() => postgresSettings('postgres://u@h/d', { PGSSLMODE: 'on' })).toThrow(
      /sslmode=on \(PGSSLMODE\)/,
    );
    expect(() => postgresSettings('postgres://u@h/d', { PGPORT: '99999' })).toThrow(
      'port 99999 is not a TCP port (1–65535).',
    );
    expect(() => postgresSettings('postgres://u:secret@h:99999/d', {})).toThrow(
      'postgres://u@h:99999/d is not a database URL: write it as postgres://user@host:5432/database (the password in ~/.pgpass or PGPASSWORD).',
    );
    expect(() => postgresSettings('postgres://u@h/d', { HD_PG_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(
      'HD_PG_CONNECT_TIMEOUT_MS=soon is not a time-out: give a whole number of milliseconds, like HD_PG_CONNECT_TIMEOUT_MS=5000.',
    );
    const error = (() => {
      try {
        postgresSettings('postgres://u:secret@h/d?colour=blue', {});
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe(
      'postgres://u@h/d?colour=blue: hd does not know the URL setting "colour" (it knows host, port, sslmode, sslrootcert, connect_timeout, application_name).',
    );
  });

  it('takes a user without a host (the host from PGHOST) and host= or port= in the query string, as libpq does', () => {
    expect(postgresSettings('postgres://hd@/hd', { PGHOST: '127.0.0.1', PGPORT: '55432' })).toMatchObject({
      host: '127.0.0.1',
      port: 55432,
      user: 'hd',
      database: 'hd',
      password: undefined,
    });
    expect(postgresSettings('postgresql://hd:pa%3Ass@/helpdesk', { PGPASSWORD: 'other' })).toMatchObject({
      host: 'localhost',
      user: 'hd',
      password: 'pa:ss',
      database: 'helpdesk',
    });
    expect(postgresSettings('postgres:///hd?host=/tmp/pgt&port=6543', { PGHOST: 'central' })).toMatchObject({
      host: '/tmp/pgt',
      port: 6543,
      database: 'hd',
    });
    expect(postgresSettings('postgres://ops@db.example/hd?host=%2Fvar%2Frun%2Fpostgresql', {})).toMatchObject(
      {
        host: '/var/run/postgresql',
        user: 'ops',
      },
    );
  });

  it('refuses a URL setting given twice, naming it, rather than letting one silently win', () => {
    expect(() => postgresSettings('postgres://u:secret@h/d?sslmode=disable&sslmode=require', {})).toThrow(
      new PostgresSettingsError(
        'postgres://u@h/d?sslmode=disable&sslmode=require: the URL setting "sslmode" is given more than once (sslmode=disable, sslmode=require): give it once.',
      ),
    );
    expect(() =>
      postgresSettings('postgres://u@h/d?application_name=a&connect_timeout=2&application_name=a', {}),
    ).toThrow(/the URL setting "application_name" is given more than once/);
  });

  it('finds the password in a private ~/.pgpass, as libpq does', () => {
    const home = mkdtempSync(join(tmpdir(), 'hd-pgpass-'));
    const file = join(home, '.pgpass');
    writeFileSync(file, '# comment\nother:5432:*:noc:nope\ncentral:5432:hd:noc:pa\\:ss\n*:*:*:*:fallback\n', {
      mode: 0o600,
    });
    const s = postgresSettings('postgres://noc@central/hd', { HOME: home });
    expect(s.passFile).toBe(file);
    expect(pgpassLookup(s)).toBe('pa:ss');
    expect(pgpassLookup(postgresSettings('postgres://x@y/z', { HOME: home }))).toBe('fallback');
    chmodSync(file, 0o644);
    expect(pgpassLookup(s)).toBeUndefined();
  });
});

describe('connecting', () => {
  it('opens with the password from ~/.pgpass, and shows the URL without it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hd-pgpass-'));
    writeFileSync(join(home, '.pgpass'), `127.0.0.1:${parts.port}:*:${parts.username}:${parts.password}\n`, {
      mode: 0o600,
    });
    const store = await openPostgres(withDatabase(url, { password: '' }), { HOME: home });
    expect(store.location).toBe(`postgres://${parts.username}@127.0.0.1:${parts.port}${parts.pathname}`);
    expect(store.location).not.toContain(parts.password);
    expect(await store.get(sql`SELECT 1 AS one`)).toEqual({ one: 1 });
    await store.close();
    // Readable by others: ignored, as libpq does, and the refusal says so and how to fix it.
    chmodSync(join(home, '.pgpass'), 0o644);
    const error = await openPostgres(withDatabase(url, { password: '' }), { HOME: home }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PostgresAuthError);
    expect((error as Error).message).toBe(
      `the central database at 127.0.0.1:${parts.port} asks user "${parts.username}" for a password, and ${home}/.pgpass is readable by others (mode 0644), so hd ignores it, as libpq does: make it private with chmod 600 ${home}/.pgpass.`,
    );
  });

  it('opens from the libpq variables alone', async () => {
    const store = await openPostgres('postgres://', {
      ...TEST_ENV,
      PGHOST: '127.0.0.1',
      PGPORT: parts.port,
      PGUSER: parts.username,
      PGPASSWORD: parts.password,
      PGDATABASE: parts.pathname.slice(1),
    });
    expect(await store.get(sql`SELECT current_database() AS db`)).toEqual({ db: parts.pathname.slice(1) });
    await store.close();
  });

  it('names its connections as application_name= or PGAPPNAME says, else hd', async () => {
    const named = new URL(url);
    named.searchParams.set('application_name', 'noc-desk-7');
    for (const [target, env, expected] of [
      [named.toString(), TEST_ENV, 'noc-desk-7'],
      [url, { ...TEST_ENV, PGAPPNAME: 'field-office' }, 'field-office'],
      [url, TEST_ENV, 'hd'],
    ] as const) {
      const store = await openPostgres(target, env);
      expect(await store.get(sql`SELECT current_setting('application_name') AS name`)).toEqual({
        name: expected,
      });
      await store.close();
    }
  });

  it('a port where nothing listens: "cannot reach", at once', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await openPostgres(withDatabase(url, { port }), TEST_ENV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toBe(
      `cannot reach the central database at 127.0.0.1:${port} (ECONNREFUSED) — check HD_DB or the network.`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a server that never answers under sslmode=prefer is a time-out, not a TLS problem', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const target = new URL(withDatabase(url, { port }));
    target.searchParams.set('sslmode', 'prefer');
    const error = await openPostgres(target.toString(), {
      ...TEST_ENV,
      HD_PG_CONNECT_TIMEOUT_MS: '300',
    }).catch((e: unknown) => e);
    for (const s of sockets) s.destroy();
    silent.close();
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/connect time-out HD_PG_CONNECT_TIMEOUT_MS\) — check HD_DB/);
  });

  it('a port that is not a PostgreSQL server is named as such under every sslmode, not as a TLS problem', async () => {
    const sockets: Socket[] = [];
    const http: Server = createServer((s) => {
      sockets.push(s);
      s.on('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as { port: number }).port;
    try {
      for (const mode of ['prefer', 'require', 'verify-full', 'disable', 'allow']) {
        const target = new URL(withDatabase(url, { port }));
        target.searchParams.set('sslmode', mode);
        const error = await openPostgres(target.toString(), TEST_ENV).catch((e: unknown) => e);
        expect(error, mode).toBeInstanceOf(StoreUnavailable);
        expect((error as Error).message, mode).toBe(
          `127.0.0.1:${port} did not answer like a PostgreSQL server — check the host and port in HD_DB.`,
        );
      }
    } finally {
      for (const s of sockets) s.destroy();
      http.close();
    }
  });

  it('a pg_hba.conf refusal names pg_hba.conf (and TLS when the server wants it), not the password', () => {
    const settings = { host: 'db.example.by', port: 5432, user: 'noc', database: 'hd' } as Parameters<
      typeof mapPostgresError
    >[1];
    const refused = (message: string) =>
      mapPostgresError(Object.assign(new Error(message), { code: '28000' }), settings) as Error;
    const plain = refused(
      'no pg_hba.conf entry for host "10.0.0.7", user "noc", database "hd", no encryption',
    );
    expect(plain).toBeInstanceOf(PostgresAuthError);
    expect(plain.message).toBe(
      'the central database at db.example.by:5432 refuses user "noc" from this host without TLS (no pg_hba.conf entry for host "10.0.0.7", user "noc", database "hd", no encryption): use sslmode=prefer or require in HD_DB, or ask the administrator to allow this host in pg_hba.conf.',
    );
    expect(
      refused('no pg_hba.conf entry for host "10.0.0.7", user "noc", database "hd", SSL encryption').message,
    ).toBe(
      'the central database at db.example.by:5432 does not accept user "noc" to database "hd" from this host (no pg_hba.conf entry for host "10.0.0.7", user "noc", database "hd", SSL encryption): ask the administrator to allow this host, user and database in pg_hba.conf.',
    );
    // Another refusal of who we are still points at the user name and the password.
    expect(refused('role "noc" is not permitted to log in').message).toMatch(/check the user name/);
  });

  it('a server that refuses with an error in answer to the SSLRequest is named with its message', async () => {
    const fields = Buffer.from('SFATAL\0C53300\0Msorry, too many clients already\0\0');
    const refusal = Buffer.concat([Buffer.from('E'), Buffer.alloc(4), fields]);
    refusal.writeInt32BE(fields.length + 4, 1);
    const sockets: Socket[] = [];
    const busy: Server = createServer((s) => {
      sockets.push(s);
      s.on('data', () => s.end(refusal));
    });
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const error = await openPostgres(withDatabase(url, { port }), TEST_ENV).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `cannot reach the central database at 127.0.0.1:${port} (sorry, too many clients already) — check HD_DB or the network.`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      busy.close();
    }
  });

  it('a role that may only read is told so when a command writes, and nothing is written', () => {
    const settings = { host: 'db.example.by', port: 5432, user: 'reports' } as Parameters<
      typeof mapPostgresError
    >[1];
    for (const [code, message] of [
      ['42501', 'permission denied for table tickets'],
      ['25006', 'cannot execute INSERT in a read-only transaction'],
    ]) {
      const mapped = mapPostgresError(Object.assign(new Error(message), { code }), settings) as Error;
      expect(mapped).toBeInstanceOf(PostgresReadOnlyError);
      expect(mapped.message).toBe(
        `the central database at db.example.by:5432 lets user "reports" only read (${message}); nothing was written. This command changes tickets: run it with an operator's role (README, "Central deployment").`,
      );
    }
  });

  it('a role without privileges: a read says it cannot read; creating the schema says the role must own the database', async () => {
    const role = `hd_noprivs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await connect(url);
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}'`);
    try {
      const as = (database?: string) =>
        withDatabase(url, { user: role, password: `pw-${role}`, ...(database ? { database } : {}) });
      // An hd database this role may connect to but not read: opening reads schema_version.
      const read = await openPostgres(as(), TEST_ENV).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(PostgresReadOnlyError);
      expect((read as Error).message).toBe(
        `the central database at 127.0.0.1:${parts.port} does not let user "${role}" read hd's tables (permission denied for table schema_version): use the operators' role in HD_DB, or have the database owner grant this one read access (README, "Central deployment": the reporting role).`,
      );
      // A statement of a command that only reads, refused on one table.
      await admin.query(`GRANT SELECT ON schema_version TO ${role}`);
      const store = await openPostgres(as(), TEST_ENV);
      const list = await store.all(sql`SELECT id FROM tickets`).catch((e: unknown) => e);
      await store.close();
      expect((list as Error).message).toMatch(
        /does not let user .* read hd's tables \(permission denied for table tickets\)/,
      );
      // An empty database it does not own (PostgreSQL 15: public is the owner's): hd init.
      const empty = new URL(await freshDatabase()).pathname.slice(1);
      const init = await openPostgres(as(empty), TEST_ENV).catch((e: unknown) => e);
      expect(init).toBeInstanceOf(PostgresReadOnlyError);
      expect((init as Error).message).toMatch(
        new RegExp(
          `^the central database at 127\\.0\\.0\\.1:${parts.port} does not let user "${role}" create hd's schema in database "${empty}" \\(permission denied for schema public\\); nothing was written\\. The role that first runs hd on a database must own it: CREATE DATABASE ${empty} OWNER ${role}`,
        ),
      );
    } finally {
      await admin.query(`DROP OWNED BY ${role}`).catch(() => {});
      await admin.query(`DROP ROLE ${role}`).catch(() => {});
      await admin.end();
    }
  });

  it('a server that never answers: "cannot reach" when the connect time-out runs out', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    const error = await openPostgres(withDatabase(url, { port }), {
      ...TEST_ENV,
      HD_PG_CONNECT_TIMEOUT_MS: '400',
    }).catch((e: unknown) => e);
    const took = Date.now() - started;
    for (const s of sockets) s.destroy();
    silent.close();
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toBe(
      `cannot reach the central database at 127.0.0.1:${port} (no answer within 0.4 s, the connect time-out HD_PG_CONNECT_TIMEOUT_MS) — check HD_DB or the network.`,
    );
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(3000);
  });

  it('a connect time-out set by connect_timeout= in the URL is named as such', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const target = new URL(withDatabase(url, { port }));
    target.searchParams.set('connect_timeout', '1');
    const error = await openPostgres(target.toString(), TEST_ENV).catch((e: unknown) => e);
    for (const s of sockets) s.destroy();
    silent.close();
    expect((error as Error).message).toBe(
      `cannot reach the central database at 127.0.0.1:${port} (no answer within 1 s, the connect time-out connect_timeout=1 in the URL) — check HD_DB or the network.`,
    );
  });

  it('a wrong password names the user and where the password came from, not the password', async () => {
    const error = await openPostgres(withDatabase(url, { password: 'wrong-one' }), TEST_ENV).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PostgresAuthError);
    expect((error as Error).message).toBe(
      `the central database at 127.0.0.1:${parts.port} refused user "${parts.username}" (wrong password): check the user name and the password in HD_DB or PGPASSWORD.`,
    );
    const none = await openPostgres(withDatabase(url, { password: '' }), TEST_ENV).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(PostgresAuthError);
    expect((none as Error).message).toBe(
      `the central database at 127.0.0.1:${parts.port} asks user "${parts.username}" for a password and hd has none: put it in /nonexistent-hd-test-home/.pgpass (host:port:database:user:password, mode 0600) or PGPASSWORD.`,
    );
  });

  it('an unknown database is named, with how to create it', async () => {
    const error = await openPostgres(withDatabase(url, { database: 'no_such_db' }), TEST_ENV).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PostgresNoDatabaseError);
    expect((error as Error).message).toBe(
      `the central database server at 127.0.0.1:${parts.port} has no database "no_such_db": check the name in HD_DB, or create it (createdb -h 127.0.0.1 -p ${parts.port} -O ${parts.username} no_such_db).`,
    );
  });

  it('sslmode: prefer and disable connect to a server without TLS; require says why it cannot', async () => {
    for (const mode of ['prefer', 'disable', 'allow']) {
      const store = await openPostgres(`${url}?sslmode=${mode}`, TEST_ENV);
      expect(await store.get(sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`)).toEqual({
        ssl: false,
      });
      await store.close();
    }
    const error = await openPostgres(`${url}?sslmode=require`, TEST_ENV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresSslError);
    expect((error as Error).message).toBe(
      `cannot agree TLS with the central database at 127.0.0.1:${parts.port} under sslmode=require (The server does not support SSL connections): the server offers no TLS: use sslmode=disable, allow or prefer in HD_DB, or have its administrator turn ssl on.`,
    );
    // A certificate the client cannot check: the CA file is the fix, not another mode first.
    const settings = { host: 'db.example.by', port: 5432, user: 'noc', sslMode: 'verify-full' } as Parameters<
      typeof mapPostgresError
    >[1];
    const cert = mapPostgresError(
      Object.assign(new Error('self-signed certificate in certificate chain'), {
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      }),
      settings,
    ) as Error;
    expect(cert).toBeInstanceOf(PostgresSslError);
    expect(cert.message).toBe(
      "cannot agree TLS with the central database at db.example.by:5432 under sslmode=verify-full (self-signed certificate in certificate chain): give the server's CA certificate with sslrootcert= in HD_DB (verify-ca, verify-full), or sslmode=require to encrypt without checking it.",
    );
    await expect(openPostgres(`${url}?sslmode=maybe`, TEST_ENV)).rejects.toBeInstanceOf(
      PostgresSettingsError,
    );
    // In the Russian console, in Russian (PostgreSQL's own words kept in the brackets).
    setLanguage('ru');
    try {
      expect(
        (
          mapPostgresError(
            Object.assign(new Error('self-signed certificate'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
            settings,
          ) as Error
        ).message,
      ).toBe(
        'не удалось договориться о TLS с центральной базой данных db.example.by:5432 при sslmode=verify-full (self-signed certificate): укажите сертификат центра сертификации сервера через sslrootcert= в HD_DB (verify-ca, verify-full) или sslmode=require, чтобы шифровать без проверки.',
      );
    } finally {
      setLanguage('en');
    }
  });

  it('sslmode=prefer on a server without TLS goes on in plain text on the same connection, as libpq does', async () => {
    // A proxy in front of the server counts the TCP connections opened through it.
    const accepted: Socket[] = [];
    const proxy: Server = createServer((s) => {
      accepted.push(s);
      const up = createConnection(Number(parts.port), parts.hostname);
      s.pipe(up).pipe(s);
      s.on('error', () => up.destroy());
      up.on('error', () => s.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const through = new URL(url);
    through.port = String((proxy.address() as { port: number }).port);
    try {
      for (const mode of ['prefer', 'disable']) {
        accepted.length = 0;
        const store = await openPostgres(`${through}?sslmode=${mode}`, TEST_ENV);
        expect(await store.get(sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`)).toEqual({
          ssl: false,
        });
        await store.close();
        expect({ mode, connections: accepted.length }).toEqual({ mode, connections: 1 });
      }
    } finally {
      for (const s of accepted) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('a Unix socket: a missing one is named; sslmode is ignored on one, as libpq does (no TLS there)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-sock-'));
    const at = (socketDir: string, port: number) =>
      `postgres://${parts.username}:${parts.password}@${encodeURIComponent(socketDir)}:${port}${parts.pathname}`;
    const missing = await openPostgres(at(join(dir, 'nosock'), 55432), TEST_ENV).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StoreUnavailable);
    expect((missing as Error).message).toBe(
      `cannot reach the central database at ${join(dir, 'nosock')}:55432 (no such socket) — check HD_DB or the network.`,
    );
    // A socket in front of the server: what the client sends first is the startup, not an SSLRequest.
    const first: Buffer[] = [];
    const accepted: Socket[] = [];
    const proxy: Server = createServer((s) => {
      accepted.push(s);
      s.once('data', (b: Buffer) => first.push(b));
      const up = createConnection(Number(parts.port), parts.hostname);
      s.pipe(up).pipe(s);
      s.on('error', () => up.destroy());
      up.on('error', () => s.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(join(dir, '.s.PGSQL.6543'), resolve));
    try {
      for (const mode of ['require', 'verify-full', 'prefer']) {
        first.length = 0;
        const store = await openPostgres(`${at(dir, 6543)}?sslmode=${mode}`, TEST_ENV);
        expect(await store.get(sql`SELECT 1 AS one`)).toEqual({ one: 1 });
        await store.close();
        expect(first[0]?.subarray(0, 8).equals(Buffer.from([0, 0, 0, 8, 4, 210, 22, 47])), mode).toBe(false);
      }
    } finally {
      for (const s of accepted) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('a statement longer than the statement time-out is stopped, with a message saying so', async () => {
    const store = await openPostgres(url, { ...TEST_ENV, HD_PG_STATEMENT_TIMEOUT_MS: '200' });
    const error = await store.get(sql`SELECT pg_sleep(2)`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresTimeoutError);
    expect((error as Error).message).toMatch(
      /^the central database at 127\.0\.0\.1:\d+ did not finish a statement within 0\.2 s \(the statement time-out, HD_PG_STATEMENT_TIMEOUT_MS\)/,
    );
    await store.close();
  });

  it('a server that drops the connection mid-transaction: StoreUnavailable, nothing committed, the next command reconnects', async () => {
    const store = await openPostgres(url, TEST_ENV);
    await store.run(sql`CREATE TABLE IF NOT EXISTS dropped (v INTEGER)`);
    const error = await store
      .tx(async (q) => {
        await q.run(sql`INSERT INTO dropped VALUES (1)`);
        await q.get(sql`SELECT pg_terminate_backend(pg_backend_pid())`);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(
      /^cannot reach the central database at 127\.0\.0\.1:\d+ \(the server closed the connection\)/,
    );
    expect(await store.all(sql`SELECT v FROM dropped`)).toEqual([]);
    await store.close();
  });
});

// bin/hd serve: fastify loads only for it; SIGTERM lets the request in flight finish, then exits 0.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdAsync, hdEnv, startServe } from '../helpers/e2e.ts';

const BODY = JSON.stringify({
  '@type': 'TroubleTicket',
  description: 'L2 link down at the warehouse',
  severity: 'Major',
  ticketType: 'incident',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
  // Many tickets on one service: each opened on purpose, as hd open --duplicate-ok does.
  troubleTicketCharacteristic: [{ name: 'duplicateReason', value: 'another alarm of the same link' }],
});
/** A ticket on a service with none open, without a reason to open a second one. */
const FIRST_ON_SERVICE = JSON.stringify({
  '@type': 'TroubleTicket',
  description: 'DNS answers slow',
  severity: 'Minor',
  ticketType: 'incident',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2023-1102' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-DIA-03145' } }],
});

describe('hd serve', () => {
  it('other commands load no fastify', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const hook = join(dirname(db), 'cache.cjs');
    const seen = join(dirname(db), 'cache.txt');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, Object.keys(require.cache).join('\\n')));`,
    );
    for (const args of [['list'], ['token', 'list']]) {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
        env: hdEnv(db),
        encoding: 'utf8',
      });
      expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
      const loaded = readFileSync(seen, 'utf8').split('\n');
      expect(loaded.some((m) => m.includes('node_modules/better-sqlite3/'))).toBe(true);
      expect(loaded.filter((m) => /node_modules\/(fastify|@fastify|avvio|find-my-way)\//.test(m))).toEqual(
        [],
      );
    }
  });

  it('on a database with no access token says so at start, and takes a token created while it runs', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const { server, address, exited, stderr } = await startServe(db);
    try {
      await expect
        .poll(stderr)
        .toContain(
          'hd serve: no access token yet, so every request is refused (401). Create one per department, e.g. hd token create --name noc --scope write',
        );
      const url = new URL('/tmf-api/troubleTicket/v5/troubleTicket?limit=1', address);
      expect((await fetch(url, { headers: { authorization: 'Bearer nothing' } })).status).toBe(401);
      const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'read']).stdout.trim();
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('serves with a token, logs one JSON line per request without the token, stops cleanly on SIGTERM', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'write']).stdout.trim();
    const { server, address, exited, stderr: logged } = await startServe(db);
    const url = new URL('/tmf-api/troubleTicket/v5/troubleTicket', address);
    // A POST in flight: headers and half the body sent, then SIGTERM, then the rest.
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(BODY),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += String(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(BODY.slice(0, 40));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => req.end(BODY.slice(40)), 300);
      }, 300);
    });
    const r = await reply;
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ id: 'HD-000001', status: 'acknowledged' });
    expect(await exited).toBe(0);
    expect(logged()).not.toContain('no access token');
    const lines = logged()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        time: expect.any(String),
        method: 'POST',
        url: url.pathname,
        status: 201,
        ms: expect.any(Number),
        actor: 'noc',
      },
    ]);
    expect(logged()).not.toContain(token);
    expect(logged()).toContain('finishing the requests in flight');
    const show = hd(db, ['show', '1', '--json']);
    expect(JSON.parse(show.stdout).openedBy).toBe('noc');
  });
});

describe('hd serve refuses what it cannot serve, saying why', () => {
  it('a port in use, an address not of this machine, an unreadable certificate', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init']).code).toBe(0);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as { port: number }).port);
    try {
      const inUse = await hdAsync(db, ['serve', '--port', port]);
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain(`127.0.0.1:${port} is already in use`);
      const ru = await hdAsync(db, ['serve', '--port', port], { HD_LANG: 'ru' });
      expect(ru.stderr).toContain('уже занят');
    } finally {
      taken.close();
    }
    const cert = hd(db, ['serve', '--cert', '/nonexistent/hd.pem', '--key', '/nonexistent/hd-key.pem']);
    expect(cert.code).toBe(2);
    expect(cert.stderr).toContain('Cannot read --cert /nonexistent/hd.pem (ENOENT)');
  });
});

describe('hd serve --workers 2', () => {
  it('serves one port from two processes; concurrent POSTs all land; SIGTERM lets each worker finish its request in flight', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'write']).stdout.trim();
    const {
      server,
      address,
      exited,
      stderr: logged,
    } = await startServe(db, ['--workers', '2'], {}, /on (http:\/\/[^\s/]+)\S* \(sqlite, 2 workers\)/);
    const url = new URL('/tmf-api/troubleTicket/v5/troubleTicket', address);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await Promise.all(
      Array.from({ length: 20 }, () => fetch(url, { method: 'POST', headers, body: BODY })),
    );
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = await Promise.all(created.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(20);
    const list = await fetch(`${url}?limit=1`, { headers });
    expect(list.headers.get('x-total-count')).toBe('20');
    // Ten POSTs at once on a service with no open ticket, without a reason to open a second: the
    // two workers race, and exactly one ticket is opened (the others are told which).
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => fetch(url, { method: 'POST', headers, body: FIRST_ON_SERVICE })),
    );
    const statuses = racing.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const refusals = await Promise.all(racing.filter((r) => r.status === 409).map((r) => r.json()));
    for (const body of refusals) expect((body as { message: string }).message).toMatch(/HD-0000\d\d/);

    // Two POSTs in flight on two connections (the primary hands connections to the workers in
    // turn), then SIGTERM to the primary, then the rest of each body.
    const inFlight = [0, 1].map(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            url,
            { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(BODY) } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.write(BODY.slice(0, 40));
          setTimeout(() => req.end(BODY.slice(40)), 900);
        }),
    );
    setTimeout(() => server.kill('SIGTERM'), 400);
    expect(await Promise.all(inFlight)).toEqual([201, 201]);
    expect(await exited).toBe(0);
    const lines = logged()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.method === 'POST' && l.status === 201)).toHaveLength(23);
    expect(lines.filter((l) => l.method === 'GET')).toHaveLength(1);
    expect(logged()).not.toContain(token);
    expect(logged().match(/finishing the requests in flight/g)).toHaveLength(1);
    expect(JSON.parse(hd(db, ['list', '--all', '--json', '--limit', '0']).stdout)).toHaveLength(23);
    expect(hd(db, ['verify']).code).toBe(0);
  });
});

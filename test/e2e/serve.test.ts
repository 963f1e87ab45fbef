// bin/hd serve: fastify loads only for it; SIGTERM lets the request in flight finish, then exits 0.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

const BODY = JSON.stringify({
  '@type': 'TroubleTicket',
  description: 'L2 link down at the warehouse',
  severity: 'Major',
  ticketType: 'incident',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
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

  it('serves with a token, logs one JSON line per request without the token, stops cleanly on SIGTERM', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'write']).stdout.trim();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: hdEnv(db),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const address = await new Promise<string>((resolve, reject) => {
      server.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        const m = /on (http:\/\/[^\s/]+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      exited.then(() => reject(new Error(stderr)));
    });
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
    const lines = stderr.split('\n').filter((l) => l.startsWith('{'));
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
    expect(stderr).not.toContain(token);
    expect(stderr).toContain('finishing the requests in flight');
    const show = hd(db, ['show', '1', '--json']);
    expect(JSON.parse(show.stdout).openedBy).toBe('noc');
  });
});

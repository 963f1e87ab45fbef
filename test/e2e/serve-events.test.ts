import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, hdAsync, OPEN_FLAGS, startServe } from '../helpers/e2e.ts';

describe('hd serve: events', () => {
  it('a ticket opened and taken with bin/hd reaches the listener registered with the server', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'read']).stdout.trim();
    const received: {
      path: string;
      body: { eventType: string; event: { troubleTicket: { status: string } } };
    }[] = [];
    const listener = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(data) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const callback = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/noc`;

    const { server, address, exited, stderr: logged } = await startServe(db, [], { HD_HUB_RETRY_MS: '50' });
    const hub = await fetch(new URL('/tmf-api/troubleTicket/v5/hub', address), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callback }),
    });
    expect(hub.status).toBe(201);

    const opened = await hdAsync(db, [
      'open',
      ...OPEN_FLAGS,
      '--no-notify',
      '--skip-reason',
      'told on the call',
    ]);
    expect(opened.code, opened.stderr).toBe(0);
    expect((await hdAsync(db, ['take', '1'])).code).toBe(0);
    const end = Date.now() + 10_000;
    while (received.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(received.map((r) => [r.path, r.body.eventType, r.body.event.troubleTicket.status])).toEqual([
      ['/noc/listener/troubleTicketCreateEvent', 'TroubleTicketCreateEvent', 'acknowledged'],
      ['/noc/listener/troubleTicketStatusChangeEvent', 'TroubleTicketStatusChangeEvent', 'inProgress'],
    ]);
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    expect(logged()).not.toContain(token);
  });
});

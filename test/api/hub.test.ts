// TMF621 events through real HTTP on loopback: a listener registered with POST /hub receives the
// TroubleTicket events of changes made through the API and through the CLI, checked against the
// specification's shapes; one that is down for a while gets everything in order when it comes back;
// DELETE /hub stops delivery. test/postgres/hub.test.ts runs this file on PostgreSQL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoff } from '../../src/api/deliver.ts';
import { redactUserinfo } from '../../src/api/errors.ts';
import { listenerUrl, REPORTED_KINDS } from '../../src/api/events.ts';
import { MAX_LISTENERS } from '../../src/api/hub.ts';
import { buildServer } from '../../src/api/server.ts';
import postgresHub from '../../src/store/postgres/migrations/005_event_hub.ts';
import sqliteHub from '../../src/store/sqlite/migrations/015_event_hub.ts';
import { apiRequest, BASE, createToken, type Json, type Reply } from '../helpers/api.ts';
import { dbRows, dbValue, harness, type TestHarness } from '../helpers/context.ts';
import { EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';
import { makeOutage } from '../helpers/outage-fixture.ts';
import { conformance } from '../helpers/tmf621.ts';

/** A department's listener on loopback: records what it accepted; can answer 500 or be down. */
class Listener {
  received: { path: string; body: Json }[] = [];
  refused = 0;
  failing = false;
  port = 0;
  /** Notifications taken but not yet answered (holdNext). */
  held = 0;
  private holding: Promise<void> | null = null;
  private server: Server | null = null;

  /** The next notification is taken, but answered only when the returned function is called. */
  holdNext(): () => void {
    let release: () => void = () => {};
    this.holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        if (this.failing) {
          this.refused++;
          res.writeHead(500).end();
          return;
        }
        this.received.push({ path: req.url ?? '', body: JSON.parse(data) });
        const holding = this.holding;
        if (holding) {
          this.holding = null;
          this.held++;
          void holding.then(() => res.writeHead(204).end());
          return;
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/hd`;
  }

  types(): string[] {
    return this.received.map((r) => r.body.eventType);
  }
}

let h: TestHarness;
let app: FastifyInstance;
let url: string;
let write: string;
let read: string;
let listener: Listener;

beforeEach(async () => {
  h = await harness();
  write = await createToken(h, 'noc', 'write');
  read = await createToken(h, 'billing', 'read');
  app = await buildServer(h.ctx, {
    host: '127.0.0.1',
    port: 0,
    events: { retryMs: 30, maxRetryMs: 120, pollMs: 20, timeoutMs: 2000 },
  });
  url = `${await app.listen({ host: '127.0.0.1', port: 0 })}${BASE}`;
  listener = new Listener();
  await listener.start();
});
afterEach(async () => {
  await app.close();
  await listener.stop();
});

function call(method: string, path: string, body?: unknown, t: string | null = write): Promise<Reply> {
  return apiRequest(url, method, path, body, { token: t });
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const NEW_TICKET = {
  '@type': 'TroubleTicket',
  name: 'VPN down at HQ',
  description: 'BGP session to PE1 down, alarm 4711',
  severity: 'Critical',
  ticketType: 'incident',
  relatedParty: [
    {
      role: 'customer',
      partyOrPartyRole: { id: 'C-2021-0147', '@type': 'PartyRef' },
      '@type': 'RelatedPartyRefOrPartyRoleRef',
    },
    { role: 'reporter', partyOrPartyRole: { name: 'Olga Savitskaya', '@type': 'PartyRef' } },
  ],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-IPVPN-00412', '@type': 'EntityRef' } }],
};

/** A ticket on the client's other service (the first has NEW_TICKET's open ticket). */
const otherService = (name: string) => ({
  ...NEW_TICKET,
  name,
  relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-DIA-01877', '@type': 'EntityRef' } }],
});

async function register(body: Json = { callback: listener.url }, t = write): Promise<Json> {
  const r = await call('POST', '/hub', body, t);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Each received event conforms to its TMF621 shape and was POSTed to /listener/{eventType}. */
function expectConforming(): void {
  for (const { path, body } of listener.received) {
    expect(conformance(body.eventType, body), body.eventType).toEqual([]);
    const type: string = body.eventType;
    expect(path).toBe(`/hooks/hd/listener/${type[0]!.toLowerCase()}${type.slice(1)}`);
  }
}

const queued = async () => Number(await dbValue(h.store, 'SELECT COUNT(*) FROM hub_deliveries'));

describe('POST /hub, GET and DELETE /hub/{id}', () => {
  it('201 with the Hub and Location; GET it; DELETE 204, then 404', async () => {
    const hub = await register({ callback: listener.url, query: 'eventType=TroubleTicketResolvedEvent' });
    expect(conformance('Hub', hub)).toEqual([]);
    expect(hub).toMatchObject({
      '@type': 'Hub',
      callback: listener.url,
      query: 'eventType=TroubleTicketResolvedEvent',
    });
    const again = await call('GET', `/hub/${hub.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(hub);
    const rows = await dbRows(h.store, 'SELECT owner, callback FROM hub_listeners');
    expect(rows).toEqual([{ owner: 'noc', callback: listener.url }]);
    expect((await call('DELETE', `/hub/${hub.id}`)).status).toBe(204);
    for (const m of ['GET', 'DELETE']) {
      const r = await call(m, `/hub/${hub.id}`);
      expect(r.status).toBe(404);
      expect(conformance('Error', r.body)).toEqual([]);
    }
  });

  it('Location is the Hub href', async () => {
    const r = await call('POST', '/hub', { callback: listener.url });
    expect(r.headers.get('location')).toBe(`${BASE}/hub/${r.body.id}`);
    expect(r.body.href).toBe(`${BASE}/hub/${r.body.id}`);
  });

  it('401 without a token; a read token registers its own; another department’s hub is 403', async () => {
    const r = await call('POST', '/hub', { callback: listener.url }, null);
    expect(r.status).toBe(401);
    expect(conformance('Error', r.body)).toEqual([]);
    const mine = await register({ callback: listener.url }, read);
    const theirs = await register({ callback: listener.url }, write);
    for (const [m, id] of [
      ['GET', theirs.id],
      ['DELETE', theirs.id],
    ]) {
      const x = await call(m!, `/hub/${id}`, undefined, read);
      expect(x.status).toBe(403);
      expect(conformance('Error', x.body)).toEqual([]);
    }
    expect((await call('DELETE', `/hub/${mine.id}`, undefined, read)).status).toBe(204);
    expect(await dbRows(h.store, 'SELECT owner FROM hub_listeners')).toEqual([{ owner: 'noc' }]);
    // A read token still cannot change a ticket.
    expect((await call('POST', '/troubleTicket', NEW_TICKET, read)).status).toBe(403);
  });

  it(`a token may have ${MAX_LISTENERS} hubs: the next is a 409 TOO_MANY_HUBS until one is deleted; another token is not held back`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_LISTENERS; i++)
      ids.push((await register({ callback: `${listener.url}/${i}` }, write)).id as string);
    const over = await call('POST', '/hub', { callback: listener.url }, write);
    expect([over.status, over.body.code]).toEqual([409, 'TOO_MANY_HUBS']);
    expect(conformance('Error', over.body)).toEqual([]);
    expect(over.body.message).toContain('DELETE /hub/{id}');
    expect(await dbValue(h.store, 'SELECT COUNT(*) FROM hub_listeners')).toBe(MAX_LISTENERS);
    expect((await call('POST', '/hub', { callback: listener.url }, read)).status).toBe(201);
    expect((await call('DELETE', `/hub/${ids[0]}`, undefined, write)).status).toBe(204);
    expect((await call('POST', '/hub', { callback: listener.url }, write)).status).toBe(201);
  });

  it.each([
    ['no callback', {}],
    ['a callback that is not a string', { callback: 42 }],
    ['not a URL', { callback: 'listener here' }],
    ['ftp', { callback: 'ftp://127.0.0.1/x' }],
    ['javascript', { callback: 'javascript:alert(1)' }],
    ['an unknown field', { callback: 'http://127.0.0.1:9/x', secret: 'x' }],
    ['a query on something else', { callback: 'http://127.0.0.1:9/x', query: 'status=resolved' }],
    ['an unknown event type', { callback: 'http://127.0.0.1:9/x', query: 'eventType=TicketGone' }],
  ])('refuses %s with the TMF error, registering nothing', async (_label, body) => {
    const r = await call('POST', '/hub', body);
    expect(r.status).toBe(400);
    expect(conformance('Error', r.body)).toEqual([]);
    expect(r.body.message).toBeTruthy();
    expect(await dbRows(h.store, 'SELECT id FROM hub_listeners')).toEqual([]);
  });
});

describe('Content-Type: application/json with no body', () => {
  it('DELETE and GET are accepted (the content type is ignored); an empty POST is still 400 EMPTY_BODY', async () => {
    const hub = await register();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    const bare = (method: string, path: string, ct = 'application/json') =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${write}`, 'content-type': ct, 'content-length': '0' },
      });
    const got = await bare('GET', '/troubleTicket/HD-000001');
    expect(got.status).toBe(200);
    expect((await got.json()).id).toBe('HD-000001');
    expect((await bare('GET', `/hub/${hub.id}`, 'application/merge-patch+json')).status).toBe(200);
    expect((await bare('DELETE', `/hub/${hub.id}`)).status).toBe(204);
    expect(await dbRows(h.store, 'SELECT id FROM hub_listeners')).toEqual([]);
    for (const [method, path] of [
      ['POST', '/troubleTicket'],
      ['POST', '/hub'],
      ['PATCH', '/troubleTicket/HD-000001'],
    ]) {
      const r = await bare(
        method!,
        path!,
        method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
      );
      expect(r.status, `${method} ${path}`).toBe(400);
      const body = await r.json();
      expect(conformance('Error', body)).toEqual([]);
      expect(body.code).toBe('EMPTY_BODY');
    }
  });
});

describe('callback URLs', () => {
  it('a callback with user:password@ is refused with the TMF error, naming neither; none is logged', async () => {
    for (const callback of ['http://noc:s3cret@127.0.0.1:9/x', 'https://noc@127.0.0.1:9/x']) {
      const r = await call('POST', '/hub', { callback });
      expect(r.status).toBe(400);
      expect(conformance('Error', r.body)).toEqual([]);
      expect(r.body.code).toBe('INVALID_CALLBACK');
      expect(r.body.message).toContain('put no credentials in the URL');
      expect(JSON.stringify(r.body)).not.toContain('s3cret');
    }
    expect(await dbRows(h.store, 'SELECT id FROM hub_listeners')).toEqual([]);
    // A URL with a password in a request's own URL is not written to the request log either.
    await call('GET', `/troubleTicket?next=${encodeURIComponent('http://noc:s3cret@example.net/')}`);
    await call('GET', '/troubleTicket?next=http://noc:s3cret@example.net/');
    await new Promise((r) => setTimeout(r, 20));
    await app.close();
    expect(h.stderr()).toContain('REDACTED@example.net');
    expect(h.stderr()).toContain('REDACTED%40example.net');
    expect(h.stderr()).not.toContain('s3cret');
  });

  it('redactUserinfo hides any URL’s user:password@, and only that', () => {
    expect(redactUserinfo('connect to http://a:b@h:1/p failed; https://x@y/z')).toBe(
      'connect to http://REDACTED@h:1/p failed; https://REDACTED@y/z',
    );
    expect(redactUserinfo('HTTP 500 from http://h/p?x=a@b')).toBe('HTTP 500 from http://h/p?x=a@b');
    expect(redactUserinfo('/t?next=http%3A%2F%2Fu%3Ap%40w%40h%2Fx%40y&b=1')).toBe(
      '/t?next=http%3A%2F%2FREDACTED%40h%2Fx%40y&b=1',
    );
  });

  it('notifications go to <path>/listener/<event>?<query>: the callback’s query string is kept at the end', async () => {
    expect(listenerUrl('http://h:1/hooks/?k=1&b=2#frag', 'TroubleTicketCreateEvent')).toBe(
      'http://h:1/hooks/listener/troubleTicketCreateEvent?k=1&b=2',
    );
    expect(listenerUrl('http://h:1', 'TroubleTicketResolvedEvent')).toBe(
      'http://h:1/listener/troubleTicketResolvedEvent',
    );
    await register({ callback: `${listener.url}?key=abc&dept=noc` });
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    await until('the create event', () => listener.received.length >= 1);
    expect(listener.received[0]!.path).toBe('/hooks/hd/listener/troubleTicketCreateEvent?key=abc&dept=noc');
  });
});

describe('events', () => {
  it('none are queued while no listener is registered', async () => {
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(await queued()).toBe(0);
  });

  it('for changes made through the API: create, status moves, information required, resolved', async () => {
    await register();
    const patch = (body: unknown) => call('PATCH', '/troubleTicket/HD-000001', body);
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect((await patch({ status: 'inProgress' })).status).toBe(200);
    expect((await patch({ status: 'pending', statusChangeReason: 'no access to the cabinet' })).status).toBe(
      200,
    );
    expect((await patch({ status: 'inProgress', statusChangeReason: 'access granted' })).status).toBe(200);
    expect(
      (
        await patch({
          status: 'resolved',
          statusChangeReason: 'fibre spliced, BGP up',
          troubleTicketCharacteristic: [
            { name: 'faultZone', value: 'last-mile', '@type': 'StringCharacteristic' },
          ],
        })
      ).status,
    ).toBe(200);
    await until('the resolved event', () => listener.types().includes('TroubleTicketResolvedEvent'));
    expectConforming();
    const seen = listener.received.map((r) => [r.body.eventType, r.body.event.troubleTicket.status]);
    expect(seen).toEqual([
      ['TroubleTicketCreateEvent', 'acknowledged'],
      ['TroubleTicketStatusChangeEvent', 'inProgress'],
      ['TroubleTicketStatusChangeEvent', 'pending'],
      ['TroubleTicketInformationRequiredEvent', 'pending'],
      ['TroubleTicketStatusChangeEvent', 'inProgress'],
      ['TroubleTicketAttributeValueChangeEvent', 'inProgress'],
      ['TroubleTicketStatusChangeEvent', 'resolved'],
      ['TroubleTicketResolvedEvent', 'resolved'],
    ]);
    const info = listener.received[3]!.body;
    expect(info.event.informationRequired).toMatchObject({ op: 'add', path: '/note/-' });
    expect(info.event.informationRequired.value.text).toBe('no access to the cabinet');
    expect(listener.received[2]!.body.event.troubleTicket.statusChangeReason).toBe(
      'no access to the cabinet',
    );
    const create = listener.received[0]!.body;
    expect(create.event.troubleTicket).toMatchObject({
      id: 'HD-000001',
      href: `${BASE}/troubleTicket/HD-000001`,
    });
    // The department is the actor of every event it caused.
    for (const r of listener.received) expect(r.body.relatedParty[0].partyOrPartyRole.name).toBe('noc');
    const resolved = listener.received[7]!.body;
    expect(resolved.event.troubleTicket.resolutionDate).toBeTruthy();
    // eventIds are unique; the queue is empty once everything was taken.
    expect(new Set(listener.received.map((r) => r.body.eventId)).size).toBe(listener.received.length);
    await until('an empty queue', async () => (await queued()) === 0);
  });

  it('for changes made through the CLI: open, take, log, ETA, pending, resume, resolve', async () => {
    await register();
    const opened = [...openArgs(EVROOPT, 'Warehouse link down', { since: '09:00' }), '--no-notify'];
    expect(await h.run([...opened, '--skip-reason', 'told on the call']), h.stderr()).toBe(0);
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['take', '1']), h.stderr()).toBe(0);
    expect(await h.run(['log', '1', 'action', 'spliced the pair']), h.stderr()).toBe(0);
    expect(await h.run(['pending', '1', '--reason', 'no access', '--until', '+1h']), h.stderr()).toBe(0);
    expect(await h.run(['resume', '1', '--note', 'key found']), h.stderr()).toBe(0);
    expect(await h.run(['zone', '1', 'last-mile']), h.stderr()).toBe(0);
    expect(
      await h.run([
        'resolve',
        '1',
        '--summary',
        'spliced',
        '--no-notify',
        '--skip-reason',
        'told on the call',
      ]),
      h.stderr(),
    ).toBe(0);
    await until('the resolved event', () => listener.types().includes('TroubleTicketResolvedEvent'));
    expectConforming();
    expect(listener.types()).toEqual([
      'TroubleTicketCreateEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketAttributeValueChangeEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketInformationRequiredEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketAttributeValueChangeEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketResolvedEvent',
    ]);
    const operator = String(h.ctx.operator);
    for (const r of listener.received) expect(r.body.relatedParty[0].partyOrPartyRole.name).toBe(operator);
    const log = listener.received[2]!.body.event.troubleTicket;
    expect(log.note.at(-1).text).toBe('spliced the pair');
  });

  it('a listener down for a while, then failing, then back, gets every event, in order per ticket', async () => {
    await register();
    await listener.stop();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect((await call('POST', '/troubleTicket', otherService('second'))).status).toBe(201);
    for (const id of ['HD-000001', 'HD-000002'])
      expect((await call('PATCH', `/troubleTicket/${id}`, { status: 'inProgress' })).status).toBe(200);
    expect(await h.run(['pending', '1', '--reason', 'no access', '--until', '+1h']), h.stderr()).toBe(0);
    // Connection refused: retried with back-off, the rows stay queued.
    await until('retries', async () =>
      (await dbRows(h.store, 'SELECT attempts FROM hub_deliveries')).some((r) => Number(r.attempts) >= 2),
    );
    // One row per timeline event: two openings, two takes, one pending (two notifications).
    expect(await queued()).toBe(5);
    // Back, but answering 500 for a while.
    listener.failing = true;
    await listener.start();
    await until('refusals', () => listener.refused >= 2);
    listener.failing = false;
    await until('every event', async () => (await queued()) === 0);
    expectConforming();
    const of = (id: string) =>
      listener.received
        .filter((r) => r.body.event.troubleTicket.id === id)
        .map((r) => [r.body.eventType, r.body.event.troubleTicket.status]);
    expect(of('HD-000001')).toEqual([
      ['TroubleTicketCreateEvent', 'acknowledged'],
      ['TroubleTicketStatusChangeEvent', 'inProgress'],
      ['TroubleTicketStatusChangeEvent', 'pending'],
      ['TroubleTicketInformationRequiredEvent', 'pending'],
    ]);
    expect(of('HD-000002')).toEqual([
      ['TroubleTicketCreateEvent', 'acknowledged'],
      ['TroubleTicketStatusChangeEvent', 'inProgress'],
    ]);
    // Nothing twice: each notification was accepted once.
    expect(new Set(listener.received.map((r) => r.body.eventId)).size).toBe(listener.received.length);
  });

  it('for the tickets of an outage, changed by its cascade: pending, then resolved', async () => {
    const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
    for (const caller of [EVROOPT, NORDIC])
      expect(
        await h.run([...openArgs(caller, 'Link down since the fibre cut', { since: '08:50' }), ...quiet]),
      ).toBe(0);
    h.setNow('2026-11-25T09:05:00Z');
    for (const id of ['1', '2']) expect(await h.run(['take', id])).toBe(0);
    await makeOutage(h.store, { startedAt: Date.parse('2026-11-25T08:45:00Z'), tickets: [1, 2] });
    await register({ callback: listener.url, query: 'eventType=TroubleTicketStatusChangeEvent' });
    h.setNow('2026-11-25T09:10:00Z');
    expect(
      await h.run(['outage', 'pending', '1', '--reason', 'power company restoring the feed']),
      h.stderr(),
    ).toBe(0);
    expect(await h.run(['outage', 'resume', '1']), h.stderr()).toBe(0);
    expect(
      await h.run(['outage', 'resolve', '1', '--summary', 'spliced', '--zone', 'operator-network', ...quiet]),
      h.stderr(),
    ).toBe(0);
    await until('six status changes', () => listener.received.length === 6);
    await until('an empty queue', async () => (await queued()) === 0);
    expectConforming();
    for (const id of ['HD-000001', 'HD-000002'])
      expect(
        listener.received
          .filter((r) => r.body.event.troubleTicket.id === id)
          .map((r) => r.body.event.troubleTicket.status),
      ).toEqual(['pending', 'inProgress', 'resolved']);
  });

  it('two servers on one database share the queue: each notification once, in order per ticket', async () => {
    const second = await buildServer(h.ctx, {
      host: '127.0.0.1',
      port: 0,
      events: { retryMs: 30, maxRetryMs: 120, pollMs: 5, timeoutMs: 2000 },
    });
    await second.listen({ host: '127.0.0.1', port: 0 });
    try {
      await register();
      // Three services of the client, so that no ticket is a duplicate of another.
      const add = ['client', 'service', 'C-2021-0147', '--service', 'MSK-DIA-09002', '--kind', 'Internet 1G'];
      expect(await h.run([...add, '--address', 'Minsk, pr. Pobeditelei 7']), h.stderr()).toBe(0);
      const third = {
        ...NEW_TICKET,
        name: 'third',
        relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-DIA-09002', '@type': 'EntityRef' } }],
      };
      for (const body of [NEW_TICKET, otherService('second'), third])
        expect((await call('POST', '/troubleTicket', body)).status).toBe(201);
      for (const id of ['1', '2', '3']) expect(await h.run(['take', id])).toBe(0);
      for (const id of ['1', '2', '3'])
        expect(await h.run(['log', id, 'action', `checked ${id}`]), h.stderr()).toBe(0);
      await until('every event', async () => listener.received.length === 9 && (await queued()) === 0);
      expect(new Set(listener.received.map((r) => r.body.eventId)).size).toBe(9);
      for (const id of ['HD-000001', 'HD-000002', 'HD-000003'])
        expect(
          listener.received.filter((r) => r.body.event.troubleTicket.id === id).map((r) => r.body.eventType),
        ).toEqual([
          'TroubleTicketCreateEvent',
          'TroubleTicketStatusChangeEvent',
          'TroubleTicketAttributeValueChangeEvent',
        ]);
    } finally {
      await second.close();
    }
  });

  it('only the event types the hub asked for', async () => {
    await register({
      callback: listener.url,
      query: 'eventType=TroubleTicketResolvedEvent,TroubleTicketCreateEvent',
    });
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(await h.run(['zone', '1', 'last-mile'])).toBe(0);
    expect(
      await h.run([
        'resolve',
        '1',
        '--summary',
        'spliced',
        '--no-notify',
        '--skip-reason',
        'told on the call',
      ]),
    ).toBe(0);
    await until('an empty queue', async () => (await queued()) === 0);
    expect(listener.types()).toEqual(['TroubleTicketCreateEvent', 'TroubleTicketResolvedEvent']);
  });

  it('DELETE /hub stops delivery: nothing more is queued or sent', async () => {
    const hub = await register();
    await listener.stop();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect(await queued()).toBe(1);
    expect((await call('DELETE', `/hub/${hub.id}`)).status).toBe(204);
    expect(await queued()).toBe(0);
    // An attempt already under way when the hub was deleted ends against the closed port first
    // (the deliverer retries every 30 ms here): what is tested is that nothing is sent after.
    await new Promise((r) => setTimeout(r, 300));
    await listener.start();
    expect(await h.run(['take', '1'])).toBe(0);
    expect(await queued()).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(listener.received).toEqual([]);
  });

  it('hd token revoke removes the department’s listeners and their queue: nothing more is sent', async () => {
    await register();
    await register({ callback: `${listener.url}/second` });
    const billing = await register({ callback: listener.url }, read);
    expect(await h.run(['token', 'list', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).map((x: Json) => [x.name, x.listeners])).toEqual([
      ['billing', 1],
      ['noc', 2],
    ]);
    await listener.stop();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect(await queued()).toBe(3);
    expect(await h.run(['token', 'revoke', 'noc'])).toBe(0);
    expect(h.stdout()).toContain('its 2 listener(s) removed');
    expect(await dbRows(h.store, 'SELECT id FROM hub_listeners')).toEqual([{ id: billing.id }]);
    expect(await queued()).toBe(1);
    expect(await h.run(['token', 'list', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).map((x: Json) => [x.name, x.listeners])).toEqual([
      ['billing', 1],
      ['noc', 0],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    await listener.start();
    expect(await h.run(['take', '1'])).toBe(0);
    await until('billing’s two notifications', () => listener.received.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    // Only billing's listener (the plain callback) got anything: noc's two got nothing.
    expect(listener.received.map((r) => r.path)).toEqual([
      '/hooks/hd/listener/troubleTicketCreateEvent',
      '/hooks/hd/listener/troubleTicketStatusChangeEvent',
    ]);
    expect(await h.run(['token', 'revoke', 'billing', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({ name: 'billing', listeners: 1 });
  });

  it('DELETE /hub while a notification is on its way: the rest of that event is not sent', async () => {
    const hub = await register();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    expect((await call('PATCH', '/troubleTicket/HD-000001', { status: 'inProgress' })).status).toBe(200);
    await until('the take', async () => listener.received.length === 2 && (await queued()) === 0);
    // Pending is one timeline event with two notifications: the status change, then information
    // required. The listener is slow to answer the first; the hub is deleted meanwhile.
    const release = listener.holdNext();
    const pending = { status: 'pending', statusChangeReason: 'no access to the cabinet' };
    expect((await call('PATCH', '/troubleTicket/HD-000001', pending)).status).toBe(200);
    await until('the status change, held by the listener', () => listener.held === 1);
    expect((await call('DELETE', `/hub/${hub.id}`)).status).toBe(204);
    release();
    await new Promise((r) => setTimeout(r, 400));
    expect(listener.types()).toEqual([
      'TroubleTicketCreateEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketStatusChangeEvent',
    ]);
    expect(await queued()).toBe(0);
  });

  it('stops with the server: a request in flight is finished, the rest stays queued', async () => {
    await register();
    expect((await call('POST', '/troubleTicket', NEW_TICKET)).status).toBe(201);
    await until('the create event', () => listener.received.length === 1);
    await app.close();
    expect(await h.run(['take', '1'])).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(listener.received).toHaveLength(1);
    expect(await queued()).toBe(1);
  });
});

describe('the queue', () => {
  it('is filled by the trigger for exactly the kinds the deliverer reports, on both engines', () => {
    for (const text of [sqliteHub, postgresHub]) {
      const list = /NEW\.kind IN \(([^)]*)\)/.exec(text)![1]!;
      expect(list.match(/'[a-z]+'/g)!.map((k) => k.slice(1, -1))).toEqual([...REPORTED_KINDS]);
    }
  });
});

describe('back-off', () => {
  it('doubles from the first delay up to the cap', () => {
    const o = { retryMs: 1000, maxRetryMs: 300_000 };
    expect([0, 1, 2, 3, 8, 9, 50].map((a) => backoff(a, o))).toEqual([
      1000, 2000, 4000, 8000, 256_000, 300_000, 300_000,
    ]);
  });
});

// hd serve, through real HTTP on loopback: every route, token scopes, the TMF621 shapes, the rules
// the CLI keeps (illegal moves, an ETA change without a note, closing without the client), and a
// fuzzer. test/postgres/api.test.ts runs this file on PostgreSQL.
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { apiRequest, BASE, createToken, type Json, type Reply, type RequestOptions } from '../helpers/api.ts';
import { countRows, dbRows, harness, type TestHarness } from '../helpers/context.ts';
import { conformance } from '../helpers/tmf621.ts';

let h: TestHarness;
let app: FastifyInstance;
let url: string;
let write: string;
let read: string;

beforeEach(async () => {
  h = await harness();
  write = await createToken(h, 'noc', 'write');
  read = await createToken(h, 'billing', 'read');
  app = await buildServer(h.ctx, { host: '127.0.0.1', port: 0, bodyLimit: 64 * 1024 });
  url = `${await app.listen({ host: '127.0.0.1', port: 0 })}${BASE}`;
});
afterEach(async () => {
  await app.close();
});

function call(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Reply> {
  return apiRequest(url, method, path, body, {
    ...opts,
    token: opts.token === undefined ? write : opts.token,
  });
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
  troubleTicketCharacteristic: [{ name: 'urgency', value: 'high', '@type': 'StringCharacteristic' }],
  note: [{ text: 'raised by alarm 4711', '@type': 'Note' }],
};

function expectError(r: Reply, status: number): void {
  expect(r.status).toBe(status);
  expect(conformance('Error', r.body)).toEqual([]);
  expect(r.body.status).toBe(String(status));
  expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
}

async function open(): Promise<Reply> {
  const r = await call('POST', '/troubleTicket', NEW_TICKET);
  expect(r.status).toBe(201);
  return r;
}

/** NEW_TICKET again on its service, which has an open ticket: saying why, as hd open --duplicate-ok. */
async function openAgain(): Promise<Reply> {
  const r = await call('POST', '/troubleTicket', {
    ...NEW_TICKET,
    troubleTicketCharacteristic: [
      ...NEW_TICKET.troubleTicketCharacteristic,
      { name: 'duplicateReason', value: 'second alarm, other site', '@type': 'StringCharacteristic' },
    ],
  });
  expect(r.status).toBe(201);
  return r;
}

/** A GET through node:http, which sends what it is given (a malformed path, oversized headers). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: Json }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, path: `${u.pathname}${path}`, headers }, (res) => {
      let data = '';
      res.on('data', (c) => {
        data += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
    });
    r.on('error', reject);
    r.end();
  });
}

describe('answered before routing', () => {
  it('a malformed percent-encoding is 400 and headers over the limit 431, with the TMF Error, logged', async () => {
    const bad = await rawGet('/troubleTicket/%ZZ', { authorization: `Bearer ${write}` });
    expect(bad.status).toBe(400);
    expect(conformance('Error', bad.body)).toEqual([]);
    expect(bad.body).toMatchObject({ code: 'INVALID_URL', status: '400', reason: 'Bad Request' });
    expect(bad.body.message).toContain('%25');
    const big = await rawGet('/troubleTicket/HD-000001', {
      authorization: `Bearer ${write}`,
      'x-padding': 'a'.repeat(20_000),
    });
    expect(big.status).toBe(431);
    expect(conformance('Error', big.body)).toEqual([]);
    expect(big.body).toMatchObject({ code: 'HEADERS_TOO_LARGE', status: '431' });
    await app.close();
    const lines = h
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.method, l.url])).toEqual([
      [400, 'GET', `${BASE}/troubleTicket/%ZZ`],
      [431, null, null],
    ]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['time', 'method', 'url', 'status', 'ms', 'actor']);
  });
});

describe('tokens', () => {
  it('401 without a token, with an unknown one, and once revoked; 403 for a change with a read token', async () => {
    const none = await call('GET', '/troubleTicket', undefined, { token: null });
    expectError(none, 401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    // An API client is told whom to ask, not to run a command of the helpdesk's.
    expect(none.body.message).toContain('ask the helpdesk');
    expect(none.body.message).not.toContain('hd token');
    const unknown = await call('GET', '/troubleTicket', undefined, { token: 'hd_not-a-token' });
    expectError(unknown, 401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(unknown.body.message).not.toContain('hd token');
    const before = await countRows(h.store);
    expectError(await call('POST', '/troubleTicket', NEW_TICKET, { token: read }), 403);
    expect(await countRows(h.store)).toEqual(before);
    expect((await call('GET', '/troubleTicket', undefined, { token: read })).status).toBe(200);
    expect(await h.run(['token', 'revoke', 'billing'])).toBe(0);
    expectError(await call('GET', '/troubleTicket', undefined, { token: read }), 401);
  });

  it('stores only the hash; lists without the token; a second token of the same name is refused', async () => {
    const rows = await dbRows(h.store, 'SELECT name, scope, token_hash FROM api_tokens ORDER BY name');
    expect(rows.map((r) => [r.name, r.scope])).toEqual([
      ['billing', 'read'],
      ['noc', 'write'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(write);
    expect(await h.run(['token', 'list', '--json'])).toBe(0);
    expect(h.stdout()).not.toContain(write);
    expect(JSON.parse(h.stdout()).map((t: { name: string }) => t.name)).toEqual(['billing', 'noc']);
    expect(await h.run(['token', 'create', '--name', 'noc', '--scope', 'read'])).toBe(1);
    expect(h.stderr()).toContain('exists already');
    expect(await h.run(['token', 'create', '--name', 'x', '--scope', 'admin'])).toBe(2);
    expect(await h.run(['token', 'revoke', 'nobody'])).toBe(1);
  });

  it('a revoked token’s name is given again by hd token create; the old token stays revoked', async () => {
    expect(await h.run(['token', 'revoke', 'billing'])).toBe(0);
    const again = await createToken(h, 'billing', 'write');
    expectError(await call('GET', '/troubleTicket', undefined, { token: read }), 401);
    expect((await call('GET', '/troubleTicket', undefined, { token: again })).status).toBe(200);
    expect(await h.run(['token', 'list', '--json'])).toBe(0);
    expect(
      JSON.parse(h.stdout()).map((t: { name: string; scope: string; revokedAt: string | null }) => [
        t.name,
        t.scope,
        t.revokedAt !== null,
      ]),
    ).toEqual([
      ['billing', 'read', true],
      ['billing', 'write', false],
      ['noc', 'write', false],
    ]);
    // A live name is refused with the way out, not sent round in a circle.
    expect(await h.run(['token', 'create', '--name', 'billing', '--scope', 'read'])).toBe(1);
    expect(h.stderr()).toContain('revoke it (hd token revoke billing');
    expect(h.stderr()).toContain('create billing again');
    expect(await h.run(['token', 'revoke', 'billing'])).toBe(0);
    expectError(await call('GET', '/troubleTicket', undefined, { token: again }), 401);
    expect(await h.run(['token', 'revoke', 'billing'])).toBe(1);
  });
});

describe('POST /troubleTicket', () => {
  it('201, Location is the href, a TroubleTicket; every event under the token name', async () => {
    const r = await open();
    expect(conformance('TroubleTicket', r.body)).toEqual([]);
    expect(r.headers.get('location')).toBe(r.body.href);
    expect(r.body).toMatchObject({
      id: 'HD-000001',
      href: `${BASE}/troubleTicket/HD-000001`,
      status: 'acknowledged',
      severity: 'Critical',
      priority: 'P1',
      ticketType: 'incident',
      name: 'VPN down at HQ',
      channel: { name: 'monitoring' },
    });
    expect(r.body.relatedParty.map((p: Json) => [p.role, p.partyOrPartyRole.id])).toEqual([
      ['customer', 'C-2021-0147'],
      ['reporter', expect.any(String)],
    ]);
    expect(r.body.note.map((n: Json) => n.text)).toContain('raised by alarm 4711');
    for (const n of r.body.note) expect(conformance('Note', n)).toEqual([]);
    const actors = await dbRows(h.store, 'SELECT DISTINCT actor FROM events WHERE ticket_id = 1');
    expect(actors).toEqual([{ actor: 'noc' }]);
    expect((await call('GET', '/troubleTicket/HD-000001')).body).toEqual(r.body);
  });

  it.each([
    ['no description', { description: undefined }, 400],
    ['no severity', { severity: undefined }, 400],
    ['no ticketType', { ticketType: undefined }, 400],
    ['no @type', { '@type': undefined }, 400],
    ['an unknown field', { colour: 'red' }, 400],
    ['a number for a string', { description: 42 }, 400],
    ['an unknown severity', { severity: 'Apocalyptic' }, 400],
    [
      'an unknown client',
      { relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-0000-0000' } }] },
      422,
    ],
    [
      'a service of another client',
      { relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }] },
      422,
    ],
    ['a priority of its own', { priority: 'High' }, 422],
    ['a status other than acknowledged', { status: 'resolved' }, 422],
    ['a ticket type hd does not keep', { ticketType: 'request' }, 422],
  ])('%s: refused, nothing written', async (_what, change, status) => {
    const before = await countRows(h.store);
    const body = JSON.parse(JSON.stringify({ ...NEW_TICKET, ...change }));
    expectError(await call('POST', '/troubleTicket', body), status);
    expect(await countRows(h.store)).toEqual(before);
  });

  it('malformed JSON, a wrong content type, an oversized body, a prototype key: 4xx, nothing written', async () => {
    const before = await countRows(h.store);
    expectError(await call('POST', '/troubleTicket', undefined, { raw: '{"@type": "Trouble' }), 400);
    expectError(await call('POST', '/troubleTicket', undefined, { raw: 'x', type: 'text/plain' }), 415);
    const big = { ...NEW_TICKET, description: 'x'.repeat(70 * 1024) };
    expectError(await call('POST', '/troubleTicket', big), 413);
    expectError(
      await call('POST', '/troubleTicket', undefined, {
        raw: '{"__proto__": {"admin": true}, "description": "x"}',
      }),
      400,
    );
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('GET', () => {
  it('by id: 404 for an unknown or malformed id; fields= keeps the ones asked for', async () => {
    await open();
    expectError(await call('GET', '/troubleTicket/HD-000999'), 404);
    expectError(await call('GET', '/troubleTicket/nonsense'), 404);
    expectError(await call('GET', '/nowhere'), 404);
    const some = await call('GET', '/troubleTicket/1?fields=status,severity');
    expect(some.body).toEqual({
      '@type': 'TroubleTicket',
      id: 'HD-000001',
      href: `${BASE}/troubleTicket/HD-000001`,
      status: 'acknowledged',
      severity: 'Critical',
    });
  });

  it('the list: filters, offset/limit, X-Total-Count and X-Result-Count', async () => {
    await open();
    await openAgain();
    await call('POST', '/troubleTicket', {
      ...NEW_TICKET,
      severity: 'Minor',
      relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
      relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
    });
    expect((await call('PATCH', '/troubleTicket/HD-000002', { status: 'inProgress' })).status).toBe(200);
    const all = await call('GET', '/troubleTicket');
    expect(all.status).toBe(200);
    expect(all.body.map((t: Json) => t.id)).toEqual(['HD-000003', 'HD-000002', 'HD-000001']);
    for (const t of all.body) expect(conformance('TroubleTicket', t)).toEqual([]);
    expect([all.headers.get('x-total-count'), all.headers.get('x-result-count')]).toEqual(['3', '3']);
    const page = await call('GET', '/troubleTicket?limit=1&offset=1');
    expect(page.body.map((t: Json) => t.id)).toEqual(['HD-000002']);
    expect([page.headers.get('x-total-count'), page.headers.get('x-result-count')]).toEqual(['3', '1']);
    const ids = async (q: string) => (await call('GET', `/troubleTicket?${q}`)).body.map((t: Json) => t.id);
    expect(await ids('status=inProgress')).toEqual(['HD-000002']);
    expect(await ids('status=acknowledged,inProgress&severity=Critical')).toEqual(['HD-000002', 'HD-000001']);
    expect(await ids('severity=minor')).toEqual(['HD-000003']);
    expect(await ids('relatedParty.id=C-2022-0533')).toEqual(['HD-000003']);
    expect(await ids('relatedEntity.id=MSK-IPVPN-00412')).toEqual(['HD-000002', 'HD-000001']);
    expect(await ids('ticketType=request')).toEqual([]);
    expect(await ids('lastUpdate.gt=2026-11-25T09:00:00Z')).toEqual([]);
    expect(await ids('lastUpdate.gt=2026-11-25T08:59:59Z')).toHaveLength(3);
    expect((await call('GET', '/troubleTicket?fields=status')).body[0]).toEqual({
      '@type': 'TroubleTicket',
      id: 'HD-000003',
      href: `${BASE}/troubleTicket/HD-000003`,
      status: 'acknowledged',
    });
    expectError(await call('GET', '/troubleTicket?colour=red'), 400);
    expectError(await call('GET', '/troubleTicket?status=done'), 400);
    expectError(await call('GET', '/troubleTicket?limit=-1'), 400);
    expectError(await call('GET', '/troubleTicket?limit=100000'), 400);
    expectError(await call('GET', '/troubleTicket?lastUpdate.gt=yesterday'), 400);
  });
});

describe('PATCH /troubleTicket/{id}: the same rules as the CLI', () => {
  const patch = (body: unknown) => call('PATCH', '/troubleTicket/HD-000001', body);

  it('a ticket through its life: take, ETA, extension with its note, pending, resume, resolve, close', async () => {
    await open();
    let r = await patch({ status: 'inProgress' });
    expect(r.body).toMatchObject({ status: 'inProgress' });
    r = await patch({ expectedResolutionDate: '2026-11-25T15:00:00Z' });
    expect(r.body.expectedResolutionDate).toBe('2026-11-25T15:00:00.000Z');
    // MEF 124 R22: a changed ETA needs a note giving the reason.
    const before = await countRows(h.store);
    expectError(await patch({ expectedResolutionDate: '2026-11-25T18:00:00Z' }), 422);
    expect(await countRows(h.store)).toEqual(before);
    r = await patch({
      expectedResolutionDate: '2026-11-25T18:00:00Z',
      note: [{ text: 'fibre cut, splice crew on the way', '@type': 'Note' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.expectedResolutionDate).toBe('2026-11-25T18:00:00.000Z');
    const kinds = await dbRows(
      h.store,
      'SELECT kind, text, actor FROM events WHERE ticket_id = 1 ORDER BY id',
    );
    const extended = kinds.find((e) => e.kind === 'extended')!;
    expect(extended.text).toContain('fibre cut, splice crew on the way');
    expect(extended.actor).toBe('noc');
    // The client (prefers e-mail) is sent the extension.
    const mail = await dbRows(
      h.store,
      "SELECT subject FROM outbox WHERE ticket_id = 1 AND kind = 'extended'",
    );
    expect(mail).toHaveLength(1);
    expectError(await patch({ status: 'pending' }), 422);
    r = await patch({ status: 'pending', statusChangeReason: 'no access to the cabinet' });
    expect(r.body.status).toBe('pending');
    r = await patch({ status: 'inProgress', statusChangeReason: 'access granted' });
    expect(r.body.status).toBe('inProgress');
    // resolved needs the resolution and a fault zone; closed needs the client's confirmation.
    expectError(await patch({ status: 'resolved' }), 422);
    expectError(await patch({ status: 'resolved', statusChangeReason: 'spliced' }), 422);
    r = await patch({
      status: 'resolved',
      statusChangeReason: 'fibre spliced, BGP up',
      troubleTicketCharacteristic: [
        { name: 'faultZone', value: 'last-mile', '@type': 'StringCharacteristic' },
      ],
    });
    expect(r.body).toMatchObject({ status: 'resolved', resolutionDate: '2026-11-25T09:00:00.000Z' });
    expectError(await patch({ status: 'closed' }), 422);
    r = await patch({
      status: 'closed',
      troubleTicketCharacteristic: [
        { name: 'clientConfirmedBy', value: 'Olga Savitskaya' },
        { name: 'clientConfirmedVia', value: 'phone' },
      ],
    });
    expect(r.body.status).toBe('closed');
    expect(conformance('TroubleTicket', r.body)).toEqual([]);
    expect(r.body.statusChangeHistory.map((s: Json) => s.status)).toEqual([
      'acknowledged',
      'inProgress',
      'pending',
      'inProgress',
      'resolved',
      'closed',
    ]);
    expect(r.body.statusChangeHistory[4].statusChangeReason).toBe('fibre spliced, BGP up');
    // A closed ticket is final: 409, nothing written.
    const closed = await countRows(h.store);
    expectError(await patch({ status: 'inProgress', statusChangeReason: 'again' }), 409);
    expectError(await patch({ note: [{ text: 'late note' }] }), 409);
    expect(await countRows(h.store)).toEqual(closed);
    expect(await h.run(['verify'])).toBe(0);
  });

  it('illegal moves 409; read-only and unknown fields, rejected/held, an empty patch: refused, nothing written', async () => {
    await open();
    const before = await countRows(h.store);
    expectError(
      await patch({
        status: 'closed',
        troubleTicketCharacteristic: [
          { name: 'clientConfirmedBy', value: 'x' },
          { name: 'clientConfirmedVia', value: 'phone' },
        ],
      }),
      409,
    );
    expectError(
      await patch({
        status: 'resolved',
        statusChangeReason: 'x',
        troubleTicketCharacteristic: [{ name: 'faultZone', value: 'cpe' }],
      }),
      409,
    );
    expectError(await patch({ severity: 'Minor' }), 422);
    expectError(await patch({ relatedParty: [] }), 422);
    expectError(await patch({ status: 'held' }), 422);
    expectError(await patch({ status: 'rejected' }), 422);
    expectError(await patch({ colour: 'red' }), 400);
    expectError(await patch({}), 400);
    expectError(await patch({ troubleTicketCharacteristic: [{ name: 'faultZone', value: 'moon' }] }), 422);
    expectError(await patch({ expectedResolutionDate: '2020-01-01T00:00:00Z' }), 400);
    expectError(await patch({ expectedResolutionDate: 'tomorrow' }), 400);
    expectError(await call('PATCH', '/troubleTicket/HD-000404', { status: 'inProgress' }), 404);
    expect(await countRows(h.store)).toEqual(before);
  });

  it('a note is appended with the server’s author and date, whatever the client says', async () => {
    await open();
    const r = await patch({
      note: [{ text: 'customer called', author: 'Mallory', date: '2001-01-01T00:00:00Z' }],
    });
    const last = r.body.note.at(-1);
    expect(last).toMatchObject({ text: 'customer called', author: 'noc', date: '2026-11-25T09:00:00.000Z' });
    // Notes echoed back with their ids are not added again.
    const again = await patch({ note: [...r.body.note, { text: 'second' }] });
    expect(
      again.body.note.map((n: Json) => n.text).filter((t: string) => t === 'customer called'),
    ).toHaveLength(1);
  });

  it('a statusChangeReason is the reason for an ETA change, as the README says', async () => {
    await open();
    expect((await patch({ expectedResolutionDate: '2026-11-25T15:00:00Z' })).status).toBe(200);
    const r = await patch({
      expectedResolutionDate: '2026-11-25T18:00:00Z',
      statusChangeReason: 'spare card comes from Minsk',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.expectedResolutionDate).toBe('2026-11-25T18:00:00.000Z');
    const extended = await dbRows(
      h.store,
      "SELECT text FROM events WHERE ticket_id = 1 AND kind = 'extended'",
    );
    expect(extended).toHaveLength(1);
    expect(String(extended[0]!.text)).toContain('spare card comes from Minsk');
  });

  it('a note with its own id is added unless that id is a note of THIS ticket; it is the reason for an ETA change', async () => {
    await open();
    const second = await call('POST', '/troubleTicket', {
      ...NEW_TICKET,
      troubleTicketRelationship: [{ id: 'HD-000001', relationshipType: 'isRelatedTo' }],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const first = await call('GET', '/troubleTicket/HD-000001');
    const own = first.body.note[0];
    const othersId: string = second.body.note[0].id;
    expect(first.body.note.map((n: Json) => n.id)).not.toContain(othersId);
    const r = await patch({
      note: [
        own,
        { id: 'ALARM-4711/3', text: 'alarm cleared on PE1', '@type': 'Note' },
        { id: othersId, text: 'copied from the related ticket', '@type': 'Note' },
        { id: '999999', text: 'a tool’s own number', '@type': 'Note' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const texts = r.body.note.map((n: Json) => n.text);
    expect(texts.filter((t: string) => t === own.text)).toHaveLength(1);
    expect(texts.slice(-3)).toEqual([
      'alarm cleared on PE1',
      'copied from the related ticket',
      'a tool’s own number',
    ]);
    // An ETA change whose only note carries the tool's id: the note is the reason.
    expect((await patch({ expectedResolutionDate: '2026-11-25T15:00:00Z' })).status).toBe(200);
    const later = await patch({
      expectedResolutionDate: '2026-11-25T18:00:00Z',
      note: [{ id: 'ALARM-4711/4', text: 'spare card comes from Minsk', '@type': 'Note' }],
    });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body.expectedResolutionDate).toBe('2026-11-25T18:00:00.000Z');
    expect(JSON.stringify(later.body.note)).toContain('spare card comes from Minsk');
  });

  it('a ticket in an outage shows it as a relationship; a related ticket as well', async () => {
    await open();
    const second = await call('POST', '/troubleTicket', {
      ...NEW_TICKET,
      troubleTicketRelationship: [{ id: 'HD-000001', relationshipType: 'isRelatedTo' }],
    });
    expect(second.body.troubleTicketRelationship).toEqual([
      expect.objectContaining({ id: 'HD-000001', relationshipType: 'isRelatedTo' }),
    ]);
    // The outage as hd opens it: every open ticket on the service is linked to it.
    expect(
      await h.run([
        'outage',
        'open',
        '--summary',
        'PE1 down',
        '--zone',
        'operator-network',
        '--services',
        'MSK-IPVPN-00412',
      ]),
      h.stderr(),
    ).toBe(0);
    const linked = await call('GET', '/troubleTicket/HD-000002');
    expect(linked.body.troubleTicketRelationship).toEqual([
      expect.objectContaining({ id: 'HD-000001', relationshipType: 'isRelatedTo' }),
      expect.objectContaining({ id: 'OUT-000001', '@referredType': 'Outage', relationshipType: 'isChildOf' }),
    ]);
    expect(conformance('TroubleTicket', linked.body)).toEqual([]);
    const first = await call('GET', '/troubleTicket/HD-000001');
    expect(first.body.troubleTicketRelationship).toEqual([
      expect.objectContaining({ id: 'HD-000002', relationshipType: 'isRelatedTo' }),
      expect.objectContaining({ id: 'OUT-000001', '@referredType': 'Outage', relationshipType: 'isChildOf' }),
    ]);
    // A ticket POSTed on a service in an active outage is opened into it, as with hd open.
    const third = await openAgain();
    expect(third.body.troubleTicketRelationship).toEqual([
      expect.objectContaining({ id: 'OUT-000001', relationshipType: 'isChildOf' }),
    ]);
    expect(third.body.note.map((n: Json) => n.text)).toEqual(
      expect.arrayContaining([
        'raised by alarm 4711',
        expect.stringContaining('Linked to outage OUT-000001'),
      ]),
    );
  });
});

describe('the fuzzer', () => {
  // A small deterministic generator: bodies of every JSON type, the spec's own field names with
  // values of the wrong kind, unknown fields, deep nesting and garbage text.
  function rng(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s / 0x7fffffff;
    };
  }
  const FIELDS = [
    '@type',
    'name',
    'description',
    'severity',
    'ticketType',
    'status',
    'priority',
    'note',
    'relatedParty',
    'relatedEntity',
    'channel',
    'expectedResolutionDate',
    'resolutionDate',
    'statusChangeReason',
    'troubleTicketCharacteristic',
    'troubleTicketRelationship',
    'id',
    'href',
    '__proto__',
    'constructor',
    'x',
  ];
  function value(r: () => number, depth: number): unknown {
    const k = Math.floor(r() * (depth > 3 ? 6 : 9));
    switch (k) {
      case 0:
        return null;
      case 1:
        return r() < 0.5;
      case 2:
        return Math.floor(r() * 1e9) * (r() < 0.5 ? -1 : 1);
      case 3:
        return [
          '',
          'Critical',
          'incident',
          'TroubleTicket',
          'inProgress',
          'closed',
          'HD-000001',
          '\u0000',
          '💥'.repeat(3),
          '2026-13-45T99:99:99Z',
          'C-0000-0000',
        ][Math.floor(r() * 11)];
      case 4:
        return 'x'.repeat(Math.floor(r() * 300));
      case 5:
        return r();
      case 6:
        return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
      default:
        return object(r, depth + 1);
    }
  }
  function object(r: () => number, depth: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(r() * 5); i > 0; i--)
      o[FIELDS[Math.floor(r() * FIELDS.length)]!] = value(r, depth);
    return o;
  }

  it('300 random bodies to POST and PATCH: always a 4xx TMF error, nothing written', async () => {
    await open();
    const closed = [
      { status: 'inProgress' },
      {
        status: 'resolved',
        statusChangeReason: 'ok',
        troubleTicketCharacteristic: [{ name: 'faultZone', value: 'cpe' }],
      },
      {
        status: 'closed',
        troubleTicketCharacteristic: [
          { name: 'clientConfirmedBy', value: 'Olga' },
          { name: 'clientConfirmedVia', value: 'phone' },
        ],
      },
    ];
    for (const step of closed)
      expect((await call('PATCH', '/troubleTicket/HD-000001', step)).status).toBe(200);
    const before = await countRows(h.store);
    const r = rng(16);
    for (let i = 0; i < 300; i++) {
      const body = i % 10 === 0 ? undefined : r() < 0.8 ? object(r, 0) : value(r, 0);
      const raw =
        i % 10 === 0
          ? ['', '{', 'null', '[]', '{"a":', '\u0000', '{}{}', '"x"', '1e999', '{"note":[{]}'][(i / 10) % 10]!
          : JSON.stringify(body);
      // POST bodies get a customer no client has; PATCH goes to the closed ticket (or none).
      const post = r() < 0.5;
      const res = post
        ? await call('POST', '/troubleTicket', undefined, {
            raw:
              body && typeof body === 'object' && !Array.isArray(body) && r() < 0.5
                ? JSON.stringify({
                    ...NEW_TICKET,
                    ...body,
                    relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-0000-0000' } }],
                  })
                : raw,
          })
        : await call('PATCH', `/troubleTicket/${r() < 0.9 ? 'HD-000001' : 'HD-000404'}`, undefined, { raw });
      expect(res.status, `${post ? 'POST' : 'PATCH'} ${raw.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, raw.slice(0, 200)).toBeLessThan(500);
      expect(conformance('Error', res.body)).toEqual([]);
    }
    expect(await countRows(h.store)).toEqual(before);
  });
});

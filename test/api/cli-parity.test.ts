// What the CLI refuses, the API refuses too: taking over a ticket someone else holds (hd take
// without --over) and a second ticket on a service that has one open (hd open without
// --duplicate-ok or --related). Through real HTTP on loopback; test/postgres/api-cli-parity.test.ts
// runs this file on PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { ALARM_TICKET, apiRequest, BASE, type Json, type Reply } from '../helpers/api.ts';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { conformance } from '../helpers/tmf621.ts';

let h: TestHarness;
let app: FastifyInstance;
let url: string;
let write: string;

beforeEach(async () => {
  h = await harness();
  expect(await h.run(['token', 'create', '--name', 'noc', '--scope', 'write'])).toBe(0);
  write = h.stdout().trim();
  app = await buildServer(h.ctx, { host: '127.0.0.1', port: 0 });
  url = `${await app.listen({ host: '127.0.0.1', port: 0 })}${BASE}`;
});
afterEach(async () => {
  await app.close();
});

function call(method: string, path: string, body?: unknown): Promise<Reply> {
  return apiRequest(url, method, path, body, { token: write });
}

const assignee = (id: string) => [
  {
    role: 'assignee',
    partyOrPartyRole: { id, '@type': 'PartyRef' },
    '@type': 'RelatedPartyRefOrPartyRoleRef',
  },
];

function expectError(r: { status: number; body: Json }, status: number, code: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(conformance('Error', r.body)).toEqual([]);
  expect(r.body.code).toBe(code);
}

const row = async (id: number) => dbRow(h.store, 'SELECT status, assignee FROM tickets WHERE id = ?', id);

describe('PATCH status inProgress: taking a ticket someone else holds', () => {
  it('is refused with 409 naming the holder, nothing written; naming the caller as the assignee takes it over', async () => {
    expect((await call('POST', '/troubleTicket', ALARM_TICKET)).status).toBe(201);
    expect(await h.run(['assign', 'HD-000001', '--to', 'ivan']), h.stderr()).toBe(0);
    const before = await countRows(h.store);
    const refused = await call('PATCH', '/troubleTicket/HD-000001', { status: 'inProgress' });
    expectError(refused, 409, 'HELD_BY_ANOTHER');
    expect(refused.body.message).toContain('held by ivan');
    expect(refused.body.message).toContain('"role": "assignee"');
    expect(await countRows(h.store)).toEqual(before);
    expect(await row(1)).toEqual({ status: 'acknowledged', assignee: 'ivan' });

    const taken = await call('PATCH', '/troubleTicket/HD-000001', {
      status: 'inProgress',
      relatedParty: assignee('noc'),
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(conformance('TroubleTicket', taken.body)).toEqual([]);
    expect(taken.body.status).toBe('inProgress');
    expect(taken.body.relatedParty).toContainEqual(
      expect.objectContaining({ role: 'assignee', partyOrPartyRole: expect.objectContaining({ id: 'noc' }) }),
    );
    expect(taken.body.note.at(-1)).toMatchObject({ author: 'noc', text: 'Taken by noc (was ivan)' });
    expect(await row(1)).toEqual({ status: 'inProgress', assignee: 'noc' });
  });

  it('a ticket in progress with another engineer: taken over by the assignee alone; the caller’s own ticket needs nothing', async () => {
    expect((await call('POST', '/troubleTicket', ALARM_TICKET)).status).toBe(201);
    h.ctx.operator = 'ivan';
    expect(await h.run(['take', 'HD-000001']), h.stderr()).toBe(0);
    const over = await call('PATCH', '/troubleTicket/HD-000001', { relatedParty: assignee('noc') });
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect(await row(1)).toEqual({ status: 'inProgress', assignee: 'noc' });

    // Assigned to the caller itself while acknowledged: an ordinary take.
    const second = await call('POST', '/troubleTicket', {
      ...ALARM_TICKET,
      troubleTicketCharacteristic: [{ name: 'duplicateReason', value: 'second site' }],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(await h.run(['assign', 'HD-000002', '--to', 'noc']), h.stderr()).toBe(0);
    expect((await call('PATCH', '/troubleTicket/HD-000002', { status: 'inProgress' })).status).toBe(200);
    expect(await row(2)).toEqual({ status: 'inProgress', assignee: 'noc' });
  });

  it('another assignee than the caller, or another party role: 422, nothing written', async () => {
    expect((await call('POST', '/troubleTicket', ALARM_TICKET)).status).toBe(201);
    const before = await countRows(h.store);
    const other = await call('PATCH', '/troubleTicket/HD-000001', {
      status: 'inProgress',
      relatedParty: assignee('ivan'),
    });
    expectError(other, 422, 'UNPROCESSABLE');
    expect(other.body.message).toContain('"noc"');
    expectError(
      await call('PATCH', '/troubleTicket/HD-000001', {
        relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('POST on a service that has an open ticket', () => {
  it('is refused with 409 naming the open ticket and its href; nothing written', async () => {
    expect((await call('POST', '/troubleTicket', ALARM_TICKET)).status).toBe(201);
    const before = await countRows(h.store);
    const refused = await call('POST', '/troubleTicket', ALARM_TICKET);
    expectError(refused, 409, 'DUPLICATE');
    expect(refused.body.message).toContain('HD-000001');
    expect(refused.body.message).toContain(`${BASE}/troubleTicket/HD-000001`);
    expect(refused.body.message).toContain('duplicateReason');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('opens with a duplicateReason (recorded, as --duplicate-ok) or related to the open ticket (as --related)', async () => {
    expect((await call('POST', '/troubleTicket', ALARM_TICKET)).status).toBe(201);
    const why = await call('POST', '/troubleTicket', {
      ...ALARM_TICKET,
      troubleTicketCharacteristic: [{ name: 'duplicateReason', value: 'a second site of the VPN' }],
    });
    expect(why.status, JSON.stringify(why.body)).toBe(201);
    expect(why.body.note.map((n: Json) => n.text)).toContain(
      'Opened although HD-000001 is open on MSK-IPVPN-00412: a second site of the VPN',
    );
    // The service's open ticket is now its latest, HD-000002: a ticket related to it is opened.
    expectError(await call('POST', '/troubleTicket', ALARM_TICKET), 409, 'DUPLICATE');
    const related = await call('POST', '/troubleTicket', {
      ...ALARM_TICKET,
      troubleTicketRelationship: [{ id: 'HD-000002', relationshipType: 'isRelatedTo' }],
    });
    expect(related.status, JSON.stringify(related.body)).toBe(201);
    expect(related.body.troubleTicketRelationship).toContainEqual(
      expect.objectContaining({ id: 'HD-000002', relationshipType: 'isRelatedTo' }),
    );
  });
});

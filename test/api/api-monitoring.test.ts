// What a monitoring team written only from the TMF621 specification would trip on, through real
// HTTP on loopback: a method a path does not take (405 with Allow, not 404), fields= naming no
// TroubleTicket attribute (400), refusals in the API's words rather than the CLI's, the same ETA
// texts through either front door, and an imported ticket held like a native one.
// test/postgres/api-monitoring.test.ts runs this file on PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { ALARM_TICKET, apiRequest, BASE, createToken, type Reply } from '../helpers/api.ts';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { openArgs } from '../helpers/fixtures.ts';
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
  app = await buildServer(h.ctx, { host: '127.0.0.1', port: 0 });
  url = `${await app.listen({ host: '127.0.0.1', port: 0 })}${BASE}`;
});
afterEach(async () => {
  await app.close();
});

function call(method: string, path: string, body?: unknown, t: string | null = write): Promise<Reply> {
  return apiRequest(url, method, path, body, { token: t });
}

function expectError(r: Reply, status: number, code?: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(conformance('Error', r.body)).toEqual([]);
  expect(r.body.status).toBe(String(status));
  if (code) expect(r.body.code).toBe(code);
}

/** A message for an API client: no hd command to run, no CLI flag to give. */
function speaksApi(r: Reply): void {
  expect(r.body.message).not.toMatch(/\bhd [a-z]+|--[a-z]/);
}

const zone = (value: string) => [{ name: 'faultZone', value, '@type': 'StringCharacteristic' }];
const assignee = (id: string) => [{ role: 'assignee', partyOrPartyRole: { id, '@type': 'PartyRef' } }];

async function open(): Promise<void> {
  const r = await call('POST', '/troubleTicket', ALARM_TICKET);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

describe('a method the path does not take', () => {
  it('405 with Allow and the TMF error on a known path; 404 on an unknown one; nothing changed', async () => {
    await open();
    const before = await countRows(h.store);
    const cases: [string, string, string][] = [
      ['DELETE', '/troubleTicket/HD-000001', 'GET, HEAD, PATCH'],
      ['PUT', '/troubleTicket/HD-000001', 'GET, HEAD, PATCH'],
      ['POST', '/troubleTicket/HD-000001', 'GET, HEAD, PATCH'],
      ['DELETE', '/troubleTicket/HD-000999', 'GET, HEAD, PATCH'],
      ['DELETE', '/troubleTicket', 'GET, HEAD, POST'],
      ['PATCH', '/troubleTicket', 'GET, HEAD, POST'],
      ['GET', '/hub', 'POST'],
      ['PATCH', '/hub/6f1c', 'DELETE, GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const body = method === 'DELETE' || method === 'GET' ? undefined : { status: 'cancelled' };
      const r = await call(method, path, body);
      expectError(r, 405, 'METHOD_NOT_ALLOWED');
      expect(r.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(r.body.message).toContain(allow);
      // A read token hears the same: no route, so no change to forbid.
      const ro = await call(method, path, body, read);
      expectError(ro, 405, 'METHOD_NOT_ALLOWED');
    }
    for (const [method, path] of [
      ['GET', '/troubleTickets'],
      ['DELETE', '/troubleTicket/HD-000001/note'],
      ['GET', '/nowhere'],
    ]) {
      const r = await call(method!, path!);
      expectError(r, 404, 'NOT_FOUND');
      expect(r.headers.get('allow')).toBeNull();
    }
    // Without a token: 401 first, whatever the method.
    expectError(await call('DELETE', '/troubleTicket/HD-000001', undefined, null), 401);
    expect(await countRows(h.store)).toEqual(before);
    expect((await call('GET', '/troubleTicket/HD-000001')).body.status).toBe('acknowledged');
  });
});

describe('fields=', () => {
  it('a name that is no TroubleTicket attribute is a 400 naming it and the allowed ones', async () => {
    await open();
    const list = await call('GET', '/troubleTicket?fields=status,colour');
    expectError(list, 400, 'INVALID_QUERY');
    expect(list.body.message).toContain('"colour"');
    expect(list.body.message).not.toContain('"status"');
    expect(list.body.message).toContain('troubleTicketCharacteristic');
    const one = await call('GET', '/troubleTicket/HD-000001?fields=nme,stauts');
    expectError(one, 400, 'INVALID_QUERY');
    expect(one.body.message).toMatch(/"nme", "stauts" are not attributes of a TroubleTicket/);
    expect(one.body.message).toContain('expectedResolutionDate');
    // A change with a bad fields= is refused whole: nothing written.
    const before = await countRows(h.store);
    expectError(
      await call('PATCH', '/troubleTicket/HD-000001?fields=colour', { note: [{ text: 'x' }] }),
      400,
    );
    expectError(
      await call('POST', '/troubleTicket?fields=colour', {
        ...ALARM_TICKET,
        relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-DIA-01877' } }],
      }),
      400,
    );
    expect(await countRows(h.store)).toEqual(before);
    // An attribute of the specification hd does not fill is allowed (and absent).
    const none = await call('GET', '/troubleTicket/HD-000001?fields=externalIdentifier');
    expect(none.status).toBe(200);
    expect(Object.keys(none.body).sort()).toEqual(['@type', 'href', 'id']);
    const some = await call('GET', '/troubleTicket?fields=status,note');
    expect(some.status).toBe(200);
    expect(some.body[0]).toEqual({
      '@type': 'TroubleTicket',
      id: 'HD-000001',
      href: `${BASE}/troubleTicket/HD-000001`,
      status: 'acknowledged',
    });
  });
});

describe('unknown query parameters', () => {
  it('are refused on every route, not only the list: GET and PATCH by id, POST, the hub', async () => {
    await open();
    for (const [method, path, body] of [
      ['GET', '/troubleTicket/HD-000001?foo=1', undefined],
      ['PATCH', '/troubleTicket/HD-000001?foo=1', { note: [{ text: 'x' }] }],
      ['POST', '/troubleTicket?foo=1', ALARM_TICKET],
      ['POST', '/hub?foo=1', { callback: 'http://127.0.0.1:9/cb' }],
      ['DELETE', '/hub/nope?foo=1', undefined],
    ] as const) {
      const r = await call(method, path, body);
      expectError(r, 400, 'INVALID_QUERY');
      expect(r.body.message).toContain('foo');
    }
    // Nothing written: one ticket, no note, no hub.
    const list = await call('GET', '/troubleTicket');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].note ?? []).toEqual([]);
  });
});

describe('refusals in the API’s words', () => {
  const patch = (body: unknown) => call('PATCH', '/troubleTicket/HD-000001', body);

  it('an unknown ticket, a restoration before the opening, taking a resolved ticket, a closed one', async () => {
    const unknown = await call('PATCH', '/troubleTicket/HD-000999', { note: [{ text: 'x' }] });
    expectError(unknown, 404, 'NOT_FOUND');
    expect(unknown.body.message).toBe('There is no trouble ticket HD-000999; ids look like HD-000123.');
    await open();
    expect((await patch({ status: 'inProgress' })).status).toBe(200);
    const early = await patch({
      status: 'resolved',
      statusChangeReason: 'spliced',
      resolutionDate: '2026-11-25T08:00:00Z',
      troubleTicketCharacteristic: zone('last-mile'),
    });
    expectError(early, 400);
    expect(early.body.message).toContain('resolutionDate is before the ticket was opened');
    speaksApi(early);
    const resolved = await patch({
      status: 'resolved',
      statusChangeReason: 'spliced',
      troubleTicketCharacteristic: zone('last-mile'),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const take = await patch({ relatedParty: assignee('noc') });
    expectError(take, 409);
    expect(take.body.message).toContain('reopen it first: PATCH status inProgress with statusChangeReason');
    speaksApi(take);
    // The CLI's wording is its own, unchanged.
    expect(await h.run(['take', '1'])).toBe(1);
    expect(h.stderr()).toContain('hd reopen 1 --reason');

    const confirmed = [
      { name: 'clientConfirmedBy', value: 'Olga Savitskaya' },
      { name: 'clientConfirmedVia', value: 'phone' },
    ];
    const closed = await patch({ status: 'closed', troubleTicketCharacteristic: confirmed });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const before = await countRows(h.store);
    const note = await patch({ note: [{ text: 'still down?' }] });
    expectError(note, 409);
    expect(note.body.message).toContain('HD-000001 is closed');
    expect(note.body.message).toContain('troubleTicketRelationship');
    speaksApi(note);
    const move = await patch({ status: 'pending', statusChangeReason: 'waiting' });
    expectError(move, 409);
    expect(move.body.message).toContain('HD-000001 is closed and its status cannot move to pending');
    speaksApi(move);
    expect(await countRows(h.store)).toEqual(before);
  });

  it('an intake answer that is no choice names the characteristic, not --answer', async () => {
    const r = await call('POST', '/troubleTicket', {
      ...ALARM_TICKET,
      troubleTicketCharacteristic: [{ name: 'intake.symptom', value: 'gremlins' }],
    });
    expectError(r, 422);
    expect(r.body.message).toContain('troubleTicketCharacteristic intake.symptom: "gremlins"');
    speaksApi(r);
  });

  it('a field of the specification that hd does not keep is refused on POST, never dropped', async () => {
    for (const [field, value, says] of [
      ['attachment', [{ url: 'https://nms.example/alarm/4711', '@type': 'AttachmentRef' }], 'link'],
      ['troubleTicketSpecification', { id: 'spec-1', '@type': 'TroubleTicketSpecificationRef' }, 'not kept'],
      ['requestedResolutionDate', '2026-12-01T10:00:00Z', 'contract'],
    ] as const) {
      const r = await call('POST', '/troubleTicket', { ...ALARM_TICKET, [field]: value });
      expectError(r, 422);
      expect(r.body.message).toContain(field);
      expect(r.body.message).toContain(says);
      speaksApi(r);
    }
    expect((await call('GET', '/troubleTicket')).body).toEqual([]);
  });
});

describe('ETA texts', () => {
  it('an ETA and its extension read the same in the timeline through the API and through hd', async () => {
    // Two tickets of one contact who reads e-mail: HD-000001 through the API, HD-000002 in hd.
    await open();
    const other = ['--client', 'C-2021-0147', '--contact', 'Olga Savitskaya', '--service', 'MSK-DIA-01877'];
    expect(
      await h.run([...openArgs(other, 'Internet down'), '--no-notify', '--skip-reason', 'on the call']),
      h.stderr(),
    ).toBe(0);
    const api = (body: unknown) => call('PATCH', '/troubleTicket/HD-000001', body);
    expect((await api({ status: 'inProgress', troubleTicketCharacteristic: zone('last-mile') })).status).toBe(
      200,
    );
    expect(await h.run(['take', '2'])).toBe(0);
    expect(await h.run(['zone', '2', 'last-mile'])).toBe(0);
    const last = async (id: number, kind: string) =>
      (
        await dbRow(
          h.store,
          'SELECT text FROM events WHERE ticket_id = ? AND kind = ? ORDER BY id DESC LIMIT 1',
          id,
          kind,
        )
      )?.text;

    expect((await api({ expectedResolutionDate: '2026-11-25T14:00:00Z' })).status).toBe(200);
    expect(await h.run(['eta', '2', '2026-11-25T14:00:00Z', '--via', 'email']), h.stderr()).toBe(0);
    const eta = await last(1, 'eta');
    expect(eta).toBe('ETA 2026-11-25 17:00 (client told by e-mail once it is delivered)');
    expect(await last(2, 'eta')).toBe(eta);

    const reason = 'the splicing crew is held up';
    const extended = await api({ expectedResolutionDate: '2026-11-25T16:00:00Z', note: [{ text: reason }] });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(
      await h.run(['extend', '2', '--to', '2026-11-25T16:00:00Z', '--reason', reason, '--via', 'email']),
      h.stderr(),
    ).toBe(0);
    const text = await last(1, 'extended');
    expect(text).toBe(
      `ETA extended 2026-11-25 17:00 → 2026-11-25 19:00: ${reason} (client told by e-mail once it is delivered)`,
    );
    expect(await last(2, 'extended')).toBe(text);
  });
});

describe('an imported ticket in progress', () => {
  const line = (id: string, status: string, holder: string) =>
    JSON.stringify({
      '@type': 'TroubleTicket',
      id,
      description: `old fault ${id}`,
      severity: 'Major',
      ticketType: 'incident',
      status,
      creationDate: '2026-11-25T07:00:00Z',
      relatedParty: [
        { role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } },
        { role: 'assignee', partyOrPartyRole: { name: holder } },
      ],
      relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
    });

  it('is held by its assignee as after hd take: another department’s take is 409 HELD_BY_ANOTHER', async () => {
    const file = [line('INC-1', 'inProgress', 'field-office'), line('INC-2', 'acknowledged', 'ivan')].join(
      '\n',
    );
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: file }), h.stderr()).toBe(0);
    const held = async () => dbRow(h.store, 'SELECT status, assignee FROM tickets WHERE id = 1');
    expect(await held()).toEqual({ status: 'inProgress', assignee: 'field-office' });
    // A native ticket taken in hd by someone else, for comparison.
    await open();
    h.ctx.operator = 'ivan';
    expect(await h.run(['take', 'HD-000003']), h.stderr()).toBe(0);

    const before = await countRows(h.store);
    for (const [id, holder] of [
      ['HD-000001', 'field-office'],
      ['HD-000002', 'ivan'],
      ['HD-000003', 'ivan'],
    ]) {
      const r = await call('PATCH', `/troubleTicket/${id}`, { status: 'inProgress' });
      expectError(r, 409, 'HELD_BY_ANOTHER');
      expect(r.body.message).toContain(`is held by ${holder}`);
      expect(r.body.message).toContain('"role": "assignee"');
      // With a note (or an ETA) the take is still refused, and the note is not written either.
      const noted = await call('PATCH', `/troubleTicket/${id}`, {
        status: 'inProgress',
        note: [{ text: 'NOC: alarm still active', '@type': 'Note' }],
        expectedResolutionDate: '2026-11-30T12:00:00Z',
      });
      expectError(noted, 409, 'HELD_BY_ANOTHER');
      expect(noted.body.message).toContain(`is held by ${holder}`);
    }
    expect(await countRows(h.store)).toEqual(before);

    // Taken over on purpose, as hd take --over: the timeline keeps the previous holder.
    const over = await call('PATCH', '/troubleTicket/HD-000001', { relatedParty: assignee('noc') });
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect(over.body.note.at(-1)).toMatchObject({ author: 'noc', text: 'Taken by noc (was field-office)' });
    expect(await held()).toEqual({ status: 'inProgress', assignee: 'noc' });
    // Its own ticket in progress: a PATCH that changes nothing is still just that.
    expectError(await call('PATCH', '/troubleTicket/HD-000001', { status: 'inProgress' }), 422);
  });
});

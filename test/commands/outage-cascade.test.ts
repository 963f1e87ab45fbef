// hd outage eta | extend | notify | log | pending | resume | resolve: one command for every linked
// ticket, each ticket ending exactly as its own per-ticket command would leave it. Two clients
// under different contracts share the outage: Evroopt (standard 24x7, Russian, prefers the phone)
// and Nordic Software (business hours 8x5, English, prefers e-mail). Each has a twin ticket, not
// linked, handled with the per-ticket commands for comparison.
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/types.ts';
import { getTicket } from '../../src/store/tickets.ts';
import {
  countRows,
  dbRows,
  dbValue,
  harness,
  statement,
  type TestHarness,
  testEngine,
} from '../helpers/context.ts';
import { EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';
import { linkTickets, makeOutage, unlinkTicket } from '../helpers/outage-fixture.ts';

const NOW = '2026-11-25T09:00:00Z'; // Wednesday, 12:00 in Minsk: inside Nordic's business hours

async function ok(h: TestHarness, args: string[]): Promise<string> {
  const code = await h.run(args);
  expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
  return h.stdout();
}

/**
 * Tickets 1 (Evroopt) and 2 (Nordic) linked to outage 1; 3 (Evroopt) and 4 (Nordic) their twins,
 * handled alone. All four taken.
 */
async function desk(): Promise<{ h: TestHarness; outage: number }> {
  const h = await harness({ now: NOW, operator: 'olga' });
  const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
  for (const caller of [EVROOPT, NORDIC, EVROOPT, NORDIC])
    await ok(h, [...openArgs(caller, 'Link down since the fibre cut', { since: '08:50' }), ...quiet]);
  h.setNow('2026-11-25T09:05:00Z');
  for (const id of ['1', '2', '3', '4']) await ok(h, ['take', id]);
  const outage = await makeOutage(h.store, {
    startedAt: Date.parse('2026-11-25T08:45:00Z'),
    tickets: [1, 2],
  });
  return { h, outage };
}

/** What a ticket's contract makes of it, without what tells twins apart. */
function contractState(t: Ticket) {
  const { id: _id, outageId: _outage, ...rest } = t;
  return rest;
}

async function twins(h: TestHarness, linked: number, alone: number): Promise<void> {
  const [a, b] = [await getTicket(h.store, linked), await getTicket(h.store, alone)];
  expect(a.outageId).not.toBeNull();
  expect(b.outageId).toBeNull();
  expect(contractState(a)).toEqual(contractState(b));
}

/** A ticket's event kinds; the `duplicate` note of a twin opened on the same service left out. */
const kindsOf = async (h: TestHarness, id: number) =>
  (await dbRows(h.store, 'SELECT kind FROM events WHERE ticket_id = ? ORDER BY id', id))
    .map((r) => r.kind)
    .filter((kind) => kind !== 'duplicate');

describe('hd outage eta and extend', () => {
  it('a contact who prefers phone and e-mail: the timeline names both channels, never "call undefined"', async () => {
    const { h } = await desk();
    const nordic = await dbValue(h.store, 'SELECT contact_id FROM tickets WHERE id = 2');
    await h.store.run(
      statement("UPDATE contacts SET preferred_channel = 'both' WHERE id = ?", Number(nordic)),
    );
    h.setNow('2026-11-25T09:10:00Z');
    await ok(h, ['outage', 'eta', 'OUT-000001', '2026-11-25T13:00:00Z']);
    h.setNow('2026-11-25T09:20:00Z');
    await ok(h, ['outage', 'extend', 'OUT-000001', '--by', '3h', '--reason', 'splicing crew delayed']);
    const texts = (
      await dbRows(
        h.store,
        "SELECT text FROM events WHERE ticket_id = 2 AND kind IN ('eta', 'extended') ORDER BY id",
      )
    ).map((r) => String(r.text));
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).not.toContain('undefined');
      expect(text).toContain('client not yet told: e-mail queued, on the outage call list');
    }
  });

  it('gives every linked ticket its ETA and its client the notice in their language and channel, as hd eta would', async () => {
    const { h } = await desk();
    h.setNow('2026-11-25T09:10:00Z');
    const out = await ok(h, ['outage', 'eta', 'OUT-000001', '2026-11-25T13:00:00Z']);
    expect(out).toContain('OUT-000001: ETA');
    expect(out).toContain('2 linked ticket(s) updated');
    // Evroopt prefers the phone: on the call list with the number to dial.
    expect(out).toMatch(/Still to phone[\s\S]*HD-000001\tEvroopt Logistics\tSergei Marchenko\t\+375/);
    expect(out).not.toMatch(/HD-000002\tNordic/);
    // Nordic prefers e-mail: queued in English.
    const mail = await dbRows(
      h.store,
      'SELECT ticket_id, kind, recipient, subject, body FROM outbox ORDER BY id',
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ ticket_id: 2, kind: 'eta' });
    expect(String(mail[0]!.body)).toContain('We expect to restore the service by');
    expect(String(mail[0]!.body)).not.toMatch(/[а-яА-Я]/);
    // The twins, handled alone: the phone client not yet reached, the e-mail client by e-mail.
    await ok(h, ['eta', '3', '2026-11-25T13:00:00Z', '--via', 'phone', '--outcome', 'no-answer']);
    await ok(h, ['eta', '4', '2026-11-25T13:00:00Z']);
    await twins(h, 1, 3);
    await twins(h, 2, 4);
    expect((await getTicket(h.store, 1)).tellKind).toBe('eta');
    expect(await kindsOf(h, 2)).toEqual(await kindsOf(h, 4));
    // The outage: its ETA and a timeline event.
    expect(await dbValue(h.store, 'SELECT eta_at FROM outages WHERE id = 1')).toBe(
      Date.parse('2026-11-25T13:00:00Z'),
    );
    expect(
      (await dbRows(h.store, 'SELECT kind FROM outage_events WHERE outage_id = 1 ORDER BY id')).map(
        (r) => r.kind,
      ),
    ).toEqual(['opened', 'eta']);

    // The extension, told to both, each under its own contract (Nordic's tell-due counts business hours).
    h.setNow('2026-11-25T16:00:00Z'); // 19:00 in Minsk: after Nordic's hours
    const json = await ok(h, [
      'outage',
      'extend',
      '1',
      '--by',
      '4h',
      '--reason',
      'splicing crew delayed by the storm',
      '--json',
    ]);
    const r = JSON.parse(json);
    expect(r.outage).toMatchObject({
      number: 'OUT-000001',
      status: 'active',
      eta: '2026-11-25T17:00:00.000Z',
    });
    expect(r.tickets.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000001', 'HD-000002']);
    expect(r.callList).toEqual([
      expect.objectContaining({
        ticket: 'HD-000001',
        contact: 'Sergei Marchenko',
        language: 'ru',
        notice: 'extended',
      }),
    ]);
    expect(r.emailsQueued).toBe(1);
    const extended = await dbRows(
      h.store,
      "SELECT ticket_id, subject, body FROM outbox WHERE kind = 'extended'",
    );
    expect(extended).toHaveLength(1);
    expect(String(extended[0]!.body)).toContain('splicing crew delayed by the storm');
    await ok(h, [
      'extend',
      '3',
      '--to',
      '2026-11-25T17:00:00Z',
      '--reason',
      'splicing crew delayed by the storm',
      '--via',
      'phone',
      '--outcome',
      'no-answer',
    ]);
    await ok(h, [
      'extend',
      '4',
      '--to',
      '2026-11-25T17:00:00Z',
      '--reason',
      'splicing crew delayed by the storm',
    ]);
    await twins(h, 1, 3);
    await twins(h, 2, 4);
    // Nordic's extension was owed at 19:00 Minsk, outside its hours: due counted from the next opening.
    const nordic = await getTicket(h.store, 2);
    const evroopt = await getTicket(h.store, 1);
    expect(nordic.tellDue! - Date.parse('2026-11-25T16:00:00Z')).toBeGreaterThan(
      evroopt.tellDue! - Date.parse('2026-11-25T16:00:00Z'),
    );
  });

  it('refuses as a whole, nothing changed: an ETA in the past, an extension without a reason; a ticket with a later ETA of its own is skipped', async () => {
    const { h } = await desk();
    h.setNow('2026-11-25T09:10:00Z');
    const before = await countRows(h.store);
    // A past ETA is refused (exit 1, as hd eta), and a day without a time is not an ETA.
    expect(await h.run(['outage', 'eta', '1', '2026-11-25T08:00:00Z'])).toBe(1);
    expect(h.stderr()).toContain('is in the past');
    expect(await h.run(['outage', 'eta', '1', 'завтра'])).toBe(2);
    expect(h.stderr()).toContain('a time is needed');
    expect(await h.run(['outage', 'eta', '1', '2026-11-27'])).toBe(2);
    expect(await h.run(['outage', 'extend', '1', '--by', '1h', '--reason', 'x'])).toBe(1);
    expect(h.stderr()).toContain('has no ETA yet');
    expect(await countRows(h.store)).toEqual(before);
    await ok(h, ['outage', 'eta', '1', '2026-11-25T13:00:00Z', '--no-notify', '--skip-reason', 'testing']);
    // Ticket 2's ETA moved later on its own: the outage's extension would move it back.
    await ok(h, [
      'extend',
      '2',
      '--to',
      '2026-11-25T18:00:00Z',
      '--reason',
      'own',
      '--no-notify',
      '--skip-reason',
      'x',
    ]);
    const snapshot = await countRows(h.store);
    const ticket1 = await getTicket(h.store, 1);
    expect(await h.run(['outage', 'extend', '1', '--by', '1h'])).toBe(2);
    expect(h.stderr()).toContain('--reason');
    expect(await countRows(h.store)).toEqual(snapshot);
    expect(await getTicket(h.store, 1)).toEqual(ticket1);
    // Ticket 2 keeps its own later ETA and is named as skipped; ticket 1 is extended.
    const out = await ok(h, ['outage', 'extend', '1', '--by', '1h', '--reason', 'crew late', '--json']);
    const json = JSON.parse(out);
    expect(json.tickets.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000001']);
    expect(json.skipped).toEqual([{ ticket: 'HD-000002', reason: expect.stringContaining('own later ETA') }]);
    expect((await getTicket(h.store, 1)).eta).toBe(Date.parse('2026-11-25T14:00:00Z'));
    expect((await getTicket(h.store, 2)).eta).toBe(Date.parse('2026-11-25T18:00:00Z'));
    expect(await dbValue(h.store, 'SELECT eta_at FROM outages WHERE id = 1')).toBe(
      Date.parse('2026-11-25T14:00:00Z'),
    );
    // An unknown outage.
    expect(await h.run(['outage', 'eta', 'OUT-000099', '+2h'])).toBe(1);
    expect(h.stderr()).toContain('No outage OUT-000099');
  });
});

describe('the outage ETA reaches every linked ticket (QA of issue 14)', () => {
  it('skips a ticket with its own ETA and gives the others theirs; extend moves the earlier one later', async () => {
    const { h } = await desk();
    h.setNow('2026-11-25T09:10:00Z');
    await ok(h, ['eta', '2', '2026-11-25T12:00:00Z', '--no-notify', '--skip-reason', 'told on the call']);
    const out = await ok(h, ['outage', 'eta', '1', '2026-11-25T13:00:00Z']);
    expect(out).toContain('1 linked ticket(s) updated');
    expect(out).toMatch(/skipped HD-000002: has its own ETA 2026-11-25 15:00/);
    expect((await getTicket(h.store, 1)).eta).toBe(Date.parse('2026-11-25T13:00:00Z'));
    expect((await getTicket(h.store, 1)).tellKind).toBe('eta');
    expect((await getTicket(h.store, 2)).eta).toBe(Date.parse('2026-11-25T12:00:00Z'));
    // The same ETA again is no error (nothing left to give); a different one is an extension.
    expect(await ok(h, ['outage', 'eta', '1', '2026-11-25T13:00:00Z'])).toContain(
      '0 linked ticket(s) updated',
    );
    expect(await h.run(['outage', 'eta', '1', '2026-11-25T14:00:00Z'])).toBe(1);
    expect(h.stderr()).toContain('already has an ETA (2026-11-25 16:00)');
    await ok(h, ['outage', 'extend', '1', '--to', '2026-11-25T14:00:00Z', '--reason', 'crew late']);
    expect((await getTicket(h.store, 2)).eta).toBe(Date.parse('2026-11-25T14:00:00Z'));
    expect(await kindsOf(h, 2)).toContain('extended');
  });

  it('outage open --eta and attach give the ETA to the open tickets they link; notify eta then reaches them', async () => {
    const h = await harness({ now: NOW, operator: 'olga' });
    const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
    await ok(h, [...openArgs(EVROOPT, 'Link down', { since: '08:50' }), ...quiet]);
    await ok(h, [...openArgs(NORDIC, 'Link down', { since: '08:50' }), ...quiet]);
    const service = (await dbValue(
      h.store,
      'SELECT s.service_id FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.id = 1',
    )) as string;
    const json = JSON.parse(
      await ok(h, [
        'outage',
        'open',
        '--summary',
        'Fibre cut',
        '--services',
        service,
        '--eta',
        '2026-11-25T13:00:00Z',
        '--json',
      ]),
    );
    expect(json.etaGiven.tickets).toEqual(['HD-000001']);
    const t1 = await getTicket(h.store, 1);
    expect(t1.eta).toBe(Date.parse('2026-11-25T13:00:00Z'));
    expect(t1.tellKind).toBe('eta');
    expect(await kindsOf(h, 1)).toEqual(expect.arrayContaining(['outage', 'eta']));
    expect(await h.run(['verify'])).toBe(0);
    const attached = await ok(h, ['outage', 'attach', '1', '2']);
    expect(attached).toContain('given to 1 linked ticket(s) (HD-000002)');
    expect((await getTicket(h.store, 2)).eta).toBe(Date.parse('2026-11-25T13:00:00Z'));
    expect(await ok(h, ['outage', 'notify', '1', 'eta'])).toContain('2 linked ticket(s) updated');
    // A day without a time is no ETA for an outage either.
    expect(await h.run(['outage', 'open', '--summary', 'x', '--services', service, '--eta', 'завтра'])).toBe(
      2,
    );
    expect(
      await h.run([
        'outage',
        'open',
        '--summary',
        'x',
        '--services',
        service,
        '--eta',
        '2026-11-25T08:00:00Z',
      ]),
    ).toBe(1);
  });
});

describe('a cascade interrupted half-way', () => {
  it('leaves every linked ticket as it was: one transaction', async () => {
    const { h } = await desk();
    h.setNow('2026-11-25T09:10:00Z');
    // The outage's own event is written last, after every ticket: make it fail there.
    await h.store.run(
      statement(
        testEngine() === 'postgres'
          ? "CREATE TRIGGER test_fail BEFORE INSERT ON outage_events FOR EACH ROW EXECUTE FUNCTION hd_refuse('power cut in the server room')"
          : "CREATE TRIGGER test_fail BEFORE INSERT ON outage_events BEGIN SELECT RAISE(ABORT, 'power cut in the server room'); END",
      ),
    );
    const before = await countRows(h.store);
    const tickets = await Promise.all([1, 2].map((id) => getTicket(h.store, id)));
    const code = await h.run(['outage', 'eta', '1', '2026-11-25T13:00:00Z']).catch(() => -1);
    expect(code).not.toBe(0);
    expect(await countRows(h.store)).toEqual(before);
    expect(await Promise.all([1, 2].map((id) => getTicket(h.store, id)))).toEqual(tickets);
    expect(await dbValue(h.store, 'SELECT eta_at FROM outages WHERE id = 1')).toBeNull();
    await h.store.run(
      statement('DROP TRIGGER test_fail' + (testEngine() === 'postgres' ? ' ON outage_events' : '')),
    );
  });
});

describe('hd outage resolve', () => {
  it('resolves only the linked tickets still open, copies the resolution, asks each client to confirm; twice is refused', async () => {
    const { h } = await desk();
    // 5: linked and resolved on its own before; 6: linked and cancelled; 7: linked, then detached.
    const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
    for (let i = 0; i < 3; i++)
      await ok(h, [...openArgs(EVROOPT, 'Link down since the fibre cut', { since: '08:50' }), ...quiet]);
    await h.store.tx((q) => linkTickets(q, 1, [5, 6, 7]));
    await ok(h, ['take', '5']);
    await ok(h, ['resolve', '5', '--summary', 'CPE rebooted', '--zone', 'cpe', ...quiet]);
    await ok(h, ['cancel', '6', '--reason', 'same fault reported twice']);
    await h.store.tx((q) => unlinkTicket(q, 7));
    const untouched = await Promise.all([5, 6, 7].map((id) => kindsOf(h, id)));
    const untouchedRows = await Promise.all([5, 6, 7].map((id) => getTicket(h.store, id)));

    h.setNow('2026-11-25T11:00:00Z');
    const r = JSON.parse(
      await ok(h, [
        'outage',
        'resolve',
        '1',
        '--summary',
        'fibre spliced at the MNS-04 manhole',
        '--zone',
        'operator-network',
        '--json',
      ]),
    );
    expect(r.outage).toMatchObject({ status: 'resolved', resolution: 'fibre spliced at the MNS-04 manhole' });
    expect(r.tickets.map((t: { ticket: string; status: string }) => [t.ticket, t.status])).toEqual([
      ['HD-000001', 'resolved'],
      ['HD-000002', 'resolved'],
    ]);
    for (const id of [1, 2]) {
      const resolved = await dbRows(
        h.store,
        "SELECT payload FROM events WHERE ticket_id = ? AND kind = 'resolved'",
        id,
      );
      expect(JSON.parse(String(resolved[0]!.payload)).summary).toBe('fibre spliced at the MNS-04 manhole');
      expect((await getTicket(h.store, id)).deadlines.confirm).not.toBeNull();
    }
    const restored = await dbRows(h.store, "SELECT ticket_id, body FROM outbox WHERE kind = 'restored'");
    expect(restored.map((m) => m.ticket_id)).toEqual([2]);
    expect(String(restored[0]!.body)).toContain('fibre spliced at the MNS-04 manhole');
    expect(r.callList.map((c: { ticket: string }) => c.ticket)).toEqual(['HD-000001']);
    // Left alone: resolved before, cancelled, detached.
    expect(await Promise.all([5, 6, 7].map((id) => kindsOf(h, id)))).toEqual(untouched);
    expect(await Promise.all([5, 6, 7].map((id) => getTicket(h.store, id)))).toEqual(untouchedRows);

    // The twins, alone: the same contract state.
    await ok(h, [
      'resolve',
      '3',
      '--summary',
      'fibre spliced at the MNS-04 manhole',
      '--zone',
      'operator-network',
      '--via',
      'phone',
      '--outcome',
      'no-answer',
    ]);
    await ok(h, [
      'resolve',
      '4',
      '--summary',
      'fibre spliced at the MNS-04 manhole',
      '--zone',
      'operator-network',
    ]);
    await twins(h, 1, 3);
    await twins(h, 2, 4);

    // Twice: refused, nothing changed.
    const before = await countRows(h.store);
    expect(await h.run(['outage', 'resolve', '1', '--summary', 'again'])).toBe(1);
    expect(h.stderr()).toContain('already resolved');
    // Times in refusals are the desk's (HD_TZ), not raw UTC.
    expect(await h.run(['outage', 'eta', '1', '2026-11-25T18:00:00Z'])).toBe(1);
    expect(h.stderr()).toMatch(/OUT-000001 is resolved since 2026-11-25 \d\d:\d\d;/);
    expect(await countRows(h.store)).toEqual(before);
    // Closing stays per ticket.
    await ok(h, [
      'close',
      '1',
      '--confirmed-by',
      'Sergei',
      '--via',
      'phone',
      '--no-notify',
      '--skip-reason',
      'on the call',
    ]);
    expect((await getTicket(h.store, 2)).status).toBe('resolved');
  });

  it('refuses tickets not taken yet unless --take, and a ticket without a zone when the outage has none', async () => {
    const h = await harness({ now: NOW, operator: 'olga' });
    const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
    await ok(h, [...openArgs(EVROOPT, 'Down', { since: '08:50' }), ...quiet]);
    await ok(h, [...openArgs(NORDIC, 'Down', { since: '08:50' }), ...quiet]);
    await makeOutage(h.store, { startedAt: Date.parse('2026-11-25T08:45:00Z'), tickets: [1, 2] });
    h.setNow('2026-11-25T10:00:00Z');
    const before = await countRows(h.store);
    expect(await h.run(['outage', 'resolve', '1', '--summary', 'spliced', ...quiet])).toBe(1);
    expect(h.stderr()).toContain('--take');
    expect(await h.run(['outage', 'resolve', '1', '--summary', 'spliced', '--take', ...quiet])).toBe(1);
    expect(h.stderr()).toContain('no fault zone');
    expect(await countRows(h.store)).toEqual(before);
    await ok(h, [
      'outage',
      'resolve',
      '1',
      '--summary',
      'spliced',
      '--take',
      '--zone',
      'operator-network',
      ...quiet,
    ]);
    expect((await kindsOf(h, 1)).slice(-4)).toEqual(['assigned', 'zone', 'resolved', 'notification']);
    const t = await getTicket(h.store, 1);
    expect(t).toMatchObject({ status: 'resolved', assignee: 'olga', zone: 'operator-network' });
    expect(t.respondedAt).toBe(Date.parse('2026-11-25T10:00:00Z'));
  });
});

describe('hd outage log, notify, pending, resume', () => {
  it('records on every linked ticket and on the outage, pauses and resumes each under its own contract', async () => {
    const { h } = await desk();
    h.setNow('2026-11-25T09:20:00Z');
    await ok(h, ['outage', 'log', '1', 'test', 'OTDR: break at 4.2 km from MNS-04', '--result', 'fail']);
    for (const id of [1, 2]) expect((await kindsOf(h, id)).at(-1)).toBe('test');
    expect(await kindsOf(h, 3)).not.toContain('test');
    expect(await h.run(['outage', 'log', '1', 'call', 'hello'])).toBe(2);

    await ok(h, ['outage', 'notify', '1', 'update']);
    expect(await dbValue(h.store, "SELECT COUNT(*) FROM outbox WHERE kind = 'update'")).toBe(1);
    expect(await h.run(['outage', 'notify', '1', 'eta'])).toBe(1);
    expect(h.stderr()).toContain('has no ETA yet');

    await ok(h, ['outage', 'pending', '1', '--reason', 'power company restoring the PoP feed']);
    await ok(h, ['pending', '3', '--reason', 'power company restoring the PoP feed']);
    await ok(h, ['pending', '4', '--reason', 'power company restoring the PoP feed']);
    await twins(h, 1, 3);
    h.setNow('2026-11-25T10:20:00Z');
    await ok(h, ['outage', 'resume', '1', '--note', 'feed back']);
    await ok(h, ['resume', '3', '--note', 'feed back']);
    await ok(h, ['resume', '4', '--note', 'feed back']);
    await twins(h, 1, 3);
    await twins(h, 2, 4);
    expect(await h.run(['outage', 'resume', '1'])).toBe(1);
    expect(h.stderr()).toContain('no linked ticket pending');
    const timeline = (
      await dbRows(h.store, 'SELECT kind FROM outage_events WHERE outage_id = 1 ORDER BY id')
    ).map((r) => r.kind);
    expect(timeline).toEqual(['opened', 'test', 'notified', 'pending', 'resumed']);
    expect(await h.run(['verify'])).toBe(0);
  });
});

describe('views of outages', () => {
  it('the hand-over lists active outages first; the SLA report includes, excludes or shows only outage-linked tickets', async () => {
    const { h } = await desk();
    await h.store.run(
      statement(
        "INSERT INTO outage_elements (outage_id, element, element_key) VALUES (1, 'MNS-04', 'mns-04')",
      ),
    );
    h.setNow('2026-11-25T09:10:00Z');
    await ok(h, ['outage', 'eta', '1', '2026-11-25T13:00:00Z']);
    const text = await ok(h, ['handover']);
    const outages = text.indexOf('Active outages (1)');
    expect(outages).toBeGreaterThan(0);
    expect(outages).toBeLessThan(text.indexOf('Open tickets'));
    expect(text).toMatch(
      /OUT-000001 Fibre cut on the MNS-04 trunk · failed: MNS-04 · ETA .*16:00 · linked: 2 in progress · 2 not yet told/,
    );
    const json = JSON.parse(await ok(h, ['handover', '--json']));
    expect(json.activeOutages).toEqual([
      {
        outage: 'OUT-000001',
        summary: 'Fibre cut on the MNS-04 trunk',
        zone: null,
        failed: ['MNS-04'],
        startedAt: '2026-11-25T08:45:00.000Z',
        eta: '2026-11-25T13:00:00.000Z',
        linkedTickets: { inProgress: 2 },
        notYetTold: 2,
      },
    ]);
    await ok(h, ['outage', 'resolve', '1', '--summary', 'spliced', '--zone', 'operator-network']);
    expect(await ok(h, ['handover'])).not.toContain('Active outages');

    const report = async (scope?: string) =>
      JSON.parse(
        await ok(h, [
          'sla',
          'report',
          '--from',
          '2026-11-25T00:00:00Z',
          '--json',
          ...(scope ? ['--outages', scope] : []),
        ]),
      );
    expect((await report()).tickets).toBe(4);
    expect((await report('include')).tickets).toBe(4);
    expect((await report('exclude')).tickets).toBe(2);
    const only = await report('only');
    expect(only.tickets).toBe(2);
    expect(only.outages).toBe('only');
    expect(await h.run(['sla', 'report', '--from', '2026-11-25T00:00:00Z', '--outages', 'some'])).toBe(2);
    expect(h.stderr()).toContain('--outages');
  });
});

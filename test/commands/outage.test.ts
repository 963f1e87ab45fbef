// Mass outages (issue 14): the demo topology, hd outage open (and --proactive), list, show,
// attach, detach, and what hd open does when the caller's service is in an outage or has a
// ticket open already.
import { describe, expect, it } from 'vitest';
import { getTicket } from '../../src/store/tickets.ts';
import { countRows, dbRows, dbValue, harness, type TestHarness } from '../helpers/context.ts';
import { BANK, NORDIC, openArgs } from '../helpers/fixtures.ts';

// Wednesday 25 November 2026, 12:00 in Minsk: inside business hours.
const NOW = '2026-11-25T09:00:00Z';
const LIDO = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak', '--service', 'MSK-BB-10442'];
const PHIL = ['--client', 'C-2022-0915', '--contact', 'Hanna Karpovich', '--service', 'MSK-DIA-04021'];
const CUT = ['outage', 'open', '--summary', 'Fibre cut on pr. Nezavisimosti', '--zone', 'operator-network'];

async function ok(h: TestHarness, args: string[]): Promise<string> {
  const code = await h.run(args);
  expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
  return h.stdout();
}

const json = async (h: TestHarness, args: string[]) => JSON.parse(await ok(h, [...args, '--json']));

describe('where a service is in the network', () => {
  it('the demo data puts services of clients under different profiles behind NODE-MSQ-17', async () => {
    const h = await harness({ now: NOW });
    const rows = await dbRows(
      h.store,
      `SELECT c.contract_no AS contract, c.profile, s.service_id AS service FROM service_elements e
       JOIN services s ON s.id = e.service_id JOIN clients c ON c.id = s.client_id
       WHERE e.element_key = ? ORDER BY s.service_id`,
      'node-msq-17',
    );
    expect(rows.map((r) => r.service)).toEqual([
      'MSK-BB-10442',
      'MSK-DIA-00954',
      'MSK-DIA-03145',
      'MSK-DIA-04021',
      'MSK-IPVPN-00412',
    ]);
    expect(new Set(rows.map((r) => r.profile))).toEqual(
      new Set(['business-8x5', 'premium-24x7', 'standard-24x7']),
    );
    const lido = await json(h, ['client', 'show', 'C-2024-0760']);
    expect(lido.services[0]).toMatchObject({
      serviceId: 'MSK-BB-10442',
      elements: ['POP-MSQ-1', 'NODE-MSQ-17', 'SW-17-3', 'CAB-17-3A'],
    });
    expect(await ok(h, ['client', 'show', 'C-2024-0760'])).toContain(
      'network: POP-MSQ-1 > NODE-MSQ-17 > SW-17-3 > CAB-17-3A',
    );
  });

  it('hd client service takes --elements when adding a service and changes them on an existing one', async () => {
    const h = await harness({ now: NOW });
    const added = await json(h, [
      'client',
      'service',
      'C-2021-0147',
      '--service',
      'MSK-DIA-09002',
      '--kind',
      'Internet 1G',
      '--address',
      'Minsk, pr. Pobeditelei 7',
      '--elements',
      'POP-MSQ-1, NODE-MSQ-17,SW-17-4,sw-17-4',
    ]);
    expect(added.elements).toEqual(['POP-MSQ-1', 'NODE-MSQ-17', 'SW-17-4']);
    await ok(h, [
      'client',
      'service',
      'C-2021-0147',
      '--service',
      'msk-dia-09002',
      '--elements',
      'POP-MSQ-2,NODE-MSQ-04',
    ]);
    const bank = await json(h, ['client', 'show', 'C-2021-0147']);
    expect(
      bank.services.find((s: { serviceId: string }) => s.serviceId === 'MSK-DIA-09002').elements,
    ).toEqual(['POP-MSQ-2', 'NODE-MSQ-04']);
    // A malformed identifier is a usage error; changing the kind of an existing service is refused.
    const before = await countRows(h.store);
    expect(
      await h.run([
        'client',
        'service',
        'C-2021-0147',
        '--service',
        'MSK-DIA-09002',
        '--elements',
        'NODE 17;$x',
      ]),
    ).toBe(2);
    expect(h.stderr()).toContain('"NODE 17;$x" (--elements) is not a network element identifier');
    expect(
      await h.run([
        'client',
        'service',
        'C-2021-0147',
        '--service',
        'MSK-DIA-09002',
        '--kind',
        'Internet 10G',
      ]),
    ).toBe(1);
    expect(h.stderr()).toContain('only its network elements can be changed here');
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('hd outage open', () => {
  it('finds the services and clients behind a failed node, links their open tickets, and counts them', async () => {
    const h = await harness({ now: NOW });
    await ok(h, [...openArgs(LIDO, 'No internet'), '--no-notify', '--skip-reason', 'told on the call']);
    const o = await json(h, [...CUT, '--elements', 'node-msq-17', '--started', '11:40', '--eta', '16:00']);
    expect(o).toMatchObject({
      number: 'OUT-000001',
      status: 'active',
      zone: 'operator-network',
      elements: ['NODE-MSQ-17'],
      startedAt: '2026-11-25T08:40:00.000Z',
      eta: '2026-11-25T13:00:00.000Z',
      affected: { services: 5, clients: 5, withOpenTickets: 1, attached: 1, opened: 0 },
    });
    expect(o.services.find((s: { serviceId: string }) => s.serviceId === 'MSK-BB-10442')).toMatchObject({
      ticket: 'HD-000001',
      link: 'attached',
      profile: 'business-8x5',
    });
    expect(await dbValue(h.store, 'SELECT outage_id FROM tickets WHERE id = 1')).toBe(1);
    const show = await json(h, ['show', '1']);
    expect(show.outage).toBe('OUT-000001');
    // Linked, then given the outage's ETA as hd outage eta gives it (owed to the client until heard).
    expect(show.timeline.map((e: { kind: string }) => e.kind).slice(-3)).toEqual([
      'outage',
      'eta',
      'notification',
    ]);
    expect(show.timeline.at(-3)).toMatchObject({
      kind: 'outage',
      text: expect.stringContaining('OUT-000001'),
    });
    expect(show.eta).toBe('2026-11-25T13:00:00.000Z');
    const text = await ok(h, [...CUT, '--elements', 'SW-17-2']);
    expect(text).toContain('OUT-000002 opened');
    expect(text).toContain('Affected: 2 service(s) of 2 client(s); 0 already had an open ticket.');
    expect(text).toContain('open them now with --proactive');
  });

  it('takes an explicit list of services instead of elements', async () => {
    const h = await harness({ now: NOW });
    const o = await json(h, [...CUT, '--services', 'MSK-DIA-04021, msk-dia-03145']);
    expect(o.elements).toEqual([]);
    expect(o.services.map((s: { serviceId: string }) => s.serviceId)).toEqual([
      'MSK-DIA-04021',
      'MSK-DIA-03145',
    ]);
  });

  it('links every open ticket of an affected service, not only the latest, and each hears the outage', async () => {
    const h = await harness({ now: NOW });
    await ok(h, openArgs(BANK, 'VPN down at HQ'));
    await ok(h, [...openArgs(BANK, 'VPN down at the branch'), '--duplicate-ok', 'another department']);
    const o = await json(h, [...CUT, '--services', 'MSK-IPVPN-00412']);
    expect(o.affected).toMatchObject({ services: 1, clients: 1, withOpenTickets: 1, attached: 2 });
    expect(o.services.map((s: { ticket: string; link: string }) => [s.ticket, s.link])).toEqual([
      ['HD-000001', 'attached'],
      ['HD-000002', 'attached'],
    ]);
    expect(await dbRows(h.store, 'SELECT id, outage_id FROM tickets ORDER BY id')).toEqual([
      { id: 1, outage_id: 1 },
      { id: 2, outage_id: 1 },
    ]);
    expect(await dbValue(h.store, 'SELECT count(*) FROM outage_services WHERE outage_id = 1')).toBe(1);
    await ok(h, ['outage', 'eta', 'OUT-000001', '2026-11-25T13:00:00Z']);
    for (const n of ['1', '2']) expect((await json(h, ['show', n])).eta).toBe('2026-11-25T13:00:00.000Z');
  });

  it('refuses unknown elements or services and an ETA already passed, writing nothing', async () => {
    const h = await harness({ now: NOW });
    const before = await countRows(h.store);
    expect(await h.run([...CUT, '--elements', 'NODE-MSQ-17,NODE-XX-99'])).toBe(1);
    expect(h.stderr()).toContain('no service depends on NODE-XX-99');
    expect(await h.run([...CUT, '--services', 'MSK-DIA-04021,MSK-NOPE-1'])).toBe(1);
    expect(h.stderr()).toContain('no service is registered as MSK-NOPE-1');
    expect(await h.run([...CUT, '--elements', 'NODE-MSQ-17', '--eta', '11:30'])).toBe(1);
    expect(h.stderr()).toContain('The ETA 2026-11-25 11:30 has already passed');
    expect(await h.run([...CUT, '--elements', 'NODE-MSQ-17', '--started', '13:00'])).toBe(1);
    expect(h.stderr()).toContain('cannot start in the future');
    expect(await h.run(['outage', 'open', '--summary', 'x'])).toBe(2);
    expect(h.stderr()).toContain('Missing --elements (what failed) or --services');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('--proactive opens a linked ticket for every affected service without one, each under its own contract, and notifies each client its own way', async () => {
    const h = await harness({ now: NOW });
    await ok(h, [...openArgs(LIDO, 'No internet'), '--no-notify', '--skip-reason', 'told on the call']);
    const o = await json(h, [
      ...CUT,
      '--elements',
      'NODE-MSQ-17',
      '--started',
      '11:40',
      '--eta',
      '16:00',
      '--proactive',
    ]);
    expect(o.affected).toMatchObject({ services: 5, attached: 1, opened: 4, emailsQueued: 3, toCall: 2 });
    const by = (id: string) => o.services.find((s: { serviceId: string }) => s.serviceId === id);
    expect(by('MSK-BB-10442')).toMatchObject({ ticket: 'HD-000001', link: 'attached' });
    expect(by('MSK-IPVPN-00412')).toMatchObject({
      link: 'opened',
      priority: 'P1',
      notice: { prefers: 'both' },
    });
    expect(by('MSK-DIA-00954').notice).toMatchObject({
      prefers: 'phone',
      emailTo: null,
      contact: 'Tatsiana Zhuk',
    });

    const tickets = await dbRows(
      h.store,
      `SELECT t.id, s.service_id AS service, t.channel, t.outage_id AS outage, t.zone, t.eta, t.restore_due AS restore,
         t.tell_kind AS tell FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.id > 1 ORDER BY s.service_id`,
    );
    expect(tickets).toHaveLength(4);
    for (const t of tickets) {
      expect(t).toMatchObject({ channel: 'monitoring', zone: 'operator-network', tell: 'eta' });
      expect(Number(t.outage)).toBe(1);
      expect(Number(t.eta)).toBe(Date.parse('2026-11-25T13:00:00Z'));
    }
    // Each under its own contract: P1 restores in 2h on premium 24x7, later on the others.
    const restore = Object.fromEntries(
      tickets.map((t) => [t.service, new Date(Number(t.restore)).toISOString()]),
    );
    expect(restore['MSK-IPVPN-00412']).toBe('2026-11-25T11:00:00.000Z');
    expect(restore['MSK-DIA-00954']).toBe('2026-11-25T11:00:00.000Z');
    expect(restore['MSK-DIA-03145']).not.toBe(restore['MSK-DIA-04021']);

    // E-mails in each client's language; the phone-only clinic is on the call list.
    const mails = await dbRows(h.store, 'SELECT recipient, subject FROM outbox ORDER BY recipient');
    expect(mails.map((m) => m.recipient)).toEqual([
      'a.kovalenko@bapb-demo.by',
      'erik.lindqvist@nordicsoft-demo.by',
      'h.karpovich@philharmonic-demo.by',
    ]);
    expect(mails[0]!.subject).toMatch(/^Заявка HD-\d+/);
    expect(mails[1]!.subject).toMatch(/^Ticket HD-\d+: estimated time to fix/);
    const show = await json(h, ['outage', 'show', 'OUT-000001']);
    expect(show.ticketsByStatus).toEqual({ acknowledged: 5 });
    // Café Lido's open ticket, linked at the opening, is owed the ETA too.
    expect(show.notYetTold.map((t: { client: string }) => t.client)).toEqual([
      'Café Lido Network',
      'Belagroprombank HQ',
      'Belarusian State Philharmonic',
      'Minsk Clinical Hospital No. 6',
      'Nordic Software Belarus',
    ]);
    expect(show.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'attached',
      'proactive',
      'eta',
    ]);
    const clinic = await json(h, ['show', by('MSK-DIA-00954').ticket]);
    // "Since when?" in the desk's zone, as an operator records it: --started 11:40 Minsk.
    expect(clinic.answers.since).toBe('11:40');
    expect(clinic.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'outage',
      'zone',
      'eta',
      'notification',
    ]);
    expect(clinic.timeline[4].text).toContain('To call: Tatsiana Zhuk');
    // The chains of the new tickets verify.
    expect(await h.run(['verify'])).toBe(0);
  });
});

describe('hd open at intake', () => {
  it('says the outage first, links the new ticket to it with its zone and ETA', async () => {
    const h = await harness({ now: NOW });
    await ok(h, [...CUT, '--elements', 'SW-17-3', '--eta', '16:00']);
    const t = await json(h, [...openArgs(PHIL, 'No internet at the hall')]);
    expect(h.stderr()).toContain(
      'OUT-000001 is active on MSK-DIA-04021: Fibre cut on pr. Nezavisimosti. Failed: SW-17-3. ETA 2026-11-25 16:00.',
    );
    expect(t).toMatchObject({
      outage: 'OUT-000001',
      zone: 'operator-network',
      eta: '2026-11-25T13:00:00.000Z',
    });
    expect(t.timeline[1]).toMatchObject({ kind: 'outage', payload: { outage: 'OUT-000001', via: 'intake' } });
    const show = await json(h, ['outage', 'show', '1']);
    expect(show.tickets.map((x: { number: string }) => x.number)).toEqual(['HD-000001']);
    // The opening call gave the ticket number and the call-back time, not the ETA: it stays owed.
    expect(show.notYetTold.map((x: { ticket: string }) => x.ticket)).toEqual(['HD-000001']);
    expect((await getTicket(h.store, 1)).tellKind).toBe('eta');
    const text = await ok(h, ['show', '1']);
    expect(text).toMatch(/Outage\s+OUT-000001 \(Fibre cut on pr\. Nezavisimosti\)/);
    expect(text).toMatch(/ETA\s+2026-11-25 16:00 \(.*not yet told\)/);
    // A service outside the outage: no word of it, no link.
    const other = await json(h, [...openArgs(NORDIC, 'Slow')]);
    expect(other.outage).toBeNull();
  });

  it('costs hd open no statement more for the outage: 8 (the service read again after numbering), 7 with --duplicate-ok', async () => {
    const h = await harness({ now: NOW });
    await ok(h, [...CUT, '--elements', 'SW-17-3', '--eta', '16:00']);
    const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
    const counted = async (args: string[]) => {
      const before = h.store.statements;
      await ok(h, args);
      return h.store.statements - before;
    };
    // As test/store/statements.test.ts counts hd open (a caller who prefers the phone): 7.
    // Without --duplicate-ok the service's open ticket is read again inside the transaction (two
    // desks at once), after the number is taken: one statement more.
    expect(await counted([...openArgs(LIDO, 'No internet', { duplicateOk: false }), ...quiet])).toBe(8);
    expect(await counted([...openArgs(LIDO, 'Second line down'), ...quiet])).toBe(7);
    const events = await dbRows(h.store, 'SELECT ticket_id AS t, kind FROM events ORDER BY id');
    expect(events.filter((e) => Number(e.t) === 2).map((e) => e.kind)).toEqual([
      'opened',
      'outage',
      'zone',
      'eta',
      'duplicate',
      'notification',
      'notification',
    ]);
  });

  it('without a terminal refuses a second ticket on a service with one open, naming it and both ways out', async () => {
    const h = await harness({ now: NOW });
    await ok(h, openArgs(BANK, 'VPN down at HQ'));
    const before = await countRows(h.store);
    expect(await h.run(openArgs(BANK, 'VPN still down', { duplicateOk: false }))).toBe(1);
    expect(h.stderr()).toContain(
      'MSK-IPVPN-00412 already has an open ticket: HD-000001 (acknowledged, P1) "VPN down at HQ".',
    );
    expect(h.stderr()).toContain('hd log HD-000001 call');
    expect(h.stderr()).toContain('--duplicate-ok "reason"');
    expect(await countRows(h.store)).toEqual(before);
    const t = await json(h, [
      ...openArgs(BANK, 'Second site down'),
      '--duplicate-ok',
      'another site, other fault',
    ]);
    expect(t.number).toBe('HD-000002');
    expect(t.timeline[1]).toMatchObject({
      kind: 'duplicate',
      payload: { openTicket: 'HD-000001', reason: 'another site, other fault' },
    });
    expect(await h.run([...openArgs(BANK, 'x', { duplicateOk: false }), '--duplicate-ok', '  '])).toBe(2);
  });

  it('on a terminal offers to log the call on the open ticket instead, or to open one with a reason', async () => {
    const h = await harness({ now: NOW, interactive: true });
    // Every intake answer and no notice by flags: the terminal asks only what the test scripts.
    const full = (summary: string) => [
      ...openArgs(BANK, summary, { duplicateOk: false }),
      ...['cpePower=yes', 'linkLights=on', 'rebooted=no', 'worksOnSite=nothing', 'access=any time'].flatMap(
        (a) => ['--answer', a],
      ),
      '--no-notify',
      '--skip-reason',
      'test',
    ];
    const save = { ask: 'Save this ticket?', answer: 'Save' };
    expect(await h.run(full('VPN down at HQ'), { script: [save] }), h.stderr()).toBe(0);
    const events = Number(await dbValue(h.store, 'SELECT COUNT(*) FROM events WHERE ticket_id = 1'));
    expect(
      await h.run(full('VPN still down'), {
        script: [{ ask: 'Log this call on HD-000001 instead', answer: 'Log the call on HD-000001' }],
      }),
      h.stderr(),
    ).toBe(0);
    expect(h.stderr()).toContain('already has an open ticket: HD-000001');
    expect(Number(await dbValue(h.store, 'SELECT COUNT(*) FROM tickets'))).toBe(1);
    expect(Number(await dbValue(h.store, 'SELECT COUNT(*) FROM events WHERE ticket_id = 1'))).toBe(
      events + 1,
    );
    const call = await dbRows(
      h.store,
      'SELECT kind, text, payload FROM events WHERE ticket_id = 1 ORDER BY id DESC',
    );
    expect(call[0]).toMatchObject({
      kind: 'call',
      text: expect.stringContaining('Andrei Kovalenko called: VPN still down'),
    });
    expect(JSON.parse(call[0]!.payload as string)).toMatchObject({ direction: 'in', outcome: 'reached' });

    expect(
      await h.run(full('Branch down'), {
        script: [
          { ask: 'Log this call on HD-000001 instead', answer: 'Open a new ticket anyway' },
          { ask: 'Why a new ticket beside it?', answer: 'the branch, not HQ' },
          save,
        ],
      }),
      h.stderr(),
    ).toBe(0);
    const dup = await dbRows(h.store, "SELECT ticket_id AS t, text FROM events WHERE kind = 'duplicate'");
    expect(dup.map((r) => [Number(r.t), r.text])).toEqual([
      [2, 'Opened although HD-000001 is open on MSK-IPVPN-00412: the branch, not HQ'],
    ]);
  });
});

describe('hd outage list, show, attach, detach', () => {
  it('lists active outages first, shows them, and links tickets by hand with events on both sides', async () => {
    const h = await harness({ now: NOW });
    await ok(h, openArgs(NORDIC, 'Slow'));
    await ok(h, openArgs(BANK, 'VPN down'));
    await ok(h, [...CUT, '--elements', 'SW-17-3']);
    await ok(h, [...CUT, '--elements', 'SW-17-1', '--summary', 'Switch 17-1 down']);
    const list = await json(h, ['outage', 'list']);
    expect(list.map((o: { number: string }) => o.number)).toEqual(['OUT-000002', 'OUT-000001']);
    expect(list[0]).toMatchObject({ summary: 'Switch 17-1 down', elements: ['SW-17-1'], linkedTickets: 1 });
    expect(await ok(h, ['outage', 'list'])).toContain(
      'OUT-000001\tactive\tFibre cut on pr. Nezavisimosti\tSW-17-3\t2',
    );

    // HD-000002 (the bank) is in neither outage: attached by hand.
    const attached = await json(h, [
      'outage',
      'attach',
      'OUT-000001',
      'HD-000002',
      '--reason',
      'same street',
    ]);
    expect(attached).toMatchObject({ outage: 'OUT-000001', action: 'attach', tickets: ['HD-000002'] });
    const t2 = await json(h, ['show', '2']);
    expect(t2.outage).toBe('OUT-000001');
    expect(t2.timeline.at(-1)).toMatchObject({
      kind: 'outage',
      payload: { action: 'attached', reason: 'same street' },
    });
    const shown = await ok(h, ['outage', 'show', '1']);
    expect(shown).toContain('Linked tickets (1: 1 acknowledged)');
    expect(shown).toContain('attached: Linked: HD-000002 (same street)');

    const detached = await json(h, ['outage', 'detach', '1', '2']);
    expect(detached.action).toBe('detach');
    expect(await dbValue(h.store, 'SELECT outage_id FROM tickets WHERE id = 2')).toBeNull();
    const timeline = (await json(h, ['outage', 'show', '1'])).timeline.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(['opened', 'attached', 'detached']);
  });

  it('refuses attaching a closed or cancelled ticket, one linked elsewhere, and detaching one not linked — nothing changed', async () => {
    const h = await harness({ now: NOW });
    await ok(h, openArgs(BANK, 'VPN down'));
    await ok(h, openArgs(NORDIC, 'Slow'));
    await ok(h, ['cancel', '1', '--reason', 'opened in error']);
    await ok(h, [...CUT, '--elements', 'SW-17-3']);
    await ok(h, [...CUT, '--elements', 'SW-17-1']);
    const before = await countRows(h.store);
    expect(await h.run(['outage', 'attach', 'OUT-000001', 'HD-000001', 'HD-000002'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 is cancelled: only a ticket still open can follow an outage');
    expect(h.stderr()).toContain('HD-000002 is linked to OUT-000002: detach it there first');
    expect(await h.run(['outage', 'detach', 'OUT-000001', 'HD-000002'])).toBe(1);
    expect(h.stderr()).toContain('HD-000002 is not linked to OUT-000001 (it is linked to OUT-000002)');
    expect(await h.run(['outage', 'attach', 'OUT-000002', 'HD-000002'])).toBe(1);
    expect(h.stderr()).toContain('HD-000002 is already linked to OUT-000002');
    expect(await h.run(['outage', 'attach', 'OUT-000009', 'HD-000002'])).toBe(1);
    expect(h.stderr()).toContain('No outage OUT-000009');
    expect(await h.run(['outage', 'show', 'OUT-x'])).toBe(2);
    expect(await countRows(h.store)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { countRows, dbRows, harness, type TestHarness } from '../helpers/context.ts';
import { BANK, NORDIC, openArgs } from '../helpers/fixtures.ts';

const OPEN = (extra: string[] = []) => [...openArgs(BANK, 'HQ router dead'), ...extra]; // premium-24x7 P1: on site 2h, hardware 4h

async function spare(h: TestHarness, sku: string, depot = 'minsk-central') {
  expect(await h.run(['spares', 'list', '--json'])).toBe(0);
  return JSON.parse(h.stdout()).find(
    (s: { sku: string; depot: string }) => s.sku === sku && s.depot === depot,
  );
}

/** stock = available + reserved, on every line, always. */
async function assertStockInvariant(h: TestHarness) {
  const bad = await dbRows(
    h.store,
    'SELECT sku, depot FROM spares WHERE stock < 0 OR reserved < 0 OR reserved > stock',
  );
  expect(bad).toEqual([]);
  const drift = await dbRows(
    h.store,
    `SELECT s.sku, s.depot FROM spares s WHERE s.stock <> (SELECT stock_after FROM spare_movements m WHERE m.spare_id = s.id ORDER BY m.id DESC LIMIT 1)
          OR s.reserved <> (SELECT reserved_after FROM spare_movements m WHERE m.spare_id = s.id ORDER BY m.id DESC LIMIT 1)`,
  );
  expect(drift).toEqual([]);
}

async function ready() {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'disp' });
  expect(await h.run(OPEN())).toBe(0);
  await h.run(['take', '1']);
  return h;
}

describe('hd dispatch', () => {
  it('reserves spares from the engineer depot, sets the on-site and hardware deadlines, prints a job sheet', async () => {
    const h = await ready();
    expect(
      await h.run([
        'dispatch',
        '1',
        '--engineer',
        'ivan petrov',
        '--spare',
        'CISCO-ISR4331',
        '--spare',
        'sfp-1g-lx:2',
        '--note',
        'rack 3',
      ]),
    ).toBe(0);
    const sheet = h.stdout();
    expect(sheet).toContain('FIELD JOB J-000001 for HD-000001 (P1)');
    expect(sheet).toMatch(/On site by\s+2026-11-25 14:00 \(in 2h\)/);
    expect(sheet).toMatch(/Site\s+Minsk, pr. Zhukova 3/);
    expect(sheet).toMatch(/Contact\s+Andrei Kovalenko, \+375296112487/);
    expect(sheet).toMatch(/Service\s+MSK-IPVPN-00412 \(IP VPN\), CPE Cisco ISR 4331/);
    expect(sheet).toMatch(/Spares\s+CISCO-ISR4331 × 1 \(from minsk-central\), SFP-1G-LX × 2/);
    expect(await spare(h, 'SFP-1G-LX')).toMatchObject({ stock: 20, reserved: 2, available: 18 });
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.deadlines.onsite).toMatchObject({ due: '2026-11-25T11:00:00.000Z', state: 'due' });
    expect(t.deadlines.hardware).toMatchObject({ due: '2026-11-25T13:00:00.000Z', state: 'due' });
    expect(t.fieldJobs[0]).toMatchObject({ job: 'J-000001', engineer: 'Ivan Petrov', status: 'assigned' });
    await assertStockInvariant(h);
  });

  it('refuses the whole dispatch when the depot lacks one spare, naming depots that have it', async () => {
    const h = await ready();
    const before = await countRows(h.store);
    expect(
      await h.run([
        'dispatch',
        '1',
        '--engineer',
        'Viktor Hurski',
        '--spare',
        'SFP-1G-LX',
        '--spare',
        'JNP-SRX300',
      ]),
    ).toBe(1);
    expect(h.stderr()).toContain(
      'Depot grodno has 0 JNP-SRX300 available, 1 needed. Depots that have it: minsk-central (1)',
    );
    expect(h.stderr()).toContain('Nothing was reserved.');
    expect(await countRows(h.store)).toEqual(before);
    expect(await spare(h, 'SFP-1G-LX', 'grodno')).toMatchObject({ reserved: 0 });
  });

  it('refuses when the rules do not dispatch for the priority, unless overridden; warns about duty and earlier jobs', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    // Nordic (business-8x5) P3: dispatch not allowed by its rules.
    await h.run(openArgs(NORDIC, 'slow', { impact: 'degraded', urgency: 'low', symptom: 'slow' }));
    expect(await h.run(['dispatch', '1', '--engineer', 'Alexei Novik'])).toBe(1);
    expect(h.stderr()).toContain(
      'The business-8x5 rules do not send field engineers for P3. If the site visit is needed anyway, add --override-reason TEXT.',
    );
    expect(
      await h.run([
        'dispatch',
        '1',
        '--engineer',
        'Maria Sokol',
        '--override-reason',
        'client pays for the visit',
      ]),
    ).toBe(0);
    expect(h.stderr()).toContain('Warning: Maria Sokol is off duty');
    await h.run(OPEN());
    expect(await h.run(['dispatch', '2', '--engineer', 'Maria Sokol'])).toBe(0);
    expect(
      await h.run(['dispatch', '1', '--engineer', 'Maria Sokol', '--override-reason', 'second visit']),
    ).toBe(0);
    expect(h.stderr()).toMatch(
      /Maria Sokol already has J-000002 \(HD-000002\) due on site .* earlier than this one/,
    );
  });

  it('bad input changes nothing', async () => {
    const h = await ready();
    const cases: [string[], number, RegExp][] = [
      [['dispatch', '1'], 2, /Missing --engineer NAME/],
      [['dispatch', '1', '--engineer', 'Nobody'], 1, /No engineer named "Nobody". Engineers: Alexei Novik/],
      [['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'NOPE-1'], 1, /Unknown spare part "NOPE-1"/],
      [
        ['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'SFP-1G-LX:0'],
        2,
        /--spare SFP-1G-LX:QTY takes a whole number above 0/,
      ],
      [
        ['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'SFP-1G-LX:99'],
        1,
        /minsk-central has 20 SFP-1G-LX available, 99 needed/,
      ],
      [['dispatch', '42', '--engineer', 'Ivan Petrov'], 1, /no ticket HD-000042/],
      [['dispatch', 'update', '1', 'on-site'], 1, /has no open field job/],
      [['dispatch', 'update', 'J-9', 'done'], 1, /no field job J-000009\. /],
      [['dispatch', 'update', 'J-000099', 'done'], 1, /no field job J-000099\. /],
      [['replace', '1', '--part', 'CISCO-ISR4331'], 2, /Missing --faulty-serial, --new-serial/],
      [
        ['replace', '1', '--part', 'CISCO-ISR4331', '--faulty-serial', 'A1', '--new-serial', 'a1'],
        2,
        /are the same/,
      ],
      [
        ['replace', '1', '--part', 'CISCO-ISR4331', '--faulty-serial', 'A1', '--new-serial', 'B1'],
        2,
        /say which depot it came from with --depot/,
      ],
      [
        [
          'replace',
          '1',
          '--part',
          'AC-M800',
          '--faulty-serial',
          'A1',
          '--new-serial',
          'B1',
          '--depot',
          'grodno',
        ],
        1,
        /grodno has 0 AC-M800 available.*minsk-east \(1\)/,
      ],
      [
        ['spares', 'receive', 'SFP-1G-LX', '--qty', '0', '--depot', 'grodno'],
        2,
        /--qty takes a whole number above 0/,
      ],
      [
        ['spares', 'receive', 'NEW-PART', '--qty', '2', '--depot', 'grodno'],
        2,
        /new part: describe it with --description/,
      ],
      [
        ['spares', 'adjust', 'SFP-1G-LX', '--qty', '-1', '--reason', 'x'],
        2,
        /kept in grodno, minsk-central: say which with --depot/,
      ],
      [
        ['spares', 'adjust', 'SFP-1G-LX', '--qty', '-5', '--reason', 'lost', '--depot', 'grodno'],
        1,
        /has 4 available .* cannot remove 5/,
      ],
      [
        ['spares', 'adjust', 'SFP-1G-LX', '--qty', 'lots', '--reason', 'x'],
        2,
        /--qty takes a whole number like \+3 or -2/,
      ],
      [['spares', 'adjust', 'SFP-1G-LX', '--qty', '+1', '--depot', 'grodno'], 2, /Missing --reason/],
      [['spares', 'history', 'NOPE'], 1, /Unknown spare part "NOPE"/],
      [['engineer', 'add', '--name', 'X', '--depot', 'd', '--region', 'r'], 2, /Missing --phone/],
      [
        [
          'engineer',
          'add',
          '--name',
          'Ivan Petrov',
          '--depot',
          'd',
          '--region',
          'r',
          '--phone',
          '+375 29 500-11-09',
        ],
        1,
        /already exists/,
      ],
      [['engineer', 'update', 'Ivan Petrov', '--on-duty', '--off-duty'], 2, /Choose one of/],
    ];
    for (const [args, code, message] of cases) {
      const before = await countRows(h.store);
      expect(await h.run(args), args.join(' ')).toBe(code);
      expect(h.stderr(), args.join(' ')).toMatch(message);
      expect(await countRows(h.store), args.join(' ')).toEqual(before);
    }
    await assertStockInvariant(h);
  });
});

describe('job progress, replacement and stock', () => {
  it('arrival against the deadline, replacement from the reservation, unused spares returned', async () => {
    const h = await ready();
    await h.run([
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'CISCO-ISR4331',
      '--spare',
      'SFP-1G-LX:2',
    ]);
    h.setNow('2026-11-25T10:00:00Z');
    expect(await h.run(['dispatch', 'update', '1', 'en-route'])).toBe(0);
    h.setNow('2026-11-25T11:20:00Z'); // 20 minutes after the 2h on-site target
    expect(await h.run(['dispatch', 'update', 'HD-000001', 'on-site'])).toBe(0);
    expect(h.stdout()).toBe('HD-000001 J-000001: Ivan Petrov on-site, 20m late.\n');
    h.setNow('2026-11-25T12:00:00Z');
    expect(
      await h.run([
        'replace',
        '1',
        '--part',
        'cisco-isr4331',
        '--faulty-serial',
        'FDO2231A0BC',
        '--new-serial',
        'FDO2245B1XY',
      ]),
    ).toBe(0);
    expect(h.stdout()).toContain('CISCO-ISR4331 replaced within the hardware target');
    expect(await spare(h, 'CISCO-ISR4331')).toMatchObject({ stock: 1, reserved: 0, available: 1 });
    expect(await h.run(['dispatch', 'update', 'J-000001', 'done', '--note', 'router swapped'])).toBe(0);
    expect(h.stdout()).toContain('returned to stock: SFP-1G-LX×2');
    expect(await spare(h, 'SFP-1G-LX')).toMatchObject({ stock: 20, reserved: 0, available: 20 });
    expect(await h.run(['dispatch', 'update', 'J-000001', 'cancelled'])).toBe(1);
    expect(h.stderr()).toContain('J-000001 is done already');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.deadlines.onsite).toMatchObject({ state: 'missed', marginMinutes: 20 });
    expect(t.deadlines.hardware).toMatchObject({ state: 'met' });
    expect(t.timeline.filter((e: { kind: string }) => e.kind === 'replace')[0].text).toBe(
      'Replaced CISCO-ISR4331: faulty FDO2231A0BC out, FDO2245B1XY in (from the unit reserved for J-000001)',
    );
    expect(await h.run(['spares', 'faulty', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toEqual([
      expect.objectContaining({
        sku: 'CISCO-ISR4331',
        faultySerial: 'FDO2231A0BC',
        ticket: 'HD-000001',
        status: 'awaiting-return',
      }),
    ]);
    expect(
      await h.run([
        'replace',
        '1',
        '--part',
        'CISCO-ISR4331',
        '--faulty-serial',
        'FDO2231A0BC',
        '--new-serial',
        'X9',
        '--depot',
        'minsk-central',
      ]),
    ).toBe(1);
    expect(h.stderr()).toContain('Serial already on record');
    expect(await h.run(['spares', 'returned', 'FDO2231A0BC'])).toBe(0);
    expect(await h.run(['spares', 'faulty', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toEqual([]);
    expect(await h.run(['spares', 'history', 'SFP-1G-LX', '--json'])).toBe(0);
    expect(
      JSON.parse(h.stdout()).map((m: { kind: string; quantity: number }) => `${m.kind} ${m.quantity}`),
    ).toEqual(['receive 20', 'receive 4', 'reserve 2', 'release -2']);
    await assertStockInvariant(h);
  });

  it('a cancelled job returns every reserved unit; sla shows a late arrival until the engineer is on site', async () => {
    const h = await ready();
    await h.run(['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'MT-CCR2004:3']);
    expect(await spare(h, 'MT-CCR2004')).toMatchObject({ available: 0, reserved: 3 });
    h.setNow('2026-11-25T11:01:00Z');
    await h.run(['log', '1', 'call', 'update', '--outcome', 'reached']);
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    // premium-24x7 P1: restore and on-site are both due 2h after opening.
    expect(JSON.parse(h.stdout()).breaches.map((r: { kind: string }) => r.kind)).toEqual([
      'restore',
      'onsite',
    ]);
    expect(
      await h.run(['dispatch', 'update', '1', 'cancelled', '--note', 'client fixed power himself']),
    ).toBe(0);
    expect(await spare(h, 'MT-CCR2004')).toMatchObject({ stock: 3, reserved: 0, available: 3 });
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).breaches.map((r: { kind: string }) => r.kind)).toEqual(['restore']);
    await assertStockInvariant(h);
  });

  it('receive and adjust; low stock is flagged in list, sla and handover', async () => {
    const h = await ready();
    expect(
      await h.run([
        'spares',
        'receive',
        'ONT-HG8245',
        '--qty',
        '3',
        '--depot',
        'minsk-east',
        '--description',
        'Huawei HG8245 ONT',
        '--minimum',
        '2',
      ]),
    ).toBe(0);
    expect(
      await h.run(['spares', 'adjust', 'ONT-HG8245', '--qty', '-2', '--reason', 'damaged in the van']),
    ).toBe(0);
    expect(h.stdout()).toContain('now 1 in stock, 1 available');
    expect(await h.run(['spares', 'list', '--low', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).map((s: { sku: string }) => s.sku)).toEqual(['ONT-HG8245']);
    expect(await h.run(['spares', 'list'])).toBe(0);
    expect(h.stdout()).toMatch(/ONT-HG8245\tminsk-east\tHuawei HG8245 ONT\t1\t0\t1\t2\tLOW/);
    expect(await h.run(['sla'])).toBe(0);
    expect(h.stdout()).toContain('Spares below minimum: ONT-HG8245@minsk-east 1/2');
    await h.run(['dispatch', '1', '--engineer', 'Ivan Petrov']);
    expect(await h.run(['handover', '--json'])).toBe(0);
    const r = JSON.parse(h.stdout());
    expect(r.sparesBelowMinimum.map((s: { sku: string }) => s.sku)).toEqual(['ONT-HG8245']);
    expect(r.fieldJobsInProgress.map((j: { job: string }) => j.job)).toEqual(['J-000001']);
    await assertStockInvariant(h);
  });

  it('engineers: add, update duty, list with active jobs', async () => {
    const h = await ready();
    expect(
      await h.run([
        'engineer',
        'add',
        '--name',
        'Pavel Kuzmich',
        '--phone',
        '029 500-11-09',
        '--depot',
        'minsk-east',
        '--region',
        'Minsk',
        '--skills',
        'Fibre, voice',
        '--off-duty',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      name: 'Pavel Kuzmich',
      phone: '+375295001109',
      skills: ['fibre', 'voice'],
      onDuty: false,
    });
    expect(await h.run(['engineer', 'update', 'pavel kuzmich', '--on-duty', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).onDuty).toBe(true);
    await h.run(['dispatch', '1', '--engineer', 'Pavel Kuzmich']);
    expect(await h.run(['engineer', 'list'])).toBe(0);
    expect(h.stdout()).toMatch(
      /Pavel Kuzmich\ton\tminsk-east\tMinsk\t\+375295001109\tJ-000001 HD-000001 assigned/,
    );
    expect(await h.run(['dispatch', 'list', '--open', '--engineer', 'Pavel Kuzmich', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toHaveLength(1);
  });
});

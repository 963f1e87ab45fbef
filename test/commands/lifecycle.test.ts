import { describe, expect, it } from 'vitest';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { EVROOPT, openArgs } from '../helpers/fixtures.ts';

const OPEN = openArgs(EVROOPT, 'Warehouse link down', { since: '09:00' });
const H = 3_600_000;

/** Opens HD-000001 at 09:00 UTC (12:00 Minsk) under standard-24x7 P1: response 30m, restore 4h. */
async function opened(): Promise<TestHarness> {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan' });
  expect(await h.run(OPEN)).toBe(0);
  return h;
}

async function ticket(h: TestHarness) {
  expect(await h.run(['show', '1', '--json'])).toBe(0);
  return JSON.parse(h.stdout());
}

async function expectRefused(h: TestHarness, args: string[], code: number, message: RegExp) {
  const before = await countRows(h.store);
  const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
  expect(await h.run(args)).toBe(code);
  expect(h.stderr()).toMatch(message);
  expect(await countRows(h.store)).toEqual(before);
  expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
}

describe('the whole story on one ticket', () => {
  it('open → take → test → zone → ETA → extend → pending/resume → resolve → confirmed close', async () => {
    const h = await opened();
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['take', 'HD-000001'])).toBe(0);
    expect(h.stdout()).toBe('HD-000001: taken by ivan, in progress.\n');
    let t = await ticket(h);
    expect(t).toMatchObject({
      status: 'inProgress',
      assignee: 'ivan',
      respondedAt: '2026-11-25T09:10:00.000Z',
    });
    expect(t.deadlines.response.state).toBe('met');
    expect(t.deadlines.update.due).toBe('2026-11-25T10:10:00.000Z'); // update every 1h from the response

    expect(
      await h.run([
        'log',
        '1',
        'test',
        'ping CPE from PE: 100% loss',
        '--result',
        'fail',
        '--zone',
        'last-mile',
        '--minutes',
        '5',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      kind: 'test',
      text: 'ping CPE from PE: 100% loss',
      actor: 'ivan',
      payload: { result: 'fail', zoneHint: 'last-mile', minutes: 5 },
    });
    expect(await h.run(['zone', '1', 'operator-network'])).toBe(0);
    expect(await h.run(['zone', '1', 'last-mile', '--note', 'loss on the copper pair'])).toBe(0);
    expect(await h.run(['eta', '1', '15:00', '--via', 'phone', '--outcome', 'reached'])).toBe(0); // 15:00 Minsk = 12:00 UTC
    expect(h.stdout()).toContain('ETA 2026-11-25 15:00 (client told by phone)');

    h.setNow('2026-11-25T11:00:00Z');
    expect(
      await h.run([
        'extend',
        '1',
        '--by',
        '2h',
        '--reason',
        'cable crew needed',
        '--via',
        'phone',
        '--outcome',
        'reached',
      ]),
    ).toBe(0);
    expect(await h.run(['pending', '1', '--reason', 'no access to the cabinet', '--until', '+1h'])).toBe(0);
    t = await ticket(h);
    expect(t.status).toBe('pending');
    expect(t.deadlines.restore.state).toBe('paused');
    expect(t.deadlines.update).toMatchObject({ state: 'paused', marginMinutes: 60 }); // shown, as restore is

    h.setNow('2026-11-25T12:30:00Z'); // 90 minutes pending
    expect(await h.run(['resume', '1', '--note', 'key found'])).toBe(0);
    t = await ticket(h);
    expect(t.pausedMinutes).toBe(90);
    expect(t.deadlines.restore.due).toBe('2026-11-25T14:30:00.000Z'); // 13:00 + 90 min
    expect(t.deadlines.update.due).toBe('2026-11-25T13:30:00.000Z');

    h.setNow('2026-11-25T13:00:00Z');
    expect(await h.run(['log', '1', 'action', 'spliced the pair in cabinet 14'])).toBe(0);
    expect(
      await h.run([
        'resolve',
        '1',
        '--summary',
        'pair spliced, link up',
        '--restored-at',
        '15:55',
        '--via',
        'both',
        '--outcome',
        'reached',
      ]),
    ).toBe(0);
    t = await ticket(h);
    expect(t).toMatchObject({
      status: 'resolved',
      zone: 'last-mile',
      restoredAt: '2026-11-25T12:55:00.000Z',
    });
    expect(t.deadlines.restore).toMatchObject({ state: 'met' });
    expect(t.deadlines.confirm.due).toBe('2026-11-26T13:00:00.000Z'); // confirmWithin 24h

    h.setNow('2026-11-25T14:00:00Z');
    expect(
      await h.run([
        'close',
        '1',
        '--confirmed-by',
        'Sergei Marchenko',
        '--via',
        'phone',
        '--note',
        'all good',
      ]),
    ).toBe(0);
    t = await ticket(h);
    expect(t).toMatchObject({
      status: 'closed',
      confirmedBy: 'Sergei Marchenko',
      confirmedVia: 'phone',
      closedAt: '2026-11-25T14:00:00.000Z',
    });
    expect(t.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'notification',
      'assigned',
      'test',
      'zone',
      'zone',
      'eta',
      'call',
      'extended',
      'call',
      'pending',
      'resumed',
      'action',
      'resolved',
      'notification',
      'call',
      'closed',
    ]);
    // Sergei prefers the phone: each notice is a call; "both" adds an e-mail through the outbox.
    const calls = t.timeline.filter((e: { kind: string }) => e.kind === 'call');
    expect(calls.map((e: { payload: { notice: string } }) => e.payload.notice)).toEqual([
      'eta',
      'extended',
      'restored',
    ]);
    expect(t.milestones).toMatchObject({
      timeToResponseMinutes: 10,
      pendingMinutes: 90,
      timeToRestoreMinutes: 235,
      etaHistory: [
        { eta: '2026-11-25T12:00:00.000Z', previous: null, via: 'phone' },
        {
          eta: '2026-11-25T14:00:00.000Z',
          previous: '2026-11-25T12:00:00.000Z',
          reason: 'cable crew needed',
        },
      ],
    });
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/Time pending\s+1h30m/);
    expect(h.stdout()).toContain('ping CPE from PE: 100% loss [fail, zone hint last-mile, 5 min]');
  });
});

describe('refused moves write nothing and name the allowed moves', () => {
  it.each([
    [
      ['resolve', '1', '--summary', 'x', '--zone', 'cpe'],
      /acknowledged and cannot move to resolved\. From acknowledged it can go to: in progress \(hd take\), cancelled/,
    ],
    [['close', '1', '--confirmed-by', 'X', '--via', 'phone'], /cannot move to closed/],
    [
      ['resume', '1'],
      /acknowledged, not pending: only a pending ticket can be resumed\. From acknowledged it can go to/,
    ],
    [['pending', '1', '--reason', 'x'], /cannot move to pending/],
    [['reopen', '1', '--reason', 'x'], /acknowledged, not resolved: only a resolved ticket can be reopened/],
  ])('from acknowledged: %s', async (args, message) => {
    await expectRefused(await opened(), args, 1, message);
  });

  it('taking one’s own ticket again changes nothing and says so (exit 0)', async () => {
    const h = await opened();
    expect(await h.run(['take', '1'])).toBe(0);
    const before = await countRows(h.store);
    const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
    expect(await h.run(['take', '1'])).toBe(0);
    expect(h.stdout()).toBe('HD-000001 is already yours (in progress); nothing changed.\n');
    expect(await h.run(['take', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({ number: 'HD-000001', assignee: 'ivan' });
    expect(await countRows(h.store)).toEqual(before);
    expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
  });

  it('someone else’s ticket: take is refused naming the holder and since when; --over takes it over', async () => {
    const h = await opened();
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['take', '1'])).toBe(0);
    h.ctx.operator = 'anna';
    h.setNow('2026-11-25T09:20:00Z');
    await expectRefused(
      h,
      ['take', '1'],
      1,
      /^hd: HD-000001 is held by ivan since 2026-11-25 12:10 Europe\/Minsk \(in progress\): to take it over, run hd take 1 --over/m,
    );
    expect(await h.run(['take', '1', '--over'])).toBe(0);
    expect(h.stdout()).toBe('HD-000001: taken by anna (was ivan), in progress.\n');
    const t = await ticket(h);
    expect(t.assignee).toBe('anna');
    expect(JSON.stringify(t.timeline)).toContain('Taken by anna (was ivan)');
    // Assigned by a dispatcher to someone else: the same refusal, with the assignment's time.
    h.setNow('2026-11-25T09:30:00Z');
    expect(await h.run(['assign', '1', '--to', 'NOC L2'])).toBe(0);
    h.setNow('2026-11-25T09:40:00Z');
    await expectRefused(h, ['take', '1'], 1, /held by NOC L2 since 2026-11-25 12:30 Europe\/Minsk/);
  });

  it('resolve needs a zone; close needs resolved and a confirmation', async () => {
    const h = await opened();
    await h.run(['take', '1']);
    await expectRefused(h, ['resolve', '1', '--summary', 'fixed'], 1, /no fault zone yet: add --zone/);
    // The move is checked before the confirmation is wanted.
    await expectRefused(h, ['close', '1', '--via', 'phone'], 1, /in progress and cannot move to closed/);
    await expectRefused(
      h,
      ['close', '1', '--confirmed-by', 'S', '--via', 'phone'],
      1,
      /in progress and cannot move to closed/,
    );
    await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'reached']);
    await expectRefused(h, ['close', '1', '--via', 'phone'], 2, /Missing --confirmed-by NAME/);
    await expectRefused(
      h,
      ['close', '1', '--confirmed-by', 'S', '--via', 'fax'],
      2,
      /--via takes one of: phone, email/,
    );
    await expectRefused(h, ['pending', '1', '--reason', 'x'], 1, /resolved and cannot move to pending/);
    await expectRefused(h, ['eta', '1', '+1h'], 1, /already resolved/);
  });

  it('reopen after resolve; a closed ticket is final and points to --related', async () => {
    const h = await opened();
    await h.run(['take', '1']);
    await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'reached']);
    expect(await h.run(['reopen', '1', '--reason', 'drops again'])).toBe(0);
    const t = await ticket(h);
    expect(t).toMatchObject({ status: 'inProgress', restoredAt: null, resolvedAt: null });
    expect(t.deadlines.confirm).toBeUndefined();
    await h.run(['resolve', '1', '--summary', 'fixed for real', '--zone', 'cpe', '--outcome', 'reached']);
    await h.run(['close', '1', '--confirmed-by', 'S', '--via', 'email']);
    await expectRefused(
      h,
      ['reopen', '1', '--reason', 'again'],
      1,
      /A closed ticket is final.*hd open --related HD-000001/,
    );
    await expectRefused(h, ['log', '1', 'note', 'late note'], 1, /closed; its log is final/);
    await expectRefused(h, ['take', '1'], 1, /closed/);
    await expectRefused(h, ['zone', '1', 'nff'], 1, /closed/);
  });

  it('cancel from an open status, with a duplicate link; never from closed', async () => {
    const h = await opened();
    await h.run(OPEN);
    expect(await h.run(['cancel', '2', '--reason', 'same outage', '--duplicate-of', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({ status: 'cancelled', relatedTo: 'HD-000001' });
    await expectRefused(h, ['cancel', '1', '--reason', 'x', '--duplicate-of', '1'], 2, /duplicate of itself/);
    await expectRefused(
      h,
      ['cancel', '1', '--reason', 'x', '--duplicate-of', '77'],
      1,
      /no ticket HD-000077/,
    );
    await expectRefused(h, ['log', '2', 'note', 'x'], 1, /cancelled; its log is final/);
  });
});

describe('bad input is refused, nothing written', () => {
  it.each([
    [['log', '99', 'note', 'x'], 1, /no ticket HD-000099/],
    [['log', 'HD-x', 'note', 'x'], 2, /not a ticket number/],
    [['log', '1', 'rumour', 'x'], 2, /Unknown log kind "rumour".*test, action, call, note/],
    [['log', '1', 'test', 'x', '--result', 'meh'], 2, /Unknown test result "meh".*pass, fail, info/],
    [['log', '1', 'test', 'x'], 2, /Missing --result pass\|fail\|info/],
    [['log', '1', 'test', 'x', '--result', 'fail', '--zone', 'moon'], 2, /Unknown zone "moon".*last-mile/],
    [['log', '1', 'call', 'x', '--outcome', 'maybe'], 2, /Unknown call outcome "maybe"/],
    [['log', '1', 'call', 'x'], 2, /Missing --outcome/],
    [['log', '1', 'note', '   '], 2, /cannot be empty/],
    [['log', '1', 'note'], 2, /Missing the text/],
    [['log', '1', 'note', 'x', '--result', 'pass'], 2, /--result is for "hd log … test"/],
    [['log', '1', 'note', 'x', '--minutes', '-5'], 2, /--minutes takes a whole number above 0/],
    [['zone', '1', 'moon'], 2, /Unknown zone "moon"/],
    [
      ['eta', '1', '2020-01-01T10:00'],
      2,
      /is in the past\. Give a later time, e\.g\. \+2h or "2026-11-25 1[0-9]:00"\./,
    ],
    [['eta', '1', 'soonish'], 2, /"soonish" is not a time/],
    [['eta', '1'], 2, /Missing the time/],
    [['extend', '1', '--by', '1h', '--reason', 'x'], 1, /has no ETA yet; set one with hd eta/],
    [['extend', '1', '--by', '1h'], 1, /has no ETA yet/], // checked before --reason is wanted
    [['extend', '1', '--by', '1h', '--to', '18:00', '--reason', 'x'], 2, /exactly one of --by/],
    [['extend', '1', '--by', 'lots', '--reason', 'x'], 2, /"lots" is not a duration/],
    [['pending', '1'], 2, /Missing --reason/],
    [['assign', '1'], 2, /Missing --to/],
    [['cancel', '1'], 2, /Missing --reason/],
    [['resolve', '1', '--summary', 'x', '--restored-at', '+2h'], 2, /in the future/],
  ])('%s', async (args, code, message) => {
    await expectRefused(await opened(), args as string[], code as number, message as RegExp);
  });

  it('extend must move the ETA later; an existing ETA needs extend', async () => {
    const h = await opened();
    await h.run(['take', '1']);
    await h.run(['eta', '1', '18:00', '--outcome', 'reached']);
    await expectRefused(h, ['eta', '1', '19:00'], 1, /already has an ETA .* use hd extend/);
    await expectRefused(
      h,
      ['extend', '1', '--by', '1h'],
      2,
      /Missing --reason TEXT, --outcome reached\|no-answer/,
    );
    await expectRefused(
      h,
      ['extend', '1', '--to', '17:00', '--reason', 'x'],
      2,
      /not later than the current one/,
    );
    expect(await h.run(['extend', '1', '--to', '20:00', '--reason', 'crew late', '--outcome', 'busy'])).toBe(
      0,
    );
  });
});

describe('an extension must be later to the minute', () => {
  it('refuses a new ETA in the same minute as the current one (as the client hears it), nothing written', async () => {
    const h = await opened();
    await h.run(['take', '1']);
    h.setNow('2026-11-25T09:01:10Z');
    expect(await h.run(['eta', '1', '+90m', '--outcome', 'reached'])).toBe(0);
    expect((await ticket(h)).eta).toBe('2026-11-25T10:31:10.000Z');
    h.setNow('2026-11-25T09:01:40Z');
    await expectRefused(
      h,
      ['extend', '1', '--to', '+90m', '--reason', 'x', '--outcome', 'reached'],
      2,
      /not later than the current one/,
    );
    expect(await h.run(['extend', '1', '--by', '1m', '--reason', 'x', '--outcome', 'reached'])).toBe(0);
    expect((await ticket(h)).eta).toBe('2026-11-25T10:32:10.000Z');
  });
});

describe('SLA clock effects', () => {
  it('only a reached outbound call meets the response; a reached call restarts the update clock, a missed one does not', async () => {
    const h = await opened();
    h.setNow('2026-11-25T09:20:00Z');
    expect(await h.run(['log', '1', 'call', 'no answer', '--outcome', 'no-answer'])).toBe(0);
    let t = await ticket(h);
    expect(t.respondedAt).toBeNull();
    expect(t.lastClientUpdateAt).toBeNull();
    h.setNow('2026-11-25T09:25:00Z');
    expect(
      await h.run(['log', '1', 'call', 'client called us', '--direction', 'in', '--outcome', 'reached']),
    ).toBe(0);
    t = await ticket(h);
    expect(t.lastClientUpdateAt).toBe('2026-11-25T09:25:00.000Z');
    // The response is not met yet: the update clock starts only with it.
    expect(t.deadlines.update).toBeUndefined();
    h.setNow('2026-11-25T09:28:00Z');
    expect(await h.run(['log', '1', 'call', 'called back', '--outcome', 'reached'])).toBe(0);
    t = await ticket(h);
    expect(t.respondedAt).toBe('2026-11-25T09:28:00.000Z');
    expect(t.deadlines.update.due).toBe('2026-11-25T10:28:00.000Z');
  });

  it('assign does not meet the response; take does', async () => {
    const h = await opened();
    await h.run(['assign', '1', '--to', 'NOC L2']);
    expect((await ticket(h)).respondedAt).toBeNull();
    expect((await ticket(h)).status).toBe('acknowledged');
    h.setNow('2026-11-25T10:00:00Z');
    expect(await h.run(['take', '1', '--over'])).toBe(0);
    const t = await ticket(h);
    expect(t).toMatchObject({ assignee: 'ivan', respondedAt: '2026-11-25T10:00:00.000Z' });
    expect(t.deadlines.response).toMatchObject({ state: 'missed', marginMinutes: 30 });
    expect(t.timeline.at(-1).text).toBe('Taken by ivan (was NOC L2)');
  });

  it('resolving a pending ticket ends the pause first', async () => {
    const h = await opened();
    await h.run(['take', '1']);
    await h.run(['pending', '1', '--reason', 'carrier ticket 5521']);
    h.setNow('2026-11-25T10:00:00Z');
    expect(
      await h.run([
        'resolve',
        '1',
        '--summary',
        'carrier fixed',
        '--zone',
        'upstream',
        '--outcome',
        'reached',
      ]),
    ).toBe(0);
    const t = await ticket(h);
    expect(t).toMatchObject({ status: 'resolved', pausedMinutes: 60, pending: null });
    expect(t.deadlines.restore.due).toBe(new Date(Date.parse('2026-11-25T09:00:00Z') + 5 * H).toISOString());
  });
});

describe('interactive prompts for what is missing', () => {
  it('log asks for the text and the result', async () => {
    const h = await opened();
    h.ctx.io.isInteractive = true;
    expect(
      await h.run(['log', '1', 'test'], {
        script: [
          { ask: 'Test:', answer: 'loopback on NTU: OK' },
          { ask: 'Result:', answer: 'pass' },
        ],
      }),
    ).toBe(0);
    expect(h.stdout()).toContain('test logged (pass)');
  });

  it('a prompted reason is held to the same limit as --reason, and nothing is written', async () => {
    const h = await opened();
    h.ctx.io.isInteractive = true;
    const before = await h.run(['show', '1', '--json']);
    const shown = h.stdout();
    expect(before).toBe(0);
    expect(
      await h.run(['priority', '1', 'P2'], {
        script: [{ ask: 'Why change the priority?', answer: 'x'.repeat(2001) }],
      }),
    ).toBe(2);
    expect(h.stderr()).toContain('--reason is 2001 characters long; the limit is 2000.');
    await h.run(['show', '1', '--json']);
    expect(h.stdout()).toBe(shown);
  });
});

describe('computed times stay in the years 1900 to 9999', () => {
  it('an ETA, an extension and the deadlines at open past 9999 are refused, naming the range', async () => {
    const h = await harness({ now: '9999-12-20T09:00:00Z', operator: 'ivan' });
    expect(await h.run(OPEN)).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    expect(await h.run(['eta', '1', '+10d', '--no-notify', '--skip-reason', 'x'])).toBe(0);
    await expectRefused(
      h,
      ['extend', '1', '--by', '3650d', '--reason', 'x', '--no-notify', '--skip-reason', 'x'],
      2,
      /The new ETA would fall after 9999-12-30T23:59Z, outside the times hd keeps \(1900-01-02T00:00Z to 9999-12-30T23:59Z, the years 1900 to 9999 in every time zone\)/,
    );
    h.setNow('9999-12-30T20:00:00Z');
    await expectRefused(
      h,
      ['eta', '1', '+5h', '--no-notify', '--skip-reason', 'x'],
      2,
      /"\+5h" from now would fall after 9999-12-30T23:59Z, outside the times hd keeps/,
    );
    // An ETA read in Minsk that UTC+14 would show in the year 10000.
    await expectRefused(
      h,
      ['extend', '1', '--to', '9999-12-31T23:59', '--reason', 'x', '--no-notify', '--skip-reason', 'x'],
      2,
      /"9999-12-31T23:59" is outside the times hd keeps \(1900-01-02T00:00Z to 9999-12-30T23:59Z/,
    );
    const before = await countRows(h.store);
    expect(await h.run(OPEN)).toBe(2);
    expect(h.stderr()).toMatch(/The restore deadline would fall after 9999-12-30T23:59Z/);
    expect(await countRows(h.store)).toEqual(before);
  });
});

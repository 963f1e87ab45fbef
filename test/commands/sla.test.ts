import { getEventListeners } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { engineQueries, registerEngineQueries } from '../../src/store/engine.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { countRows, harness, type TestHarness, tempDbPath } from '../helpers/context.ts';
import { openArgs } from '../helpers/fixtures.ts';

/** `hd open` for a caller of the demo data, impact down × urgency high (P1 by the matrix). */
const OPEN = (client: string, contact: string, service: string, summary: string) =>
  openArgs(['--client', client, '--contact', contact, '--service', service], summary);
const EVROOPT = OPEN('C-2022-0533', 'Sergei Marchenko', 'BRS-L2-00098', 'Evroopt down'); // standard-24x7 P1
const BANK = OPEN('C-2021-0147', 'Andrei Kovalenko', 'MSK-IPVPN-00412', 'Bank VPN down'); // premium-24x7 P1
const NORDIC = OPEN('C-2023-1102', 'Erik Lindqvist', 'MSK-DIA-03145', 'Nordic down'); // business-8x5 P1

interface BreachJson {
  ticket: string;
  kind: string;
  lateMinutes: number;
  overdue: boolean;
  nextAction: string;
  priority: string;
}

/** The breaches at `now` from --json, checked against the streamed --limit 0 listing. */
async function overdue(h: TestHarness, now: string, extra: string[] = []) {
  h.setNow(now);
  expect(await h.run(['sla', '--overdue', '--json', ...extra])).toBe(0);
  const top = JSON.parse(h.stdout()) as { overdue: number; near: number; breaches: BreachJson[] };
  expect(await h.run(['sla', '--overdue', '--json', '--limit', '0', ...extra])).toBe(0);
  // Fewer than 50 here, so the streamed full listing and the limited one must agree exactly.
  expect(JSON.parse(h.stdout())).toEqual(top);
  expect(top.overdue).toBe(top.breaches.filter((b) => b.overdue).length);
  expect(top.near).toBe(top.breaches.filter((b) => !b.overdue).length);
  return top.breaches;
}

describe('hd sla --overdue: each deadline appears exactly when it is breached', () => {
  it('response: not at the deadline, one second after it yes; taking the ticket clears it', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT); // response due 09:30
    expect(await overdue(h, '2026-11-25T09:29:00Z')).toEqual([]);
    expect(await overdue(h, '2026-11-25T09:30:00Z')).toEqual([]);
    const rows = await overdue(h, '2026-11-25T09:30:01Z');
    expect(rows).toEqual([
      expect.objectContaining({
        ticket: 'HD-000001',
        kind: 'response',
        priority: 'P1',
        overdue: true,
        lateMinutes: 0,
      }),
    ]);
    expect(rows[0]!.nextAction).toMatch(/^call the client back/);
    await h.run(['take', '1']);
    expect((await overdue(h, '2026-11-25T09:40:00Z')).map((r) => r.kind)).toEqual([]);
  });

  it.each([
    ['hd log … call', ['log', '1', 'call', 'callback attempt', '--outcome', 'no-answer']],
    ['hd eta', ['eta', '1', '+3h', '--via', 'phone', '--outcome', 'no-answer']],
  ])(
    'response: an unanswered call-back (%s) meets nothing; a reached one meets it and starts the update clock',
    async (_what, attempt) => {
      const h = await harness({ now: '2026-11-25T09:00:00Z' });
      await h.run(EVROOPT); // P1: response due 09:30, client update every hour
      h.setNow('2026-11-25T09:10:00Z');
      expect(await h.run(attempt)).toBe(0);
      expect((await overdue(h, '2026-11-25T09:31:00Z')).map((r) => r.kind)).toContain('response');
      expect(await h.run(['show', '1', '--json'])).toBe(0);
      expect(JSON.parse(h.stdout()).respondedAt).toBeNull();
      h.setNow('2026-11-25T09:40:00Z');
      expect(await h.run(['log', '1', 'call', 'called back', '--outcome', 'reached'])).toBe(0);
      expect(await h.run(['show', '1', '--json'])).toBe(0);
      expect(JSON.parse(h.stdout()).respondedAt).toBe('2026-11-25T09:40:00.000Z');
      expect((await overdue(h, '2026-11-25T10:40:00Z')).map((r) => r.kind)).not.toContain('update');
      expect((await overdue(h, '2026-11-25T10:41:00Z')).map((r) => r.kind)).toContain('update');
    },
  );

  it('client update: due an interval after the last update; a reached call resets it, a missed one does not', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(['take', '1']); // update due 10:00
    expect(await overdue(h, '2026-11-25T10:00:00Z')).toEqual([]);
    let rows = await overdue(h, '2026-11-25T10:01:00Z');
    expect(rows.map((r) => [r.kind, r.lateMinutes])).toEqual([['update', 1]]);
    expect(rows[0]!.nextAction).toBe(
      'call the client: the update was due 1m ago (hd log 1 call … --outcome reached)',
    );
    await h.run(['log', '1', 'call', 'no answer', '--outcome', 'no-answer']);
    expect((await overdue(h, '2026-11-25T10:02:00Z')).map((r) => r.kind)).toEqual(['update']);
    await h.run(['log', '1', 'call', 'told Sergei we test the line', '--outcome', 'reached']);
    expect(await overdue(h, '2026-11-25T10:30:00Z')).toEqual([]);
    rows = await overdue(h, '2026-11-25T11:03:00Z');
    expect(rows.map((r) => [r.kind, r.lateMinutes])).toEqual([['update', 1]]);
  });

  it('ETA passed without extension; extending clears it', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(['take', '1']);
    await h.run(['eta', '1', '+45m', '--outcome', 'reached']);
    expect((await overdue(h, '2026-11-25T09:46:00Z')).map((r) => r.kind)).toEqual(['eta']);
    await h.run([
      'extend',
      '1',
      '--by',
      '1h',
      '--reason',
      'waiting for the splice crew',
      '--outcome',
      'reached',
    ]);
    expect(await overdue(h, '2026-11-25T09:47:00Z')).toEqual([]);
  });

  it('restore is paused while pending, and counts again after resume with the pause added', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT); // restore due 13:00
    await h.run(['take', '1']);
    h.setNow('2026-11-25T12:00:00Z');
    await h.run(['log', '1', 'call', 'update', '--outcome', 'reached']);
    await h.run(['pending', '1', '--reason', 'client closed the site']);
    expect(await overdue(h, '2026-11-25T14:00:00Z')).toEqual([]);
    h.setNow('2026-11-25T14:00:00Z');
    await h.run(['resume', '1']); // 2h pending: restore due 15:00, update due 15:00
    expect(await overdue(h, '2026-11-25T15:00:00Z')).toEqual([]);
    expect((await overdue(h, '2026-11-25T15:00:30Z')).map((r) => r.kind).sort()).toEqual([
      'restore',
      'update',
    ]);
  });

  it('pending past its --until is flagged, then confirmation after resolve', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(['take', '1']);
    await h.run(['pending', '1', '--reason', 'carrier ticket', '--until', '+1h']);
    expect((await overdue(h, '2026-11-25T10:01:00Z')).map((r) => r.kind)).toEqual(['pendingUntil']);
    h.setNow('2026-11-25T10:05:00Z');
    await h.run(['resolve', '1', '--summary', 'carrier fixed', '--zone', 'upstream', '--outcome', 'reached']); // confirm within 24h
    expect(await overdue(h, '2026-11-26T10:05:00Z')).toEqual([]);
    const rows = await overdue(h, '2026-11-26T10:06:00Z');
    expect(rows.map((r) => r.kind)).toEqual(['confirm']);
    expect(rows[0]!.nextAction).toMatch(/hd close 1 --confirmed-by/);
  });

  it('business hours: a Friday-evening ticket is not overdue over the weekend', async () => {
    const h = await harness({ now: '2026-11-27T14:30:00Z' }); // Fri 17:30 Minsk
    await h.run(NORDIC); // response 1 business hour: Mon 09:30
    expect(await overdue(h, '2026-11-29T20:00:00Z')).toEqual([]);
    expect(await overdue(h, '2026-11-30T06:30:00Z')).toEqual([]);
    expect((await overdue(h, '2026-11-30T06:31:00Z')).map((r) => r.kind)).toEqual(['response']);
  });
});

describe('hd sla output, filters and order', () => {
  async function busy(o: Parameters<typeof harness>[0] = {}) {
    const h = await harness({ now: '2026-11-25T09:00:00Z', ...o });
    await h.run(EVROOPT);
    await h.run(BANK);
    await h.run([
      ...OPEN('C-2022-0533', 'Sergei Marchenko', 'MSK-DIA-02210', 'slow'),
      '--priority',
      'P3',
      '--priority-reason',
      'one user only',
    ]);
    h.ctx.operator = 'ivan';
    await h.run(['assign', '2', '--to', 'ivan']);
    return h;
  }

  it('most severe first, --due-within marks near breaches, filters narrow', async () => {
    const h = await busy();
    let rows = await overdue(h, '2026-11-25T09:40:00Z', ['--due-within', '4h']);
    expect(rows.map((r) => `${r.ticket} ${r.kind} ${r.overdue ? 'late' : 'soon'}`)).toEqual([
      'HD-000002 response late', // P1, 25 min late
      'HD-000001 response late', // P1, 10 min late
      'HD-000002 restore soon', // P1, due 11:00
      'HD-000001 restore soon', // P1, due 13:00
      'HD-000003 response soon', // P3
    ]);
    rows = await overdue(h, '2026-11-25T09:40:00Z', ['--priority', 'P1', '--client', 'C-2022-0533']);
    expect(rows.map((r) => r.ticket)).toEqual(['HD-000001']);
    rows = await overdue(h, '2026-11-25T09:40:00Z', ['--assignee', 'ivan']);
    expect(rows.map((r) => r.ticket)).toEqual(['HD-000002']);
  });

  it('--assignee takes the name in any case, in hd sla and hd list, Latin or Cyrillic', async () => {
    const h = await busy();
    await h.run(['assign', '3', '--to', 'Ольга']);
    const listed = async (who: string, extra: string[] = []) => {
      expect(await h.run(['list', '--assignee', who, '--json', ...extra])).toBe(0);
      return JSON.parse(h.stdout()).map((t: { number: string }) => t.number);
    };
    for (const who of ['ivan', 'IVAN', 'Ivan']) {
      expect((await overdue(h, '2026-11-25T09:40:00Z', ['--assignee', who])).map((r) => r.ticket)).toEqual([
        'HD-000002',
      ]);
      expect(await listed(who)).toEqual(['HD-000002']);
    }
    for (const who of ['Ольга', 'ольга', 'ОЛЬГА'])
      expect(await listed(who, ['--all'])).toEqual(['HD-000003']);
    expect(await listed('nobody-like-this')).toEqual([]);
  });

  it('--due-within marks the near rows «скоро» under headers that fit both; without it the headers say overdue', async () => {
    for (const [lang, headers, plain, soon] of [
      ['ru', /Просрочено \/ скоро\s+На \/ когда/, /Просрочено\s+На\s/, /скоро: через \d/],
      ['en', /Late \/ soon\s+By \/ when/, /Late\s+By\s/, /soon: in \d/],
    ] as const) {
      const h = await busy({ terminal: 200, lang });
      h.setNow('2026-11-25T09:40:00Z');
      expect(await h.run(['sla', '--overdue', '--due-within', '4h'])).toBe(0);
      const near = h.stdout();
      expect(near).toMatch(headers);
      expect(near.split('\n').filter((l) => soon.test(l))).toHaveLength(3);
      expect(await h.run(['sla', '--overdue'])).toBe(0);
      expect(h.stdout()).toMatch(plain);
      expect(h.stdout()).not.toMatch(soon);
    }
  });

  it('tab-separated rows when piped; a summary by kind and priority', async () => {
    const h = await busy();
    h.setNow('2026-11-25T09:40:00Z');
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    const lines = h.stdout().trim().split('\n');
    expect(lines[0]).toBe(
      'Ticket\tPri\tClient\tLate\tBy\tAssignee\tNext action\tStatus\tDue\tSummary · contact\tOutage',
    );
    const cells = lines[1]!.split('\t');
    expect([...cells.slice(0, 6), cells[7]]).toEqual([
      'HD-000002',
      'P1',
      'Belagroprombank HQ',
      'response (call-back)',
      '25m',
      'ivan',
      'acknowledged',
    ]);
    expect(await h.run(['sla', '--json'])).toBe(0);
    const summary = JSON.parse(h.stdout());
    expect(summary.open).toEqual({ P1: 2, P2: 0, P3: 1, P4: 0 });
    expect(summary.overdue.response).toEqual({ P1: 2, P2: 0, P3: 0, P4: 0 });
    expect(await h.run(['sla'])).toBe(0);
    expect(h.stdout()).toContain('2 overdue');
  });

  it('--limit chooses how many of the most severe are shown, and says how many more there are', async () => {
    const h = await busy();
    h.setNow('2026-11-25T09:40:00Z');
    expect(await h.run(['sla', '--overdue', '--limit', '1'])).toBe(0);
    expect(h.stdout().trim().split('\n')).toHaveLength(2); // header + the most severe breach
    expect(h.stdout()).toContain('HD-000002');
    expect(h.stderr()).toBe('… and 1 more, less severe (2 in all: 2 overdue). --limit 0 lists every one.\n');
    expect(await h.run(['sla', '--overdue', '--limit', '1', '--due-within', '4h', '--json'])).toBe(0);
    const json = JSON.parse(h.stdout());
    expect([json.overdue, json.near, json.breaches.length]).toEqual([2, 3, 1]);
    expect(h.stderr()).toContain('(5 in all: 2 overdue, 3 due soon)');
    h.ctx.io.isTerminal = true;
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    expect(h.stdout()).toContain('HD-000001');
    expect(h.stderr()).toBe('');
    for (const bad of ['-1', '', '1.5', 'all', ' 3']) {
      expect(await h.run(['sla', '--overdue', '--limit', bad])).toBe(2);
      expect(h.stderr()).toContain(`--limit takes a whole number (0 for all), not "${bad}".`);
    }
    h.ctx.io.isTerminal = false;
    h.setNow('2026-11-25T09:10:00Z');
    for (const limit of [[], ['--limit', '0']]) {
      expect(await h.run(['sla', '--overdue', ...limit])).toBe(0);
      expect([h.stdout(), h.stderr()]).toEqual(['Nothing overdue at 2026-11-25 12:10.\n', '']);
    }
  });

  it('by default the 50 most severe, on a terminal or piped; --limit 0 streams every one in the same order', async () => {
    const h = await harness();
    for (let i = 0; i < 53; i++) expect(await h.run([...EVROOPT, '--summary', `outage ${i}`])).toBe(0);
    h.setNow('2026-11-25T12:00:00Z'); // all 53 responses are late by as much: ticket order
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    // Not trim(): the last column (the outage) is empty for a ticket not linked to one.
    const top = h.stdout().replace(/\n$/, '').split('\n').slice(1);
    expect(top).toHaveLength(50);
    expect(h.stderr()).toContain('… and 3 more, less severe (53 in all: 53 overdue)');
    expect(await h.run(['sla', '--overdue', '--limit', '0'])).toBe(0);
    const all = h.stdout().replace(/\n$/, '').split('\n').slice(1);
    expect(all).toHaveLength(53);
    expect(all.slice(0, 50)).toEqual(top);
    expect(h.stderr()).toBe('');
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    const json = JSON.parse(h.stdout());
    expect([json.overdue, json.breaches.length]).toEqual([53, 50]);
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue', '--limit', '0'])).toBe(3);
    expect(h.stderr()).toContain('53 deadlines overdue.');
  });

  it('--fail-on-overdue exits 3 only when something is overdue', async () => {
    const h = await busy();
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue'])).toBe(0);
    h.setNow('2026-11-25T09:40:00Z');
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue'])).toBe(3);
    expect(h.stderr()).toContain('2 deadlines overdue.');
  });

  it('--watch redraws until Ctrl-C', async () => {
    const h = await busy();
    h.setNow('2026-11-25T09:40:00Z');
    const running = h.run(['sla', '--overdue', '--watch', '1']);
    await new Promise((r) => setTimeout(r, 2300));
    // One listener for Ctrl-C, however many rounds (they piled up: Node warned after ten).
    expect(getEventListeners(h.interruptSignal(), 'abort')).toHaveLength(1);
    h.interruptNow();
    expect(await running).toBe(0);
    expect(h.stdout().match(/hd sla — 2026-11-25 12:40, every 1s, Ctrl-C to stop/g)?.length).toBe(3);
  });

  it('--watch lives through a lost connection: it says so and draws again at the next round', async () => {
    const h = await busy();
    h.setNow('2026-11-25T09:40:00Z');
    let failures = 0;
    const real = engineQueries(h.store);
    const lostOnce = () => {
      if (failures++ === 0)
        throw new StoreUnavailable(
          'cannot reach the central database at db:5432 (the connection was lost) — check HD_DB or the network.',
        );
    };
    const withDetails = real.mostSevereWithDetails; // PostgreSQL's, in the listing's statement
    registerEngineQueries(h.store.engine, {
      ...real,
      mostSevereBreaches: (...a) => {
        lostOnce();
        return real.mostSevereBreaches(...a);
      },
      ...(withDetails && {
        mostSevereWithDetails: (...a: Parameters<typeof withDetails>) => {
          lostOnce();
          return withDetails(...a);
        },
      }),
    });
    onTestFinished(() => registerEngineQueries(h.store.engine, real));
    const running = h.run(['sla', '--overdue', '--watch', '1']);
    await new Promise((r) => setTimeout(r, 1300));
    h.interruptNow();
    expect(await running).toBe(0);
    expect(failures).toBe(2);
    expect(h.stderr()).toBe(
      'hd: cannot reach the central database at db:5432 (the connection was lost) — check HD_DB or the network. Trying again in 1s.\n',
    );
    const rounds = h.stdout().split(/hd sla — 2026-11-25 12:40, every 1s, Ctrl-C to stop\n/);
    expect(rounds).toHaveLength(3);
    expect(rounds[2]).toMatch(/HD-0000/);
  });

  it('bad input', async () => {
    const h = await busy();
    expect(await h.run(['sla', '--overdue', '--due-within', 'soon'])).toBe(2);
    expect(h.stderr()).toMatch(/"soon" is not a duration/);
    expect(await h.run(['sla', '--overdue', '--priority', 'P0'])).toBe(2);
    expect(await h.run(['sla', '--watch', '0'])).toBe(2);
  });
});

describe('priority change and profile versions', () => {
  it('a priority change recomputes from the opening and keeps the paused time (the GLPI bug)', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run([...EVROOPT.map((a) => (a === 'high' ? 'low' : a === 'down' ? 'degraded' : a))]); // P3: restore 1d
    await h.run(['take', '1']);
    await h.run(['pending', '1', '--reason', 'no access']);
    h.setNow('2026-11-25T10:00:00Z');
    await h.run(['resume', '1']); // paused 1h
    expect(await h.run(['priority', '1', 'P1', '--reason', 'whole warehouse down', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t).toMatchObject({ priority: 'P1', priorityReason: 'whole warehouse down', pausedMinutes: 60 });
    expect(t.deadlines.restore.due).toBe('2026-11-25T14:00:00.000Z'); // 09:00 + 4h + 1h paused
    expect(t.timeline.at(-1)).toMatchObject({
      kind: 'priority',
      text: 'Priority P3 → P1: whole warehouse down',
    });
    expect(await h.run(['priority', '1', 'P1', '--reason', 'x'])).toBe(1);
    expect(await h.run(['priority', '1', 'P9', '--reason', 'x'])).toBe(2);
  });

  it('an update already overdue when resumed stays overdue through a priority change', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT); // P1: update every hour
    h.setNow('2026-11-25T09:10:00Z');
    await h.run(['take', '1']); // update due 10:10
    h.setNow('2026-11-25T12:00:00Z');
    await h.run(['pending', '1', '--reason', 'no access']); // already late: stays owed
    h.setNow('2026-11-26T09:00:00Z');
    await h.run(['resume', '1']);
    expect((await overdue(h, '2026-11-26T09:01:00Z')).map((r) => [r.kind, r.lateMinutes])).toContainEqual([
      'update',
      22 * 60 + 51,
    ]);
    expect(await h.run(['priority', '1', 'P2', '--reason', 'one site only'])).toBe(0);
    expect((await overdue(h, '2026-11-26T09:01:00Z')).map((r) => [r.kind, r.lateMinutes])).toContainEqual([
      'update',
      22 * 60 + 51,
    ]);
    // Once told, the new priority's interval counts from then.
    await h.run(['log', '1', 'call', 'told Sergei', '--outcome', 'reached']);
    expect((await overdue(h, '2026-11-26T09:02:00Z')).map((r) => r.kind)).not.toContain('update');
  });

  it('an imported change is a new version; open tickets keep their targets, new ones get the new targets', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    const file = join(tempDbPath(), '..', 'standard.json');
    expect(await h.run(['rules', 'show', 'standard-24x7', '--json'])).toBe(0);
    const profile = JSON.parse(h.stdout());
    profile.targets.P1.restore = '3h';
    writeFileSync(
      file,
      JSON.stringify({ ...profile, version: undefined, versions: undefined, confirmWithin: '1d' }),
    );
    expect(await h.run(['rules', 'import', file])).toBe(0);
    expect(h.stdout()).toBe('standard-24x7: saved as version 2 (open tickets keep their earlier targets).\n');
    expect(await h.run(['rules', 'import', file])).toBe(0);
    expect(h.stdout()).toBe('standard-24x7: unchanged (version 2).\n');
    await h.run(EVROOPT);
    await h.run(['list', '--json']);
    const [first, second] = JSON.parse(h.stdout()).sort((a: { number: string }, b: { number: string }) =>
      a.number.localeCompare(b.number),
    );
    expect(first.deadlines.restore.due).toBe('2026-11-25T13:00:00.000Z');
    expect(second.deadlines.restore.due).toBe('2026-11-25T12:00:00.000Z');
    expect(await h.run(['rules', 'list', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).find((p: { name: string }) => p.name === 'standard-24x7').version).toBe(2);
  });

  it('a malformed profile file is refused naming the field, and nothing is imported', async () => {
    const h = await harness();
    const dir = join(tempDbPath(), '..');
    const cases: [unknown, RegExp][] = [
      [{ name: 'gold', coverage: { type: '24x7' }, targets: {} }, /targets\.P1: is missing/],
      [
        { name: 'gold', coverage: { type: '24x7', timezone: 'Europe/Atlantis' }, targets: {} },
        /coverage\.timezone/,
      ],
      [
        [
          { name: 'ok-one', coverage: { type: '24x7' }, targets: okTargets() },
          {
            name: 'bad',
            coverage: { type: '24x7' },
            targets: { ...okTargets(), P2: { response: '-1h', update: '1h', restore: '2h' } },
          },
        ],
        /profile #2 .*targets\.P2\.response: "-1h" is not a duration/,
      ],
    ];
    for (const [content, message] of cases) {
      const file = join(dir, 'p.json');
      writeFileSync(file, JSON.stringify(content));
      const before = await countRows(h.store);
      expect(await h.run(['rules', 'import', file])).toBe(1);
      expect(h.stderr()).toMatch(message);
      expect(h.stderr()).toContain('Nothing was imported.');
      expect(await countRows(h.store)).toEqual(before);
    }
    expect(await h.run(['rules', 'import', join(dir, 'missing.json')])).toBe(1);
    expect(h.stderr()).toContain('no such file');
    expect(await h.run(['rules', 'show', 'gold-24x7'])).toBe(1);
    expect(h.stderr()).toMatch(
      /No rule profile named "gold-24x7". Known profiles: business-8x5, premium-24x7, standard-24x7/,
    );
  });

  it('client update --profile changes what new tickets get', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(['client', 'update', 'C-2022-0533', '--profile', 'premium-24x7', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).profile).toBe('premium-24x7');
    await h.run([...EVROOPT, '--json']);
    expect(JSON.parse(h.stdout()).profile.name).toBe('premium-24x7');
    expect(await h.run(['client', 'update', 'C-2022-0533', '--profile', 'nope'])).toBe(1);
  });
});

function okTargets() {
  const t = { response: '1h', update: '2h', restore: '4h', onsite: '4h', hardware: '8h' };
  return { P1: t, P2: t, P3: t, P4: t };
}

describe('hd sla report and hd handover', () => {
  async function history(path?: string) {
    const h = await harness({ now: '2026-11-02T08:00:00Z', operator: 'ivan', path });
    // HD-1: taken in 10m, restored in 2h → all met.
    await h.run(EVROOPT);
    h.setNow('2026-11-02T08:10:00Z');
    await h.run(['take', '1']);
    h.setNow('2026-11-02T10:00:00Z');
    await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'reached']);
    await h.run(['close', '1', '--confirmed-by', 'Sergei', '--via', 'phone']);
    // HD-2: response 50m late, restore 1h late.
    h.setNow('2026-11-03T08:00:00Z');
    await h.run(EVROOPT);
    h.setNow('2026-11-03T09:20:00Z');
    await h.run(['take', '2']);
    h.setNow('2026-11-03T13:00:00Z');
    await h.run(['resolve', '2', '--summary', 'fixed', '--zone', 'last-mile', '--outcome', 'reached']);
    // HD-3: premium, still open and overdue.
    h.setNow('2026-11-04T08:00:00Z');
    await h.run(BANK);
    h.setNow('2026-11-05T08:00:00Z');
    return h;
  }

  it('--by client at 80 columns: a client’s name is not cut to a dozen characters', async () => {
    const path = tempDbPath();
    await history(path);
    const wide = await harness({ terminal: 80, lang: 'ru', path, demo: false, now: '2026-11-05T08:00:00Z' });
    expect(await wide.run(['sla', 'report', '--from', '2026-11-01', '--by', 'client'])).toBe(0);
    const lines = wide.stdout().split('\n');
    expect(lines.find((l) => l.startsWith('Belagroprombank HQ '))).toBeDefined();
    expect(lines.find((l) => l.startsWith('Evroopt Logistics '))).toBeDefined();
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  });

  it('targets met, median and p90, breaches, grouped by priority or client', async () => {
    const h = await history();
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--to', '2026-12-01', '--json'])).toBe(0);
    const r = JSON.parse(h.stdout());
    expect(r.total.tickets).toBe(3);
    expect(r.total.targets.response).toEqual({ judged: 3, met: 1, pct: 33.3 });
    expect(r.total.targets.restore).toEqual({ judged: 3, met: 1, pct: 33.3 });
    expect(r.total.responseMinutes).toEqual({ median: 10, p90: 80 });
    expect(r.total.restoreMinutes).toEqual({ median: 120, p90: 300 });
    expect(
      r.breaches.map(
        (b: { ticket: string; kind: string; lateMinutes: number; stillOpen: boolean }) =>
          `${b.ticket} ${b.kind} ${b.lateMinutes} ${b.stillOpen}`,
      ),
    ).toEqual([
      'HD-000003 response 1425 true',
      'HD-000003 restore 1320 true',
      'HD-000002 confirm 1140 true', // resolved 11-03 13:00, confirmation due within 24h
      'HD-000002 restore 60 false',
      'HD-000002 response 50 false',
    ]);
    expect(r.notMeasured).toEqual(['update', 'pendingUntil', 'told']);
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--by', 'client', '--csv'])).toBe(0);
    const csv = h.stdout().trim().split('\n');
    expect(csv[0]).toBe(
      'group,tickets,responseMetPct,etaMetPct,restoreMetPct,onsiteMetPct,hardwareMetPct,confirmMetPct,responseMedianMin,responseP90Min,restoreMedianMin,restoreP90Min,cancelled',
    );
    expect(csv[1]).toBe('Belagroprombank HQ,1,0,,0,,,,,,,,');
    expect(csv[2]).toBe('Evroopt Logistics,2,50,,50,,,50,10,80,120,300,');
    expect(csv[3]).toMatch(/^all,3,.*,0$/);
    expect(await h.run(['sla', 'report', '--from', '2026-11-01'])).toBe(0);
    expect(h.stdout()).toMatch(/P1\s+█{7}░{13}\s+33\.3%/);
    // The most late first, as the title says; --json in the same order.
    expect(h.stdout()).toContain(
      'Not measured: client update, end of the pending wait, client not yet told (met by being cleared',
    );
    const breachLines = h
      .stdout()
      .split('Breaches (5), the most late first\n')[1]!
      .split('\n\n')[0]!
      .trim()
      .split('\n');
    expect(
      breachLines.map((l) =>
        l
          .trim()
          .split(/\s{2,}/)
          .slice(0, 3)
          .join(' · '),
      ),
    ).toEqual([
      'HD-000003 · P1 · response (call-back)',
      'HD-000003 · P1 · restore',
      'HD-000002 · P1 · client confirmation',
      'HD-000002 · P1 · restore',
      'HD-000002 · P1 · response (call-back)',
    ]);
    expect(await h.run(['sla', 'report', '--from', '2026-12-01', '--to', '2026-11-01'])).toBe(2);
    expect(h.stderr()).toContain('must be before --to');
  });

  it('a cancelled ticket is counted apart: the header and the table agree, no empty row', async () => {
    const h = await harness({ now: '2026-11-02T08:00:00Z' });
    await h.run(EVROOPT); // P1
    await h.run(EVROOPT.map((a) => (a === 'down' ? 'degraded' : a))); // P2
    await h.run(['cancel', '2', '--reason', 'opened by mistake']);
    h.setNow('2026-11-02T08:10:00Z');
    await h.run(['take', '1']);
    await h.run(['eta', '1', '+1h', '--outcome', 'reached']); // ETA 09:10
    h.setNow('2026-11-02T09:00:00Z');
    await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'reached']); // ETA kept
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--to', '2026-12-01'])).toBe(0);
    const text = h.stdout();
    expect(text).toContain('· 2 tickets, 1 cancelled (not measured)\n');
    expect(text).not.toMatch(/^P2/m);
    expect(text).toMatch(/^all\s+1\s+100% \(1\/1\)\s+100% \(1\/1\)/m); // response met, ETA kept
    // Every measured target has its column, as in --json and --csv.
    expect(text).toMatch(
      /^Priority\s+Tickets\s+Response\s+ETA kept\s+Restore\s+On site\s+Hardware\s+Confirmed\s+/m,
    );
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--to', '2026-12-01', '--csv'])).toBe(0);
    const csv = h.stdout().trim().split('\n');
    expect(csv[0]).toMatch(/,cancelled$/);
    expect(csv.at(-1)).toMatch(/^all,1,.*,1$/);
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--to', '2026-12-01', '--json'])).toBe(0);
    const r = JSON.parse(h.stdout());
    expect(r).toMatchObject({ tickets: 2, cancelled: 1, total: { tickets: 1 } });
    expect(r.groups.map((g: { group: string }) => g.group)).toEqual(['P1']);
    expect(r.total.targets.eta).toEqual({ judged: 1, met: 1, pct: 100 });
  });

  it('the text hand-over shows the first 20 of a section with its total; --all shows every line', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    for (let i = 0; i < 22; i++)
      await h.run(OPEN('C-2022-0533', 'Sergei Marchenko', 'BRS-L2-00098', `fault ${i}`));
    expect(await h.run(['handover'])).toBe(0);
    expect(h.stdout()).toContain('Opened this shift (22)');
    expect(h.stdout()).toContain('… and 2 more (hd handover --all, or --json)');
    expect(h.stdout().match(/fault \d+/g)).toHaveLength(20 * 2); // opened and waiting for a call-back
    expect(await h.run(['handover', '--all'])).toBe(0);
    expect(h.stdout()).not.toContain('more (hd handover');
    expect(h.stdout().match(/fault \d+/g)).toHaveLength(22 * 2);
  });

  it('handover lists tickets with the same ETA by ticket number, on both engines', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    const n = 16;
    for (let i = 0; i < n; i++)
      await h.run(OPEN('C-2022-0533', 'Sergei Marchenko', 'BRS-L2-00098', `fault ${i}`));
    // The same ETA given in another order than the tickets' (on PostgreSQL each update moves the row).
    for (const i of [...Array(n).keys()].map((k) => ((k * 7) % n) + 1))
      expect(
        await h.run(['eta', String(i), '14:00', '--via', 'phone', '--outcome', 'reached']),
        h.stderr(),
      ).toBe(0);
    expect(await h.run(['handover', '--json'])).toBe(0);
    const numbers = JSON.parse(h.stdout()).etasNextShift.map((t: { ticket: string }) => t.ticket);
    expect(numbers).toHaveLength(n);
    expect(numbers).toEqual([...numbers].sort());
  });

  it('handover lists what the next shift needs', async () => {
    const h = await history();
    h.setNow('2026-11-04T09:00:00Z');
    expect(await h.run(['handover', '--since', '2d', '--json'])).toBe(0);
    const r = JSON.parse(h.stdout());
    expect(r.opened.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000002', 'HD-000003']);
    expect(r.resolved.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000001', 'HD-000002']);
    expect(r.closed.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000001']);
    expect(r.waitingForCallBack.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000003']);
    expect(r.waitingForConfirmation.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000002']);
    expect(r.breaches.map((b: { ticket: string; kind: string }) => `${b.ticket} ${b.kind}`)).toEqual([
      'HD-000003 response',
    ]);
    expect(await h.run(['handover', '--since', '2d', '--markdown'])).toBe(0);
    expect(h.stdout()).toContain('# Shift hand-over');
    expect(h.stdout()).toContain('## Waiting for the client to confirm (1)');
    expect(h.stdout()).toContain('- HD-000002 P1 resolved');
  });
});

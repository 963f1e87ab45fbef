// Every view says the same about a ticket's deadlines: show, list, sla --overdue, the hand-over
// and --fail-on-overdue, through pauses, priority changes and a notice the client is owed.
import { describe, expect, it } from 'vitest';
import { dbExec, harness, type TestHarness } from '../helpers/context.ts';
import { openArgs } from '../helpers/fixtures.ts';

const EVROOPT = openArgs(
  ['--client', 'C-2022-0533', '--contact', 'Sergei Marchenko', '--service', 'BRS-L2-00098'],
  'Evroopt down',
); // standard-24x7 P1: response 30m, update 1h, restore 4h

async function breaches(h: TestHarness, now: string): Promise<string[]> {
  h.setNow(now);
  expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
  const r = JSON.parse(h.stdout()) as { breaches: { ticket: string; kind: string; status: string }[] };
  return r.breaches.map((b) => `${b.kind} ${b.status}`).sort();
}

/** Text output speaks words: no null, no question marks for unknowns, no TMF status names. */
function inWords(text: string) {
  expect(text).not.toMatch(/\bnull\b|\bundefined\b|inProgress| \? |\?\)/);
}

describe('pauses never hide a breach', () => {
  it('pending after the restore deadline: still breached everywhere, exit 3, and not moved on resume', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT); // restore due 13:00
    await h.run(['take', '1']);
    h.setNow('2026-11-25T09:30:00Z');
    await h.run(['log', '1', 'call', 'told Sergei', '--outcome', 'reached']); // update due 10:30
    h.setNow('2026-11-25T13:30:00Z');
    expect(await h.run(['pending', '1', '--reason', 'waiting for site access', '--until', '+3h'])).toBe(0);
    expect(h.stdout()).toBe(
      'HD-000001: pending (waiting for site access); the deadlines still ahead are paused; already overdue, and still counted: client update, restore.\n',
    );
    expect(await breaches(h, '2026-11-25T14:00:00Z')).toEqual(['restore pending', 'update pending']);
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue'])).toBe(3);
    expect(await h.run(['sla', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).overdue.restore.P1).toBe(1);

    expect(await h.run(['show', '1'])).toBe(0);
    const show = h.stdout();
    expect(show).toMatch(/Restore\s+2026-11-25 16:00 {2}OVERDUE by 1h \(pending does not pause it\)/);
    expect(show).toMatch(
      /Pending\s+waiting since 2026-11-25 16:30, until 2026-11-25 19:30: waiting for site access/,
    );
    expect(show).toMatch(/ETA given to the client|Response/);
    inWords(show);
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).deadlines.restore).toMatchObject({ state: 'overdue', marginMinutes: 60 });

    expect(await h.run(['list'])).toBe(0);
    const row = h.stdout().trim().split('\n')[1]!.split('\t');
    expect(row[2]).toBe('pending');
    expect(row[6]).toBe('client update overdue, 2026-11-25T10:30:00.000Z');

    expect(await h.run(['handover'])).toBe(0);
    const handover = h.stdout();
    expect(handover).toContain('Breaches (2)');
    expect(handover).toContain('HD-000001 P1 (pending) restore overdue 1h');
    expect(handover).toContain('Pending (waiting, deadlines still ahead are paused) (1)');
    expect(handover).toContain(
      'HD-000001 P1 · Evroopt Logistics: waiting for site access — since 2026-11-25 16:30, until 2026-11-25 19:30',
    );
    inWords(handover);
    expect(await h.run(['handover', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).pending).toEqual([
      expect.objectContaining({
        ticket: 'HD-000001',
        reason: 'waiting for site access',
        since: '2026-11-25T13:30:00.000Z',
        until: '2026-11-25T16:30:00.000Z',
      }),
    ]);

    // Resumed at 15:00: the restore deadline had passed before the pause, so it does not move.
    h.setNow('2026-11-25T15:00:00Z');
    expect(await h.run(['resume', '1'])).toBe(0);
    expect(h.stdout()).toBe('HD-000001: back in progress; restore overdue since 2026-11-25 16:00.\n');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.deadlines.restore.due).toBe('2026-11-25T13:00:00.000Z');
    expect(t.deadlines.update.due).toBe('2026-11-25T10:30:00.000Z'); // still owed
    expect(t.pausedMinutes).toBe(90);
  });

  it('pending before the deadlines: paused in every view, moved by the pause on resume', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(['take', '1']); // update due 10:00
    h.setNow('2026-11-25T09:50:00Z');
    await h.run(['pending', '1', '--reason', 'power outage at the site']);
    expect(h.stdout()).toBe(
      'HD-000001: pending (power outage at the site); the deadlines still ahead are paused.\n',
    );
    expect(await breaches(h, '2026-11-25T14:00:00Z')).toEqual([]);
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue'])).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/Restore\s+2026-11-25 16:00 {2}paused while pending, 3h10m left/);
    // The client update still ahead is paused too, not hidden.
    expect(h.stdout()).toMatch(/Client update\s+2026-11-25 13:00 {2}paused while pending, 10m left/);
    expect(h.stdout()).toContain('no end date set: power outage at the site');
    expect(h.stdout()).toMatch(/Time pending\s+0m before this wait, which began 2026-11-25 12:50/);
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).deadlines).toMatchObject({
      update: { state: 'paused', marginMinutes: 10 },
      restore: { state: 'paused', marginMinutes: 190 },
    });
    h.setNow('2026-11-25T14:00:00Z');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).deadlines.restore.marginMinutes).toBe(190); // not counted down while paused
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout().trim().split('\n')[1]!.split('\t')[6]).toBe('paused: pending');
    h.setNow('2026-11-25T14:50:00Z');
    expect(await h.run(['resume', '1'])).toBe(0); // 5h pending
    expect(h.stdout()).toBe('HD-000001: back in progress; restore now due 2026-11-25 21:00.\n');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.deadlines.restore.due).toBe('2026-11-25T18:00:00.000Z');
    expect(t.deadlines.update.due).toBe('2026-11-25T15:50:00.000Z');
    expect(await breaches(h, '2026-11-25T17:59:00Z')).toEqual(['update inProgress']);
    expect(await breaches(h, '2026-11-25T18:01:00Z')).toEqual(['restore inProgress', 'update inProgress']);
  });
});

describe('a priority change after a pause', () => {
  it('no false breach of the client update right after a resume', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run([...EVROOPT, '--priority', 'P2', '--priority-reason', 'one site only']); // update 2h
    h.setNow('2026-11-25T09:15:00Z');
    await h.run(['take', '1']);
    h.setNow('2026-11-25T09:30:00Z');
    await h.run(['log', '1', 'call', 'told Sergei', '--outcome', 'reached']);
    h.setNow('2026-11-25T10:00:00Z');
    await h.run(['pending', '1', '--reason', 'client closed for the night']);
    h.setNow('2026-11-26T06:00:00Z');
    await h.run(['resume', '1']); // 20h pending; update due 08:00
    h.setNow('2026-11-26T06:05:00Z');
    expect(await h.run(['priority', '1', 'P1', '--reason', 'whole warehouse down', '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    // One P1 interval (1h) after the resume, not after the 09:30 call (which would be 19h late).
    expect(t.deadlines.update).toMatchObject({ due: '2026-11-26T07:00:00.000Z', state: 'due' });
    // The paused 20h is kept for the restore: 09:00 + 4h + 20h.
    expect(t.deadlines.restore.due).toBe('2026-11-26T09:00:00.000Z');
    expect(await breaches(h, '2026-11-26T06:10:00Z')).toEqual([]);
  });
});

describe('client not yet told', () => {
  it('is a deadline in every view, labelled with what is owed', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(['take', '1']);
    // Another part of hd sets these when an ETA is given and nobody reached the client.
    await dbExec(
      h.store,
      "UPDATE tickets SET tell_due = ?, tell_kind = 'eta', tell_since = ? WHERE id = 1",
      Date.parse('2026-11-25T09:20:00Z'),
      Date.parse('2026-11-25T09:05:00Z'),
    );
    h.setNow('2026-11-25T09:30:00Z');
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).breaches).toEqual([
      expect.objectContaining({
        kind: 'told',
        what: 'client not yet told: the ETA',
        lateMinutes: 10,
        nextAction:
          'call the client to tell them the ETA: it was due 10m ago (hd notify 1 … / hd log 1 call … --outcome reached)',
      }),
    ]);
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/Client not yet told: the ETA\s+2026-11-25 12:20 {2}OVERDUE by 10m/);
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout()).toContain('client not yet told: the ETA overdue');
    expect(await h.run(['handover'])).toBe(0);
    expect(h.stdout()).toContain('HD-000001 P1 client not yet told: the ETA overdue 10m');
    expect(await h.run(['sla'])).toBe(0);
    expect(h.stdout()).toMatch(/client not yet told\s+1/);
  });
});

describe('views say the truth in words', () => {
  it('a cancelled ticket is not listed or shown as closed', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(EVROOPT);
    await h.run(EVROOPT);
    h.setNow('2026-11-25T09:10:00Z');
    await h.run(['cancel', '2', '--reason', 'opened twice', '--duplicate-of', '1']);
    expect(await h.run(['show', '2'])).toBe(0);
    expect(h.stdout()).toMatch(/Cancelled\s+2026-11-25 12:10/);
    expect(h.stdout()).not.toContain('Closed');
    inWords(h.stdout());
    expect(await h.run(['handover', '--json'])).toBe(0);
    const r = JSON.parse(h.stdout());
    expect(r.closed).toEqual([]);
    expect(r.cancelled.map((t: { ticket: string }) => t.ticket)).toEqual(['HD-000002']);
    expect(await h.run(['handover'])).toBe(0);
    expect(h.stdout()).toContain('Closed this shift (0)');
    expect(h.stdout()).toContain('Cancelled this shift (1)');
  });

  it.each([['in progress'], ['in-progress'], ['inProgress'], ['acknowledged,in progress']])(
    'hd list --status %j takes the words it shows as well as the TMF names',
    async (given) => {
      const h = await harness({ now: '2026-11-25T09:00:00Z' });
      await h.run(EVROOPT);
      await h.run(EVROOPT);
      await h.run(['take', '1']);
      expect(await h.run(['list', '--status', given, '--json'])).toBe(0);
      const numbers = JSON.parse(h.stdout()).map((t: { number: string }) => t.number);
      expect(numbers.sort()).toEqual(given.includes(',') ? ['HD-000001', 'HD-000002'] : ['HD-000001']);
    },
  );

  it('hd list with no match offers --all only when it was not given', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(['list', '--client', 'C-2021-0147'])).toBe(0);
    expect(h.stderr()).toBe('No tickets match. (hd list shows open tickets; add --all for closed ones.)\n');
    expect(await h.run(['list', '--client', 'C-2021-0147', '--all'])).toBe(0);
    expect(h.stderr()).toBe('No tickets match, closed and cancelled ones included.\n');
  });

  it('hd list --status: an unknown status is named, with the words it takes', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(['list', '--status', 'in progres'])).toBe(2);
    expect(h.stderr()).toContain(
      'Unknown status "in progres". --status takes one of: acknowledged, in progress, pending, resolved, closed, cancelled',
    );
  });

  it('statuses in words, and hd list says how many more there are beyond its limit', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    for (let i = 0; i < 3; i++) await h.run(EVROOPT);
    await h.run(['take', '1']);
    expect(await h.run(['list', '--limit', '2'])).toBe(0);
    const lines = h.stdout().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes('\tin progress\t'))).toBe(true);
    inWords(h.stdout());
    expect(h.stderr()).toBe('… and 1 more ticket (3 match). --limit 0 lists them all.\n');
    expect(await h.run(['list', '--limit', '2', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())[0].status).toMatch(/inProgress|acknowledged/);
    expect(h.stderr()).toContain('… and 1 more ticket');
    expect(await h.run(['list', '--limit', '3'])).toBe(0);
    expect(h.stderr()).toBe('');
    // 0 lists every one, as in hd sla --overdue --limit 0.
    expect(await h.run(['list', '--all', '--limit', '0'])).toBe(0);
    expect(h.stdout().trim().split('\n')).toHaveLength(4);
    expect(h.stderr()).toBe('');
    expect(await h.run(['list', '--limit', '0', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toHaveLength(3);
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/^HD-000001 {2}in progress {2}P1/);
    inWords(h.stdout());
  });
});

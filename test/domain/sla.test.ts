import { describe, expect, it } from 'vitest';
import profiles from '../../data/profiles.json' with { type: 'json' };
import { always, loadCalendar } from '../../src/domain/calendar.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import { deadlineViews, nextUpdateDue, resolutionDeadlines } from '../../src/domain/sla.ts';
import type { Ticket } from '../../src/domain/types.ts';

const H = 3_600_000;
const M = 60_000;
const standard = parseProfile(profiles[0]);
const business = parseProfile(profiles[2]);
const minsk = (local: string) => new Date(`${local}+03:00`).getTime();

describe('resolution deadlines', () => {
  it('24x7 P1: response 30m, restore 4h from the opening', () => {
    const opened = minsk('2026-11-25T23:00');
    const d = resolutionDeadlines({ openedAt: opened, targets: standard.targets.P1, pausedMs: 0 }, always);
    expect(d.response - opened).toBe(30 * M);
    expect(d.restore - opened).toBe(4 * H);
    expect(d.onsite! - opened).toBe(4 * H);
    expect(d.hardware! - opened).toBe(6 * H);
  });

  it('a pause moves restore, on-site and hardware but not response', () => {
    const opened = minsk('2026-11-25T10:00');
    const d = resolutionDeadlines(
      { openedAt: opened, targets: standard.targets.P2, pausedMs: 90 * M },
      always,
    );
    expect(d.response - opened).toBe(1 * H);
    expect(d.restore - opened).toBe(8 * H + 90 * M);
  });

  it('business hours P1 opened Friday 16:00: restore 8 business hours → Monday 15:00', async () => {
    const cal = await loadCalendar(business.coverage);
    const d = resolutionDeadlines(
      { openedAt: minsk('2026-11-27T16:00'), targets: business.targets.P1, pausedMs: 0 },
      cal,
    );
    expect(d.response).toBe(minsk('2026-11-27T17:00'));
    expect(d.restore).toBe(minsk('2026-11-30T15:00'));
  });

  it('a business pause spanning a night moves restore by its business time only', async () => {
    const cal = await loadCalendar(business.coverage);
    const opened = minsk('2026-11-25T10:00');
    const paused = cal.between(minsk('2026-11-25T17:00'), minsk('2026-11-26T10:00')); // 2 business hours
    expect(paused).toBe(2 * H);
    const d = resolutionDeadlines({ openedAt: opened, targets: business.targets.P2, pausedMs: paused }, cal);
    // 18h + 2h of business time from Wed 10:00: Wed 8h, Thu 9h, Fri 3h → Fri 12:00.
    expect(d.restore).toBe(minsk('2026-11-27T12:00'));
  });

  it('a priority change after a pause recomputes from the opening and keeps the pause', () => {
    const opened = minsk('2026-11-25T10:00');
    const pausedMs = 45 * M;
    const asP3 = resolutionDeadlines({ openedAt: opened, targets: standard.targets.P3, pausedMs }, always);
    const asP1 = resolutionDeadlines({ openedAt: opened, targets: standard.targets.P1, pausedMs }, always);
    expect(asP3.restore - opened).toBe(24 * H + pausedMs);
    expect(asP1.restore - opened).toBe(4 * H + pausedMs);
  });

  it('the next client update is one interval after the last one', () => {
    expect(nextUpdateDue(minsk('2026-11-25T10:00'), standard.targets.P1, always)).toBe(
      minsk('2026-11-25T11:00'),
    );
  });
});

describe('deadline views', () => {
  const base = {
    status: 'inProgress',
    respondedAt: null,
    restoredAt: null,
    onsiteAt: null,
    hardwareAt: null,
    closedAt: null,
    deadlines: { response: 1000, update: null, restore: 5000, onsite: null, hardware: null, confirm: null },
  } as unknown as Ticket;

  it('due, overdue, met, missed and paused', () => {
    expect(deadlineViews(base, 500).map((v) => [v.kind, v.state, v.margin])).toEqual([
      ['response', 'due', 500],
      ['restore', 'due', 4500],
    ]);
    expect(deadlineViews(base, 1500)[0]).toMatchObject({ kind: 'response', state: 'overdue', margin: 500 });
    expect(deadlineViews({ ...base, respondedAt: 900 }, 1500)[0]).toMatchObject({
      state: 'met',
      margin: 100,
    });
    expect(deadlineViews({ ...base, respondedAt: 1200 }, 1500)[0]).toMatchObject({
      state: 'missed',
      margin: 200,
    });
    expect(deadlineViews({ ...base, status: 'pending' }, 6000)[1]).toMatchObject({
      kind: 'restore',
      state: 'paused',
    });
  });

  it('a closed ticket shows only what was met or missed', () => {
    expect(deadlineViews({ ...base, status: 'closed', respondedAt: 900 }, 9000).map((v) => v.kind)).toEqual([
      'response',
    ]);
  });
});

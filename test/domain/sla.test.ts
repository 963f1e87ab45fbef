import { describe, expect, it } from 'vitest';
import profiles from '../../data/profiles.json' with { type: 'json' };
import { always, loadCalendar } from '../../src/domain/calendar.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import {
  callMeetsResponse,
  nextUpdateDue,
  resolutionDeadlines,
  responsePatch,
} from '../../src/domain/sla.ts';

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

describe('the response (call-back)', () => {
  it.each([
    ['out', 'reached', true],
    ['out', 'no-answer', false],
    ['out', 'busy', false],
    ['out', 'voicemail', false],
    ['out', 'wrong-number', false],
    ['in', 'reached', false],
  ])('a call %s, %s, meets it: %s', (direction, outcome, meets) => {
    expect(callMeetsResponse(direction, outcome)).toBe(meets);
  });

  const ticket = {
    status: 'inProgress' as const,
    targets: standard.targets.P1,
    respondedAt: null,
    deadlines: { update: null },
  };
  const now = minsk('2026-11-25T10:00');

  it.each([
    ['met now: the update clock starts', ticket, { respondedAt: now, deadlines: { update: now + 1 * H } }],
    ['already met: nothing changes', { ...ticket, respondedAt: now - H }, {}],
    [
      'the update clock already runs: kept',
      { ...ticket, deadlines: { update: now + 5 * M } },
      { respondedAt: now },
    ],
  ])('%s', (_what, t, patch) => {
    expect(responsePatch(t as never, now, always)).toEqual(patch);
  });
});

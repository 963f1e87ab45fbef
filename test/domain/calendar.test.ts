import { describe, expect, it } from 'vitest';
import { always, businessCalendar, loadCalendar } from '../../src/domain/calendar.ts';
import type { CoverageBusiness } from '../../src/domain/types.ts';

const H = 3_600_000;
const business: CoverageBusiness = {
  type: 'business',
  timezone: 'Europe/Minsk',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: 'BY',
  extraWorkingDays: ['2026-01-10'],
  extraNonWorkingDays: ['2026-01-02'],
};
/** Minsk is UTC+3 all year. */
const minsk = (local: string) => new Date(`${local}+03:00`).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe('24x7', () => {
  it('counts every hour, holidays included', () => {
    expect(iso(always.add(minsk('2026-01-06T22:00'), 4 * H))).toBe(iso(minsk('2026-01-07T02:00')));
    expect(always.between(minsk('2026-01-06T22:00'), minsk('2026-01-07T02:00'))).toBe(4 * H);
  });
});

describe('business hours with Belarus holidays', async () => {
  const cal = await loadCalendar(business);
  it.each([
    ['inside one day', '2026-11-25T10:00', 4, '2026-11-25T14:00'],
    ['ends exactly at closing time', '2026-11-25T14:00', 4, '2026-11-25T18:00'],
    ['rolls into the next morning', '2026-11-25T16:00', 4, '2026-11-26T11:00'],
    ['opened at night starts at 09:00', '2026-11-25T23:30', 1, '2026-11-26T10:00'],
    ['across a weekend', '2026-11-27T16:00', 4, '2026-11-30T11:00'],
    ['opened on Saturday', '2026-11-28T12:00', 2, '2026-11-30T11:00'],
    ['across 7 January (Orthodox Christmas)', '2026-01-06T16:00', 4, '2026-01-08T11:00'],
    ['across 3 July (Independence Day, a Friday)', '2026-07-02T17:00', 2, '2026-07-06T10:00'],
    ['across a decree day off (2 January)', '2026-01-01T10:00', 1, '2026-01-05T10:00'],
    ['onto a decree-moved working Saturday (10 January)', '2026-01-09T17:00', 2, '2026-01-10T10:00'],
    ['a whole working day', '2026-11-25T09:00', 9, '2026-11-25T18:00'],
  ])('%s', (_name, start, hours, expected) => {
    expect(iso(cal.add(minsk(start), hours * H))).toBe(iso(minsk(expected)));
  });

  it('measures service time between two moments (a pause spanning a night)', () => {
    expect(cal.between(minsk('2026-11-25T17:00'), minsk('2026-11-26T10:30'))).toBe(2.5 * H);
    expect(cal.between(minsk('2026-11-27T17:00'), minsk('2026-11-30T09:30'))).toBe(1.5 * H);
    expect(cal.between(minsk('2026-11-26T10:30'), minsk('2026-11-25T17:00'))).toBe(0);
  });

  it('add and between agree', () => {
    const start = minsk('2026-12-30T15:00');
    const end = cal.add(start, 20 * H);
    expect(cal.between(start, end)).toBe(20 * H);
  });

  it('without a holiday country, 7 January is an ordinary Wednesday', () => {
    const plain = businessCalendar({ ...business, holidays: null }, () => false);
    expect(iso(plain.add(minsk('2026-01-06T16:00'), 4 * H))).toBe(iso(minsk('2026-01-07T11:00')));
  });
});

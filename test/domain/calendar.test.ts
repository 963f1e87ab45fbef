import { describe, expect, it } from 'vitest';
import { holidayRulesData } from '../../src/data.ts';
import { always, businessCalendar, loadCalendar, ruledHoliday } from '../../src/domain/calendar.ts';
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
  extraNonWorkingDays: ['2026-11-06'],
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
    ['across a decree day off (6 November, Friday)', '2026-11-05T17:00', 2, '2026-11-09T10:00'],
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

describe('2 January is a public holiday in Belarus from 2020 on (data/holidays.json)', async () => {
  const plain: CoverageBusiness = { ...business, extraWorkingDays: [], extraNonWorkingDays: [] };
  const cal = await loadCalendar(plain);
  it.each([
    ['31 Dec 2025 (Wed) 16:30: skips 1-2 Jan and the weekend', '2025-12-31T16:30', 4, '2026-01-05T11:30'],
    ['31 Dec 2026 (Thu) 16:00: 2 Jan is a Saturday anyway', '2026-12-31T16:00', 4, '2027-01-04T11:00'],
    ['31 Dec 2019 (Tue) 16:00: the first year of the rule', '2019-12-31T16:00', 4, '2020-01-03T11:00'],
    ['31 Dec 2018 (Mon) 16:00: before the rule, 2 Jan was worked', '2018-12-31T16:00', 4, '2019-01-02T11:00'],
    ['31 Dec 2029 (Mon) 16:00: a rule, not a list of years', '2029-12-31T16:00', 4, '2030-01-03T11:00'],
    ['opened on 2 Jan 2026 itself starts on Monday', '2026-01-02T10:00', 1, '2026-01-05T10:00'],
  ])('%s', (_name, start, hours, expected) => {
    expect(iso(cal.add(minsk(start), hours * H))).toBe(iso(minsk(expected)));
  });

  it('counts no service time on 1 and 2 January', () => {
    expect(cal.between(minsk('2025-12-31T17:00'), minsk('2026-01-05T10:00'))).toBe(2 * H);
    expect(cal.between(minsk('2026-01-02T09:00'), minsk('2026-01-02T18:00'))).toBe(0);
  });

  it('24x7 counts 1 and 2 January like any other day', async () => {
    const round = await loadCalendar({ type: '24x7', timezone: 'Europe/Minsk' });
    expect(iso(round.add(minsk('2025-12-31T16:30'), 4 * H))).toBe(iso(minsk('2025-12-31T20:30')));
  });

  it('the rule is data, with its source, for BY only', () => {
    const rules = holidayRulesData();
    expect(rules.BY).toEqual([
      expect.objectContaining({ date: '01-02', since: 2020, source: expect.stringMatching(/№ 157.*2020/s) }),
    ]);
    expect(Object.keys(rules)).toEqual(['BY']);
  });

  const since2020 = ruledHoliday([{ date: '01-02', since: 2020, name: 'New Year', source: 'law' }]);
  const until2029 = ruledHoliday([
    { date: '01-02', since: 2020, until: 2029, name: 'New Year', source: 'law' },
  ]);
  it.each([
    ['2019-01-02', false, false],
    ['2020-01-02', true, true],
    ['2029-01-02', true, true],
    ['2030-01-02', true, false],
    ['2041-01-02', true, false],
    ['2026-01-03', false, false],
    ['2026-02-01', false, false],
  ])('ruledHoliday %s: since 2020 → %s, until 2029 → %s', (key, open, bounded) => {
    expect(since2020(key)).toBe(open);
    expect(until2029(key)).toBe(bounded);
  });
});

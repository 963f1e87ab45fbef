import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/domain/types.ts';
import { formatTarget, russianPlural, workingDayMinutes } from '../../src/ui/targets.ts';

const H = 3_600_000;
const M = 60_000;
const allDay: Coverage = { type: '24x7', timezone: 'Europe/Minsk' };
const business = (start: string, end: string): Coverage => ({
  type: 'business',
  timezone: 'Europe/Minsk',
  days: [1, 2, 3, 4, 5],
  start,
  end,
  holidays: 'BY',
  extraWorkingDays: [],
  extraNonWorkingDays: [],
});
const nineToSix = business('09:00', '18:00');

describe('business-hours targets as working hours and days (09:00–18:00: a working day is 9h)', () => {
  it.each([
    [27 * H, '27 working hours (3 working days)', '27 рабочих часов (3 рабочих дня)'],
    [9 * H, '9 working hours (1 working day)', '9 рабочих часов (1 рабочий день)'],
    [45 * H, '45 working hours (5 working days)', '45 рабочих часов (5 рабочих дней)'],
    [90 * H, '90 working hours (10 working days)', '90 рабочих часов (10 рабочих дней)'],
    [18 * H, '18 working hours (2 working days)', '18 рабочих часов (2 рабочих дня)'],
    [1 * H, '1 working hour', '1 рабочий час'],
    [2 * H, '2 working hours', '2 рабочих часа'],
    [8 * H, '8 working hours', '8 рабочих часов'],
    [30 * M, '30 working minutes', '30 рабочих минут'],
    [1 * M, '1 working minute', '1 рабочая минута'],
    [90 * M, '1 working hour 30 minutes', '1 рабочий час 30 минут'],
    // `1d` in a business profile is 24 working hours, not a working day: the words say so.
    [
      24 * H,
      '24 working hours (2 working days and 6 working hours)',
      '24 рабочих часа (2 рабочих дня и 6 рабочих часов)',
    ],
    [
      48 * H,
      '48 working hours (5 working days and 3 working hours)',
      '48 рабочих часов (5 рабочих дней и 3 рабочих часа)',
    ],
    [
      21 * H,
      '21 working hours (2 working days and 3 working hours)',
      '21 рабочий час (2 рабочих дня и 3 рабочих часа)',
    ],
  ])('%i ms: %s / %s', (ms, en, ru) => {
    expect(formatTarget(ms, nineToSix, 'en')).toBe(en);
    expect(formatTarget(ms, nineToSix, 'ru')).toBe(ru);
  });

  it('the working day is the profile’s own', () => {
    expect(workingDayMinutes(nineToSix)).toBe(540);
    expect(workingDayMinutes(business('08:00', '16:30'))).toBe(510);
    expect(formatTarget(17 * H, business('08:00', '16:30'), 'ru')).toBe('17 рабочих часов (2 рабочих дня)');
    expect(formatTarget(8 * H, business('08:00', '16:00'), 'en')).toBe('8 working hours (1 working day)');
    expect(workingDayMinutes(allDay)).toBeNull();
  });
});

describe('24x7 targets as hours, and days of 24 hours', () => {
  it.each([
    [30 * M, '30 minutes', '30 минут'],
    [1 * H, '1 hour', '1 час'],
    [4 * H, '4 hours', '4 часа'],
    [12 * H, '12 hours', '12 часов'],
    [90 * M, '1 hour 30 minutes', '1 час 30 минут'],
    [24 * H, '24 hours (1 day)', '24 часа (1 сутки)'],
    [72 * H, '72 hours (3 days)', '72 часа (3 суток)'],
    [120 * H, '120 hours (5 days)', '120 часов (5 суток)'],
    [27 * H, '27 hours (1 day and 3 hours)', '27 часов (1 сутки и 3 часа)'],
  ])('%i ms: %s / %s', (ms, en, ru) => {
    expect(formatTarget(ms, allDay, 'en')).toBe(en);
    expect(formatTarget(ms, allDay, 'ru')).toBe(ru);
  });
});

describe('Russian plurals', () => {
  it.each([
    [1, 'час'],
    [2, 'часа'],
    [4, 'часа'],
    [5, 'часов'],
    [11, 'часов'],
    [12, 'часов'],
    [14, 'часов'],
    [21, 'час'],
    [22, 'часа'],
    [25, 'часов'],
    [111, 'часов'],
    [101, 'час'],
    [0, 'часов'],
  ])('%i %s', (n, word) => expect(russianPlural(n, 'час', 'часа', 'часов')).toBe(word));
});

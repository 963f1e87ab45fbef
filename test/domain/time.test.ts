import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS } from '../../src/domain/limits.ts';
import {
  DURATION_EXAMPLES,
  formatDuration,
  laterByTheMinute,
  parseDuration,
  parseIsoInstant,
  parseWhen,
  TIME_EXAMPLES,
} from '../../src/domain/time.ts';

const now = new Date('2026-11-25T09:00:00Z'); // 12:00 in Minsk (UTC+3)
const tz = 'Europe/Minsk';

describe('parseDuration', () => {
  it.each([
    ['45m', 45 * 60_000],
    ['2h', 2 * 3_600_000],
    ['1d4h', 28 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['90s', 90_000],
    [' 3H ', 3 * 3_600_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '45', 'abc', '-2h', '2h-', '1.5h', 'h'])('refuses "%s" with a hint', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration.*45m, 2h, 1d4h/);
  });

  it('formats back', () => {
    expect(formatDuration(90 * 60_000)).toBe('1h30m');
    expect(formatDuration(26 * 3_600_000)).toBe('1d2h');
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(20_000)).toBe('<1m');
    expect(formatDuration(-15 * 60_000)).toBe('-15m');
  });
});

describe('parseWhen (in Europe/Minsk, now = 12:00 local)', () => {
  it.each([
    ['18:30', '2026-11-25T15:30:00.000Z'],
    ['today 18:30', '2026-11-25T15:30:00.000Z'],
    ['tomorrow 09:00', '2026-11-26T06:00:00.000Z'],
    ['+3h', '2026-11-25T12:00:00.000Z'],
    ['in 45m', '2026-11-25T09:45:00.000Z'],
    ['2026-11-27T10:00', '2026-11-27T07:00:00.000Z'],
    ['2026-11-27 10:00', '2026-11-27T07:00:00.000Z'],
    ['2026-11-27', '2026-11-26T21:00:00.000Z'],
    ['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27T10:00+01:00', '2026-11-27T09:00:00.000Z'],
    ['now', '2026-11-25T09:00:00.000Z'],
  ])('%s', (text, expected) => expect(parseWhen(text, now, tz).toISOString()).toBe(expected));

  it('crosses midnight for "tomorrow" in the local zone, not UTC', () => {
    const lateEvening = new Date('2026-11-25T22:30:00Z'); // 01:30 on the 26th in Minsk
    expect(parseWhen('tomorrow 09:00', lateEvening, tz).toISOString()).toBe('2026-11-27T06:00:00.000Z');
  });

  it.each(['25:00', 'soon', 'tomorrow at noon', '18-30', ''])('refuses "%s"', (text) => {
    expect(() => parseWhen(text, now, tz)).toThrow(/not a time/);
  });
});

describe('calendar-valid times only, with or without an offset', () => {
  it.each([
    ['2026-02-30', /2026-02 has 28 days, not 30/],
    ['2026-02-30T10:00+03:00', /2026-02 has 28 days, not 30/],
    ['2028-02-30T10:00Z', /2028-02 has 29 days, not 30/],
    ['2026-04-31 10:00', /2026-04 has 30 days, not 31/],
    ['2026-01-00', /has 31 days, not 00/],
    ['2026-13-01', /there is no month 13/],
    ['2026-00-10', /there is no month 00/],
    ['2026-11-25T24:00', /the hour 24 is past 23/],
    ['2026-11-25T25:00Z', /the hour 25 is past 23/],
    ['2026-11-25T10:60', /the minute 60 is past 59/],
    ['2026-11-25T10:00:99', /the second 99 is past 59/],
    ['2026-11-25T10:00:60+03:00', /the second 60 is past 59/],
    ['2026-11-25T10:00+15:00', /not a UTC offset/],
    ['2026-11-25T10:00+03:75', /not a UTC offset/],
    ['1899-12-30T23:59Z', /years 1900 to 9999/],
    ['0000-01-01', /years 1900 to 9999/],
    ['0099-06-01T10:00', /years 1900 to 9999/],
    // Shown in UTC+14 it would be the year 10000; in UTC−12, 1899.
    ['9999-12-31T23:59', /outside the times hd keeps \(1900-01-02T00:00Z to 9999-12-30T23:59Z/],
    ['9999-12-31T00:00Z', /1900-01-02T00:00Z to 9999-12-30T23:59Z/],
    ['1900-01-01T23:59Z', /1900-01-02T00:00Z to 9999-12-30T23:59Z/],
  ])('refuses %s', (text, message) => expect(() => parseWhen(text, now, tz)).toThrow(message));

  it.each([
    ['2028-02-29T10:00', '2028-02-29T07:00:00.000Z'],
    ['2026-11-25T10:00:59.5+03:00', '2026-11-25T07:00:59.500Z'],
    ['2026-11-25 10:00 +0300', '2026-11-25T07:00:00.000Z'],
    ['2026-11-25T10:00-05', '2026-11-25T15:00:00.000Z'],
    ['9999-12-30T23:59Z', '9999-12-30T23:59:00.000Z'],
    ['1900-01-03', '1900-01-02T22:10:00.000Z'], // Minsk Mean Time, UTC+1:50
  ])('takes %s', (text, expected) => expect(parseWhen(text, now, tz).toISOString()).toBe(expected));
});

describe('durations and relative times are bounded', () => {
  it('takes up to 3650d and refuses longer, by name', () => {
    expect(parseDuration('3650d')).toBe(MAX_DURATION_MS);
    expect(() => parseDuration('3651d')).toThrow(
      /"3651d" is longer than hd takes: a duration is at most 3650d/,
    );
    expect(() => parseDuration('99999999999d')).toThrow(/at most 3650d/);
    expect(() => parseDuration(`${'9'.repeat(400)}h`)).toThrow(/at most 3650d/);
    expect(() => parseWhen('+99999999999d', now, tz)).toThrow(/at most 3650d/);
  });

  it('a relative time past 9999 is refused, not turned into an invalid Date', () => {
    const late = new Date('9999-06-01T00:00:00Z');
    expect(() => parseWhen('+3650d', late, tz)).toThrow(/years 1900 to 9999/);
  });
});

describe('HD_NOW: strict ISO, read in HD_TZ without an offset', () => {
  it.each([
    ['2026-11-25T09:00:00Z', 'Europe/Minsk', '2026-11-25T09:00:00.000Z'],
    ['2026-11-25T12:00', 'Europe/Minsk', '2026-11-25T09:00:00.000Z'],
    ['2026-11-25T12:00', 'Asia/Tokyo', '2026-11-25T03:00:00.000Z'],
    ['2026-11-25', 'UTC', '2026-11-25T00:00:00.000Z'],
  ])('%s in %s', (text, zone, expected) => expect(parseIsoInstant(text, zone)?.toISOString()).toBe(expected));

  it.each(['now', 'tomorrow 09:00', '+3h', '18:30', '1764061200000', 'Wed, 25 Nov 2026 10:00:00 GMT', ''])(
    'refuses "%s"',
    (text) => expect(parseIsoInstant(text, tz)).toBeNull(),
  );
});

describe('every example an error message gives is accepted', () => {
  /** The error message thrown by fn. */
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };
  /** Durations, clock times, relative times, day words and ISO times quoted in a message. */
  const examplesIn = (text: string): string[] => {
    const found = [
      ...text.matchAll(/"((?:today|tomorrow|yesterday) \d{1,2}:\d{2})"/g),
      ...text.matchAll(/(?<![\d"-])(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?)/g),
      ...text.matchAll(/(?<=[\s(])(\+\d+[dhm])/g),
      ...text.matchAll(/(?<=[\s(])(\d{1,2}:\d{2})(?=[,.)\s])/g),
    ].map((m) => m[1]!);
    return [...new Set(found)];
  };

  it('the constants behind the messages parse', () => {
    for (const d of DURATION_EXAMPLES) expect(parseDuration(d)).toBeGreaterThan(0);
    for (const t of TIME_EXAMPLES) expect(parseWhen(t, now, tz)).toBeInstanceOf(Date);
  });

  it.each([
    ['not a time', () => parseWhen('soonish', now, tz)],
    ['not on the calendar', () => parseWhen('2026-02-30', now, tz)],
    ['out of range', () => parseWhen('1800-01-01', now, tz)],
    ['not a duration', () => parseDuration('soon')],
    ['too long', () => parseDuration('99999d')],
  ])('%s', (_label, fn) => {
    const text = message(fn);
    const times = examplesIn(text);
    const durations = text.match(/(?<=like |, )(\d+[dhm](?:\d+[hm])?)(?=[,.\s])/g) ?? [];
    expect(times.length + durations.length, text).toBeGreaterThan(0);
    for (const example of times) expect(() => parseWhen(example, now, tz), example).not.toThrow();
    for (const d of durations) expect(() => parseDuration(d), d).not.toThrow();
  });
});

describe('laterByTheMinute', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['2026-11-25T23:44:50Z', '2026-11-25T23:44:10Z', false],
    ['2026-11-25T23:44:10Z', '2026-11-25T23:44:10Z', false],
    ['2026-11-25T23:44:00Z', '2026-11-25T23:44:59Z', false],
    ['2026-11-25T23:43:59Z', '2026-11-25T23:44:00Z', false],
    ['2026-11-25T23:45:00Z', '2026-11-25T23:44:59Z', true],
    ['2026-11-25T23:45:10Z', '2026-11-25T23:44:10Z', true],
  ])('%s after %s: %s', (eta, current, later) => expect(laterByTheMinute(at(eta), at(current))).toBe(later));
});

import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseWhen } from '../../src/domain/time.ts';

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

  it.each(['25:00', '2026-02-30', 'soon', 'tomorrow at noon', '18-30', ''])('refuses "%s"', (text) => {
    expect(() => parseWhen(text, now, tz)).toThrow(/not a time/);
  });
});

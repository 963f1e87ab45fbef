import { afterEach, describe, expect, it } from 'vitest';
import { interfaceLanguage, isInterfaceLanguage } from '../../src/ui/lang.ts';
import { formatDay, formatSpan, formatTime, iso, relative, timeDisplay } from '../../src/ui/time.ts';

const at = Date.parse('2026-11-25T11:05:00Z'); // 14:05 in Minsk
const tz = 'Europe/Minsk';

describe('the interface language', () => {
  it.each([
    [{}, 'en'],
    [{ HD_LANG: 'ru' }, 'ru'],
    [{ HD_LANG: 'RU' }, 'ru'],
    [{ HD_LANG: 'en', LANG: 'ru_RU.UTF-8' }, 'en'],
    [{ HD_LANG: 'ru', LC_ALL: 'en_US.UTF-8' }, 'ru'],
    [{ LANG: 'ru_RU.UTF-8' }, 'ru'],
    [{ LANG: 'ru_BY.UTF-8' }, 'ru'],
    [{ LANG: 'ru' }, 'ru'],
    [{ LANG: 'be_BY.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'russian' }, 'en'],
    [{ LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'en_US.UTF-8' }, 'ru'],
    [{ LC_ALL: 'C', LC_MESSAGES: 'ru_RU.UTF-8' }, 'en'], // LC_ALL wins, as for every program
    [{ LC_ALL: 'ru_RU.UTF-8', LANG: 'C' }, 'ru'],
    [{ LC_ALL: '', LANG: 'ru_RU.UTF-8' }, 'ru'], // set but empty counts as unset
    [{ HD_LANG: '', LANG: 'ru_RU.UTF-8' }, 'ru'],
  ])('%j → %s', (env, lang) => expect(interfaceLanguage(env)).toBe(lang));

  it('HD_LANG takes ru and en, and locales of them', () => {
    for (const v of ['ru', 'en', 'ru_RU.UTF-8', 'EN']) expect(isInterfaceLanguage(v), v).toBe(true);
    for (const v of ['de', 'ру', 'russian', '']) expect(isInterfaceLanguage(v), v).toBe(false);
  });
});

describe('times for people, in both languages', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it.each([
    ['en', '2026-11-25 14:05', '2026-11-25'],
    ['ru', '25.11.2026 14:05', '25.11.2026'],
  ] as const)('%s: %s', (lang, time, day) => {
    expect(formatTime(at, tz, lang)).toBe(time);
    expect(formatDay(at, tz, lang)).toBe(day);
    // The same through the fast path main.ts sets up (TZ = HD_TZ, local getters).
    process.env.TZ = tz;
    expect(formatTime(at, tz, lang)).toBe(time);
    expect(formatDay(at, tz, lang)).toBe(day);
  });

  it('English stays the default, and none is a dash', () => {
    expect(formatTime(at, tz)).toBe('2026-11-25 14:05');
    expect(formatTime(null, tz, 'ru')).toBe('—');
    expect(formatDay(null, tz, 'ru')).toBe('—');
  });

  it('shows the local date across midnight and New Year', () => {
    expect(formatTime(Date.parse('2026-12-31T21:30:00Z'), tz, 'ru')).toBe('01.01.2027 00:30');
    expect(formatTime(Date.parse('2026-12-31T20:59:00Z'), tz, 'ru')).toBe('31.12.2026 23:59');
    expect(formatTime(Date.parse('2026-07-01T09:00:00Z'), tz, 'ru')).toBe('01.07.2026 12:00'); // UTC+3 in summer too
    expect(formatTime(Date.parse('2026-11-25T11:05:00Z'), 'Asia/Tokyo', 'ru')).toBe('25.11.2026 20:05');
  });

  it.each([
    [0, '0m', '0 мин'],
    [20_000, '<1m', '<1 мин'],
    [45 * 60_000, '45m', '45 мин'],
    [125 * 60_000, '2h5m', '2 ч 5 мин'],
    [26 * 3_600_000, '1d2h', '1 д 2 ч'],
    [-15 * 60_000, '-15m', '-15 мин'],
  ])('a span of %i ms is %s / %s', (ms, en, ru) => {
    expect(formatSpan(ms, 'en')).toBe(en);
    expect(formatSpan(ms, 'ru')).toBe(ru);
  });

  it.each([
    [at + 125 * 60_000, 'in 2h5m', 'через 2 ч 5 мин'],
    [at - 25 * 60_000, '25m ago', '25 мин назад'],
    [at + 20_000, 'now', 'сейчас'],
    [null, '—', '—'],
  ])('relative %s', (ms, en, ru) => {
    expect(relative(ms, at, 'en')).toBe(en);
    expect(relative(ms, at, 'ru')).toBe(ru);
  });

  it('timeDisplay binds the reader: HD_TZ and the language from the env', () => {
    const ru = timeDisplay({ timeZone: tz, env: { LANG: 'ru_RU.UTF-8' } });
    expect(ru.lang).toBe('ru');
    expect(ru.at(at)).toBe('25.11.2026 14:05');
    expect(ru.day(at)).toBe('25.11.2026');
    expect(ru.relative(at + 3_600_000, at)).toBe('через 1 ч');
    const en = timeDisplay({ timeZone: tz, env: {} });
    expect(en.at(at)).toBe('2026-11-25 14:05');
    expect(iso(at)).toBe('2026-11-25T11:05:00.000Z');
  });
});

// Time and duration refusals in the interface language (issue 15, points 1 and 2): in Russian
// they are Russian, and every example they quote is one that parses.
import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration, parseWhen } from '../../src/domain/time.ts';
import { setLanguage } from '../../src/i18n.ts';

const NOW = new Date('2026-11-25T07:00:00Z');
const TZ = 'Europe/Minsk';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

/** The quoted examples of a message ("…" or «…» are what the user typed, left out). */
const quotedExamples = (message: string) => [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);

afterEach(() => setLanguage('en'));

describe('time refusals in Russian', () => {
  it.each([
    ['непонятно', /не время\. Пишите так: 18:30, "завтра 10:00"/],
    ['25:10', /час 25 больше 23/],
    ['31.02 10:00', /такой даты нет: в феврале нет 31-го числа \(дней в месяце не больше 29\)/],
    ['29.02.2027 10:00', /в феврале 2027 нет 29-го числа \(дней в месяце: 28\)/],
    ['2027-04-31T10:00', /в апреле 2027 нет 31-го числа \(дней в месяце: 30\)/],
    ['2026-13-01T10:00', /месяца 13 нет/],
  ])('%s', (typed, wanted) => {
    setLanguage('ru');
    const message = refusal(() => parseWhen(typed, NOW, TZ, 'moment'));
    expect(message).toMatch(wanted);
    expect(message).not.toMatch(/ is not | Use /);
    for (const example of quotedExamples(message))
      expect(() => parseWhen(example, NOW, TZ, 'moment')).not.toThrow();
  });

  it('a day alone where an ETA needs a time quotes the same day with a time that works', () => {
    setLanguage('ru');
    const message = refusal(() => parseWhen('завтра', NOW, TZ, 'moment'));
    expect(message).toBe(
      '«завтра» — день без времени, а здесь нужно время: "завтра 10:00" (или 18:30, +2ч).',
    );
    expect(parseWhen('завтра 10:00', NOW, TZ, 'moment').toISOString()).toBe('2026-11-26T07:00:00.000Z');
    expect(parseWhen('+2ч', NOW, TZ, 'moment').getTime()).toBe(NOW.getTime() + 2 * 3_600_000);
  });

  it('a duration refusal quotes the Russian forms first, each of which parses', () => {
    setLanguage('ru');
    const message = refusal(() => parseDuration('скоро'));
    expect(message).toMatch(/^«скоро» — не длительность\. Пишите так: "90 мин", "1,5ч", "2д" или 45m/);
    for (const example of quotedExamples(message)) expect(parseDuration(example)).toBeGreaterThan(0);
  });

  it('in English the messages stay as they were', () => {
    expect(refusal(() => parseWhen('blah', NOW, TZ, 'moment'))).toMatch(/^"blah" is not a time\. Use 18:30/);
    expect(refusal(() => parseDuration('soon'))).toMatch(/^"soon" is not a duration\. Write it like 45m/);
  });
});

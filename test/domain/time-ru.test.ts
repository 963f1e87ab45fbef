// Times and durations as written in Minsk, beside the English forms: a fixed clock in Europe/Minsk
// (UTC+3 all year, no summer time since 2011).
import { describe, expect, it } from 'vitest';
import {
  DURATION_EXAMPLES_RU,
  isDuration,
  parseDuration,
  parseWhen,
  TIME_EXAMPLES,
} from '../../src/domain/time.ts';

const tz = 'Europe/Minsk';
const now = new Date('2026-11-25T09:00:00Z'); // Wednesday 25.11.2026 12:00 in Minsk
const at = (text: string, clock = now, need: 'moment' | 'day' = 'moment') =>
  parseWhen(text, clock, tz, need).toISOString();

describe('Russian durations', () => {
  it.each([
    ['2ч', 2 * 3_600_000],
    ['2 ч', 2 * 3_600_000],
    ['2 часа', 2 * 3_600_000],
    ['5 часов', 5 * 3_600_000],
    ['1 час', 3_600_000],
    ['час', 3_600_000],
    ['полчаса', 30 * 60_000],
    ['1,5ч', 90 * 60_000],
    ['1,5 часа', 90 * 60_000],
    ['0,25ч', 15 * 60_000],
    ['90 мин', 90 * 60_000],
    ['90мин', 90 * 60_000],
    ['30 минут', 30 * 60_000],
    ['1 минуту', 60_000],
    ['2 минуты', 2 * 60_000],
    ['2д', 2 * 86_400_000],
    ['1 день', 86_400_000],
    ['3 дня', 3 * 86_400_000],
    ['5 дней', 5 * 86_400_000],
    ['1,5д', 36 * 3_600_000],
    ['2 суток', 2 * 86_400_000],
    ['1д 4ч', 28 * 3_600_000],
    ['1ч 30мин', 90 * 60_000],
    ['1ч30мин', 90 * 60_000],
    ['1,5h', 90 * 60_000],
    ['2 hours', 2 * 3_600_000],
    ['45 min', 45 * 60_000],
    ['30 сек', 30_000],
    [' 2 ЧАСА ', 2 * 3_600_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['ч', '2', '2 попугая', '1.5ч', '-2ч', '30мин 1ч', '2ч 2ч', '1,ч', ',5ч', '2ч-'])(
    'refuses "%s", quoting examples in both languages',
    (text) =>
      expect(() => parseDuration(text)).toThrow(
        /not a duration\. Write it like 45m, 2h, 1d4h, 1h30m, or "90 мин", "1,5ч", "2д"\./,
      ),
  );

  it('a relative time that is not one quotes the examples with their plus', () => {
    expect(() => parseWhen('+2 попугая', now, tz)).toThrow(
      /"\+2 попугая" is not a time\. .*"\+90 мин", "\+1,5ч", "\+2д"/,
    );
  });

  it('the Russian examples parse', () => {
    for (const d of DURATION_EXAMPLES_RU) expect(parseDuration(d)).toBeGreaterThan(0);
  });

  it('is bounded like the English ones', () => {
    expect(parseDuration('3650д')).toBe(3650 * 86_400_000);
    expect(() => parseDuration('3651 дней')).toThrow(/at most 3650d/);
  });

  it('isDuration tells a duration from a time', () => {
    for (const d of ['12h', '7д', '1,5ч', '90 мин', 'час']) expect(isDuration(d), d).toBe(true);
    for (const t of ['14:00', '25.11', 'вчера', '2026-11-01', '12']) expect(isDuration(t), t).toBe(false);
  });
});

describe('times as written in Minsk (now: Wednesday 25.11.2026 12:00)', () => {
  it.each([
    // a date with the year, and without (this year: the nearest such date)
    ['25.11.2026 14:00', '2026-11-25T11:00:00.000Z'],
    ['27.11.2026 9:05', '2026-11-27T06:05:00.000Z'],
    ['27.11.26 09:00', '2026-11-27T06:00:00.000Z'],
    ['27.11 14:00', '2026-11-27T11:00:00.000Z'],
    ['27.11. 14:00', '2026-11-27T11:00:00.000Z'],
    ['1.12 8:00', '2026-12-01T05:00:00.000Z'],
    ['27.11 14.00', '2026-11-27T11:00:00.000Z'],
    ['14:00 27.11', '2026-11-27T11:00:00.000Z'],
    ['14.00 27.11', '2026-11-27T11:00:00.000Z'], // 14.00 cannot be a date
    // a time of day: today
    ['14:00', '2026-11-25T11:00:00.000Z'],
    ['14.00', '2026-11-25T11:00:00.000Z'],
    ['9:30', '2026-11-25T06:30:00.000Z'],
    ['12.10', '2026-11-25T09:10:00.000Z'], // 12:10, not 12 October: a day alone is no moment
    // day words
    ['сегодня 18:30', '2026-11-25T15:30:00.000Z'],
    ['Сегодня 18.30', '2026-11-25T15:30:00.000Z'],
    ['завтра 10:00', '2026-11-26T07:00:00.000Z'],
    ['завтра в 10:00', '2026-11-26T07:00:00.000Z'],
    ['10:00 завтра', '2026-11-26T07:00:00.000Z'],
    ['послезавтра 9:00', '2026-11-27T06:00:00.000Z'],
    ['вчера 23:10', '2026-11-24T20:10:00.000Z'],
    ['позавчера 08:00', '2026-11-23T05:00:00.000Z'],
    ['tomorrow at 09:00', '2026-11-26T06:00:00.000Z'],
    // weekdays: the next one after today
    ['пн 10:00', '2026-11-30T07:00:00.000Z'],
    ['вт 10:00', '2026-12-01T07:00:00.000Z'],
    ['ср 10:00', '2026-12-02T07:00:00.000Z'], // today is Wednesday: the next one, a week on
    ['чт 10:00', '2026-11-26T07:00:00.000Z'],
    ['пт 10:00', '2026-11-27T07:00:00.000Z'],
    ['сб 10:00', '2026-11-28T07:00:00.000Z'],
    ['вс 10:00', '2026-11-29T07:00:00.000Z'],
    ['понедельник 10:00', '2026-11-30T07:00:00.000Z'],
    ['вторник 10:00', '2026-12-01T07:00:00.000Z'],
    ['среда 10:00', '2026-12-02T07:00:00.000Z'],
    ['в среду 10:00', '2026-12-02T07:00:00.000Z'],
    ['четверг 10:00', '2026-11-26T07:00:00.000Z'],
    ['в пятницу в 10:00', '2026-11-27T07:00:00.000Z'],
    ['пятница 10:00', '2026-11-27T07:00:00.000Z'],
    ['суббота 10:00', '2026-11-28T07:00:00.000Z'],
    ['в субботу 10:00', '2026-11-28T07:00:00.000Z'],
    ['воскресенье 10:00', '2026-11-29T07:00:00.000Z'],
    ['mon 10:00', '2026-11-30T07:00:00.000Z'],
    ['friday 10:00', '2026-11-27T07:00:00.000Z'],
    // from now
    ['через 2 часа', '2026-11-25T11:00:00.000Z'],
    ['через 30 минут', '2026-11-25T09:30:00.000Z'],
    ['через час', '2026-11-25T10:00:00.000Z'],
    ['через полчаса', '2026-11-25T09:30:00.000Z'],
    ['через 1,5ч', '2026-11-25T10:30:00.000Z'],
    ['+1,5ч', '2026-11-25T10:30:00.000Z'],
    ['+90 мин', '2026-11-25T10:30:00.000Z'],
    ['+ 90 мин', '2026-11-25T10:30:00.000Z'],
    ['+2д', '2026-11-27T09:00:00.000Z'],
    ['in 2 hours', '2026-11-25T11:00:00.000Z'],
    ['сейчас', '2026-11-25T09:00:00.000Z'],
  ])('%s', (text, expected) => expect(at(text)).toBe(expected));

  it('reads the same in a day-only field when a time is given', () => {
    expect(at('завтра 10:00', now, 'day')).toBe('2026-11-26T07:00:00.000Z');
    expect(at('25.11.2026 14:00', now, 'day')).toBe('2026-11-25T11:00:00.000Z');
  });
});

describe('a day without a time', () => {
  it.each([
    ['завтра', 'завтра 10:00'],
    ['послезавтра', 'послезавтра 10:00'],
    ['пн', 'пн 10:00'],
    ['в пятницу', 'пятницу 10:00'],
    ['27.11', '27.11 10:00'],
    ['27.11.2026', '27.11.2026 10:00'],
    ['tomorrow', 'tomorrow 10:00'],
    ['2026-11-27', '2026-11-27 10:00'],
  ])('"%s" is refused where a moment is needed, quoting "%s"', (text, example) => {
    expect(() => at(text)).toThrow(`a time is needed: "${example}"`);
    // …and the example it quotes is taken.
    expect(() => at(example)).not.toThrow();
  });

  it.each([
    ['сегодня', '2026-11-24T21:00:00.000Z'],
    ['вчера', '2026-11-23T21:00:00.000Z'],
    ['послезавтра', '2026-11-26T21:00:00.000Z'],
    ['пн', '2026-11-29T21:00:00.000Z'],
    ['01.11.', '2026-10-31T21:00:00.000Z'],
    ['01.11.2026', '2026-10-31T21:00:00.000Z'],
    ['25.11.', '2026-11-24T21:00:00.000Z'],
    ['yesterday', '2026-11-23T21:00:00.000Z'],
    ['2026-11-01', '2026-10-31T21:00:00.000Z'],
  ])('"%s" is the start of that day where a day is enough', (text, expected) => {
    expect(at(text, now, 'day')).toBe(expected);
  });

  it('a lone 12.10 where a day would do is refused as ambiguous, naming both ways to write it', () => {
    expect(() => at('12.10', now, 'day')).toThrow(
      '"12.10" could be the time 12:10 or the date 12.10; write 12:10 for the time, or 12.10.2026 for the date.',
    );
    expect(at('12:10', now, 'day')).toBe('2026-11-25T09:10:00.000Z');
    expect(at('12.10.2026', now, 'day')).toBe('2026-10-11T21:00:00.000Z');
    expect(() => at('01.11', now, 'day')).toThrow(/could be the time 01:11 or the date 01\.11/);
    expect(at('01.11.', now, 'day')).toBe('2026-10-31T21:00:00.000Z');
  });
});

describe('across midnight and New Year', () => {
  const lateEvening = new Date('2026-11-25T21:30:00Z'); // 00:30 on Thursday 26.11 in Minsk
  it('"завтра" after local midnight is the day after the local date, not the UTC one', () => {
    expect(at('завтра 10:00', lateEvening)).toBe('2026-11-27T07:00:00.000Z');
    expect(at('сегодня 18:30', lateEvening)).toBe('2026-11-26T15:30:00.000Z');
    expect(at('14:00', lateEvening)).toBe('2026-11-26T11:00:00.000Z');
    expect(at('пт 10:00', lateEvening)).toBe('2026-11-27T07:00:00.000Z'); // Thursday now
    expect(at('чт 10:00', lateEvening)).toBe('2026-12-03T07:00:00.000Z');
  });

  const newYearsEve = new Date('2026-12-31T17:00:00Z'); // Thursday 31.12.2026 20:00 in Minsk
  it.each([
    ['01.01 10:00', '2027-01-01T07:00:00.000Z'],
    ['02.01 9:00', '2027-01-02T06:00:00.000Z'],
    ['завтра 10:00', '2027-01-01T07:00:00.000Z'],
    ['послезавтра 10:00', '2027-01-02T07:00:00.000Z'],
    ['пн 10:00', '2027-01-04T07:00:00.000Z'],
    ['через 5 часов', '2026-12-31T22:00:00.000Z'],
    ['+1д', '2027-01-01T17:00:00.000Z'],
    // a week back stays in this year: a report from it, or when service came back
    ['25.12 10:00', '2026-12-25T07:00:00.000Z'],
    ['31.12 23:59', '2026-12-31T20:59:00.000Z'],
    // half a year on is still ahead; further than that is last year's
    ['15.06 10:00', '2027-06-15T07:00:00.000Z'],
    ['15.07 10:00', '2026-07-15T07:00:00.000Z'],
  ])('on 31.12.2026 20:00, "%s" is %s', (text, expected) => expect(at(text, newYearsEve)).toBe(expected));

  it('after New Year, a December date is last December', () => {
    const january = new Date('2027-01-05T09:00:00Z');
    expect(at('25.12', january, 'day')).toBe('2026-12-24T21:00:00.000Z');
    expect(at('10.01 10:00', january)).toBe('2027-01-10T07:00:00.000Z');
  });

  it('29.02 without a year is the leap day nearest today, else it needs its year', () => {
    expect(at('29.02 10:00', new Date('2027-12-01T09:00:00Z'))).toBe('2028-02-29T07:00:00.000Z');
    expect(() => at('29.02 10:00', now)).toThrow(
      '"29.02 10:00" is not on the calendar near today; give the year, like 29.02.2028 10:00.',
    );
  });

  it('Minsk keeps UTC+3 in summer: no hour is skipped or doubled', () => {
    const summer = new Date('2026-03-29T09:00:00Z'); // the day Europe moves its clocks
    expect(at('завтра 02:30', summer)).toBe('2026-03-29T23:30:00.000Z');
    expect(at('25.10.2026 02:30')).toBe('2026-10-24T23:30:00.000Z');
  });
});

describe('refusals name the problem and quote forms that work', () => {
  it.each([
    ['25:00', /"25:00" is not a time: the hour 25 is past 23\./],
    ['завтра 25:00', /the hour 25 is past 23/],
    ['10.05 27.11', /the hour 27 is past 23/], // two dates: the first is the day, the second no time
    ['завтра 10:75', /the minute 75 is past 59/],
    [
      '31.11 10:00',
      /"31\.11 10:00" is not on the calendar: month 11 has 30 days, not 31\. Dates are day\.month, like 25\.11\.2026 14:00\./,
    ],
    ['29.02.2026 10:00', /02\.2026 has 28 days, not 29/],
    ['10.13 10:00', /there is no month 13/],
    ['завтра утром', /"завтра утром" is not a time\./],
    ['через', /not a time/],
    ['в', /not a time/],
    ['завтра 10:00 пн', /not a time/],
    ['пн завтра', /not a time/],
  ])('%s', (text, message) => expect(() => at(text)).toThrow(message));

  it('the generic refusal quotes English and Russian forms, each of which parses', () => {
    let message = '';
    try {
      at('когда-нибудь');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"завтра 10:00", "25.11.2026 14:00", "пн 10:00", "через 2 часа", "+1,5ч"');
    for (const example of TIME_EXAMPLES) {
      expect(message).toContain(example);
      expect(() => at(example), example).not.toThrow();
    }
  });
});

import { TZDateMini } from '@date-fns/tz';
import { UsageError } from '../errors.ts';
import { language, type MessageKey, t } from '../i18n.ts';
import { shown } from '../ui/text.ts';
import { EARLIEST_MS, LATEST_MS, MAX_DURATION_MS, TIME_RANGE } from './limits.ts';
import {
  BARE_DURATIONS,
  DAY_WORDS,
  type DurationUnit,
  JOINERS,
  UNIT_MS,
  UNITS,
  WEEKDAYS,
} from './time-words.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the duration messages suggest; test/domain/time.test.ts checks that each one parses. */
export const DURATION_EXAMPLES = ['45m', '2h', '1d4h', '1h30m'];
/** The Russian forms the duration messages also suggest (quoted: `1,5ч` holds a comma). */
export const DURATION_EXAMPLES_RU = ['90 мин', '1,5ч', '2д'];
/**
 * What the time messages suggest; test/domain/time.test.ts checks that each one parses. The first
 * four are the English forms (the fourth is ISO), the rest the Russian ones.
 */
export const TIME_EXAMPLES = [
  '18:30',
  'tomorrow 09:00',
  '+3h',
  '2026-11-25T18:30',
  'завтра 10:00',
  '25.11.2026 14:00',
  'пн 10:00',
  'через 2 часа',
  '+1,5ч',
];
/** The examples of a time, in the interface language: Russian forms first in Russian. */
function timeHint(): string {
  const quote = (e: string) => (e.includes(' ') ? `"${e}"` : e);
  const en = TIME_EXAMPLES.slice(0, 4);
  const ru = TIME_EXAMPLES.slice(4);
  return language() === 'ru'
    ? t('time.hint', {
        first: [en[0]!, ...ru].map(quote).join(', '),
        iso: en[3]!,
        other: en.slice(1, 3).map(quote).join(', '),
      })
    : t('time.hint', {
        first: `${en[0]}, "${en[1]}", ${en[2]}`,
        iso: en[3]!,
        other: ru.map((e) => `"${e}"`).join(', '),
      });
}

/** One number and its unit in a duration: `2h`, `2 часа`, `1,5ч`; the decimal separator is the comma. */
const DURATION_PART = /(\d+(?:,\d+)?)\s*([a-zа-я]+)\s*/y;

/** The duration `text` in milliseconds (not yet bounded), or null when it is not one. */
function readDuration(text: string): number | null {
  const input = normalise(text);
  if (input === '') return null;
  const bare = BARE_DURATIONS[input];
  if (bare !== undefined) return bare;
  const order: DurationUnit[] = ['d', 'h', 'm', 's'];
  let ms = 0;
  let last = -1;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < input.length) {
    const match = DURATION_PART.exec(input);
    if (!match) return null;
    const unit = UNITS[match[2]!];
    // Largest unit first, each once: `1d4h`, `1ч 30мин`; `30m1h` or `2h2h` is a typo.
    if (unit === undefined || order.indexOf(unit) <= last) return null;
    last = order.indexOf(unit);
    ms += Number(match[1]!.replace(',', '.')) * UNIT_MS[unit];
  }
  return Math.round(ms);
}

/**
 * `45m`, `2h`, `1d4h`, `1h30m`, `90s`, and as written in Russian `90 мин`, `1,5ч`, `2д`, `2 часа`,
 * `1ч 30мин`, `час`, `полчаса` → milliseconds; at most 10 years. A fraction takes the decimal comma
 * (`1,5ч`, `1,5h`); `1.5h` is refused, as before. `typed` is the whole value when the duration is
 * part of a time (`+3h`): the message echoes it and suggests `+30d`, which that field takes, not
 * `30d`, which it refuses.
 */
export function parseDuration(text: string, typed?: string): number {
  const ms = readDuration(text);
  const plus = typed === undefined ? '' : '+';
  const value = shown(typed ?? text);
  if (ms === null) {
    const en = DURATION_EXAMPLES.map((e) => plus + e).join(', ');
    const ru = DURATION_EXAMPLES_RU.map((e) => `"${plus}${e}"`).join(', ');
    throw new UsageError(
      t(plus ? 'time.err.notTimeDuration' : 'time.err.notDuration', {
        value,
        first: language() === 'ru' ? ru : en,
        second: language() === 'ru' ? en : ru,
      }),
    );
  }
  if (!(ms <= MAX_DURATION_MS)) {
    throw new UsageError(
      t('time.err.tooLong', {
        value,
        days: MAX_DURATION_MS / DAY,
        example: `${plus}${language() === 'en' ? '30d' : '30д'}`,
      }),
    );
  }
  return ms;
}

/** Whether `text` reads as a duration (`12h`, `7д`, `1,5ч`), for fields that take either one or a time. */
export function isDuration(text: string): boolean {
  return readDuration(text) !== null;
}

/**
 * A computed moment (an ETA plus an extension, now plus a duration, a deadline) must fall in the
 * times hd keeps (EARLIEST_MS to LATEST_MS: the years 1900 to 9999 in every time zone); `what`
 * names it ("The new ETA").
 */
export function checkMoment(ms: number, _timeZone: string, what: string): number {
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS))
    throw new UsageError(
      t(ms < EARLIEST_MS ? 'time.err.before' : 'time.err.after', { what, range: TIME_RANGE }),
    );
  return ms;
}

/**
 * Whether `eta` is later than `current` as the client hears them: to the minute (an ETA is shown
 * and said to the minute, so 02:44:50 is no later than 02:44:10). Every time zone hd keeps is
 * offset from UTC by whole minutes, so the minute is the same in all of them.
 */
export function laterByTheMinute(eta: number, current: number): boolean {
  return Math.floor(eta / 60_000) > Math.floor(current / 60_000);
}

/** The reverse of parseDuration, for reference data and messages: 5400000 → `1h30m`. */
export function formatDuration(ms: number): string {
  const negative = ms < 0;
  if (ms !== 0 && Math.abs(ms) < MINUTE / 2) return negative ? '-<1m' : '<1m';
  let rest = Math.round(Math.abs(ms) / MINUTE);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].join('');
  return (negative ? '-' : '') + (parts || '0m');
}

/** Lower case, `ё` as `е`, single spaces: how the words in time-words.ts are written. */
function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/** The local calendar day `dayOffset` days after the one holding `base`, at hours:minutes. */
function atLocal(timeZone: string, base: Date, dayOffset: number, hours: number, minutes: number): Date {
  const local = new TZDateMini(base.getTime(), timeZone);
  return new TZDateMini(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + dayOffset,
    hours,
    minutes,
    0,
    0,
    timeZone,
  );
}

/** `14:00`, `9:30`, `14.00` → [hours, minutes]; null when it is not of that form or not a time of day. */
function parseClock(text: string): [number, number] | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? [hours, minutes] : null;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `2026-11-25`, `2026-11-25T18:30`, `2026-11-25 18:30:05.250`, each optionally with `Z`, `+03:00`,
 * `+0300` or `+03`; without an offset read in `timeZone`. Null when the text is not of that form;
 * a refusal naming the part when it is of that form but not on the calendar (30 February, 25:00).
 */
function parseIso(text: string, timeZone: string): { at: Date; hasTime: boolean } | null {
  const iso = ISO.exec(text.trim().toLowerCase());
  if (!iso) return null;
  const [year, month, day, hours, minutes, seconds] = iso.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = iso[7] ? Number(iso[7].slice(0, 3).padEnd(3, '0')) : 0;
  const wrong = (what: string) =>
    new UsageError(t('time.err.isoCalendar', { text, what, iso: TIME_EXAMPLES[3]! }));
  // Checked before any Date is built: Date(0, …) means 1900, not the year 0.
  if (year < 1900) inRange(Number.NEGATIVE_INFINITY, text);
  if (month < 1 || month > 12) throw wrong(t('time.why.month', { month: iso[2]! }));
  if (day < 1 || day > daysIn(year, month))
    throw wrong(
      t('time.why.days', {
        month: language() === 'en' ? `${iso[1]}-${iso[2]}` : `${monthIn(month, iso[2]!)} ${iso[1]}`,
        days: daysIn(year, month),
        day: iso[3]!,
      }),
    );
  if (hours > 23) throw wrong(t('time.why.hour', { hour: iso[4]! }));
  if (minutes > 59) throw wrong(t('time.why.minute', { minute: iso[5]! }));
  if (seconds > 59) throw wrong(t('time.why.second', { second: iso[6]! }));
  let at: number;
  if (iso[8]) {
    let offset = 0;
    if (iso[8] !== 'z') {
      const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})?$/.exec(iso[8])!;
      if (Number(oh) > 14 || Number(om ?? 0) > 59) throw wrong(t('time.why.offset', { offset: iso[8] }));
      offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0)) * MINUTE;
    }
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hours, minutes, seconds, millis);
    at = utc.getTime() - offset;
  } else {
    at = new TZDateMini(year, month - 1, day, hours, minutes, seconds, millis, timeZone).getTime();
  }
  return { at: new Date(inRange(at, text)), hasTime: iso[4] !== undefined };
}

function inRange(ms: number, text: string): number {
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS)) {
    throw new UsageError(t('time.err.range', { text, range: TIME_RANGE, iso: TIME_EXAMPLES[3]! }));
  }
  return ms;
}

/**
 * What a field needs: `moment` a time of day (an ETA, the end of a wait, when service came back),
 * so a day alone is refused rather than read as midnight; `day` also takes a day alone, as the start
 * of that day (the bounds of a report, `list --since`).
 */
export type WhenNeed = 'moment' | 'day';

/** A day the operator named, before a time of day is put to it. */
type Day = { offset: number } | { year: number; month: number; day: number };

/** `25.11`, `25.11.`, `25.11.2026`, `25.11.26`: a date as written in Minsk, day first. */
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2})?)?$/;

/** Whether `token` reads as a day and month (`25.11`, not `14.00`), whatever the year. */
function couldBeDate(token: string): boolean {
  const match = DOTTED_DATE.exec(token);
  if (!match) return false;
  const day = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(2028, month);
}

/** Days from `a` to `b`, both calendar dates. */
const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY;

/**
 * The date of `25.11` (no year): the nearest such date to today, at most about half a year either
 * way. So on 31.12.2026 `01.01` is 01.01.2027 and `25.12` is 25.12.2026 (a week ago, for a report
 * or when service came back; as an ETA it is refused as past, not moved a year on); on 05.01.2027
 * `25.12` is 25.12.2026. A tie (exactly half a year) goes forward. 29.02 takes the nearest leap year
 * of the three around today, else it needs its year.
 */
function nearestYear(
  month: number,
  day: number,
  today: { year: number; month: number; day: number },
  text: string,
): number {
  const from = dayNumber(today.year, today.month, today.day);
  let best: number | null = null;
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    if (day > daysIn(year, month)) continue;
    const distance = dayNumber(year, month, day) - from;
    if (
      best === null ||
      Math.abs(distance) < Math.abs(dayNumber(best, month, day) - from) ||
      (Math.abs(distance) === Math.abs(dayNumber(best, month, day) - from) && distance > 0)
    )
      best = year;
  }
  if (best === null) throw new UsageError(t('time.err.nearYear', { text: shown(text) }));
  return best;
}

/** A month as a refusal names it: "02" in English, «феврале» («в феврале нет 31-го числа») in Russian. */
function monthIn(month: number, typed: string): string {
  return language() === 'en' ? typed : t(`time.monthIn.${month}` as MessageKey);
}

/** `25.11.2026` and the like as a calendar date; null when not of that form, a refusal when not on the calendar. */
function dottedDate(token: string, now: Date, timeZone: string, text: string): Day | null {
  const match = DOTTED_DATE.exec(token);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const local = new TZDateMini(now.getTime(), timeZone);
  let year = match[3] === undefined ? null : Number(match[3]);
  if (year !== null && match[3]!.length === 2) year += 2000;
  const wrong = (what: string) => new UsageError(t('time.err.dottedCalendar', { text: shown(text), what }));
  if (month < 1 || month > 12) throw wrong(t('time.why.month', { month: match[2]! }));
  if (year !== null && year < 1900) inRange(Number.NEGATIVE_INFINITY, text);
  // Without a year, February has 29 days here: nearestYear then looks for a leap year.
  const length = daysIn(year ?? 2028, month);
  if (day < 1 || day > length)
    throw wrong(
      year === null
        ? t('time.why.monthDays', { month: monthIn(month, match[2]!), days: length, day: match[1]! })
        : t('time.why.days', {
            month: language() === 'en' ? `${match[2]}.${year}` : `${monthIn(month, match[2]!)} ${year}`,
            days: length,
            day: match[1]!,
          }),
    );
  year ??= nearestYear(
    month,
    day,
    { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() },
    text,
  );
  return { year, month, day };
}

/** `завтра`, `tomorrow`, `пн`, `в пятницу`, `friday`: days from today (a weekday is the next one after today). */
function namedDay(token: string, now: Date, timeZone: string): Day | null {
  const offset = DAY_WORDS[token];
  if (offset !== undefined) return { offset };
  const weekday = WEEKDAYS[token];
  if (weekday === undefined) return null;
  const today = new TZDateMini(now.getTime(), timeZone).getDay();
  return { offset: (weekday - today + 7) % 7 || 7 };
}

/**
 * A moment as an operator types it, read in `timeZone` (the desk's, HD_TZ: Europe/Minsk, UTC+3 all
 * year). English and Russian alike:
 * - `now` / `сейчас`; `+3h`, `in 45m`, `+1,5ч`, `+90 мин`, `+2д`, `через 2 часа`, `через 30 минут`,
 *   `через час` (from now);
 * - `18:30` or `14.00` (today), with a day before or after it: `today 18:30`, `tomorrow 09:00`,
 *   `сегодня 18:30`, `завтра 10:00`, `завтра в 10:00`, `послезавтра 9:00`, `вчера 23:10`,
 *   `пн 10:00` / `понедельник 10:00` / `в пятницу 10:00` / `mon 10:00` (the next such weekday after
 *   today; today itself is `сегодня`), `25.11 14:00`, `25.11.2026 14:00`, `25.11.26 14:00`;
 * - ISO: `2026-11-25T18:30`, `2026-11-25 18:30`, with or without an offset.
 * A day alone (`завтра`, `пн`, `25.11`, `2026-11-25`) is the start of that day where `need` is `day`,
 * and refused with an example where it is `moment`. A day and month without a year are the nearest
 * such date (see nearestYear). A lone `12.10` could be 12:10 or 12 October: as a moment it is the
 * time of day (a day alone is no moment); where a day would do, it is refused as ambiguous.
 */
export function parseWhen(text: string, now: Date, timeZone: string, need: WhenNeed = 'day'): Date {
  const input = normalise(text);
  const fail = () => new UsageError(t('time.err.notTime', { text: shown(text), hint: timeHint() }));
  if (input === 'now' || input === 'сейчас') return new Date(now.getTime());
  const relative = /^(?:\+|in |через )(.+)$/.exec(input);
  if (relative)
    return new Date(
      checkMoment(
        now.getTime() + parseDuration(relative[1]!, text),
        timeZone,
        t('time.what.fromNow', { text: shown(text) }),
      ),
    );
  const iso = parseIso(text, timeZone);
  if (iso) {
    if (!iso.hasTime && need === 'moment') throw timeNeeded(text, input);
    return iso.at;
  }
  const tokens = input.split(' ').filter((word) => !JOINERS.has(word));
  if (tokens.length === 0 || tokens.length > 2) throw fail();
  let day: Day | null = null;
  let clock: [number, number] | null = null;
  let dayText = '';
  if (tokens.length === 1) {
    const [token] = tokens as [string];
    const asClock = parseClock(token);
    const asDay =
      namedDay(token, now, timeZone) ??
      (/^\d{1,2}:\d{2}$/.test(token) ? null : tryDate(token, now, timeZone, text));
    if (asClock && asDay && need === 'day')
      throw new UsageError(
        t('time.err.ambiguous', {
          text: shown(text),
          clock: asClock.map((n) => String(n).padStart(2, '0')).join(':'),
          token,
          asTime: token.replace('.', ':'),
          year: new TZDateMini(now.getTime(), timeZone).getFullYear(),
        }),
      );
    if (asClock) clock = asClock;
    else if (asDay) {
      day = asDay;
      dayText = token;
    } else if (/^\d{1,2}[:.]\d{2}$/.test(token)) throw clockWrong(text, token);
    else throw fail();
  } else {
    // A day and a time of day, in either order: `завтра 10:00`, `10:00 завтра`, `25.11 14.00`;
    // two dotted pairs are date first unless the first can only be a time (`14.00 25.11`).
    const [first, second] = tokens as [string, string];
    const colon = (token: string) => /^\d{1,2}:\d{2}$/.test(token);
    const firstIsClock =
      colon(first) ||
      (!colon(second) &&
        (namedDay(second, now, timeZone) !== null ||
          (parseClock(first) !== null && !couldBeDate(first) && DOTTED_DATE.test(second))));
    const [dayToken, clockToken] = firstIsClock ? [second, first] : [first, second];
    day = namedDay(dayToken, now, timeZone) ?? dottedDate(dayToken, now, timeZone, text);
    if (!day) throw fail();
    dayText = dayToken;
    clock = parseClock(clockToken);
    if (!clock) throw /^\d{1,2}[:.]\d{2}$/.test(clockToken) ? clockWrong(text, clockToken) : fail();
  }
  if (!clock) {
    if (need === 'moment') throw timeNeeded(text, dayText);
    clock = [0, 0];
  }
  const at =
    day === null
      ? atLocal(timeZone, now, 0, clock[0], clock[1])
      : 'offset' in day
        ? atLocal(timeZone, now, day.offset, clock[0], clock[1])
        : new TZDateMini(day.year, day.month - 1, day.day, clock[0], clock[1], 0, 0, timeZone);
  return new Date(inRange(at.getTime(), text));
}

/** dottedDate, or null when it refuses: a lone `14.00` is tried as a date too, and is a time. */
function tryDate(token: string, now: Date, timeZone: string, text: string): Day | null {
  if (parseClock(token)) {
    try {
      return dottedDate(token, now, timeZone, text);
    } catch {
      return null;
    }
  }
  return dottedDate(token, now, timeZone, text);
}

function clockWrong(text: string, token: string): UsageError {
  const [h, m] = token.split(/[:.]/).map(Number) as [number, number];
  const why = h > 23 ? t('time.why.hour', { hour: h }) : t('time.why.minute', { minute: m });
  return new UsageError(t('time.err.notTimeWhy', { text: shown(text), why, hint: timeHint() }));
}

/** A day given where a moment is needed: the refusal quotes the same day with a time that works. */
function timeNeeded(text: string, dayText: string): UsageError {
  return new UsageError(
    t('time.err.needsTime', {
      text: shown(text),
      day: shown(dayText),
      plus: language() === 'ru' ? '+2ч' : '+2h',
    }),
  );
}

/**
 * A fixed moment from configuration (HD_NOW): strict ISO-8601 only, no "tomorrow" or "+3h";
 * without an offset read in `timeZone`, as on the command line. Null when it is not ISO.
 */
export function parseIsoInstant(text: string, timeZone: string): Date | null {
  return parseIso(text, timeZone)?.at ?? null;
}

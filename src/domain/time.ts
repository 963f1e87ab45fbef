import { TZDateMini } from '@date-fns/tz';
import { UsageError } from '../errors.ts';
import { shown } from '../ui/text.ts';
import { EARLIEST_MS, LATEST_MS, MAX_DURATION_MS, TIME_RANGE } from './limits.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the duration messages suggest; test/domain/time.test.ts checks that each one parses. */
export const DURATION_EXAMPLES = ['45m', '2h', '1d4h', '1h30m'];
/** What the time messages suggest; test/domain/time.test.ts checks that each one parses. */
export const TIME_EXAMPLES = ['18:30', 'tomorrow 09:00', '+3h', '2026-11-25T18:30'];
const TIME_HINT = `Use ${TIME_EXAMPLES[0]}, "${TIME_EXAMPLES[1]}", ${TIME_EXAMPLES[2]}, or ISO like ${TIME_EXAMPLES[3]}.`;

/**
 * `45m`, `2h`, `1d4h`, `1h30m`, `90s` → milliseconds; at most 10 years. `typed` is the whole value
 * when the duration is part of a time (`+3h`): the message echoes it and suggests `+30d`, which
 * that field takes, not `30d`, which it refuses.
 */
export function parseDuration(text: string, typed?: string): number {
  const trimmed = text.trim().toLowerCase();
  const match = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?$/.exec(trimmed);
  const plus = typed === undefined ? '' : '+';
  const value = shown(typed ?? text);
  if (!match || trimmed === '' || match.slice(1).every((part) => part === undefined)) {
    throw new UsageError(
      `"${value}" is not a ${plus ? 'time' : 'duration'}. Write it like ${DURATION_EXAMPLES.map((e) => plus + e).join(', ')}.`,
    );
  }
  const [d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  const ms = d * DAY + h * HOUR + m * MINUTE + s * 1000;
  if (!(ms <= MAX_DURATION_MS)) {
    throw new UsageError(
      `"${value}" is longer than hd takes: a duration is at most ${MAX_DURATION_MS / DAY}d (10 years). Give a shorter one, like ${plus}30d.`,
    );
  }
  return ms;
}

/**
 * A computed moment (an ETA plus an extension, now plus a duration, a deadline) must fall in the
 * times hd keeps (EARLIEST_MS to LATEST_MS: the years 1900 to 9999 in every time zone); `what`
 * names it ("The new ETA").
 */
export function checkMoment(ms: number, _timeZone: string, what: string): number {
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS))
    throw new UsageError(
      `${what} would fall ${ms < EARLIEST_MS ? 'before 1900-01-02T00:00Z' : 'after 9999-12-30T23:59Z'}, outside the times hd keeps (${TIME_RANGE}). Give a time in that range.`,
    );
  return ms;
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
function parseIso(text: string, timeZone: string): Date | null {
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
    new UsageError(
      `"${text}" is not on the calendar: ${what}. Check it; ISO looks like ${TIME_EXAMPLES[3]}.`,
    );
  // Checked before any Date is built: Date(0, …) means 1900, not the year 0.
  if (year < 1900) inRange(Number.NEGATIVE_INFINITY, text);
  if (month < 1 || month > 12) throw wrong(`there is no month ${iso[2]}`);
  if (day < 1 || day > daysIn(year, month))
    throw wrong(`${iso[1]}-${iso[2]} has ${daysIn(year, month)} days, not ${iso[3]}`);
  if (hours > 23) throw wrong(`the hour ${iso[4]} is past 23`);
  if (minutes > 59) throw wrong(`the minute ${iso[5]} is past 59`);
  if (seconds > 59) throw wrong(`the second ${iso[6]} is past 59`);
  let at: number;
  if (iso[8]) {
    let offset = 0;
    if (iso[8] !== 'z') {
      const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})?$/.exec(iso[8])!;
      if (Number(oh) > 14 || Number(om ?? 0) > 59) throw wrong(`the offset ${iso[8]} is not a UTC offset`);
      offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0)) * MINUTE;
    }
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hours, minutes, seconds, millis);
    at = utc.getTime() - offset;
  } else {
    at = new TZDateMini(year, month - 1, day, hours, minutes, seconds, millis, timeZone).getTime();
  }
  return new Date(inRange(at, text));
}

function inRange(ms: number, text: string): number {
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS)) {
    throw new UsageError(
      `"${text}" is outside the times hd keeps (${TIME_RANGE}). Give a time in that range, like ${TIME_EXAMPLES[3]}.`,
    );
  }
  return ms;
}

/**
 * A moment as an operator types it, read in `timeZone`: ISO (`2026-11-25T18:30`, with or without
 * an offset), a date (`2026-11-25`, midnight), `18:30` (today), `today 18:30`, `tomorrow 09:00`,
 * `+3h` / `in 3h` (from now), `now`.
 */
export function parseWhen(text: string, now: Date, timeZone: string): Date {
  const input = text.trim().toLowerCase();
  const fail = () => new UsageError(`"${text}" is not a time. ${TIME_HINT}`);
  if (input === 'now') return new Date(now.getTime());
  const relative = /^(?:\+|in\s+)(.+)$/.exec(input);
  if (relative)
    return new Date(
      checkMoment(now.getTime() + parseDuration(relative[1]!, text), timeZone, `"${shown(text)}" from now`),
    );
  const dayWord = /^(today|tomorrow|yesterday)(?:\s+(.+))?$/.exec(input);
  if (dayWord) {
    const clock: [number, number] | null = dayWord[2] ? parseClock(dayWord[2]) : [0, 0];
    if (!clock) throw fail();
    const offset = { today: 0, tomorrow: 1, yesterday: -1 }[dayWord[1] as 'today' | 'tomorrow' | 'yesterday'];
    return atLocal(timeZone, now, offset, clock[0], clock[1]);
  }
  const clock = parseClock(input);
  if (clock) return atLocal(timeZone, now, 0, clock[0], clock[1]);
  const iso = parseIso(text, timeZone);
  if (!iso) throw fail();
  return iso;
}

/**
 * A fixed moment from configuration (HD_NOW): strict ISO-8601 only, no "tomorrow" or "+3h";
 * without an offset read in `timeZone`, as on the command line. Null when it is not ISO.
 */
export function parseIsoInstant(text: string, timeZone: string): Date | null {
  return parseIso(text, timeZone);
}

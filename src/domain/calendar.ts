import { TZDateMini } from '@date-fns/tz';
import { holidayRulesData } from '../data.ts';
import { RefusedError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { t } from '../i18n.ts';
import { ProfileError } from './profile.ts';
import { formatDuration } from './time.ts';
import { type Coverage, type CoverageBusiness, PRIORITIES, type RuleProfile } from './types.ts';

/**
 * Service time under a contract's coverage. 24x7 counts every millisecond; business hours count
 * only working windows (weekdays, hours, in the profile's time zone, minus public holidays and
 * decree-moved days off, plus decree-moved working Saturdays).
 */
export interface Calendar {
  /** The moment `ms` of service time after `start`. */
  add(start: number, ms: number): number;
  /** Service time between `from` and `to` (0 when `to` is not after `from`). */
  between(from: number, to: number): number;
}

/** How many days ahead business arithmetic looks before giving up (no working window at all). */
const HORIZON_DAYS = 3 * 366;
/** No deadline lies further than this: a bound on the work done for one date. */
const LIMIT_DAYS = 50 * 366;

export const always: Calendar = {
  add: (start, ms) => start + Math.max(0, ms),
  between: (from, to) => Math.max(0, to - from),
};

export function dateKey(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function businessCalendar(
  coverage: CoverageBusiness,
  isPublicHoliday: (dateKey: string) => boolean,
): Calendar {
  const tz = coverage.timezone;
  const [startH, startM] = coverage.start.split(':').map(Number) as [number, number];
  const [endH, endM] = coverage.end.split(':').map(Number) as [number, number];
  const extraWorking = new Set(coverage.extraWorkingDays);
  const extraOff = new Set(coverage.extraNonWorkingDays);

  /** The working window of the local day `offset` days after the day holding `moment`, or null. */
  const windowOf = (moment: number, offset: number): [number, number] | null => {
    const base = new TZDateMini(moment, tz);
    const day = new TZDateMini(base.getFullYear(), base.getMonth(), base.getDate() + offset, 12, 0, 0, 0, tz);
    const key = dateKey(day);
    const weekday = day.getDay() === 0 ? 7 : day.getDay();
    const working =
      extraWorking.has(key) ||
      (coverage.days.includes(weekday) && !extraOff.has(key) && !isPublicHoliday(key));
    if (!working) return null;
    const y = day.getFullYear();
    const m = day.getMonth();
    const d = day.getDate();
    return [
      new TZDateMini(y, m, d, startH, startM, 0, 0, tz).getTime(),
      new TZDateMini(y, m, d, endH, endM, 0, 0, tz).getTime(),
    ];
  };

  return {
    add(start, ms) {
      let remaining = Math.max(0, ms);
      // Gives up only after HORIZON_DAYS without a working window, so a long pause (which moves
      // deadlines by the service time it lasted) cannot run a valid calendar out of days.
      for (
        let offset = 0, lastWindow = 0;
        offset - lastWindow < HORIZON_DAYS && offset < LIMIT_DAYS;
        offset++
      ) {
        const window = windowOf(start, offset);
        if (!window) continue;
        lastWindow = offset;
        const from = Math.max(window[0], start);
        if (from >= window[1]) continue;
        if (remaining <= window[1] - from) return from + remaining;
        remaining -= window[1] - from;
      }
      throw new RefusedError(t('calendar.err.unreachable'));
    },
    between(from, to) {
      if (to <= from) return 0;
      let total = 0;
      const span = Math.ceil((to - from) / 86_400_000) + 2;
      for (let offset = 0; offset < span; offset++) {
        // A local day is at most 25 h long, so one day of slack past `to` has seen every window.
        if (from + (offset - 1) * 86_400_000 > to) break;
        const window = windowOf(from, offset);
        if (window) total += Math.max(0, Math.min(window[1], to) - Math.max(window[0], from));
      }
      return total;
    },
  };
}

/**
 * A public holiday the date-holidays package does not know, as a yearly rule (data/holidays.json):
 * the day `date` (MM-DD) every year from `since` on, until `until` when the law changes again.
 */
export interface HolidayRule {
  date: string;
  since: number;
  until?: number;
  name: string;
  /** Where the fact comes from (the law), so the next reader can check it. */
  source: string;
}

/** Whether the local day `key` (YYYY-MM-DD) falls on one of the rules. */
export function ruledHoliday(rules: readonly HolidayRule[]): (key: string) => boolean {
  return (key) => {
    const year = Number(key.slice(0, 4));
    const day = key.slice(5);
    return rules.some((r) => r.date === day && year >= r.since && (r.until === undefined || year <= r.until));
  };
}

/**
 * Public holidays come from the date-holidays package, loaded only when a business profile needs
 * it, plus the country's rules from data/holidays.json for days the package is missing.
 */
export async function loadCalendar(
  coverage: Coverage,
  rules: Record<string, HolidayRule[]> = holidayRulesData(),
): Promise<Calendar> {
  if (coverage.type === '24x7') return always;
  if (!coverage.holidays) return businessCalendar(coverage, () => false);
  const { default: Holidays } = await importExternal<typeof import('date-holidays')>('date-holidays');
  const holidays = new Holidays(coverage.holidays);
  const ruled = ruledHoliday(rules[coverage.holidays] ?? []);
  const years = new Map<number, Set<string>>();
  const isPublicHoliday = (key: string) => {
    if (ruled(key)) return true;
    const year = Number(key.slice(0, 4));
    let set = years.get(year);
    if (!set) {
      set = new Set(
        (holidays.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
      );
      years.set(year, set);
    }
    return set.has(key);
  };
  return businessCalendar(coverage, isPublicHoliday);
}

// ---- checking a business calendar on import (hd rules import) -------------------------------

/**
 * Headroom over the most public holidays the country had in the years looked at: holiday rules
 * change, and decrees add days off.
 */
const HOLIDAY_MARGIN = 3;

/**
 * Working time that every run of 365 days holds under this coverage, at the least: any 364 days
 * hold each weekday 52 times; minus `holidaysPerYear`, minus the most extra days off listed in two
 * consecutive years, minus the two days a year a clock change can shorten. Extra working days are
 * not counted. Validation asks each target to fit in this, and business arithmetic searches three
 * years, so every deadline of an accepted profile can be computed.
 */
export function guaranteedServiceTime(coverage: CoverageBusiness, holidaysPerYear: number): number {
  const minutes = (clock: string) => {
    const [h, m] = clock.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  const windowMs = (minutes(coverage.end) - minutes(coverage.start)) * 60_000;
  const offPerYear = new Map<number, number>();
  for (const day of coverage.extraNonWorkingDays) {
    const year = Number(day.slice(0, 4));
    offPerYear.set(year, (offPerYear.get(year) ?? 0) + 1);
  }
  const extraOff = Math.max(
    0,
    ...[...offPerYear.keys()].map((y) => (offPerYear.get(y) ?? 0) + (offPerYear.get(y + 1) ?? 0)),
  );
  const workingDays = 52 * new Set(coverage.days).size - holidaysPerYear - extraOff - 2;
  return Math.max(0, workingDays) * Math.max(0, windowMs);
}

/**
 * The most public holidays `country` has in any of `years`, or null when date-holidays does not
 * know the country. Loads date-holidays: only for importing a business profile.
 */
export async function publicHolidaysPerYear(country: string, years: number[]): Promise<number | null> {
  const { default: Holidays } = await importExternal<typeof import('date-holidays')>('date-holidays');
  if (!Object.hasOwn(new Holidays().getCountries(), country)) return null;
  const holidays = new Holidays(country);
  return Math.max(
    0,
    ...years.map((y) => (holidays.getHolidays(y) || []).filter((h) => h.type === 'public').length),
  );
}

const hoursText = (ms: number) => `${Math.floor(ms / 3_600_000)}h`;

/**
 * Refuses, by field, a business profile whose calendar cannot give every target a deadline: an
 * unknown holiday country, no working time at all, or a target longer than the working time a
 * year holds. Then computes the longest target from awkward moments (the last minute of the year,
 * a Saturday) with the real calendar, so an accepted profile never makes `hd open` fail.
 */
export async function checkProfileCalendar(
  profile: RuleProfile,
  now: number,
  /** A refusal's moment for the reader (the command knows the language), in the calendar's zone. */
  show: (ms: number, timeZone: string) => string = (ms) => new Date(ms).toISOString(),
): Promise<void> {
  const c = profile.coverage;
  if (c.type !== 'business') return;
  const year = new Date(now).getUTCFullYear();
  let holidays = 0;
  if (c.holidays) {
    const most = await publicHolidaysPerYear(c.holidays, [year, year + 1, year + 2]);
    if (most === null) {
      throw new ProfileError(t('rules.profileErr.holidayCountry', { code: c.holidays }));
    }
    holidays = most + HOLIDAY_MARGIN;
  }
  const guaranteed = guaranteedServiceTime(c, holidays);
  const week = t('rules.profileErr.week', { n: new Set(c.days).size, start: c.start, end: c.end });
  if (guaranteed <= 0) {
    throw new ProfileError(t('rules.profileErr.noWorkingTime', { week }));
  }
  const targets: [string, number | null][] = [['confirmWithin', profile.confirmWithin]];
  for (const p of PRIORITIES) {
    const t = profile.targets[p];
    for (const kind of ['response', 'update', 'restore', 'onsite', 'hardware'] as const)
      targets.push([`targets.${p}.${kind}`, t[kind]]);
  }
  for (const [path, ms] of targets) {
    if (ms !== null && ms > guaranteed) {
      throw new ProfileError(
        t('rules.profileErr.unreachable', {
          path,
          duration: formatDuration(ms),
          week,
          hours: hoursText(guaranteed),
        }),
      );
    }
  }
  const longest = Math.max(...targets.map(([, ms]) => ms ?? 0));
  const calendar = await loadCalendar(c);
  const local = new TZDateMini(now, c.timezone);
  const starts = [
    now,
    new TZDateMini(local.getFullYear(), 11, 31, 23, 59, 0, 0, c.timezone).getTime(),
    new TZDateMini(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() + ((6 - local.getDay() + 7) % 7),
      12,
      0,
      0,
      0,
      c.timezone,
    ).getTime(),
  ];
  for (const start of starts) {
    let due: number;
    try {
      due = calendar.add(start, longest);
    } catch {
      due = Number.NaN;
    }
    if (!Number.isFinite(due)) {
      throw new ProfileError(
        t('rules.profileErr.unreachableFrom', {
          duration: formatDuration(longest),
          at: show(start, c.timezone),
        }),
      );
    }
  }
}

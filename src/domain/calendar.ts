import { TZDateMini } from '@date-fns/tz';
import { holidayRulesData } from '../data.ts';
import { importExternal } from '../external.ts';
import type { Coverage, CoverageBusiness } from './types.ts';

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
      for (let offset = 0; offset < HORIZON_DAYS; offset++) {
        const window = windowOf(start, offset);
        if (!window) continue;
        const from = Math.max(window[0], start);
        if (from >= window[1]) continue;
        if (remaining <= window[1] - from) return from + remaining;
        remaining -= window[1] - from;
      }
      throw new Error(`no working time in the next ${HORIZON_DAYS} days under this coverage`);
    },
    between(from, to) {
      if (to <= from) return 0;
      let total = 0;
      for (let offset = 0; offset < HORIZON_DAYS; offset++) {
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

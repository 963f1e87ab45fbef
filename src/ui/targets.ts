// Contractual targets as the contract means them: under business hours a target counts working
// time, so 27h is "27 working hours (3 working days)", not `1d3h`, which reads as calendar time;
// under 24x7 it counts every hour, so 3d is "72 hours (3 days)".
import type { Coverage } from '../domain/types.ts';
import type { Lang } from './lang.ts';

/** The Russian form for `n`: 1 час, 2 часа, 5 часов, 11 часов, 21 час. */
export function russianPlural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

type Unit = 'hour' | 'minute' | 'day';

const WORDS: Record<Lang, Record<'calendar' | 'working', Record<Unit, (n: number) => string>>> = {
  en: {
    calendar: {
      hour: (n) => (n === 1 ? 'hour' : 'hours'),
      minute: (n) => (n === 1 ? 'minute' : 'minutes'),
      day: (n) => (n === 1 ? 'day' : 'days'),
    },
    working: {
      hour: (n) => (n === 1 ? 'working hour' : 'working hours'),
      minute: (n) => (n === 1 ? 'working minute' : 'working minutes'),
      day: (n) => (n === 1 ? 'working day' : 'working days'),
    },
  },
  ru: {
    calendar: {
      hour: (n) => russianPlural(n, 'час', 'часа', 'часов'),
      minute: (n) => russianPlural(n, 'минута', 'минуты', 'минут'),
      day: (n) => russianPlural(n, 'сутки', 'суток', 'суток'),
    },
    working: {
      hour: (n) => russianPlural(n, 'рабочий час', 'рабочих часа', 'рабочих часов'),
      minute: (n) => russianPlural(n, 'рабочая минута', 'рабочие минуты', 'рабочих минут'),
      day: (n) => russianPlural(n, 'рабочий день', 'рабочих дня', 'рабочих дней'),
    },
  },
};

const AND: Record<Lang, string> = { en: 'and', ru: 'и' };

/** How long a working day of `coverage` is, in minutes (09:00–18:00 → 540); null for 24x7. */
export function workingDayMinutes(coverage: Coverage): number | null {
  if (coverage.type === '24x7') return null;
  const minutes = (clock: string) => {
    const [h, m] = clock.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return minutes(coverage.end) - minutes(coverage.start);
}

/**
 * A target (milliseconds of service time under `coverage`) for people: hours and minutes, and from
 * one day up how many days that is. Business hours: "27 working hours (3 working days)",
 * "24 working hours (2 working days and 6 hours)", "6 working hours", "30 working minutes";
 * 24x7: "4 hours", "72 hours (3 days)", "1 hour 30 minutes". Russian alike: "27 рабочих часов
 * (3 рабочих дня)", "72 часа (3 суток)". A working day is the profile's own (coverage.end − start).
 */
export function formatTarget(ms: number, coverage: Coverage, lang: Lang = 'en'): string {
  const dayMinutes = workingDayMinutes(coverage) ?? 24 * 60;
  const kind = coverage.type === '24x7' ? 'calendar' : 'working';
  const words = WORDS[lang][kind];
  const total = Math.round(ms / 60_000);
  const hoursAndMinutes = (minutes: number, unitWords: Record<Unit, (n: number) => string>) => {
    const h = Math.floor(minutes / 60);
    const m = minutes - h * 60;
    if (h === 0) return `${m} ${unitWords.minute(m)}`;
    // Minutes after whole hours are plain minutes: "1 рабочий час 30 минут".
    return m === 0
      ? `${h} ${unitWords.hour(h)}`
      : `${h} ${unitWords.hour(h)} ${m} ${WORDS[lang].calendar.minute(m)}`;
  };
  const main = hoursAndMinutes(total, words);
  if (total < dayMinutes) return main;
  const days = Math.floor(total / dayMinutes);
  const rest = total - days * dayMinutes;
  const inDays = `${days} ${words.day(days)}`;
  return `${main} (${rest === 0 ? inDays : `${inDays} ${AND[lang]} ${hoursAndMinutes(rest, words)}`})`;
}

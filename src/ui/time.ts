// Times shown to people: in HD_TZ and the interface language. English "2026-11-25 18:30" and
// "in 2h5m" / "25m ago"; Russian "25.11.2026 18:30" and "через 2 ч 5 мин" / "25 мин назад".
// --json and piped output stay ISO (iso()).
import { formatDuration } from '../domain/time.ts';
import { interfaceLanguage, type Lang } from './lang.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar parts of `ms` in `timeZone`, as two-digit strings (four for the year). */
function localParts(ms: number, timeZone: string) {
  // main.ts sets TZ to HD_TZ: local getters then need no ICU, which costs ~10 ms per process.
  if (timeZone === process.env.TZ) {
    const d = new Date(ms);
    return {
      year: String(d.getFullYear()),
      month: pad(d.getMonth() + 1),
      day: pad(d.getDate()),
      hour: pad(d.getHours()),
      minute: pad(d.getMinutes()),
    };
  }
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** A moment for people: `2026-11-25 18:30` in English, `25.11.2026 18:30` in Russian; `—` for none. */
export function formatTime(ms: number | null, timeZone: string, lang: Lang = 'en'): string {
  if (ms === null) return '—';
  const p = localParts(ms, timeZone);
  return lang === 'ru'
    ? `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`
    : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A calendar day for people: `2026-11-25` in English, `25.11.2026` in Russian; `—` for none. */
export function formatDay(ms: number | null, timeZone: string, lang: Lang = 'en'): string {
  if (ms === null) return '—';
  const p = localParts(ms, timeZone);
  return lang === 'ru' ? `${p.day}.${p.month}.${p.year}` : `${p.year}-${p.month}-${p.day}`;
}

/** A span of time for people: `1d2h`, `2h5m` in English; `1 д 2 ч`, `2 ч 5 мин` in Russian. */
export function formatSpan(ms: number, lang: Lang = 'en'): string {
  if (lang === 'en') return formatDuration(ms);
  const negative = ms < 0 ? '-' : '';
  if (ms !== 0 && Math.abs(ms) < 30_000) return `${negative}<1 мин`;
  let rest = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts = [days ? `${days} д` : '', hours ? `${hours} ч` : '', minutes ? `${minutes} мин` : '']
    .filter(Boolean)
    .join(' ');
  return negative + (parts || '0 мин');
}

/** "in 2h5m", "25m ago", "now"; "через 2 ч 5 мин", "25 мин назад", "сейчас". */
export function relative(ms: number | null, now: number, lang: Lang = 'en'): string {
  if (ms === null) return '—';
  const delta = ms - now;
  if (Math.abs(delta) < 60_000) return lang === 'ru' ? 'сейчас' : 'now';
  const span = formatSpan(Math.abs(delta), lang);
  if (lang === 'ru') return delta > 0 ? `через ${span}` : `${span} назад`;
  return delta > 0 ? `in ${span}` : `${span} ago`;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** How one reader is shown times: their time zone and interface language, with the functions above bound to them. */
export interface TimeDisplay {
  lang: Lang;
  timeZone: string;
  /** A moment: `2026-11-25 18:30` / `25.11.2026 18:30`. */
  at(ms: number | null): string;
  /** A day: `2026-11-25` / `25.11.2026`. */
  day(ms: number | null): string;
  /** From `now`: `in 2h5m` / `через 2 ч 5 мин`. */
  relative(ms: number | null, now: number): string;
}

/**
 * The one place commands get the way to show times to the person reading (HD_TZ, and the interface
 * language from HD_LANG or the locale); the message catalogs can take the language from here too.
 */
export function timeDisplay(ctx: {
  timeZone: string;
  env: Readonly<Record<string, string | undefined>>;
}): TimeDisplay {
  const lang = interfaceLanguage(ctx.env);
  const timeZone = ctx.timeZone;
  return {
    lang,
    timeZone,
    at: (ms) => formatTime(ms, timeZone, lang),
    day: (ms) => formatDay(ms, timeZone, lang),
    relative: (ms, now) => relative(ms, now, lang),
  };
}

/** "09:15" on the day of `now` (in `timeZone`), else the date and time. */
export function timeOfDay(ms: number, now: number, timeZone: string, lang: Lang = 'en'): string {
  const at = formatTime(ms, timeZone, lang);
  return at.slice(0, 10) === formatTime(now, timeZone, lang).slice(0, 10) ? at.slice(11) : at;
}

/**
 * Like timeOfDay, for a table on a terminal: a day of the year of `now` without its year —
 * `25.11 16:00` in Russian, `11-25 16:00` in English — so that a row keeps to 80 columns.
 */
export function shortTimeOfDay(ms: number, now: number, timeZone: string, lang: Lang = 'en'): string {
  const at = timeOfDay(ms, now, timeZone, lang);
  if (at.length <= 5) return at;
  const p = localParts(ms, timeZone);
  if (p.year !== localParts(now, timeZone).year) return at;
  return lang === 'ru'
    ? `${p.day}.${p.month} ${p.hour}:${p.minute}`
    : `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// Times shown to people: in HD_TZ, "2026-11-25 18:30" and "in 2h 5m" / "25m ago".
import { formatDuration } from '../domain/time.ts';
import { t } from '../i18n.ts';

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

export function formatTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '—';
  // main.ts sets TZ to HD_TZ: local getters then need no ICU, which costs ~10 ms per process.
  if (timeZone === process.env.TZ) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "in 2h5m", "25m ago", "now". */
export function relative(ms: number | null, now: number): string {
  if (ms === null) return '—';
  const delta = ms - now;
  if (Math.abs(delta) < 60_000) return t('time.now');
  const span = formatDuration(Math.abs(delta));
  return t(delta > 0 ? 'time.in' : 'time.ago', { span });
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** "09:15" on the day of `now` (in `timeZone`), else the date and time. */
export function timeOfDay(ms: number, now: number, timeZone: string): string {
  const at = formatTime(ms, timeZone);
  return at.slice(0, 10) === formatTime(now, timeZone).slice(0, 10) ? at.slice(11) : at;
}

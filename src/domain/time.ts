import { TZDateMini } from '@date-fns/tz';
import { UsageError } from '../errors.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `45m`, `2h`, `1d4h`, `1h30m`, `90s` → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const match = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?$/.exec(trimmed);
  if (!match || trimmed === '' || match.slice(1).every((part) => part === undefined)) {
    throw new UsageError(`"${text}" is not a duration. Write it like 45m, 2h, 1d4h or 1h30m.`);
  }
  const [d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return d * DAY + h * HOUR + m * MINUTE + s * 1000;
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

/**
 * A moment as an operator types it, read in `timeZone`: ISO (`2026-11-25T18:30`, with or without
 * an offset), a date (`2026-11-25`, midnight), `18:30` (today), `today 18:30`, `tomorrow 09:00`,
 * `+3h` / `in 3h` (from now), `now`.
 */
export function parseWhen(text: string, now: Date, timeZone: string): Date {
  const input = text.trim().toLowerCase();
  const fail = () =>
    new UsageError(
      `"${text}" is not a time. Use 18:30, "tomorrow 09:00", +3h, or ISO like 2026-11-25T18:30.`,
    );
  if (input === 'now') return new Date(now.getTime());
  const relative = /^(?:\+|in\s+)(.+)$/.exec(input);
  if (relative) return new Date(now.getTime() + parseDuration(relative[1]!));
  const dayWord = /^(today|tomorrow|yesterday)(?:\s+(.+))?$/.exec(input);
  if (dayWord) {
    const clock: [number, number] | null = dayWord[2] ? parseClock(dayWord[2]) : [0, 0];
    if (!clock) throw fail();
    const offset = { today: 0, tomorrow: 1, yesterday: -1 }[dayWord[1] as 'today' | 'tomorrow' | 'yesterday'];
    return atLocal(timeZone, now, offset, clock[0], clock[1]);
  }
  const clock = parseClock(input);
  if (clock) return atLocal(timeZone, now, 0, clock[0], clock[1]);
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/.exec(
      input,
    );
  if (!iso) throw fail();
  if (iso[7]) {
    const absolute = new Date(text.trim());
    if (Number.isNaN(absolute.getTime())) throw fail();
    return absolute;
  }
  const [year, month, day, hours, minutes, seconds] = iso
    .slice(1, 7)
    .map((part) => Number(part ?? 0)) as number[];
  const local = new TZDateMini(year!, month! - 1, day!, hours!, minutes!, seconds!, 0, timeZone);
  // Reject 2026-02-30 and 25:00 instead of letting Date roll them over.
  if (local.getMonth() !== month! - 1 || local.getDate() !== day! || hours! > 23 || minutes! > 59)
    throw fail();
  return new Date(local.getTime());
}

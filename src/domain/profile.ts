import { type HdError, RefusedError } from '../errors.ts';
import { validateMatrix } from './priority.ts';
import { parseDuration } from './time.ts';
import { type Coverage, PRIORITIES, type Priority, type PriorityTargets, type RuleProfile } from './types.ts';

/** A profile file's problem, naming the field: `targets.P3.restore: "-4h" is not a duration`. */
export class ProfileError extends RefusedError {}

type Json = Record<string, unknown>;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function field(path: string, message: string): never {
  throw new ProfileError(`${path}: ${message}`);
}

function duration(value: unknown, path: string, nullable: boolean): number | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    field(path, 'is required (a duration like 4h)');
  }
  if (typeof value !== 'string') field(path, `must be a duration like "4h", not ${JSON.stringify(value)}`);
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    field(path, `"${value}" is not a duration (write 30m, 4h, 1d, 1d4h; targets cannot be negative)`);
  }
  if (ms <= 0) field(path, 'must be longer than zero');
  return ms;
}

const clock = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
    field(path, 'must be a time like "09:00"');
  return value;
};

const days = (value: unknown, path: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) field(path, 'must be a list of dates like "2026-01-10"');
  return value.map((day, i) => {
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day))
      field(`${path}[${i}]`, 'must be a date like "2026-01-10"');
    return day;
  });
};

function coverage(value: unknown, trusted: boolean): Coverage {
  const c = (value ?? {}) as Json;
  const timeZone = (c.timezone ?? 'Europe/Minsk') as string;
  // Checking a zone loads ICU data (~10 ms); profiles read back from the store were checked on the way in.
  if (typeof timeZone !== 'string' || (!trusted && !isValidTimeZone(timeZone))) {
    field(
      'coverage.timezone',
      `"${String(timeZone)}" is not a time zone (use an IANA name like Europe/Minsk)`,
    );
  }
  if (c.type === '24x7') return { type: '24x7', timezone: timeZone };
  if (c.type !== 'business') field('coverage.type', 'must be "24x7" or "business"');
  const weekdays = c.days ?? [1, 2, 3, 4, 5];
  if (
    !Array.isArray(weekdays) ||
    weekdays.length === 0 ||
    weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)
  ) {
    field('coverage.days', 'must list ISO weekdays, 1 = Monday … 7 = Sunday');
  }
  const start = clock(c.start, 'coverage.start');
  const end = clock(c.end, 'coverage.end');
  if (end <= start) field('coverage.end', 'must be later than coverage.start');
  const holidays = c.holidays === undefined ? 'BY' : c.holidays;
  if (holidays !== null && (typeof holidays !== 'string' || !/^[A-Z]{2}$/.test(holidays))) {
    field('coverage.holidays', 'must be a country code like "BY", or null');
  }
  return {
    type: 'business',
    timezone: timeZone,
    days: weekdays as number[],
    start,
    end,
    holidays: holidays as string | null,
    extraWorkingDays: days(c.extraWorkingDays, 'coverage.extraWorkingDays'),
    extraNonWorkingDays: days(c.extraNonWorkingDays, 'coverage.extraNonWorkingDays'),
  };
}

function targetsFor(value: unknown, priority: Priority): PriorityTargets {
  const path = `targets.${priority}`;
  if (!value || typeof value !== 'object')
    field(path, 'is missing: every profile sets targets for P1, P2, P3 and P4');
  const t = value as Json;
  const onsite = duration(t.onsite, `${path}.onsite`, true);
  const dispatch = t.dispatch === undefined ? onsite !== null : t.dispatch;
  if (typeof dispatch !== 'boolean') field(`${path}.dispatch`, 'must be true or false');
  if (dispatch && onsite === null) field(`${path}.onsite`, 'is required when dispatch is allowed');
  return {
    response: duration(t.response, `${path}.response`, false)!,
    update: duration(t.update, `${path}.update`, false)!,
    restore: duration(t.restore, `${path}.restore`, false)!,
    onsite,
    hardware: duration(t.hardware, `${path}.hardware`, true),
    dispatch,
  };
}

/** Turns a profile as written in data/profiles.json or an imported file into a checked RuleProfile. */
export function parseProfile(value: unknown, id = 0, version = 1, trusted = false): RuleProfile {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProfileError('A profile must be a JSON object with name, coverage and targets.');
  }
  const p = value as Json;
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(p.name)) {
    field('name', 'must be lower-case letters, digits, "-", "." or "_" (like standard-24x7)');
  }
  const checkedCoverage = coverage(p.coverage, trusted);
  const rawTargets = (p.targets ?? {}) as Json;
  const targets = Object.fromEntries(PRIORITIES.map((pr) => [pr, targetsFor(rawTargets[pr], pr)])) as Record<
    Priority,
    PriorityTargets
  >;
  let matrix: RuleProfile['matrix'];
  if (p.matrix !== undefined) {
    try {
      matrix = validateMatrix(p.matrix);
    } catch (error) {
      field('matrix', (error as HdError).message);
    }
  }
  return {
    id,
    name: p.name,
    version,
    title: typeof p.title === 'string' ? p.title : p.name,
    coverage: checkedCoverage,
    confirmWithin: duration(p.confirmWithin ?? '24h', 'confirmWithin', false)!,
    targets,
    ...(matrix ? { matrix } : {}),
  };
}

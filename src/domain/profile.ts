import { RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { checkText, LIMITS } from './limits.ts';
import { parseDuration } from './time.ts';
import {
  type Coverage,
  IMPACTS,
  PRIORITIES,
  type Priority,
  type PriorityMatrix,
  type PriorityTargets,
  type RuleProfile,
  URGENCIES,
} from './types.ts';

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

const DAY = 86_400_000;
/**
 * The longest target a profile may set, in service time. Beyond a year a target is a typo, and
 * bounding it keeps every deadline a computable date (see checkProfileCalendar for business hours).
 */
export const MAX_TARGET_MS = 366 * DAY;

/** A hand-edited file's typo (`"holiday"`, `"restor"`) would otherwise be ignored in silence. */
function knownKeys(value: Json, allowed: readonly string[], path: string, trusted: boolean): void {
  if (trusted) return;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      field(path ? `${path}.${key}` : key, t('rules.profileErr.unknownField', { known: allowed.join(', ') }));
    }
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function duration(value: unknown, path: string, nullable: boolean, trusted = false): number | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    field(path, t('rules.profileErr.durationRequired'));
  }
  if (typeof value !== 'string')
    field(path, t('rules.profileErr.durationType', { value: JSON.stringify(value) }));
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    // A well-formed duration too long for hd to hold is named as too long, not as malformed.
    if (/^\s*(\d+d)?\s*(\d+h)?\s*(\d+m)?\s*$/i.test(value) && /\d/.test(value))
      field(path, t('rules.profileErr.tooLong', { value }));
    field(path, t('rules.profileErr.notDuration', { value }));
  }
  if (ms <= 0) field(path, t('rules.profileErr.zero'));
  // Checked on the way in only: a profile stored by an earlier hd must still read back.
  if (!trusted && !(ms <= MAX_TARGET_MS)) field(path, t('rules.profileErr.tooLong', { value }));
  return ms;
}

const clock = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
    field(
      path,
      t('rules.profileErr.clock', { value: JSON.stringify(value) ?? t('rules.profileErr.nothing') }),
    );
  return value;
};

/** A calendar date that exists: 2026-02-28 yes, 2026-02-30 no. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const days = (value: unknown, path: string, trusted: boolean): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) field(path, t('rules.profileErr.dateList'));
  const seen = new Set<string>();
  return value.map((day, i) => {
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day))
      field(`${path}[${i}]`, t('rules.profileErr.dateType', { value: JSON.stringify(day) }));
    if (trusted) return day;
    if (!isCalendarDate(day)) field(`${path}[${i}]`, t('rules.profileErr.noSuchDate', { day }));
    if (seen.has(day)) field(`${path}[${i}]`, t('rules.profileErr.dateTwice', { day }));
    seen.add(day);
    return day;
  });
};

const COVERAGE_KEYS = [
  'type',
  'timezone',
  'days',
  'start',
  'end',
  'holidays',
  'extraWorkingDays',
  'extraNonWorkingDays',
] as const;

function coverage(value: unknown, trusted: boolean): Coverage {
  if (value !== undefined && !isObject(value))
    field(
      'coverage',
      t('rules.profileErr.objectLike', { example: '{"type": "24x7", "timezone": "Europe/Minsk"}' }),
    );
  const c = (value ?? {}) as Json;
  knownKeys(c, c.type === '24x7' ? ['type', 'timezone'] : COVERAGE_KEYS, 'coverage', trusted);
  const timeZone = (c.timezone ?? 'Europe/Minsk') as string;
  // Checking a zone loads ICU data (~10 ms); profiles read back from the store were checked on the way in.
  if (typeof timeZone !== 'string' || (!trusted && !isValidTimeZone(timeZone))) {
    field('coverage.timezone', t('rules.profileErr.timeZone', { zone: String(timeZone) }));
  }
  if (c.type === '24x7') return { type: '24x7', timezone: timeZone };
  if (c.type !== 'business') field('coverage.type', t('rules.profileErr.coverageType'));
  const weekdays = c.days ?? [1, 2, 3, 4, 5];
  if (
    !Array.isArray(weekdays) ||
    weekdays.length === 0 ||
    weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)
  ) {
    field('coverage.days', t('rules.profileErr.weekdays'));
  }
  if (!trusted && new Set(weekdays).size !== weekdays.length)
    field('coverage.days', t('rules.profileErr.weekdayTwice'));
  const start = clock(c.start, 'coverage.start');
  const end = clock(c.end, 'coverage.end');
  if (end <= start) field('coverage.end', t('rules.profileErr.endBeforeStart', { start }));
  const holidays = c.holidays === undefined ? 'BY' : c.holidays;
  if (holidays !== null && (typeof holidays !== 'string' || !/^[A-Z]{2}$/.test(holidays))) {
    field('coverage.holidays', t('rules.profileErr.holidays'));
  }
  const extraWorkingDays = days(c.extraWorkingDays, 'coverage.extraWorkingDays', trusted);
  const extraNonWorkingDays = days(c.extraNonWorkingDays, 'coverage.extraNonWorkingDays', trusted);
  extraNonWorkingDays.forEach((day, i) => {
    if (!trusted && extraWorkingDays.includes(day))
      field(`coverage.extraNonWorkingDays[${i}]`, t('rules.profileErr.alsoWorking', { day }));
  });
  return {
    type: 'business',
    timezone: timeZone,
    days: weekdays as number[],
    start,
    end,
    holidays: holidays as string | null,
    extraWorkingDays,
    extraNonWorkingDays,
  };
}

const TARGET_KEYS = ['response', 'update', 'restore', 'onsite', 'hardware', 'dispatch'] as const;

function targetsFor(value: unknown, priority: Priority, trusted: boolean): PriorityTargets {
  const path = `targets.${priority}`;
  if (value === undefined || value === null) field(path, t('rules.profileErr.targetsMissing'));
  if (!isObject(value))
    field(
      path,
      t('rules.profileErr.objectLike', { example: '{"response": "1h", "update": "2h", "restore": "8h"}' }),
    );
  const raw = value;
  knownKeys(raw, TARGET_KEYS, path, trusted);
  const onsite = duration(raw.onsite, `${path}.onsite`, true, trusted);
  const dispatch = raw.dispatch === undefined ? onsite !== null : raw.dispatch;
  if (typeof dispatch !== 'boolean') field(`${path}.dispatch`, t('rules.profileErr.boolean'));
  if (dispatch && onsite === null) field(`${path}.onsite`, t('rules.profileErr.onsiteRequired'));
  return {
    response: duration(raw.response, `${path}.response`, false, trusted)!,
    update: duration(raw.update, `${path}.update`, false, trusted)!,
    restore: duration(raw.restore, `${path}.restore`, false, trusted)!,
    onsite,
    hardware: duration(raw.hardware, `${path}.hardware`, true, trusted),
    dispatch,
  };
}

/** `version` and `versions` are what `hd rules show --json` prints: its output imports back. */
const PROFILE_KEYS = [
  'name',
  'title',
  'titleRu',
  'coverage',
  'confirmWithin',
  'targets',
  'matrix',
  'version',
  'versions',
];

/** A profile's own impact × urgency matrix, every cell P1–P4, each problem named by its cell. */
function checkMatrix(value: unknown, trusted: boolean): PriorityMatrix {
  if (!isObject(value)) field('matrix', t('rules.profileErr.objectWith', { keys: IMPACTS.join(', ') }));
  knownKeys(value, IMPACTS, 'matrix', trusted);
  for (const impact of IMPACTS) {
    const row = value[impact];
    if (!isObject(row))
      field(`matrix.${impact}`, t('rules.profileErr.matrixRow', { urgencies: URGENCIES.join(', ') }));
    knownKeys(row, URGENCIES, `matrix.${impact}`, trusted);
    for (const urgency of URGENCIES) {
      const cell = row[urgency];
      if (!(PRIORITIES as readonly unknown[]).includes(cell)) {
        field(
          `matrix.${impact}.${urgency}`,
          t('rules.profileErr.priority', { value: JSON.stringify(cell) ?? t('rules.profileErr.nothing') }),
        );
      }
    }
  }
  return value as PriorityMatrix;
}

/** Turns a profile as written in data/profiles.json or an imported file into a checked RuleProfile. */
export function parseProfile(value: unknown, id = 0, version = 1, trusted = false): RuleProfile {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProfileError(t('rules.profileErr.notObject'));
  }
  const p = value as Json;
  knownKeys(p, PROFILE_KEYS, '', trusted);
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(p.name)) {
    field('name', t('rules.profileErr.name'));
  }
  for (const name of ['title', 'titleRu'] as const) {
    const value = p[name];
    if (trusted || value === undefined) continue;
    if (typeof value !== 'string') field(name, t('rules.profileErr.text', { n: LIMITS.summary }));
    // Held to the rules of typed text (no NUL, valid Unicode, the limit), named by its field.
    try {
      checkText(value, name, LIMITS.summary);
    } catch (error) {
      field(name, (error as Error).message.replace(new RegExp(`^${name} `), ''));
    }
  }
  const checkedCoverage = coverage(p.coverage, trusted);
  if (p.targets !== undefined && !isObject(p.targets)) field('targets', t('rules.profileErr.targetsObject'));
  const rawTargets = (p.targets ?? {}) as Json;
  knownKeys(rawTargets, PRIORITIES, 'targets', trusted);
  const targets = Object.fromEntries(
    PRIORITIES.map((pr) => [pr, targetsFor(rawTargets[pr], pr, trusted)]),
  ) as Record<Priority, PriorityTargets>;
  const matrix = p.matrix === undefined || p.matrix === null ? undefined : checkMatrix(p.matrix, trusted);
  return {
    id,
    name: p.name,
    version,
    title: typeof p.title === 'string' ? p.title : p.name,
    ...(typeof p.titleRu === 'string' && p.titleRu !== '' ? { titleRu: p.titleRu } : {}),
    coverage: checkedCoverage,
    confirmWithin: duration(p.confirmWithin ?? '24h', 'confirmWithin', false, trusted)!,
    targets,
    ...(matrix ? { matrix } : {}),
  };
}

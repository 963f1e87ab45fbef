// hd rules import: a profile that is accepted never makes hd open fail later; a wrong one is
// refused by field, and nothing changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfileCalendar, guaranteedServiceTime, loadCalendar } from '../../src/domain/calendar.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import type { CoverageBusiness } from '../../src/domain/types.ts';
import { countRows, dbRows, harness, type TestHarness, tempDbPath } from '../helpers/context.ts';
import { EVROOPT, openArgs } from '../helpers/fixtures.ts';

const H = 3_600_000;
const target = (
  response: string,
  update: string,
  restore: string,
  onsite: string | null,
  hardware: string | null,
) => ({
  response,
  update,
  restore,
  onsite,
  hardware,
  dispatch: onsite !== null,
});
const same = (t: ReturnType<typeof target>) => ({ P1: t, P2: t, P3: t, P4: t });

/** Valid, but each at an edge: little working time, odd zones, clock changes, the 366d bound. */
const edgeProfiles: Record<string, unknown>[] = [
  {
    // One hour a week, Belarus holidays: about 38h of working time a year.
    name: 'one-hour-a-week',
    coverage: {
      type: 'business',
      timezone: 'Europe/Minsk',
      days: [3],
      start: '09:00',
      end: '10:00',
      holidays: 'BY',
    },
    confirmWithin: '36h',
    targets: same(target('1h', '2h', '30h', '20h', '36h')),
  },
  {
    name: 'sundays-kiritimati',
    coverage: {
      type: 'business',
      timezone: 'Pacific/Kiritimati',
      days: [7],
      start: '00:00',
      end: '23:59',
      holidays: null,
    },
    targets: same(target('30m', '1h', '45d', null, '40d')),
  },
  {
    name: 'longest-24x7',
    coverage: { type: '24x7', timezone: 'America/St_Johns' },
    confirmWithin: '366d',
    targets: same(target('366d', '366d', '366d', '366d', '366d')),
  },
  {
    name: 'new-york-every-day',
    title: 'Clock changes, US holidays, a leap day worked, its own matrix',
    coverage: {
      type: 'business',
      timezone: 'America/New_York',
      days: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '23:59',
      holidays: 'US',
      extraWorkingDays: ['2028-02-29', '2026-12-25'],
      extraNonWorkingDays: ['2027-03-14', '2026-12-31'],
    },
    targets: same(target('15m', '1h', '100d', '2d', '200d')),
    matrix: {
      down: { high: 'P1', medium: 'P1', low: 'P2' },
      degraded: { high: 'P2', medium: 'P3', low: 'P3' },
      intermittent: { high: 'P3', medium: 'P3', low: 'P4' },
      none: { high: 'P4', medium: 'P4', low: 'P4' },
    },
  },
  {
    name: 'late-window-kathmandu',
    coverage: {
      type: 'business',
      timezone: 'Asia/Kathmandu',
      days: [6, 7],
      start: '23:00',
      end: '23:59',
      holidays: null,
    },
    targets: same(target('1h', '1h', '80h', '40h', '90h')),
  },
  {
    // Three weeks of days off over New Year, a lower-case zone name Intl accepts.
    name: 'long-new-year-break',
    coverage: {
      type: 'business',
      timezone: 'europe/minsk',
      start: '09:00',
      end: '18:00',
      extraNonWorkingDays: Array.from({ length: 21 }, (_, i) =>
        new Date(Date.UTC(2026, 11, 21 + i)).toISOString().slice(0, 10),
      ),
    },
    targets: same(target('2h', '4h', '5d', '1d', '10d')),
  },
];

/** Opening moments: the last minute of the year (Minsk and UTC), a Saturday, a clock change, a leap day. */
const moments = [
  '2026-12-31T23:59:00+03:00',
  '2027-12-31T23:59:00Z',
  '2026-11-28T12:00:00Z',
  '2027-03-14T07:30:00Z',
  '2028-02-29T10:00:00Z',
];

async function importFile(h: TestHarness, content: unknown): Promise<number> {
  const file = join(tempDbPath(), '..', 'profiles.json');
  writeFileSync(file, JSON.stringify(content));
  return h.run(['rules', 'import', file]);
}

describe('an accepted profile never makes hd open fail', () => {
  it('imports the edge profiles and opens a ticket of every priority under each, at awkward moments', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await importFile(h, edgeProfiles)).toBe(0);
    for (const p of edgeProfiles) expect(h.stdout()).toContain(`${p.name}: saved as version 1`);
    let opened = 0;
    for (const p of edgeProfiles) {
      h.setNow('2026-11-25T09:00:00Z');
      expect(await h.run(['client', 'update', 'C-2022-0533', '--profile', String(p.name)])).toBe(0);
      for (const moment of moments) {
        h.setNow(moment);
        for (const priority of ['P1', 'P2', 'P3', 'P4']) {
          const args = [
            ...openArgs(EVROOPT, `${p.name} ${priority}`),
            '--priority',
            priority,
            '--priority-reason',
            'edge test',
          ];
          const code = await h.run([...args, '--json']);
          expect({ profile: p.name, moment, priority, code, stderr: h.stderr() }).toMatchObject({
            code: 0,
            stderr: '',
          });
          const ticket = JSON.parse(h.stdout());
          opened++;
          if (priority === 'P1') {
            // Taken (update clock), pending and resumed (pause), resolved (confirmation clock).
            for (const step of [
              ['take', ticket.number],
              ['pending', ticket.number, '--reason', 'waiting for the client'],
              ['resume', ticket.number],
              [
                'resolve',
                ticket.number,
                '--summary',
                'fixed',
                '--zone',
                'cpe',
                '--no-notify',
                '--skip-reason',
                'test',
              ],
            ]) {
              const stepCode = await h.run(step);
              expect({ profile: p.name, moment, step: step[0], stepCode, stderr: h.stderr() }).toMatchObject({
                stepCode: 0,
              });
            }
          }
        }
      }
    }
    expect(opened).toBe(edgeProfiles.length * moments.length * 4);
  }, 120_000);

  it('every target of every edge profile is a date from every moment, straight from the calendar', async () => {
    for (const definition of edgeProfiles) {
      const profile = parseProfile(definition);
      await checkProfileCalendar(profile, Date.parse('2026-11-25T09:00:00Z'));
      const calendar = await loadCalendar(profile.coverage);
      for (const moment of moments) {
        for (const t of Object.values(profile.targets)) {
          const longest = Math.max(t.response, t.update, t.restore, t.onsite ?? 0, t.hardware ?? 0);
          for (const ms of new Set([t.response, longest, profile.confirmWithin])) {
            expect(Number.isFinite(calendar.add(Date.parse(moment), ms))).toBe(true);
          }
        }
      }
    }
  });
});

describe('the working time a business calendar guarantees', () => {
  const base: CoverageBusiness = {
    type: 'business',
    timezone: 'Europe/Minsk',
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    holidays: 'BY',
    extraWorkingDays: [],
    extraNonWorkingDays: [],
  };
  it.each([
    ['Mon-Fri 9h, 12 holidays', base, 12, (260 - 12 - 2) * 9 * H],
    ['one hour on Wednesdays, no holidays', { ...base, days: [3], start: '09:00', end: '10:00' }, 0, 50 * H],
    [
      'a weekday listed twice counts once',
      { ...base, days: [3, 3], start: '09:00', end: '10:00' },
      0,
      50 * H,
    ],
    [
      'extra days off: the worst two consecutive years',
      { ...base, extraNonWorkingDays: ['2026-01-02', '2027-01-04', '2027-01-05', '2029-05-05'] },
      0,
      (260 - 3 - 2) * 9 * H,
    ],
    [
      'every Monday of 2027 off leaves nothing on Mondays-only',
      {
        ...base,
        days: [1],
        extraNonWorkingDays: Array.from({ length: 52 }, (_, i) =>
          new Date(Date.UTC(2027, 0, 4 + 7 * i)).toISOString().slice(0, 10),
        ),
      },
      0,
      0,
    ],
  ])('%s', (_name, coverage, holidays, expected) => {
    expect(guaranteedServiceTime(coverage as CoverageBusiness, holidays)).toBe(expected);
  });
});

describe('a wrong profile is refused by field, and nothing changes', () => {
  const valid = {
    name: 'gold',
    coverage: {
      type: 'business',
      timezone: 'Europe/Minsk',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
    },
    targets: same(target('1h', '2h', '8h', '8h', '1d')),
  };
  type Case = [string, unknown, RegExp];
  const withCoverage = (c: Record<string, unknown>) => ({ ...valid, coverage: { ...valid.coverage, ...c } });
  const withP1 = (t: Record<string, unknown>) => ({
    ...valid,
    targets: { ...valid.targets, P1: { ...valid.targets.P1, ...t } },
  });
  const mondays2027 = Array.from({ length: 52 }, (_, i) =>
    new Date(Date.UTC(2027, 0, 4 + 7 * i)).toISOString().slice(0, 10),
  );
  const cases: Case[] = [
    ['ten years', withP1({ restore: '3650d' }), /targets\.P1\.restore: "3650d" is longer than 366d/],
    [
      'beyond Date',
      withP1({ restore: '99999999999999999999d' }),
      /targets\.P1\.restore: .* longer than 366d/,
    ],
    [
      'more than one hour a week can reach',
      {
        ...withP1({ restore: '300d' }),
        coverage: { ...valid.coverage, days: [3], start: '09:00', end: '10:00' },
      },
      /targets\.P1\.restore: 300d of working time cannot be reached .*1 day\(s\) a week, 09:00-10:00.* at least \d+h of working time a year/,
    ],
    [
      'a business week at its limit',
      withP1({ hardware: '100d' }),
      /targets\.P1\.hardware: 100d of working time cannot be reached/,
    ],
    [
      'confirmWithin too',
      { ...valid, confirmWithin: '200d' },
      /confirmWithin: 200d of working time cannot be reached/,
    ],
    ['no days', withCoverage({ days: [] }), /coverage\.days: must list working ISO weekdays/],
    ['day 0', withCoverage({ days: [0, 1] }), /coverage\.days: must list working ISO weekdays/],
    ['day 8', withCoverage({ days: [8] }), /coverage\.days/],
    ['day 1.5', withCoverage({ days: [1.5] }), /coverage\.days/],
    ['a day twice', withCoverage({ days: [1, 1] }), /coverage\.days: lists a weekday twice/],
    [
      'start = end',
      withCoverage({ start: '09:00', end: '09:00' }),
      /coverage\.end: must be later than coverage\.start/,
    ],
    ['start > end', withCoverage({ start: '18:00', end: '09:00' }), /coverage\.end: must be later/],
    [
      'every working day removed',
      withCoverage({ days: [1], holidays: null, extraNonWorkingDays: mondays2027 }),
      /coverage: leaves no working time/,
    ],
    ['25:00', withCoverage({ start: '25:00' }), /coverage\.start: must be a time from "00:00" to "23:59"/],
    ['"9"', withCoverage({ start: '9' }), /coverage\.start: must be a time/],
    ['24:00', withCoverage({ end: '24:00' }), /coverage\.end: must be a time/],
    ['9:00 as a number', withCoverage({ start: 9 }), /coverage\.start: must be a time .*not 9/],
    ['unknown country', withCoverage({ holidays: 'XX' }), /coverage\.holidays: "XX" is not a country/],
    [
      'lower-case country',
      withCoverage({ holidays: 'by' }),
      /coverage\.holidays: must be a two-letter country code/,
    ],
    ['a region', withCoverage({ holidays: 'DE-BY' }), /coverage\.holidays: must be a two-letter/],
    [
      '30 February',
      withCoverage({ extraWorkingDays: ['2026-02-30'] }),
      /coverage\.extraWorkingDays\[0\]: "2026-02-30" is not a date/,
    ],
    [
      'month 13',
      withCoverage({ extraNonWorkingDays: ['2026-01-02', '2026-13-01'] }),
      /coverage\.extraNonWorkingDays\[1\]: "2026-13-01" is not a date/,
    ],
    [
      '29 February 2027',
      withCoverage({ extraNonWorkingDays: ['2027-02-29'] }),
      /extraNonWorkingDays\[0\]: "2027-02-29"/,
    ],
    [
      'a date twice',
      withCoverage({ extraNonWorkingDays: ['2026-01-02', '2026-01-02'] }),
      /extraNonWorkingDays\[1\]: "2026-01-02" is listed twice/,
    ],
    [
      'worked and off',
      withCoverage({ extraWorkingDays: ['2026-01-10'], extraNonWorkingDays: ['2026-01-10'] }),
      /extraNonWorkingDays\[0\]: "2026-01-10" is also listed in coverage\.extraWorkingDays/,
    ],
    [
      'not a date',
      withCoverage({ extraWorkingDays: ['10.01.2026'] }),
      /extraWorkingDays\[0\]: must be a date like/,
    ],
    [
      'unknown zone',
      withCoverage({ timezone: 'Mars/Olympus' }),
      /coverage\.timezone: "Mars\/Olympus" is not a time zone/,
    ],
    ['an offset is not a zone', withCoverage({ timezone: '+03:00' }), /coverage\.timezone/],
    ['a typo in coverage', withCoverage({ holiday: 'RU' }), /coverage\.holiday: is not a field/],
    ['zero', withP1({ response: '0m' }), /targets\.P1\.response: must be longer than zero/],
    ['negative', withP1({ response: '-1h' }), /targets\.P1\.response: "-1h" is not a duration/],
    ['fraction', withP1({ update: '1.5h' }), /targets\.P1\.update: "1\.5h" is not a duration/],
    ['exponent', withP1({ restore: '1e3h' }), /targets\.P1\.restore: "1e3h" is not a duration/],
    ['a bare number', withP1({ restore: 4 }), /targets\.P1\.restore: must be a duration like "4h", not 4/],
    ['a typo in a target', withP1({ restor: '4h' }), /targets\.P1\.restor: is not a field/],
    [
      'P5',
      { ...valid, targets: { ...valid.targets, P5: valid.targets.P1 } },
      /targets\.P5: is not a field .*P1, P2, P3, P4/,
    ],
    [
      'a target that is a string',
      { ...valid, targets: { ...valid.targets, P2: '4h' } },
      /targets\.P2: must be an object/,
    ],
    [
      'matrix cell P5',
      {
        ...valid,
        matrix: {
          down: { high: 'P1', medium: 'P1', low: 'P2' },
          degraded: { high: 'P5', medium: 'P3', low: 'P3' },
          intermittent: { high: 'P3', medium: 'P3', low: 'P4' },
          none: { high: 'P4', medium: 'P4', low: 'P4' },
        },
      },
      /matrix\.degraded\.high: "P5" is not a priority/,
    ],
    [
      'matrix row missing',
      { ...valid, matrix: { down: { high: 'P1', medium: 'P1', low: 'P2' } } },
      /matrix\.degraded: is missing/,
    ],
    [
      'matrix lower case',
      {
        ...valid,
        matrix: {
          down: { high: 'p1', medium: 'P1', low: 'P2' },
          degraded: { high: 'P2', medium: 'P3', low: 'P3' },
          intermittent: { high: 'P3', medium: 'P3', low: 'P4' },
          none: { high: 'P4', medium: 'P4', low: 'P4' },
        },
      },
      /matrix\.down\.high: "p1" is not a priority/,
    ],
    ['title not text', { ...valid, title: 42 }, /title: must be text/],
    ['titleRu not text', { ...valid, titleRu: 42 }, /titleRu: must be text/],
    ['a NUL in the title', { ...valid, title: 'Gold\u0000' }, /title: contains a NUL byte/],
    ['a broken title', { ...valid, title: 'Gold \ud800' }, /title: is not valid UTF-8 text/],
    [
      'a title too long',
      { ...valid, title: 'x'.repeat(201) },
      /title: is 201 characters long; the limit is 200/,
    ],
    ['a typo at the top', { ...valid, target: {} }, /^hd: [^\n]*: target: is not a field/],
    ['an empty list', [], /holds no profiles/],
    [
      'the second of two',
      [valid, { ...withCoverage({ holidays: 'ZZ' }), name: 'silver' }],
      /profile #2 in .*: coverage\.holidays: "ZZ" is not a country/,
    ],
  ];

  it.each(cases)('%s', async (_name, content, message) => {
    const h = await harness();
    const before = await countRows(h.store);
    const profiles = await dbRows(h.store, 'SELECT * FROM rule_profiles ORDER BY id');
    expect(await importFile(h, content)).toBe(1);
    expect(h.stderr()).toMatch(message);
    expect(h.stderr()).toContain('Nothing was imported.');
    expect(h.stderr()).not.toMatch(/unexpected error|\n {4}at /);
    expect(await countRows(h.store)).toEqual(before);
    expect(await dbRows(h.store, 'SELECT * FROM rule_profiles ORDER BY id')).toEqual(profiles);
  });

  it('what hd rules show --json prints imports back unchanged', async () => {
    const h = await harness();
    expect(await h.run(['rules', 'show', 'business-8x5', '--json'])).toBe(0);
    const shown = JSON.parse(h.stdout());
    expect(await importFile(h, shown)).toBe(0);
    expect(h.stdout()).toMatch(/business-8x5: saved as version 2/);
  });

  it('the shipped profiles pass the calendar check', async () => {
    const { profilesData } = await import('../../src/data.ts');
    for (const p of profilesData())
      await checkProfileCalendar(parseProfile(p), Date.parse('2026-11-25T09:00:00Z'));
  });
});

describe('hd rules import refuses a profile file in the console language (issue 15 point 1)', () => {
  const base = {
    name: 'ru-check',
    coverage: { type: '24x7', timezone: 'Europe/Minsk' },
    targets: Object.fromEntries(
      ['P1', 'P2', 'P3', 'P4'].map((p) => [p, { response: '1h', update: '2h', restore: '8h' }]),
    ),
  };
  const broken = {
    missing: { ...base, targets: { ...base.targets, P3: { update: '2h', restore: '8h' } } },
    duration: { ...base, targets: { ...base.targets, P3: { response: '-4h', update: '2h', restore: '8h' } } },
    calendar: { ...base, coverage: { type: 'business', start: '18:00', end: '09:00' } },
    zone: { ...base, coverage: { type: '24x7', timezone: 'Mars/Olympus' } },
    field: { ...base, holiday: 'BY' },
    unreachable: {
      ...base,
      coverage: { type: 'business', days: [1], start: '09:00', end: '10:00', holidays: null },
      targets: { ...base.targets, P1: { response: '1h', update: '2h', restore: '300d' } },
    },
    country: { ...base, coverage: { type: 'business', start: '09:00', end: '18:00', holidays: 'XX' } },
  };
  const russian = {
    missing: 'targets.P3.response: обязательно (длительность, например 4h)',
    duration: 'targets.P3.response: "-4h" — не длительность (пишите 30m, 4h, 1d, 1d4h',
    calendar: 'coverage.end: должно быть позже coverage.start (18:00)',
    zone: 'coverage.timezone: "Mars/Olympus" — не часовой пояс',
    field: 'holiday: не является полем профиля (известные поля: name,',
    unreachable:
      'targets.P1.restore: 300d рабочего времени недостижимо по этому календарю (рабочих дней в неделю: 1, 09:00-10:00)',
    country: 'coverage.holidays: для страны "XX" hd не знает государственных праздников',
  };
  const english = {
    missing: 'targets.P3.response: is required (a duration like 4h)',
    duration: 'targets.P3.response: "-4h" is not a duration (write 30m, 4h, 1d, 1d4h',
    calendar: 'coverage.end: must be later than coverage.start (18:00): the working day would have no hours',
    zone: 'coverage.timezone: "Mars/Olympus" is not a time zone (use an IANA name like Europe/Minsk)',
    field: 'holiday: is not a field of a profile here (known: name,',
    unreachable:
      'targets.P1.restore: 300d of working time cannot be reached under this calendar (1 day(s) a week, 09:00-10:00)',
    country: 'coverage.holidays: "XX" is not a country hd knows public holidays for',
  };
  for (const [lang, expected] of [
    ['ru', russian],
    ['en', english],
  ] as const) {
    it(`${lang}: each refusal names the field and what is wrong`, async () => {
      const h = await harness({ now: '2026-11-25T09:00:00Z', lang });
      for (const [what, profile] of Object.entries(broken)) {
        h.reset();
        expect(await importFile(h, profile), what).toBe(1);
        expect(h.stderr()).toContain(expected[what as keyof typeof expected]);
        if (lang === 'ru') expect(h.stderr()).not.toMatch(/ is not | must be | is required/);
      }
    });
  }
});

// hd rules: the Priority Rules profiles written into client contracts.
import { readFileSync } from 'node:fs';
import type { Context } from '../context.ts';
import { checkProfileCalendar } from '../domain/calendar.ts';
import { decodeUtf8 } from '../domain/limits.ts';
import { parseProfile } from '../domain/profile.ts';
import { formatDuration } from '../domain/time.ts';
import { PRIORITIES, type Priority, type RuleProfile } from '../domain/types.ts';
import { HdError, RefusedError } from '../errors.ts';
import { currentProfile, listProfiles, profileVersions, saveProfile } from '../store/reference.ts';
import { interfaceLanguage } from '../ui/lang.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { formatTarget } from '../ui/targets.ts';
import { sanitizeLine } from '../ui/text.ts';
import { bool, type Opts } from './common.ts';

const span = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

/** A target of `p` as the contract means it (working hours under business hours), for the reader. */
const targetText = (p: RuleProfile, ctx: Context) => {
  const lang = interfaceLanguage(ctx.env);
  return (ms: number | null) => (ms === null ? '—' : formatTarget(ms, p.coverage, lang));
};

export function coverageText(p: RuleProfile): string {
  const c = p.coverage;
  if (c.type === '24x7') return `24x7 (${c.timezone})`;
  const days = c.days.join(',') === '1,2,3,4,5' ? 'Mon-Fri' : `days ${c.days.join(',')}`;
  return `${days} ${c.start}-${c.end} ${c.timezone}${c.holidays ? `, ${c.holidays} public holidays off` : ''}`;
}

export function profileJson(p: RuleProfile) {
  return {
    name: p.name,
    version: p.version,
    title: p.title,
    coverage: p.coverage,
    confirmWithin: formatDuration(p.confirmWithin),
    targets: Object.fromEntries(
      PRIORITIES.map((pr) => {
        const t = p.targets[pr];
        return [
          pr,
          {
            response: span(t.response),
            update: span(t.update),
            restore: span(t.restore),
            onsite: t.onsite === null ? null : span(t.onsite),
            hardware: t.hardware === null ? null : span(t.hardware),
            dispatch: t.dispatch,
          },
        ];
      }),
    ),
  };
}

export async function runRulesList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const profiles = await listProfiles(await ctx.store());
  if (bool(opts, 'json')) {
    printJson(ctx.io, profiles.map(profileJson));
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Profile', value: (p: RuleProfile) => p.name },
      { header: 'Ver', value: (p: RuleProfile) => String(p.version) },
      { header: 'Coverage', value: (p: RuleProfile) => coverageText(p), flexible: true },
      { header: 'P1 response', value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.response) },
      { header: 'P1 restore', value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.restore) },
      { header: 'P1 on site', value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.onsite) },
    ],
    profiles,
  );
}

export async function runRulesShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const profile = await currentProfile(store, args[0]!);
  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      ...profileJson(profile),
      versions: (await profileVersions(store, profile.name)).map((v) => v.version),
    });
    return;
  }
  const c = colours(ctx.io);
  const cov = profile.coverage;
  const target = targetText(profile, ctx);
  ctx.io.stdout.write(
    `${c.bold(profile.name)} v${profile.version}: ${sanitizeLine(profile.title)}\n  Coverage: ${coverageText(profile)}\n` +
      (cov.type === 'business' && (cov.extraWorkingDays.length || cov.extraNonWorkingDays.length)
        ? `  Extra working days: ${cov.extraWorkingDays.join(', ') || '—'}; extra days off: ${cov.extraNonWorkingDays.join(', ') || '—'}\n`
        : '') +
      `  Client confirmation expected within ${target(profile.confirmWithin)} of resolution\n`,
  );
  const rows: [string, (p: Priority) => string][] = [
    ['Response', (p) => target(profile.targets[p].response)],
    ['Update every', (p) => target(profile.targets[p].update)],
    ['Restore', (p) => target(profile.targets[p].restore)],
    ['On site', (p) => target(profile.targets[p].onsite)],
    ['Hardware', (p) => target(profile.targets[p].hardware)],
  ];
  if (ctx.io.isTerminal) {
    // Targets in words ("27 working hours (3 working days)") make a table far wider than a
    // terminal: on one, each priority is a short block instead.
    for (const p of PRIORITIES) {
      ctx.io.stdout.write(
        `\n  ${c.bold(p)}  ${profile.targets[p].dispatch ? 'dispatch allowed' : 'no dispatch'}\n` +
          rows.map(([label, value]) => `    ${c.dim(label.padEnd(14))}${value(p)}\n`).join(''),
      );
    }
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Priority', value: (p: Priority) => p },
      { header: 'Response', value: (p: Priority) => target(profile.targets[p].response) },
      { header: 'Update every', value: (p: Priority) => target(profile.targets[p].update) },
      { header: 'Restore', value: (p: Priority) => target(profile.targets[p].restore) },
      { header: 'On site', value: (p: Priority) => target(profile.targets[p].onsite) },
      { header: 'Hardware', value: (p: Priority) => target(profile.targets[p].hardware) },
      { header: 'Dispatch', value: (p: Priority) => (profile.targets[p].dispatch ? 'yes' : 'no') },
    ],
    [...PRIORITIES],
  );
}

/** A message as one sentence: its own full stop, never a second one. */
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

/** The profiles in a rules file: a folder, an empty file and broken JSON are named as such. */
function readRules(file: string): unknown {
  const refuse = (why: string) => new RefusedError(`${file} ${why} Nothing was imported.`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw refuse('is a folder; give the rules file itself (a .json file).');
    if (code === 'ENOENT') throw refuse('is not there (no such file); check the path.');
    if (code === 'EACCES' || code === 'EPERM') throw refuse('is not readable by you.');
    throw refuse(`cannot be read (${code ?? (error as Error).message}).`);
  }
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (error) {
    if (!(error instanceof HdError)) throw error;
    throw new RefusedError(`${sentence(error.message)} Nothing was imported.`);
  }
  if (text.trim() === '')
    throw refuse(
      'is empty: a rules file holds one profile as JSON, or a list of them (see hd rules show NAME --json).',
    );
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /at position (\d+)/.exec((error as Error).message);
    const offset = at ? Number(at[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    const problem = (error as Error).message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ of JSON input$/, '');
    throw refuse(
      `is not valid JSON: ${problem.charAt(0).toLowerCase()}${problem.slice(1)} at line ${before.length}, column ${before.at(-1)!.length + 1}.`,
    );
  }
}

export async function runRulesImport(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const file = args[0]!;
  const parsed = readRules(file);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0)
    throw new RefusedError(`${file} holds no profiles (an empty list). Nothing was imported.`);
  const where = (i: number) => (list.length > 1 ? `profile #${i + 1} in ${file}` : file);
  const now = ctx.now().getTime();
  // Every profile is checked, calendars included, before the database is touched.
  for (const [i, definition] of list.entries()) {
    try {
      await checkProfileCalendar(parseProfile(definition), now);
    } catch (error) {
      if (!(error instanceof HdError)) throw error;
      throw new RefusedError(`${where(i)}: ${sentence(error.message)} Nothing was imported.`);
    }
  }
  const store = await ctx.store();
  // All or nothing: a bad profile anywhere in the file imports none of them.
  const results = await store.tx(async (q) => {
    const out = [];
    for (const [i, definition] of list.entries()) {
      try {
        out.push(await saveProfile(q, definition, now));
      } catch (error) {
        if (!(error instanceof HdError)) throw error;
        throw new RefusedError(`${where(i)}: ${sentence(error.message)} Nothing was imported.`);
      }
    }
    return out;
  });
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      results.map((r) => ({ ...profileJson(r.profile), created: r.created })),
    );
    return;
  }
  for (const r of results) {
    ctx.io.stdout.write(
      r.created
        ? `${r.profile.name}: saved as version ${r.profile.version}${r.profile.version > 1 ? ' (open tickets keep their earlier targets)' : ''}.\n`
        : `${r.profile.name}: unchanged (version ${r.profile.version}).\n`,
    );
  }
}

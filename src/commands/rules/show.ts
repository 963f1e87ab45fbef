// hd rules show: one profile, its coverage and calendar, and its targets per priority as the
// contract means them (src/ui/targets.ts: working hours under business hours).
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { PRIORITIES, type Priority } from '../../domain/types.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { currentProfile, profileVersions } from '../../store/reference.ts';
import { colours, printJson, printTable, writeText } from '../../ui/output.ts';
import { profileTitle } from '../../ui/profile-title.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { unit } from '../unit.ts';
import { coverageText, profileJson, targetText } from './profile.ts';

export interface RulesShowOptions {
  profile: string;
  json: boolean;
}

export const rulesShow = unit<RulesShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('rules.show.describe'))
      .argument('<profile>', t('rules.arg.profile'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd rules show business-8x5')),
  options: (input) => {
    const profile = input.arg(0)?.trim();
    if (!profile) throw new UsageError(t('rules.err.noProfile'));
    return { profile, json: input.flag('json') };
  },
  run: runRulesShow,
});

export async function runRulesShow(opts: RulesShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const profile = await currentProfile(store, opts.profile);
  if (opts.json) {
    printJson(ctx.io, {
      ...profileJson(profile),
      versions: (await profileVersions(store, profile.name)).map((v) => v.version),
    });
    return;
  }
  const c = colours(ctx.io);
  const cov = profile.coverage;
  const target = targetText(profile, ctx);
  writeText(
    ctx.io,
    `${c.bold(profile.name)} v${profile.version}: ${sanitizeLine(profileTitle(profile))}\n  ${t('rules.show.coverage', { coverage: coverageText(profile) })}\n` +
      (cov.type === 'business' && (cov.extraWorkingDays.length || cov.extraNonWorkingDays.length)
        ? `  ${t('rules.show.extraDays', { work: cov.extraWorkingDays.join(', ') || '—', off: cov.extraNonWorkingDays.join(', ') || '—' })}\n`
        : '') +
      `  ${t('rules.show.confirm', { target: target(profile.confirmWithin) })}\n`,
  );
  const rows: [string, (p: Priority) => string][] = [
    [t('show.target.response'), (p) => target(profile.targets[p].response)],
    [t('show.target.update'), (p) => target(profile.targets[p].update)],
    [t('show.target.restore'), (p) => target(profile.targets[p].restore)],
    [t('show.target.onsite'), (p) => target(profile.targets[p].onsite)],
    [t('show.target.hardware'), (p) => target(profile.targets[p].hardware)],
  ];
  if (ctx.io.isTerminal) {
    // Targets in words ("27 working hours (3 working days)") make a table far wider than a
    // terminal: on one, each priority is a short block instead.
    const width = Math.max(14, ...rows.map(([label]) => label.length + 2));
    for (const p of PRIORITIES) {
      ctx.io.stdout.write(
        `\n  ${c.bold(p)}  ${profile.targets[p].dispatch ? t('rules.show.dispatch') : t('rules.show.noDispatch')}\n` +
          rows.map(([label, value]) => `    ${c.dim(label.padEnd(width))}${value(p)}\n`).join(''),
      );
    }
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Priority', title: t('rules.col.priority'), value: (p: Priority) => p },
      { header: 'Response', title: rows[0]![0], value: rows[0]![1] },
      { header: 'Update every', title: rows[1]![0], value: rows[1]![1] },
      { header: 'Restore', title: rows[2]![0], value: rows[2]![1] },
      { header: 'On site', title: rows[3]![0], value: rows[3]![1] },
      { header: 'Hardware', title: rows[4]![0], value: rows[4]![1] },
      {
        header: 'Dispatch',
        title: t('rules.col.dispatch'),
        value: (p: Priority) => (profile.targets[p].dispatch ? t('rules.yes') : t('rules.no')),
      },
    ],
    [...PRIORITIES],
  );
}

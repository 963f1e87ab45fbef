// hd rules list: every Priority Rules profile with its coverage and P1 targets.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import type { RuleProfile } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { listProfiles } from '../../store/reference.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { unit } from '../unit.ts';
import { coverageText, profileJson, targetText } from './profile.ts';

export interface RulesListOptions {
  json: boolean;
}

export const rulesList = unit<RulesListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('rules.list.describe'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd rules list')),
  options: (input) => ({ json: input.flag('json') }),
  run: runRulesList,
});

export async function runRulesList(opts: RulesListOptions, ctx: Context): Promise<void> {
  const profiles = await listProfiles(await ctx.store());
  if (opts.json) {
    printJson(ctx.io, profiles.map(profileJson));
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Profile', title: t('rules.col.profile'), value: (p: RuleProfile) => p.name },
      { header: 'Ver', title: t('rules.col.version'), value: (p: RuleProfile) => String(p.version) },
      {
        header: 'Coverage',
        title: t('rules.col.coverage'),
        value: (p: RuleProfile) => coverageText(p),
        // Never cut: under its row when the targets take the width.
        wrap: 1,
      },
      {
        header: 'P1 response',
        title: t('rules.col.response'),
        value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.response),
      },
      {
        header: 'P1 restore',
        title: t('rules.col.restore'),
        value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.restore),
      },
      {
        header: 'P1 on site',
        title: t('rules.col.onsite'),
        value: (p: RuleProfile) => targetText(p, ctx)(p.targets.P1.onsite),
      },
    ],
    profiles,
  );
}

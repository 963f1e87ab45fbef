// What hd rules list|show|import share: a profile's coverage and targets for people, and its JSON.
import type { Context } from '../../context.ts';
import { formatDuration } from '../../domain/time.ts';
import { PRIORITIES, type RuleProfile } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { interfaceLanguage } from '../../ui/lang.ts';
import { formatTarget } from '../../ui/targets.ts';

const span = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

/** A target of `p` as the contract means it (working hours under business hours), for the reader. */
export const targetText = (p: RuleProfile, ctx: Context) => {
  const lang = interfaceLanguage(ctx.env);
  return (ms: number | null) => (ms === null ? '—' : formatTarget(ms, p.coverage, lang));
};

export function coverageText(p: RuleProfile): string {
  const c = p.coverage;
  if (c.type === '24x7') return `24x7 (${c.timezone})`;
  const days =
    c.days.join(',') === '1,2,3,4,5'
      ? t('rules.coverage.weekdays')
      : t('rules.coverage.days', { list: c.days.join(',') });
  return `${days} ${c.start}-${c.end} ${c.timezone}${c.holidays ? t('rules.coverage.holidays', { country: c.holidays }) : ''}`;
}

/** --json: the durations as written in a rules file (1d3h), the same in every interface language. */
export function profileJson(p: RuleProfile) {
  return {
    name: p.name,
    version: p.version,
    title: p.title,
    ...(p.titleRu ? { titleRu: p.titleRu } : {}),
    coverage: p.coverage,
    confirmWithin: formatDuration(p.confirmWithin),
    targets: Object.fromEntries(
      PRIORITIES.map((pr) => {
        const target = p.targets[pr];
        return [
          pr,
          {
            response: span(target.response),
            update: span(target.update),
            restore: span(target.restore),
            onsite: target.onsite === null ? null : span(target.onsite),
            hardware: target.hardware === null ? null : span(target.hardware),
            dispatch: target.dispatch,
          },
        ];
      }),
    ),
  };
}

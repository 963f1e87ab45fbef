// hd engineer show: one engineer, their duty, depot and active jobs.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { t } from '../../i18n.ts';
import { getEngineer } from '../../store/field.ts';
import { requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';
import { showEngineer } from './card.ts';

export interface EngineerShowOptions {
  name: string;
  json: boolean;
}

export const engineerShow = unit<EngineerShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('engineerShow.describe'))
      .argument('<name>', t('engineer.arg.name'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples(t('engineerShow.example'))),
  options: (input) => ({ name: requiredText(input.arg(0), 'NAME', 200), json: input.flag('json') }),
  run: runEngineerShow,
});

export async function runEngineerShow(opts: EngineerShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await showEngineer(ctx, await getEngineer(store, opts.name), opts.json);
}

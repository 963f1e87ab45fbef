// hd engineer add: a field engineer, with the phone the dispatcher calls.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { normalizeEmail, normalizePhone } from '../../domain/contact.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { addEngineer } from '../../store/field.ts';
import { requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';
import { showEngineer, skillsOf } from './card.ts';

export interface EngineerAddOptions {
  name: string;
  /** As typed; normalised (E.164) in run. */
  phone: string;
  email: string | undefined;
  depot: string;
  region: string;
  skills: string[];
  onDuty: boolean;
  json: boolean;
}

export const engineerAdd = unit<EngineerAddOptions>({
  declare: (parent) =>
    parent
      .command('add')
      .description(t('engineerAdd.describe'))
      .option('--name <name>', t('engineerAdd.opt.name'))
      .option('--phone <phone>', t('engineerAdd.opt.phone'))
      .option('--email <address>', t('engineerAdd.opt.email'))
      .option('--depot <depot>', t('engineerAdd.opt.depot'))
      .option('--region <region>', t('engineerAdd.opt.region'))
      .option('--skills <list>', t('engineerAdd.opt.skills'))
      .option('--off-duty', t('engineerAdd.opt.offDuty'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples(t('engineerAdd.example'))),
  options: (input) => {
    const missing = ['name', 'depot', 'region'].filter((f) => !input.text(f)).map((f) => `--${f}`);
    if (!input.text('phone')) missing.push(t('engineerAdd.missingPhone'));
    if (missing.length) throw new UsageError(t('life.missing', { flags: missing.join(', ') }));
    return {
      name: requiredText(input.text('name'), '--name', 200),
      phone: input.text('phone')!,
      email: input.text('email'),
      depot: requiredText(input.text('depot'), '--depot', 100),
      region: requiredText(input.text('region'), '--region', 100),
      skills: skillsOf(input.text('skills')) ?? [],
      onDuty: !input.flag('offDuty'),
      json: input.flag('json'),
    };
  },
  run: runEngineerAdd,
});

export async function runEngineerAdd(opts: EngineerAddOptions, ctx: Context): Promise<void> {
  const engineer = {
    name: opts.name,
    phone: await normalizePhone(opts.phone),
    email: opts.email ? normalizeEmail(opts.email) : null,
    depot: opts.depot,
    region: opts.region,
    skills: opts.skills,
    onDuty: opts.onDuty,
  };
  const store = await ctx.store();
  const created = await store.tx((q) => addEngineer(q, engineer, ctx.now().getTime()));
  await showEngineer(ctx, created, opts.json);
}

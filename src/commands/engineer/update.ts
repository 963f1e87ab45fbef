// hd engineer update: duty, contact details, depot, region or skills.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { normalizeEmail, normalizePhone } from '../../domain/contact.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { type Engineer, getEngineer, updateEngineer } from '../../store/field.ts';
import { requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';
import { showEngineer, skillsOf } from './card.ts';

export interface EngineerUpdateOptions {
  name: string;
  /** true with --on-duty, false with --off-duty, undefined with neither. */
  onDuty: boolean | undefined;
  /** As typed; normalised in run. */
  phone: string | undefined;
  email: string | undefined;
  depot: string | undefined;
  region: string | undefined;
  /** The new list (replaces the old one). */
  skills: string[] | undefined;
  json: boolean;
}

export const engineerUpdate = unit<EngineerUpdateOptions>({
  declare: (parent) =>
    parent
      .command('update')
      .description(t('engineerUpdate.describe'))
      .argument('<name>', t('engineer.arg.name'))
      .option('--on-duty', t('engineerUpdate.opt.onDuty'))
      .option('--off-duty', t('engineerUpdate.opt.offDuty'))
      .option('--phone <phone>', t('engineerAdd.opt.phone'))
      .option('--email <address>', t('engineerUpdate.opt.email'))
      .option('--depot <depot>', t('engineerUpdate.opt.depot'))
      .option('--region <region>', t('engineerUpdate.opt.region'))
      .option('--skills <list>', t('engineerUpdate.opt.skills'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples(t('engineerUpdate.example'))),
  options: (input) => {
    if (input.flag('onDuty') && input.flag('offDuty')) throw new UsageError(t('engineerUpdate.err.duty'));
    const depot = input.text('depot');
    const region = input.text('region');
    const opts: EngineerUpdateOptions = {
      name: requiredText(input.arg(0), 'NAME', 200),
      onDuty: input.flag('onDuty') ? true : input.flag('offDuty') ? false : undefined,
      phone: input.text('phone') || undefined,
      email: input.text('email') || undefined,
      depot: depot ? requiredText(depot, '--depot', 100) : undefined,
      region: region ? requiredText(region, '--region', 100) : undefined,
      skills: skillsOf(input.text('skills')),
      json: input.flag('json'),
    };
    const { name: _name, json: _json, ...change } = opts;
    if (Object.values(change).every((v) => v === undefined))
      throw new UsageError(t('life.missing', { flags: t('engineerUpdate.missing') }));
    return opts;
  },
  run: runEngineerUpdate,
});

export async function runEngineerUpdate(opts: EngineerUpdateOptions, ctx: Context): Promise<void> {
  const change: Partial<Engineer> = {};
  if (opts.phone) change.phone = await normalizePhone(opts.phone);
  if (opts.email) change.email = normalizeEmail(opts.email);
  if (opts.depot) change.depot = opts.depot;
  if (opts.region) change.region = opts.region;
  if (opts.skills !== undefined) change.skills = opts.skills;
  if (opts.onDuty !== undefined) change.onDuty = opts.onDuty;
  const store = await ctx.store();
  const engineer = await getEngineer(store, opts.name);
  const updated = await store.tx((q) => updateEngineer(q, engineer.id, change));
  await showEngineer(ctx, updated, opts.json);
}

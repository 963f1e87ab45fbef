// hd rules: the Priority Rules profiles written into client contracts.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { rulesImport } from './import.ts';
import { rulesList } from './list.ts';
import { rulesShow } from './show.ts';

export const rules: CommandGroup = {
  declare: (parent) => parent.command('rules').description(t('rules.describe')),
  units: [rulesList, rulesShow, rulesImport],
};

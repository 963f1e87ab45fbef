// hd engineer: the field staff who go to client sites.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { engineerAdd } from './add.ts';
import { engineerList } from './list.ts';
import { engineerShow } from './show.ts';
import { engineerUpdate } from './update.ts';

export const engineer: CommandGroup = {
  declare: (parent) => parent.command('engineer').description(t('engineer.describe')),
  units: [engineerAdd, engineerList, engineerShow, engineerUpdate],
};

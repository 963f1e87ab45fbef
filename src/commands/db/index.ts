// hd db: the database as a whole.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { dbCopy } from './copy.ts';

export const db: CommandGroup = {
  declare: (parent) => parent.command('db').description(t('db.describe')),
  units: [dbCopy],
};

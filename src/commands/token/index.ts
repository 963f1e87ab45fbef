// hd token: access tokens for hd serve, one per department.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { tokenCreate } from './create.ts';
import { tokenList } from './list.ts';
import { tokenRevoke } from './revoke.ts';

export const token: CommandGroup = {
  declare: (parent) => parent.command('token').description(t('token.describe')),
  units: [tokenCreate, tokenList, tokenRevoke],
};

// hd spares: the reserve stock of spare equipment kept for emergencies, per depot.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { sparesAdjust } from './adjust.ts';
import { sparesFaulty } from './faulty.ts';
import { sparesHistory } from './history.ts';
import { sparesList } from './list.ts';
import { sparesReceive } from './receive.ts';
import { sparesReturned } from './returned.ts';

export const spares: CommandGroup = {
  declare: (parent) => parent.command('spares').description(t('spares.describe')),
  units: [sparesList, sparesReceive, sparesAdjust, sparesHistory, sparesFaulty, sparesReturned],
};

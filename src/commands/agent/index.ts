// hd agent: the user's keeper of warm connections to a central PostgreSQL (src/store/agent/).
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { agentStart } from './start.ts';
import { agentStatus } from './status.ts';
import { agentStop } from './stop.ts';

export const agent: CommandGroup = {
  declare: (parent) => parent.command('agent').description(t('agent.describe')),
  units: [agentStart, agentStop, agentStatus],
};

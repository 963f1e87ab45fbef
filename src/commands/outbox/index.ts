// hd outbox: the queue of outgoing e-mail (list, show, send what is due, retry a failed message).
import { examples } from '../../cli/help.ts';
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { outboxList } from './list.ts';
import { outboxRetry } from './retry.ts';
import { outboxSend } from './send.ts';
import { outboxShow } from './show.ts';

export const outbox: CommandGroup = {
  declare: (parent) =>
    parent
      .command('outbox')
      .description(t('outbox.describe'))
      .addHelpText(
        'after',
        () =>
          `\n${t('outbox.help.smtp')}\n${examples('hd outbox list --status failed', 'hd outbox show 12', 'hd outbox send', 'hd outbox retry 12')}`,
      ),
  units: [outboxList, outboxShow, outboxSend, outboxRetry],
};

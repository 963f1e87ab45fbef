// hd client: the clients on contract, their contacts and services.
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { clientAdd } from './add.ts';
import { clientContact } from './contact.ts';
import { clientList } from './list.ts';
import { clientService } from './service.ts';
import { clientShow } from './show.ts';
import { clientUpdate } from './update.ts';

export const client: CommandGroup = {
  declare: (parent) => parent.command('client').description(t('client.describe')),
  units: [clientAdd, clientContact, clientService, clientUpdate, clientList, clientShow],
};

// Taking a fault report and finding tickets: hd open, show, list, search.
import type { Command } from 'commander';
import { list } from '../commands/list.ts';
import { open } from '../commands/open.ts';
import { search } from '../commands/search.ts';
import { show } from '../commands/show.ts';
import type { Action, Mount } from './shared.ts';

export function defineTicketCommands(program: Command, _action: Action, mount: Mount): void {
  for (const unit of [open, show, list, search]) mount(program, unit);
}

// Keeping the client informed: hd notify and the e-mail outbox.
import type { Command } from 'commander';
import { notify } from '../commands/notify.ts';
import { outbox } from '../commands/outbox/index.ts';
import type { Action, Mount } from './shared.ts';

export function defineNotifyCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, notify);
  mount(program, outbox);
}

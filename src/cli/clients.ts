// hd init and hd client: the database and the clients on contract.
import type { Command } from 'commander';
import { client } from '../commands/client/index.ts';
import { init } from '../commands/init.ts';
import type { Action, Mount } from './shared.ts';

export function defineClientCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, init);
  mount(program, client);
}

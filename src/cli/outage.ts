// hd outage: one network fault, many clients (issue 14).
import type { Command } from 'commander';
import { outage } from '../commands/outage/index.ts';
import type { Action, Mount } from './shared.ts';

/** Declares `hd outage` with every subcommand: the record and the cascades (src/commands/outage/). */
export function defineOutageCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, outage);
}

// hd outage eta | extend | notify | log | pending | resume | resolve are units of the outage group
// (src/commands/outage/), declared with it by src/cli/outage.ts; nothing is left to declare here.
import type { Command } from 'commander';
import type { Action, Mount } from './shared.ts';

export function defineOutageCascadeCommands(_program: Command, _action: Action, _mount: Mount): void {}

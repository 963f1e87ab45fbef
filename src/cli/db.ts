// The database as a whole (hd db copy), and the shell completion script (hd completion).
import type { Command } from 'commander';
import { completion } from '../commands/completion.ts';
import { db } from '../commands/db/index.ts';
import type { Action, Mount } from './shared.ts';

export function defineDbCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, db);
}

export function defineCompletionCommand(program: Command, _action: Action, mount: Mount): void {
  mount(program, completion);
}

// Field service: engineers, dispatch, hardware replacement, spares.
import type { Command } from 'commander';
import { dispatch, dispatchList, dispatchUpdate } from '../commands/dispatch/index.ts';
import { engineer } from '../commands/engineer/index.ts';
import { replace } from '../commands/replace.ts';
import { spares } from '../commands/spares/index.ts';
import type { Action, Mount } from './shared.ts';

export function defineFieldCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, engineer);

  mount(program, dispatch);
  // hd dispatch runs on its own and has subcommands: they go under the command it declared.
  const dispatchCommand = program.commands.find((c) => c.name() === 'dispatch')!;
  mount(dispatchCommand, dispatchUpdate);
  mount(dispatchCommand, dispatchList);

  mount(program, replace);

  mount(program, spares);
}

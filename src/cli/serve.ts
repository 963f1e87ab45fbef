// hd serve (the TMF621 API) and hd token (who may use it).
import type { Command } from 'commander';
import { serve } from '../commands/serve.ts';
import { token } from '../commands/token/index.ts';
import type { Action, Mount } from './shared.ts';

export function defineServeCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, serve);
  mount(program, token);
}

// The audit log: hd verify.
import type { Command } from 'commander';
import { verify } from '../commands/verify.ts';
import type { Action, Mount } from './shared.ts';

export function defineAuditCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, verify);
}

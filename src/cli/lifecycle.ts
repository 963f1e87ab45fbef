// Working a ticket: log, zone, take, assign, pending/resume, ETA, resolve, close, reopen, cancel.
import type { Command } from 'commander';
import { assign } from '../commands/assign.ts';
import { cancel } from '../commands/cancel.ts';
import { close } from '../commands/close.ts';
import { eta } from '../commands/eta.ts';
import { extend } from '../commands/extend.ts';
import { log } from '../commands/log.ts';
import { pending } from '../commands/pending.ts';
import { reopen } from '../commands/reopen.ts';
import { resolve } from '../commands/resolve.ts';
import { resume } from '../commands/resume.ts';
import { take } from '../commands/take.ts';
import { zone } from '../commands/zone.ts';
import type { Action, Mount } from './shared.ts';

export function defineLifecycleCommands(program: Command, _action: Action, mount: Mount): void {
  for (const unit of [log, zone, take, assign, pending, resume, eta, extend, resolve, close, reopen, cancel])
    mount(program, unit);
}

// Priority Rules and the SLA: hd sla, sla report, handover, rules, priority.
import type { Command } from 'commander';
import { handover } from '../commands/handover.ts';
import { priority } from '../commands/priority.ts';
import { report } from '../commands/report.ts';
import { rules } from '../commands/rules/index.ts';
import { sla } from '../commands/sla.ts';
import type { Action, Mount } from './shared.ts';

export function defineSlaCommands(program: Command, _action: Action, mount: Mount): void {
  mount(program, sla);
  // hd sla report: under hd sla, which runs on its own as well.
  const slaCommand = program.commands.find((c) => c.name() === 'sla')!;
  mount(slaCommand, report);
  mount(program, handover);

  mount(program, rules);

  mount(program, priority);
}

// Priority Rules and the SLA: hd sla, sla report, handover, rules, priority.
import type { Command } from 'commander';
import { handover } from '../commands/handover.ts';
import { report } from '../commands/report.ts';
import { rules } from '../commands/rules/index.ts';
import { sla } from '../commands/sla.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineSlaCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, sla);
  // hd sla report: under hd sla, which runs on its own as well.
  const slaCommand = program.commands.find((c) => c.name() === 'sla')!;
  mount(slaCommand, report);
  mount(program, handover);

  mount(program, rules);

  program
    .command('priority')
    .description("change a ticket's priority: deadlines are recomputed from the opening, pauses kept")
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('<priority>', 'P1 | P2 | P3 | P4')
    .option('--reason <text>', 'why (required)')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd priority 123 P1 --reason "whole branch down, not one PC"'))
    .action(action(async () => (await commands()).runPriority));
}

// Priority Rules and the SLA: hd sla, sla report, handover, rules, priority.
import type { Command } from 'commander';
import { handover } from '../commands/handover.ts';
import { report } from '../commands/report.ts';
import { sla } from '../commands/sla.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineSlaCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, sla);
  // hd sla report: under hd sla, which runs on its own as well.
  const slaCommand = program.commands.find((c) => c.name() === 'sla')!;
  mount(slaCommand, report);
  mount(program, handover);

  const rules = program.command('rules').description("Priority Rules profiles (a contract's SLA targets)");
  rules
    .command('list')
    .description('profiles with coverage and P1 targets')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd rules list'))
    .action(action(async () => (await commands()).runRulesList));
  rules
    .command('show')
    .description('one profile: coverage, calendar and targets per priority')
    .argument('<profile>', 'profile name')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd rules show business-8x5'))
    .action(action(async () => (await commands()).runRulesShow));
  rules
    .command('import')
    .description('add or update a profile from a JSON file (a change becomes a new version)')
    .argument('<file>', 'JSON file with one profile or a list of profiles')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd rules import gold-24x7.json') +
        '\nOpen tickets keep the targets of the version they were opened under.\n',
    )
    .action(action(async () => (await commands()).runRulesImport));

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

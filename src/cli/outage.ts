// hd outage: one network fault, many clients (issue 14).
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

/** Defines `hd outage` and its record commands; returns the group for the cascade commands. */
export function defineOutageCommands(program: Command, action: Action, _mount: Mount): Command {
  const outage = program
    .command('outage')
    .description(
      'mass outages: one network fault, many clients — open, show, attach, and one update (eta, extend, notify, log, pending, resume, resolve) for every linked ticket',
    );
  outage
    .command('open')
    .description('record an outage: what failed, the services and clients it hits, their open tickets')
    .option('--summary <text>', 'one line: what happened, e.g. "Fibre cut on pr. Nezavisimosti"')
    .option('--zone <zone>', 'fault zone (see hd zone --help), e.g. operator-network')
    .option('--elements <list>', 'failed network elements, comma-separated, e.g. NODE-MSQ-17,SW-17-3')
    .option('--services <list>', 'or the affected service IDs, comma-separated')
    .option('--started <when>', 'when the fault began (14:20, "today 14:20", ISO); default now')
    .option('--eta <when>', 'estimated time to restore (18:30, +4h, "tomorrow 09:00", ISO)')
    .option(
      '--proactive',
      'also open a linked ticket for every affected service without one and notify its client',
    )
    .option('--json', 'print the outage and the affected services as JSON')
    .addHelpText(
      'after',
      examples(
        'hd outage open --summary "Fibre cut on pr. Nezavisimosti" --zone operator-network --elements NODE-MSQ-17 --started 14:20 --eta 18:30',
        'hd outage open --summary "Switch SW-17-3 down" --elements SW-17-3 --eta +3h --proactive',
        'hd outage open --summary "Upstream loss" --services MSK-DIA-04021,MSK-DIA-03145',
      ) +
        "\nUnknown elements or services, and an ETA already passed, are refused with nothing written.\nOpen tickets of the affected services are linked to the outage; with --proactive every other\naffected service gets a ticket (impact down, urgency high, priority from the client's profile)\nand its client a notice: an e-mail queued, or a call on the list of hd outage show.\n",
    )
    .action(action(async () => (await commands()).runOutageOpen));
  outage
    .command('list')
    .description('active outages (newest first); --all adds resolved and cancelled ones')
    .option('--all', 'include resolved and cancelled outages')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd outage list', 'hd outage list --all --json'))
    .action(action(async () => (await commands()).runOutageList));
  outage
    .command('show')
    .description(
      'one outage: what failed, affected services, linked tickets, breaches, who is not yet told, timeline',
    )
    .argument('<outage>', 'OUT-000012 or 12')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd outage show OUT-000001', 'hd outage show 1 --json'))
    .action(action(async () => (await commands()).runOutageShow));
  outage
    .command('attach')
    .description('link open tickets to an active outage by hand')
    .argument('<outage>', 'OUT-000012 or 12')
    .argument('<tickets...>', 'HD-000123 …')
    .option('--reason <text>', 'why, for both timelines')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd outage attach OUT-000001 HD-000123 HD-000124'))
    .action(action(async () => (await commands()).runOutageAttach));
  outage
    .command('detach')
    .description('unlink tickets from an outage (a detached ticket is left out of its updates)')
    .argument('<outage>', 'OUT-000012 or 12')
    .argument('<tickets...>', 'HD-000123 …')
    .option('--reason <text>', 'why, for both timelines')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd outage detach OUT-000001 HD-000123 --reason "CPE power, not the cut"'))
    .action(action(async () => (await commands()).runOutageDetach));
  return outage;
}

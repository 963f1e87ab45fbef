// Priority Rules and the SLA: hd sla, sla report, handover, rules, priority.
import { type Command, Option } from 'commander';
import { priority } from '../commands/priority.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineSlaCommands(program: Command, action: Action, mount: Mount): void {
  const sla = program
    .command('sla')
    .description('SLA: a summary, or the open breaches, most severe first, with the next action (--overdue)')
    .option(
      '--overdue',
      'one row per breach: what is late, by how long, who has it, what to do (one line per active outage for its linked tickets)',
    )
    .option('--expand', 'with --overdue on a terminal: list the breaches of an outage under its line')
    .option('--due-within <duration>', 'also what breaches within DURATION (marked "soon")')
    .option('--priority <list>', 'only these priorities, e.g. P1,P2')
    .option('--client <text>', 'one client')
    .option('--assignee <name>', 'tickets assigned to NAME')
    .option('--mine', 'tickets assigned to me')
    .option('--limit <n>', 'the N most severe (default 50, like hd list); 0 lists every one')
    .option('--watch [seconds]', 'redraw every SECONDS (default 30) until Ctrl-C, for a wall screen')
    .option('--fail-on-overdue', 'exit 3 when anything is overdue (for cron and monitoring)')
    .option('--json', 'JSON: the counts (overdue, near) and the breaches shown')
    .addHelpText(
      'after',
      examples(
        'hd sla',
        'hd sla --overdue',
        'hd sla --overdue --due-within 1h --priority P1,P2',
        'hd sla --overdue --expand',
        'hd sla --overdue --watch 30',
        'hd sla --overdue --fail-on-overdue --json',
        'hd sla --overdue --limit 0 > breaches.tsv',
      ),
    )
    .action(action(async () => (await commands()).runSla));

  sla
    .command('report')
    .description('SLA performance over a period: targets met, response and restore times, breaches')
    .option('--from <date>', 'start (2026-11-01, 01.11.2026, "yesterday", ISO)')
    .option('--to <date>', 'end, exclusive (default: now)')
    .option('--client <text>', 'one client')
    .addOption(
      new Option('--by <group>', 'group rows by').choices(['priority', 'client', 'zone']).default('priority'),
    )
    .option('--outages <scope>', 'tickets linked to a mass outage: include (default), exclude, or only')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per group)')
    .addHelpText(
      'after',
      examples(
        'hd sla report --from 2026-11-01 --to 2026-12-01',
        'hd sla report --from 2026-11-01 --by client --csv > nov.csv',
        'hd sla report --from 2026-11-01 --outages exclude   # without the tickets of mass outages',
      ),
    )
    .action(action(async () => (await commands()).runReport));

  program
    .command('handover')
    .description('shift hand-over: what happened, what is open, what is late, who waits for a call')
    .option('--since <duration>', 'the shift that ends now', '12h')
    .option('--json', 'JSON output')
    .option('--markdown', 'Markdown, to paste into mail or chat')
    .option('--all', 'every line of every section (default: the first 20 of each, with totals)')
    .addHelpText('after', examples('hd handover', 'hd handover --since 8h --markdown | xclip'))
    .action(action(async () => (await commands()).runHandover));

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

  mount(program, priority);
}

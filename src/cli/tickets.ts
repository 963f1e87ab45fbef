// Taking a fault report and finding tickets: hd open, show, list, search.
import type { Command } from 'commander';
import { open } from '../commands/open.ts';
import { show } from '../commands/show.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineTicketCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, open);
  mount(program, show);

  program
    .command('list')
    .description('open tickets, most urgent first')
    .option('--status <list>', 'comma-separated: acknowledged,inProgress,pending,resolved,closed,cancelled')
    .option('--priority <list>', 'comma-separated: P1,P2')
    .option('--client <text>', 'one client (contract, service ID, phone or name)')
    .option('--assignee <name>', 'tickets assigned to NAME')
    .option('--mine', 'tickets assigned to me ($HD_OPERATOR)')
    .option('--all', 'include closed and cancelled tickets (newest first)')
    .option('--since <when>', 'opened since (2026-11-01, "yesterday", вчера, or a duration like 12h, 7д)')
    .option('--limit <n>', 'at most N rows; 0 lists every one', '50')
    .option(
      '--expand',
      'on a terminal, list the tickets linked to an active outage under its line (one line per outage otherwise)',
    )
    .option('--json', 'JSON output (one entry per ticket, with its outage)')
    .addHelpText(
      'after',
      examples(
        'hd list',
        'hd list --priority P1,P2 --mine',
        'hd list --expand',
        'hd list --all --since 7d --json',
      ),
    )
    .action(action(async () => (await commands()).runList));

  program
    .command('search')
    .description('full-text search over summaries, descriptions and timelines, best match first')
    .argument('<text...>', 'words to find (all must match)')
    .option('--limit <n>', 'at most N tickets', '20')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd search ping loss', 'hd search "Zhukova" --json') +
        '\nAll words must match. The 200 most recent matches are ranked by relevance; add words to narrow a common one.\n',
    )
    .action(action(async () => (await commands()).runSearch));
}

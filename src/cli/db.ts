// The database as a whole: hd db copy.
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineDbCommands(program: Command, action: Action, _mount: Mount): void {
  const db = program.command('db').description('the database as a whole: copy it to another one');
  db.command('copy')
    .description(
      'copy the whole database (HD_DB / --db) into an empty other one: a desk into the central PostgreSQL, or back into a file',
    )
    .requiredOption('--to <target>', 'the empty target: a postgres:// URL or a file path')
    .option('--json', 'JSON: rows per table, events sealed, tickets and events verified, seconds')
    .addHelpText(
      'after',
      `
Copies every table (profiles, settings, zones, clients, contacts, services, engineers, spares and
their movements, tickets, events with their hashes, dispatches, faulty units, the outbox) keeping
the ids, in one transaction on the target: it commits only after the row counts of every table
and every ticket's hash chain check out there, so an interruption (Ctrl-C, a lost server) leaves
the target empty. The search index is rebuilt by the target. A target holding any tickets,
clients or other data is refused (exit 1, nothing written); one that only ran hd init is accepted.
Stop work on the source while it runs: it is read in one snapshot (SQLite: its write lock).
See "Moving a desk to the centre" in the README.
${examples(
  'HD_DB=~/.local/share/hd/hd.db hd db copy --to postgres://hd@central.example/hd',
  'HD_DB=postgres://hd@central.example/hd hd db copy --to training.db',
)}`,
    )
    .action(action(async () => (await commands()).runDbCopy));
}

export function defineCompletionCommand(program: Command, action: Action, _mount: Mount): void {
  program
    .command('completion')
    .description('print the shell completion script: commands, flags, their values, open tickets, clients')
    .argument('<shell>', 'bash | zsh')
    .addHelpText(
      'after',
      `
Tab then completes commands and flags, flag values (zones, priorities, statuses, profiles,
outcomes), the numbers of open tickets (HD-000123, or 123 once you type a digit), client
contract numbers and service IDs, engineers, SKUs and open field jobs, read from the database
(HD_DB) as you type.
${examples(
  'eval "$(hd completion bash)"          # in ~/.bashrc',
  'eval "$(hd completion zsh)"           # in ~/.zshrc, after compinit',
)}`,
    )
    .action(action(async () => (await commands()).runCompletion));
}

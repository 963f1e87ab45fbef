// hd export and hd import: tickets as TMF621 TroubleTicket JSON lines, for archives and for
// other systems (README "TMF621 API"). Each command's flags are filled into its typed options here.
import type { Command } from 'commander';
import type { ExportOptions } from '../commands/export.ts';
import { type Action, commands, examples, type Opts } from './shared.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function exportOptions(o: Opts): ExportOptions {
  return { format: text(o.format), since: text(o.since), status: text(o.status), output: text(o.output) };
}

export function defineTmfCommands(program: Command, action: Action): void {
  program
    .command('export')
    .description('write tickets as TMF621 TroubleTicket JSON lines (archives, other systems)')
    .option('--format <format>', 'tmf621: one TroubleTicket per line, as GET /troubleTicket/{id} returns it')
    .option('--since <when>', 'opened since (2026-11-01, "yesterday", вчера, or a duration like 30d)')
    .option('--status <list>', 'only these statuses, e.g. resolved,closed')
    .option('--output <file>', 'write to FILE (complete or not at all) instead of stdout')
    .addHelpText(
      'after',
      `
Tickets in number order, streamed: memory stays flat at any size. Each line is exactly what
hd serve returns for GET /troubleTicket/{id}: notes (the timeline), status history, parties,
service, relationships, SLA characteristics. A count goes to stderr.
${examples(
  'hd export --format tmf621 > tickets.jsonl',
  'hd export --format tmf621 --since 30d --status resolved,closed --output archive.jsonl',
  'hd export --format tmf621 | hd --db other.db import --format tmf621 -',
)}`,
    )
    .action(
      action(async () => {
        const { runExport } = await commands();
        return (_args, o, ctx) => runExport(exportOptions(o), ctx);
      }),
    );
}

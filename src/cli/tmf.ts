// hd export and hd import: tickets as TMF621 TroubleTicket JSON lines, for archives and for
// other systems (README "TMF621 API"). Each command's flags are filled into its typed options here.
import type { Command } from 'commander';
import type { ExportOptions } from '../commands/export.ts';
import type { ImportOptions } from '../commands/import.ts';
import { type Action, commands, examples, type Opts } from './shared.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function exportOptions(o: Opts): ExportOptions {
  return { format: text(o.format), since: text(o.since), status: text(o.status), output: text(o.output) };
}

export function importOptions(file: string | undefined, o: Opts): ImportOptions {
  return { format: text(o.format), file, source: text(o.source), json: o.json === true };
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

  program
    .command('import')
    .description('bring in tickets from TMF621 TroubleTicket JSON lines (another system, hd export)')
    .argument('<file>', 'the file of TroubleTicket lines, or - for stdin')
    .option('--format <format>', 'tmf621: one TroubleTicket per line')
    .option(
      '--source <name>',
      'the system of lines without externalIdentifier (their id is the id there)',
      'tmf621',
    )
    .option('--json', 'print {imported, skipped, tickets}')
    .addHelpText(
      'after',
      `
Every line is checked first, as POST /troubleTicket checks a body (client by contract number,
service, severity, reporter, channel) plus its dates, status and notes; one bad line refuses the
whole file ("line 17: …") and nothing is imported. A ticket already imported (the same
externalIdentifier owner and id, or --source and id) is skipped and counted, so importing a file
twice imports it once. An imported ticket keeps its creation date, status, assignee, zone, ETA
and notes (under their authors and dates); its moves are recorded as hd's events marked imported,
so hd verify checks it as any other. On a terminal a large file's progress goes to stderr.
${examples(
  'hd import --format tmf621 tickets.jsonl',
  'hd import --format tmf621 --source old-remedy remedy-export.jsonl --json',
  'hd --db old.db export --format tmf621 | hd import --format tmf621 -',
)}`,
    )
    .action(
      action(async () => {
        const { runImport } = await commands();
        return (args, o, ctx) => runImport(importOptions(args[0], o), ctx);
      }),
    );
}

// hd export and hd import as command units: tickets as TMF621 TroubleTicket JSON lines, for
// archives and for other systems (README "TMF621 API"). The work is in export.ts and import.ts.
import { examples } from '../cli/help.ts';
import { t } from '../i18n.ts';
import { type ExportOptions, runExport } from './export.ts';
import { type ImportOptions, runImport } from './import.ts';
import { unit } from './unit.ts';

export const exportTickets = unit<ExportOptions>({
  declare: (parent) =>
    parent
      .command('export')
      .description(t('export.describe'))
      .option('--format <format>', t('export.opt.format'))
      .option('--since <when>', t('export.opt.since'))
      .option('--status <list>', t('export.opt.status'))
      .option('--output <file>', t('export.opt.output'))
      .addHelpText(
        'after',
        `\n${t('export.after')}\n${examples(
          'hd export --format tmf621 > tickets.jsonl',
          'hd export --format tmf621 --since 30d --status resolved,closed \\\n      --output archive.jsonl',
          'hd export --format tmf621 | hd --db other.db import --format tmf621 -',
        )}`,
      ),
  options: (input) => ({
    format: input.text('format'),
    since: input.text('since'),
    status: input.text('status'),
    output: input.text('output'),
  }),
  run: runExport,
});

export const importTickets = unit<ImportOptions>({
  declare: (parent) =>
    parent
      .command('import')
      .description(t('import.describe'))
      .argument('<file>', t('import.arg.file'))
      .option('--format <format>', t('import.opt.format'))
      .option('--source <name>', t('import.opt.source'), 'tmf621')
      .option('--json', t('import.opt.json'))
      .addHelpText(
        'after',
        `\n${t('import.after')}\n${examples(
          'hd import --format tmf621 tickets.jsonl',
          'hd import --format tmf621 --source old-remedy remedy-export.jsonl --json',
          'hd --db old.db export --format tmf621 | hd import --format tmf621 -',
        )}`,
      ),
  options: (input) => ({
    format: input.text('format'),
    file: input.arg(0),
    source: input.text('source'),
    json: input.flag('json'),
  }),
  run: runImport,
});

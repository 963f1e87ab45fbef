// hd import --format tmf621 FILE|-: TroubleTicket JSON lines into this desk (app/import.ts).
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ImportLine, importTroubleTickets } from '../app/import.ts';
import type { Context } from '../context.ts';
import { checkLine, LIMITS } from '../domain/limits.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { decimal } from '../ui/number.ts';
import { safeJson, shown } from '../ui/text.ts';
import { checkFormat } from './export.ts';

/** The flags and argument of hd import, as typed (src/commands/tmf-units.ts fills it). */
export interface ImportOptions {
  format: string | undefined;
  /** A file, or "-" for stdin. */
  file: string | undefined;
  /** The source of lines without externalIdentifier (their id is the id there). */
  source: string | undefined;
  json: boolean;
}

export const DEFAULT_SOURCE = 'tmf621';

/** Above this size a file's progress is shown on a terminal. */
const LARGE = 1024 * 1024;

function opened(file: string): { stream: NodeJS.ReadableStream; size: number } {
  const refuse = (why: string) => new RefusedError(t('import.err.file', { file, why }));
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw refuse(t('import.err.folder'));
    size = stat.size;
  } catch (error) {
    if (error instanceof RefusedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw refuse(t('import.err.missing'));
    if (code === 'EACCES' || code === 'EPERM') throw refuse(t('import.err.unreadable'));
    throw refuse(t('import.err.cannotRead', { why: code ?? (error as Error).message }));
  }
  return { stream: createReadStream(file), size };
}

async function* numbered(
  stream: NodeJS.ReadableStream,
  counted: (bytes: number) => void,
): AsyncGenerator<ImportLine> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const text of lines) {
    number++;
    counted(Buffer.byteLength(text) + 1);
    yield { number, text };
  }
}

/**
 * Progress on stderr, a line at each tenth: hd never moves the terminal's cursor (its output
 * passes the one sanitiser), so the bar grows line by line.
 */
function progress(ctx: Context, size: number): (bytes: number) => void {
  if (!ctx.io.isTerminal || size < LARGE) return () => {};
  let read = 0;
  let shownTenth = 0;
  let lines = 0;
  return (bytes) => {
    read += bytes;
    lines++;
    const tenth = Math.min(10, Math.floor((read / size) * 10));
    if (tenth > shownTenth) {
      shownTenth = tenth;
      ctx.io.stderr.write(
        `${t('import.progress', { bar: '█'.repeat(tenth) + '░'.repeat(10 - tenth), percent: tenth * 10, lines: decimal(lines) })}\n`,
      );
    }
  };
}

export async function runImport(opts: ImportOptions, ctx: Context): Promise<void> {
  checkFormat(opts.format, 'import');
  if (opts.file === undefined || !opts.file.trim()) throw new UsageError(t('import.err.noFile'));
  const source = opts.source === undefined ? DEFAULT_SOURCE : checkSource(opts.source);
  const input = opts.file === '-' ? { stream: ctx.io.stdin, size: 0 } : opened(opts.file);
  const summary = await importTroubleTickets(ctx, numbered(input.stream, progress(ctx, input.size)), {
    source,
  });
  if (opts.json) {
    ctx.io.stdout.write(
      `${safeJson({ imported: summary.imported, skipped: summary.skipped, tickets: summary.tickets.map(formatTicketNumber) })}\n`,
    );
    return;
  }
  const range =
    summary.tickets.length === 0
      ? ''
      : summary.tickets.length === 1
        ? ` (${formatTicketNumber(summary.tickets[0]!)})`
        : ` (${formatTicketNumber(summary.tickets[0]!)} … ${formatTicketNumber(summary.tickets.at(-1)!)})`;
  ctx.io.stdout.write(
    `${t(summary.imported === 1 ? 'import.done.one' : 'import.done.many', { n: summary.imported, range, skipped: summary.skipped })}\n`,
  );
}

function checkSource(text: string): string {
  if (!text.trim()) throw new UsageError(t('import.err.emptySource'));
  try {
    return checkLine(text.trim(), '--source', LIMITS.name);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (${shown(text)})`);
  }
}

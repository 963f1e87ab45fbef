// hd import --format tmf621 FILE|-: TroubleTicket JSON lines into this desk (app/import.ts).
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ImportLine, importTroubleTickets } from '../app/import.ts';
import type { Context } from '../context.ts';
import { checkLine, LIMITS } from '../domain/limits.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../errors.ts';
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
  const refuse = (why: string) => new RefusedError(`${file} ${why} Nothing was imported.`);
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw refuse('is a folder; give the file of TroubleTicket lines (hd export writes one).');
    size = stat.size;
  } catch (error) {
    if (error instanceof RefusedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw refuse('is not there (no such file); check the path.');
    if (code === 'EACCES' || code === 'EPERM') throw refuse('is not readable by you.');
    throw refuse(`cannot be read (${code ?? (error as Error).message}).`);
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
        `hd import: ${'█'.repeat(tenth)}${'░'.repeat(10 - tenth)} ${tenth * 10}% (${lines.toLocaleString('en')} lines checked)\n`,
      );
    }
  };
}

export async function runImport(opts: ImportOptions, ctx: Context): Promise<void> {
  checkFormat(opts.format, 'import');
  if (opts.file === undefined || !opts.file.trim())
    throw new UsageError('hd import needs the file of TroubleTicket lines, or - to read them from stdin.');
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
    `Imported ${summary.imported} ticket${summary.imported === 1 ? '' : 's'}${range}; skipped ${summary.skipped} already imported.\n`,
  );
}

function checkSource(text: string): string {
  if (!text.trim())
    throw new UsageError('--source is empty; give the name of the system the tickets come from.');
  try {
    return checkLine(text.trim(), '--source', LIMITS.name);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (${shown(text)})`);
  }
}

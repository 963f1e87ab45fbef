// hd export --format tmf621: the tickets as TroubleTicket JSON lines, to stdout or a file.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportTroubleTickets } from '../app/export.ts';
import type { Context } from '../context.ts';
import { parseStatusWords } from '../domain/lifecycle.ts';
import { STATUSES, type Status } from '../domain/types.ts';
import { HdError, UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { writeNote } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { safeJson, shown } from '../ui/text.ts';
import { parseSince } from './list.ts';

/** The flags of hd export, as typed (src/commands/tmf-units.ts fills it). */
export interface ExportOptions {
  format: string | undefined;
  since: string | undefined;
  status: string | undefined;
  output: string | undefined;
}

export const FORMATS = ['tmf621'] as const;

/** --format: the one format there is, named when it is missing or another. */
export function checkFormat(format: string | undefined, command: 'export' | 'import'): 'tmf621' {
  if (format === undefined) throw new UsageError(t('export.err.noFormat', { command }));
  if (format.trim().toLowerCase() === 'tmf621') return 'tmf621';
  throw new UsageError(
    t(command === 'export' ? 'export.err.formatExport' : 'export.err.formatImport', {
      format: shown(format),
    }),
  );
}

export function parseStatuses(text: string): Status[] {
  const statuses = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const status = parseStatusWords(s);
      if (status) return status;
      throw new UsageError(
        t('export.err.status', { value: shown(s), list: STATUSES.map(statusWords).join(', ') }),
      );
    });
  if (statuses.length === 0) throw new UsageError(t('export.err.statusEmpty'));
  return statuses;
}

/** Where the lines go: stdout, or a file written beside its name and renamed when complete. */
interface Sink {
  write(text: string): void;
  done(): void;
  abort(): void;
}

function fileSink(path: string): Sink {
  const partial = `${path}.partial`;
  let fd: number;
  const fail = (error: unknown) =>
    new HdError(t('export.err.write', { path, why: writeReason(error, path) }));
  try {
    // Only its owner may read it, as the database: tickets hold clients' names and phones.
    fd = openSync(partial, 'w', 0o600);
  } catch (error) {
    throw fail(error);
  }
  // Ctrl-C, SIGTERM or a closed terminal mid-export: the half file goes, then the signal does what
  // it would have done (README: an interrupted export leaves no half file).
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => {
    forget();
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
    rmSync(partial, { force: true });
    process.kill(process.pid, signal);
  };
  const forget = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal);
  let closed = false;
  return {
    write(text) {
      try {
        writeSync(fd, text);
      } catch (error) {
        throw fail(error);
      }
    },
    done() {
      forget();
      closeSync(fd);
      closed = true;
      try {
        renameSync(partial, path);
      } catch (error) {
        rmSync(partial, { force: true });
        throw fail(error);
      }
    },
    abort() {
      forget();
      // done() closed it already when the rename failed (--output names a folder).
      if (!closed) closeSync(fd);
      rmSync(partial, { force: true });
    },
  };
}

/** Why a file cannot be written, in words (as hd import says why it cannot read one), not ENOENT. */
export function writeReason(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const dir = dirname(path);
  switch (code) {
    case 'ENOENT':
      return t('export.why.noFolder', { dir });
    case 'ENOTDIR':
      return t('export.why.notFolder', { dir });
    case 'EACCES':
    case 'EPERM':
      return t('export.why.denied', { dir });
    case 'EISDIR':
      return t('export.why.isFolder');
    case 'ENOSPC':
    case 'EDQUOT':
      return t('export.why.full');
    case 'EROFS':
      return t('export.why.readOnly');
    default:
      return code ?? (error as Error).message;
  }
}

/** Lines are written about 64 KB at a time: a write per ticket costs more than the ticket. */
const CHUNK = 64 * 1024;

export async function runExport(opts: ExportOptions, ctx: Context): Promise<void> {
  checkFormat(opts.format, 'export');
  const now = ctx.now();
  if (opts.since !== undefined && !opts.since.trim()) throw new UsageError(t('export.err.sinceEmpty'));
  const since = opts.since === undefined ? undefined : parseSince(opts.since, now, ctx.timeZone);
  const statuses = opts.status === undefined ? undefined : parseStatuses(opts.status);
  if (opts.output !== undefined && !opts.output.trim()) throw new UsageError(t('export.err.outputEmpty'));
  const store = await ctx.store();
  const sink: Sink = opts.output
    ? fileSink(opts.output)
    : { write: (text) => void ctx.io.stdout.write(text), done: () => {}, abort: () => {} };
  let count = 0;
  let pending = '';
  try {
    for await (const doc of exportTroubleTickets(
      store,
      { ...(since !== undefined ? { since } : {}), ...(statuses ? { statuses } : {}) },
      now.getTime(),
    )) {
      // JSON escapes for what a terminal could act on: stdout's sanitiser then has nothing to drop.
      pending += `${safeJson(doc)}\n`;
      count++;
      if (pending.length >= CHUNK) {
        sink.write(pending);
        pending = '';
      }
    }
    if (pending) sink.write(pending);
    sink.done();
  } catch (error) {
    sink.abort();
    throw error;
  }
  writeNote(
    ctx.io,
    `${t(count === 1 ? 'export.done.one' : 'export.done.many', {
      n: count,
      to: opts.output ? t('export.done.to', { file: shown(opts.output) }) : '',
    })}\n`,
  );
}

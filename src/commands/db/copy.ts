// hd db copy --to TARGET: the current database (HD_DB / --db) into an empty other one — a desk's
// SQLite file into the central PostgreSQL, or the central database into a local file for
// training. The copy itself is src/store/copy.ts; this opens the target, shows progress, reports.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { HdError, UsageError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import { COPIED_TABLES, type CopyProgress, type CopySummary, copyDatabase } from '../../store/copy.ts';
import { type Store, sql } from '../../store/port.ts';
import { isTerminal } from '../../tty.ts';
import { decimal } from '../../ui/number.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { russianPlural } from '../../ui/targets.ts';
import { unit } from '../unit.ts';

export interface DbCopyOptions {
  /** The empty target: a postgres:// URL or a file path. */
  to: string;
  json: boolean;
}

export const dbCopy = unit<DbCopyOptions>({
  declare: (parent) =>
    parent
      .command('copy')
      .description(t('db.copy.describe'))
      .requiredOption('--to <target>', t('db.copy.opt.to'))
      .option('--json', t('db.copy.opt.json'))
      .addHelpText(
        'after',
        `\n${t('db.copy.after')}\n${examples(
          'HD_DB=~/.local/share/hd/hd.db \\\n      hd db copy --to postgres://hd@central.example/hd',
          'HD_DB=postgres://hd@central.example/hd hd db copy --to training.db',
        )}`,
      ),
  options: (input) => {
    const to = input.text('to')?.trim();
    if (!to) throw new UsageError(t('db.copy.err.noTarget'));
    if (!isUrl(to) && /^[a-z][a-z0-9+.-]*:\/\//i.test(to))
      throw new UsageError(t('db.copy.err.scheme', { to: shown(to), scheme: to.split(':')[0]! }));
    return { to, json: input.flag('json') };
  },
  run: runDbCopy,
});

const isUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** A URL without its password, fit to print. */
function shown(target: string): string {
  if (!isUrl(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return target.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * The adapters' advice names where the database being used comes from (HD_DB, --db); for the
 * target of a copy that is --to.
 */
export function adviceForTarget(message: string): string {
  return message
    .replaceAll('--db PATH or HD_DB=PATH', '--to PATH')
    .replaceAll('--db ПУТЬ или HD_DB=ПУТЬ', '--to ПУТЬ')
    .replaceAll('--db ', '--to ')
    .replaceAll('HD_DB', '--to');
}

async function openTarget(target: string, ctx: Context): Promise<Store> {
  try {
    if (isUrl(target)) {
      const { openPostgres } = await import('../../store/postgres/index.ts');
      return await openPostgres(target, ctx.env);
    }
    const { openDatabase } = await import('../../store/sqlite/db.ts');
    return openDatabase(target);
  } catch (error) {
    if (error instanceof HdError) error.message = adviceForTarget(error.message);
    throw error;
  }
}

const TABLE_WIDTH = Math.max(...COPIED_TABLES.map((t) => t.table.length));

/**
 * The progress line's format and bar width for a terminal `columns` wide: the bar takes what the
 * text leaves (at least 10), so the line never runs past the edge (cli-progress would cut it).
 */
export function progressLine(columns: number, total: number): { format: string; barsize: number } {
  const digits = String(total).length;
  // The text around the bar at its widest: 100%, value and total at full width, a 7-character ETA (999h59m).
  const width = (format: string) =>
    format
      .replace('{table}', ' '.repeat(TABLE_WIDTH))
      .replace('{bar}', '')
      .replace('{percentage}', '100')
      .replace('{value}', ' '.repeat(digits))
      .replace('{total}', ' '.repeat(digits))
      .replace('{eta_formatted}', ' '.repeat(7)).length;
  const full = t('db.copy.bar.full');
  const short = t('db.copy.bar.short');
  const format = columns - 1 - width(full) >= 10 ? full : short;
  return { format, barsize: Math.max(10, Math.min(40, columns - 1 - width(format))) };
}

/** The progress on stderr: a bar on a terminal, one line per table otherwise. */
async function progress(ctx: Context) {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  if (!isTerminal(2)) {
    return {
      onProgress: undefined,
      onTable: (table: string, rows: number) =>
        say(`hd db copy: ${t(rows === 1 ? 'db.copy.row' : 'db.copy.rows', { table, rows: decimal(rows) })}`),
      stop: () => {},
    };
  }
  // Loaded only here: no other command pays for it.
  const { importExternal } = await import('../../external.ts');
  const mod = await importExternal<
    typeof import('cli-progress') & { default?: typeof import('cli-progress') }
  >('cli-progress');
  const cli = mod.default ?? mod;
  let bar: InstanceType<typeof cli.SingleBar> | undefined;
  return {
    onProgress: (p: CopyProgress) => {
      if (!bar) {
        const fit = progressLine(process.stderr.columns || 80, p.totalAll);
        bar = new cli.SingleBar(
          {
            format: fit.format,
            barsize: fit.barsize,
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
          },
          cli.Presets.shades_classic,
        );
        bar.start(p.totalAll, 0, { table: p.table.padEnd(TABLE_WIDTH) });
      }
      bar.update(p.doneAll, { table: p.table.padEnd(TABLE_WIDTH) });
    },
    onTable: undefined,
    stop: () => {
      bar?.stop();
    },
  };
}

export async function runDbCopy(opts: DbCopyOptions, ctx: Context): Promise<void> {
  const { to, json } = opts;
  if (!isUrl(to) && ctx.dbPath && !isUrl(ctx.dbPath) && resolve(to) === resolve(ctx.dbPath))
    throw new UsageError(t('db.copy.err.same', { to }));
  const source = await ctx.store();
  const created = !isUrl(to) && !existsSync(to);
  let target: Store | undefined;
  let summary: CopySummary;
  const started = Date.now();
  const bar = await progress(ctx);
  try {
    target = await openTarget(to, ctx);
    summary = await copyDatabase(source, target, {
      targetName: shown(to),
      signal: ctx.interrupt(),
      onProgress: bar.onProgress,
      onTable: bar.onTable,
    });
  } catch (error) {
    bar.stop();
    // Opening an empty central database created hd's schema in it, outside the copy's
    // transaction: the rollback leaves that (empty) schema, and the message says so.
    const schemaMade =
      isUrl(to) && target !== undefined && error instanceof HdError
        ? await target
            .get<{ m: number | null }>(sql`SELECT min(applied_at) AS m FROM schema_version`)
            .then((r) => r?.m != null && r.m >= started)
            .catch(() => false)
        : false;
    await target?.close().catch(() => {});
    // A file made only for this copy is removed again: a failed copy leaves nothing behind.
    if (created) for (const f of [to, `${to}-wal`, `${to}-shm`]) rmSync(f, { force: true });
    if (error instanceof HdError) {
      const name = shown(to);
      const left = t('copy.leftAsIs', { name });
      if (created) error.message = error.message.replace(left, t('db.copy.removed', { name }));
      else if (schemaMade) error.message = error.message.replace(left, t('db.copy.schemaStays', { name }));
    }
    throw error;
  }
  bar.stop();
  await target.close();
  const seconds = (Date.now() - started) / 1000;
  if (json) {
    printJson(ctx.io, {
      source: source.location,
      target: shown(to),
      ...summary,
      seconds: Math.round(seconds * 10) / 10,
    });
    return;
  }
  const n = (v: number) => decimal(v);
  const width = Math.max(...summary.tables.map((t) => t.table.length));
  let out = '';
  for (const x of summary.tables) out += `${x.table.padEnd(width)}  ${n(x.rows).padStart(12)}\n`;
  out += `${t('db.copy.done', {
    rows: n(summary.rows),
    from: source.location,
    to: shown(to),
    seconds: decimal(seconds, 1),
    tickets: counted(summary.ticketsVerified, 'ticket'),
    events: counted(summary.eventsVerified, 'event'),
  })}\n`;
  if (summary.sealedEvents) out += `${t('db.copy.sealed', { count: n(summary.sealedEvents) })}\n`;
  if (summary.differences) out += `${t('db.copy.differences', { count: n(summary.differences) })}\n`;
  writeText(ctx.io, out);
}

/** "1 ticket", "3 tickets"; "1 заявка", "3 заявки", "5 заявок": the noun in the form its number takes. */
function counted(count: number, noun: 'ticket' | 'event'): string {
  const form: 'one' | 'few' | 'many' =
    language() === 'ru'
      ? (russianPlural(count, 'one', 'few', 'many') as 'one' | 'few' | 'many')
      : count === 1
        ? 'one'
        : 'many';
  return t(`db.copy.${noun}.${form}`, { n: decimal(count) });
}

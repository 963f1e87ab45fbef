import { Chalk, type ChalkInstance } from 'chalk';
import type { IO } from '../context.ts';
import { wrapError } from '../errors.ts';
import { inLanguage, t } from '../i18n.ts';
import { type ColumnLayout, renderTable, wrapForTerminal } from './table.ts';
import { safeJson, sanitizeLine } from './text.ts';

export function colours(io: IO): ChalkInstance {
  return new Chalk({ level: io.color ? 1 : 0 });
}

/** `--json`: stable camelCase fields, ISO times, no colour, one document. */
export function printJson(io: IO, value: unknown): void {
  io.stdout.write(`${safeJson(value, 2)}\n`);
}

/**
 * `--json` for a list of any size: the same text as printJson({...head, [key]: rows, ...tail()}),
 * written a slice at a time; `tail` is read after the last row (for totals counted on the way).
 */
export async function printJsonStream<R>(
  io: IO,
  head: Record<string, unknown>,
  key: string,
  rows: Iterable<R> | AsyncIterable<R>,
  map: (row: R) => unknown,
  tail: () => Record<string, unknown>,
): Promise<void> {
  const field = (k: string, v: unknown) =>
    `  ${JSON.stringify(k)}: ${safeJson(v, 2).replaceAll('\n', '\n  ')}`;
  let out = `{\n${Object.entries(head)
    .map(([k, v]) => `${field(k, v)},\n`)
    .join('')}  ${JSON.stringify(key)}: [`;
  let count = 0;
  for await (const row of rows) {
    out += `${count++ ? ',' : ''}\n    ${safeJson(map(row), 2).replaceAll('\n', '\n    ')}`;
    if (count % 1000 === 0) {
      io.stdout.write(out);
      out = '';
    }
  }
  out += count ? '\n  ]' : ']';
  for (const [k, v] of Object.entries(tail())) out += `,\n${field(k, v)}`;
  io.stdout.write(`${out}\n}\n`);
}

/**
 * `--json` for a top-level list of any size: the same text as printJson(io, rows.map(map)),
 * written a slice at a time. Returns how many rows were printed.
 */
export async function printJsonList<R>(
  io: IO,
  rows: Iterable<R> | AsyncIterable<R>,
  map: (row: R) => unknown,
): Promise<number> {
  let out = '[';
  let count = 0;
  for await (const row of rows) {
    out += `${count++ ? ',' : ''}\n  ${safeJson(map(row), 2).replaceAll('\n', '\n  ')}`;
    if (count % 1000 === 0) {
      io.stdout.write(out);
      out = '';
    }
  }
  io.stdout.write(`${out}${count ? '\n' : ''}]\n`);
  return count;
}

/** All rows of `source` in an array. */
async function collect<R>(source: Iterable<R> | AsyncIterable<R>): Promise<R[]> {
  if (Array.isArray(source)) return source as R[];
  const out: R[] = [];
  for await (const row of source) out.push(row);
  return out;
}

export interface Column<R> extends ColumnLayout {
  /** The heading on a terminal, in the interface language; `header` (English) heads piped output. */
  title?: string;
  value: (row: R) => string;
  colour?: (text: string, row: R) => string;
  /** Text hd composes itself (numbers, statuses, hints): no user input, so no per-cell cleaning. */
  trusted?: boolean;
}

/**
 * One renderer for every list: on a terminal a table fitted to its width (src/ui/table.ts: no row
 * is ever wider than the terminal); piped, tab-separated lines with a header (easy for cut/awk),
 * no colour, streamed from `rows` in slices so ten thousand rows never sit in memory at once.
 * Returns how many rows were printed; with `headerWhenEmpty: false` nothing at all is printed for
 * no rows.
 */
export async function printTable<R>(
  io: IO,
  columns: Column<R>[],
  source: Iterable<R> | AsyncIterable<R>,
  { headerWhenEmpty = true } = {},
): Promise<number> {
  const cellsOf = (row: R) => columns.map((c) => (c.trusted ? c.value(row) : sanitizeLine(c.value(row))));
  if (!io.isTerminal) {
    // Piped: the same English values in every interface language (scripts read them).
    const english = (row: R) => inLanguage('en', () => cellsOf(row));
    let count = 0;
    let chunk: string[] = [columns.map((c) => c.header).join('\t')];
    for await (const row of source) {
      chunk.push(english(row).join('\t'));
      if (++count % 1000 === 0) {
        io.stdout.write(`${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length && (count > 0 || headerWhenEmpty)) io.stdout.write(`${chunk.join('\n')}\n`);
    return count;
  }
  const rows = await collect(source);
  if (rows.length === 0 && !headerWhenEmpty) return 0;
  const chalk = colours(io);
  const titled = columns.map((c) => ({ ...c, header: c.title ?? c.header }));
  const { lines, dropped } = renderTable(titled, rows.map(cellsOf), io.columns, (text, r, i) => {
    if (r < 0) return chalk.bold(text);
    const colour = columns[i]!.colour;
    return colour && io.color ? colour(text, rows[r]!) : text;
  });
  io.stdout.write(`${lines.join('\n')}\n`);
  if (dropped.length)
    io.stderr.write(
      `${wrapForTerminal(t('table.leftOut', { width: io.columns, columns: dropped.join(', ') }), io.columns)}\n`,
    );
  return rows.length;
}

/**
 * A short list already in memory (a call list inside a command's report), drawn like printTable:
 * fitted to the terminal (each line indented by `indent`), tab-separated with a header when piped.
 */
export function writeTable<R>(io: IO, columns: Column<R>[], rows: R[], indent = ''): void {
  const cellsOf = (row: R) => columns.map((c) => (c.trusted ? c.value(row) : sanitizeLine(c.value(row))));
  if (!io.isTerminal) {
    // Piped: the same English values in every interface language (scripts read them).
    const english = (row: R) => inLanguage('en', () => cellsOf(row));
    io.stdout.write(
      `${[columns.map((c) => c.header), ...rows.map(english)].map((r) => r.join('\t')).join('\n')}\n`,
    );
    return;
  }
  const chalk = colours(io);
  const titled = columns.map((c) => ({ ...c, header: c.title ?? c.header }));
  const { lines, dropped } = renderTable(
    titled,
    rows.map(cellsOf),
    io.columns - indent.length,
    (text, r, i) => {
      if (r < 0) return chalk.bold(text);
      const colour = columns[i]!.colour;
      return colour && io.color ? colour(text, rows[r]!) : text;
    },
  );
  io.stdout.write(`${lines.map((l) => indent + l).join('\n')}\n`);
  if (dropped.length)
    io.stderr.write(
      `${wrapForTerminal(t('table.leftOut', { width: io.columns, columns: dropped.join(', ') }), io.columns)}\n`,
    );
}

/**
 * A note for people on stderr ("no tickets found", the empty-database hint): on a terminal, each
 * line broken at spaces to its width like an error (a path or a command stays whole).
 */
export function writeNote(io: IO, text: string): void {
  io.stderr.write(
    io.isTerminal
      ? text
          .split('\n')
          .map((line) => wrapError(line, io.columns))
          .join('\n')
      : text,
  );
}

/** Text for people (a ticket, the hand-over, a report): on a terminal, lines wrapped to its width. */
export function writeText(io: IO, text: string): void {
  io.stdout.write(io.isTerminal ? wrapForTerminal(text, io.columns) : text);
}

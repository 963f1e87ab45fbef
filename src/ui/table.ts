// Fitting a table to the terminal (issue 15, point 3): one layout for every list. No borders, two
// spaces between columns, one line per row; when the terminal is too narrow, the flexible columns
// are shortened (to their minimum), then the low-value columns dropped (lowest `drop` first); a
// column that must never be cut (`wrap`) goes under its row, wrapped at word boundaries. Pure.
import { truncate } from './text.ts';

export interface ColumnLayout {
  header: string;
  /**
   * May be shortened (cut with …) down to `min` characters; `'last'`: only when nothing else can
   * give room (no column left to put under the row or to drop).
   */
  flexible?: boolean | 'last';
  min?: number;
  /** May be left out on a narrow terminal: the lowest number goes first. */
  drop?: number;
  /**
   * Never cut: printed under the row when the row has no room for it. Several such columns go
   * under the row one by one, in the order of their number (true = 0), each on its own lines.
   */
  wrap?: boolean | number;
}

export interface Layout {
  /** The columns on the row, in order, with their widths. */
  shown: { index: number; width: number }[];
  /** The columns printed under each row (indented, wrapped), in order. */
  below: number[];
  /** The columns left out for want of room. */
  dropped: number[];
}

export const GAP = 2;
export const INDENT = 4;
const FLEX_MIN = 8;

/** The widest line of `text`, in characters. */
export const textWidth = (text: string): number => [...text].length;

export function fitColumns(columns: ColumnLayout[], cells: string[][], width: number): Layout {
  const natural = columns.map((c, i) =>
    Math.max(textWidth(c.header), ...cells.map((row) => textWidth(row[i]!))),
  );
  const dropped = new Set<number>();
  const below: number[] = [];
  const rank = (i: number) => Number(columns[i]!.wrap);
  for (;;) {
    const shown = columns.map((_, i) => i).filter((i) => !dropped.has(i) && !below.includes(i));
    const widths = new Map(shown.map((i) => [i, natural[i]!]));
    const total = () => [...widths.values()].reduce((a, b) => a + b, 0) + GAP * (widths.size - 1);
    let over = total() - width;
    const shrink = (which: (c: ColumnLayout) => boolean) => {
      while (over > 0) {
        const candidates = shown.filter(
          (i) => which(columns[i]!) && widths.get(i)! > (columns[i]!.min ?? FLEX_MIN),
        );
        if (candidates.length === 0) break;
        const widest = candidates.reduce((a, b) => (widths.get(b)! > widths.get(a)! ? b : a));
        widths.set(widest, widths.get(widest)! - 1);
        over--;
      }
    };
    shrink((c) => c.flexible === true);
    const layout = () => ({
      shown: shown.map((index) => ({ index, width: widths.get(index)! })),
      below: [...below].sort((a, b) => rank(a) - rank(b)),
      dropped: [...dropped],
    });
    if (over <= 0) return layout();
    const wrap = shown.filter((i) => columns[i]!.wrap !== undefined && columns[i]!.wrap !== false);
    if (wrap.length > 0) {
      below.push(wrap.reduce((a, b) => (rank(b) > rank(a) ? b : a)));
      continue;
    }
    const droppable = shown.filter((i) => columns[i]!.drop !== undefined);
    if (droppable.length === 0) {
      shrink((c) => c.flexible === 'last');
      return layout();
    }
    dropped.add(droppable.reduce((a, b) => (columns[b]!.drop! < columns[a]!.drop! ? b : a)));
  }
}

/** `text` in lines of at most `width` characters, broken between words (a longer word is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = textWidth(word) > width ? truncate(word, width) : word;
    if (!line) line = piece;
    else if (textWidth(line) + 1 + textWidth(piece) <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Pads `text` (whose visible width is `visible`) to `width` characters. */
const pad = (text: string, visible: number, width: number) => text + ' '.repeat(Math.max(0, width - visible));

/**
 * The table's lines. `paint(text, row, column)` colours a cell after it was cut to its width, so a
 * cut never splits an escape sequence; row -1 is the header.
 */
export function renderTable(
  columns: ColumnLayout[],
  cells: string[][],
  width: number,
  paint: (text: string, row: number, column: number) => string = (t) => t,
): { lines: string[]; dropped: string[] } {
  const layout = fitColumns(columns, cells, width);
  const line = (texts: string[], row: number) => {
    const parts = layout.shown.map(({ index, width: w }, k) => {
      const cut = truncate(texts[index]!, w);
      const last = k === layout.shown.length - 1;
      const painted = paint(cut, row, index);
      return last ? painted : pad(painted, textWidth(cut), w);
    });
    return parts.join(' '.repeat(GAP)).trimEnd();
  };
  const out = [
    line(
      columns.map((c) => c.header),
      -1,
    ),
  ];
  cells.forEach((texts, r) => {
    out.push(line(texts, r));
    for (const column of layout.below) {
      for (const piece of wrapWords(texts[column]!, width - INDENT))
        out.push(' '.repeat(INDENT) + paint(piece, r, column));
    }
  });
  return { lines: out, dropped: layout.dropped.map((i) => columns[i]!.header) };
}

const ESCAPES = /\x1b\[[0-9;]*m/g;
const visible = (text: string) => textWidth(text.replace(ESCAPES, ''));

/**
 * Where a too-long line continues: under its last field (a field starts after two or more spaces)
 * when that field starts in the left 60% of the width, else two spaces in from the line's indent.
 * So a timeline entry goes on under its text, a heading under its summary.
 */
function hangOf(line: string, width: number): number {
  const plain = line.replace(ESCAPES, '');
  const indent = plain.length - plain.trimStart().length;
  let hang = indent + 2;
  for (const m of plain.matchAll(/\S {2,}(?=\S)/g)) {
    const start = m.index + m[0].length;
    if (start <= width * 0.6) hang = start;
  }
  return Math.min(hang, Math.floor(width * 0.6));
}

/** A word that goes on a command hint: a flag, a number, a lower-case word, a placeholder, a quote. */
const COMMAND_WORD =
  /^(?:-{1,2}[\w-]+=?\S*|[\d+][\p{L}\d:.,+-]*|[a-z][\w./:-]*|[A-ZА-ЯЁ|]{2,}|["'«].*|HD-\d+|J-\d+|OUT-\d+|…)[).,;]?$/u;

/**
 * The line's words with each command hint ("hd extend 2 --by 2h --reason …") as one piece, so a
 * wrap goes before the command, not inside it; a command wider than `room` is broken as words.
 */
function commandsKept(line: string, room: number): [string, string][] {
  const words = [...line.matchAll(/( *)([^ ]+)/g)].map((m): [string, string] => [m[1]!, m[2]!]);
  const out: [string, string][] = [];
  for (let i = 0; i < words.length; i++) {
    const [spaces, word] = words[i]!;
    const plain = word.replace(ESCAPES, '');
    if (!/^[(«"]?hd$/.test(plain)) {
      out.push([spaces, word]);
      continue;
    }
    let end = i;
    while (
      end + 1 < words.length &&
      words[end + 1]![0] === ' ' &&
      !/[).,;»"]$/.test(words[end]![1].replace(ESCAPES, '')) &&
      COMMAND_WORD.test(words[end + 1]![1].replace(ESCAPES, ''))
    )
      end++;
    const joined = words
      .slice(i, end + 1)
      .map(([sp, w], k) => (k === 0 ? w : sp + w))
      .join('');
    if (end > i && visible(joined) <= room) {
      out.push([spaces, joined]);
      i = end;
    } else out.push([spaces, word]);
  }
  return out;
}

/**
 * Text for a terminal `width` characters wide: every longer line broken between words, going on
 * under its last field (see hangOf); a word longer than the room is cut with …. Colour codes count
 * as no width and are never split.
 */
export function wrapForTerminal(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (visible(line) <= width) return [line];
      const hang = hangOf(line, width);
      const out: string[] = [];
      let current = '';
      let used = 0;
      let gap = '';
      for (const [spaces, word] of commandsKept(line, width - hang)) {
        const room = width - hang;
        const piece = visible(word!) > room ? truncate(word!.replace(ESCAPES, ''), room) : word!;
        const w = visible(piece);
        gap = spaces!;
        if (current === '' || used + gap.length + w <= width) {
          current += gap + piece;
          used += gap.length + w;
        } else {
          out.push(current);
          current = ' '.repeat(hang) + piece;
          used = hang + w;
        }
      }
      out.push(current);
      return out;
    })
    .join('\n');
}

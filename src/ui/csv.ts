// CSV for spreadsheets (RFC 4180): a field with a quote or comma is quoted, and a text
// cell a spreadsheet would read as a formula (= + - @, or a leading TAB or CR) starts with a single
// quote, as OWASP recommends against CSV injection. Numbers hd writes itself stay numbers.
import { sanitizeLine } from './text.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are, text cleaned of control characters and neutralised. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // One line: a spreadsheet row stays a row in every reader; escapes and controls go.
  let text = sanitizeLine(value);
  if (FORMULA_START.test(value) || FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, without its line end. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

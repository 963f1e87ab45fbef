// What hd accepts as text, identifiers and numbers: one table of limits, one check per kind.
// Every refusal names the field, the rule and the fix. The CLI passes the flag as the field name.
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { shown } from '../ui/text.ts';

/** Characters (UTF-16 code units, as JavaScript counts them) per kind of field. */
export const LIMITS = {
  /** Client, contact, engineer, party and assignee names. */
  name: 200,
  /** One-line ticket summary and resolution summary. */
  summary: 200,
  /** Reasons and notes: why a priority changed, why a job was cancelled … */
  note: 2_000,
  /** The fault description and log entries (pasted test output). */
  description: 20_000,
  /** One answer to an intake question. */
  answer: 1_000,
  /** Service kind, CPE model, region, search words, client lookups and other short text. */
  short: 200,
  /** Site address. */
  address: 500,
  /** SKUs, service IDs, contract numbers, depots, serials. */
  identifier: 64,
} as const;

/** Quantities and counts: far below what SQLite INTEGER and a JavaScript number hold exactly. */
export const MAX_COUNT = 1_000_000_000;
/** Units of one part in one movement. */
export const MAX_QUANTITY = 1_000_000;
/** The longest duration hd takes (an ETA extension, a window, a target): 10 years. */
export const MAX_DURATION_MS = 3650 * 24 * 3_600_000;
/**
 * Moments hd stores: 1900-01-02 to 9999-12-30 in UTC, so that every time zone (UTC−12 to UTC+14)
 * shows them within the years 1900 to 9999; far inside what Date holds.
 */
export const EARLIEST_MS = Date.UTC(1900, 0, 2);
export const LATEST_MS = Date.UTC(9999, 11, 30, 23, 59, 59, 999);
/** The range in words, for the messages that refuse a time outside it. */
export const TIME_RANGE = '1900-01-02T00:00Z to 9999-12-30T23:59Z, the years 1900 to 9999 in every time zone';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text as typed or read: no NUL, valid Unicode (an invalid UTF-8 byte decodes to U+FFFD, an unpaired
 * surrogate means broken input), at most `limit` characters. Control characters other than NUL are
 * kept: the output sanitiser cleans them when shown.
 */
export function checkText(value: string, field: string, limit: number): string {
  if (value.includes('\u0000')) throw new UsageError(t('input.err.nul', { field }));
  if (value.includes('\uFFFD') || LONE_SURROGATE.test(value))
    throw new UsageError(t('input.err.utf8', { field }));
  if (value.length > limit) {
    const key =
      limit >= LIMITS.description
        ? 'input.err.tooLong.split'
        : limit >= LIMITS.note
          ? 'input.err.tooLong.file'
          : 'input.err.tooLong';
    throw new UsageError(t(key, { field, length: value.length, limit }));
  }
  return value;
}

/**
 * Control characters a one-line value may not hold: C0 (tab and line breaks too), DEL, C1 (ESC and
 * the 8-bit escapes among them), and the invisible marks that reorder text (bidi embeddings,
 * overrides, isolates, LRM/RLM, the Arabic letter mark).
 */
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * A one-line value (a name, a summary, an address, a service kind, a lookup): checkText, and no
 * control character — such a value is shown without them, so it could never be typed back.
 */
export function checkLine(value: string, field: string, limit: number): string {
  checkText(value, field, limit);
  const found = LINE_CONTROL.exec(value);
  if (found) {
    const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new UsageError(t('input.err.control', { field, code }));
  }
  return value;
}

/** Bytes from stdin or a file as UTF-8 text, refusing anything that is not. */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new UsageError(t('input.err.notText', { source }));
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(t('input.err.notUtf8', { source }));
  }
}

const IDENTIFIER = /^[A-Za-z0-9\u0400-\u04FF][A-Za-z0-9\u0400-\u04FF._/-]*$/;

/**
 * SKUs, service IDs, contract numbers, depots and serials: what can be typed back later, so letters
 * (Latin or Cyrillic), digits and `- _ . /`, no spaces or controls, at most 64 characters.
 */
export function checkIdentifier(value: string, field: string): string {
  checkText(value, field, Number.POSITIVE_INFINITY);
  const text = value.trim();
  if (text.length > LIMITS.identifier)
    throw new UsageError(
      t('input.err.idTooLong', {
        field,
        value: shown(text, 20),
        length: text.length,
        limit: LIMITS.identifier,
      }),
    );
  if (text !== '' && !IDENTIFIER.test(text))
    throw new UsageError(
      t('input.err.notId', {
        field,
        value: shown(text),
        // A contract number looks like C-2026-0001; other identifiers like a service ID.
        example: /contract|договор/i.test(field) ? 'C-2026-0001' : 'MSK-DIA-09001',
      }),
    );
  return text;
}

/**
 * A whole number as a person writes it: digits, optionally signed. Not `1e3`, `0x10`, `1.5` or ` 3`
 * (JavaScript's Number() takes all of those). `hint` says what the number means, e.g. "(0 for all)".
 */
export function parseWhole(
  text: string,
  field: string,
  o: { min: number; max: number; signed?: boolean; hint?: string },
): number {
  const pattern = o.signed ? /^[+-]?\d+$/ : /^\+?\d+$/;
  const n = Number(text);
  const what =
    o.hint ?? t(o.signed ? 'input.whole.signed' : o.min >= 1 ? 'input.whole.positive' : 'input.whole.any');
  if (!pattern.test(text) || (o.min >= 1 && n < o.min))
    throw new UsageError(t('input.err.whole', { field, what, value: shown(text) }));
  if (n < o.min || n > o.max)
    throw new UsageError(t('input.err.range', { field, value: shown(text), min: o.min, max: o.max }));
  return n;
}

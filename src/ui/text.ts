// Untrusted text (names, descriptions, notes, answers) must never drive the terminal: one cleaner,
// `clean`, removes every escape sequence and control character before a value is printed, and
// the same cleaner guards each write to stdout and stderr (stripUnsafe), where only hd's own
// colour may pass. No imports: the domain's templates use it too.

/**
 * Every escape sequence, in its 7-bit form (ESC [) and its 8-bit C1 form (U+009B), whole:
 * CSI (colour included), OSC to BEL or ST, DCS/SOS/PM/APC strings to ST, and the two-character
 * escapes (ESC c, ESC 7, ESC ( B…). A string never ended loses only its opening ESC ] (or ESC P …)
 * and its text is shown as text: with the ESC gone no terminal swallows it, and a message that
 * echoes such a value keeps every word that follows it.
 */
const SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)|\u001b[ -/]*[0-~]?/g;

/** hd's own colour: Select Graphic Rendition, ESC [ digits m. */
const SGR = /^\u001b\[[0-9;]*m$/;

/**
 * Characters that are never printed from stored text: C0 controls but tab and newline, DEL, C1,
 * and the invisible marks that reorder text (bidi embeddings, overrides, isolates, LRM/RLM, the
 * Arabic letter mark). CR is handled before: a line break when text may span lines.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Invisible format characters that hide text or make two values look alike: zero-width space and
 * non-joiner, word joiner, the byte order mark, and a zero-width joiner except between two emoji
 * (👩‍🔧 is one picture drawn from two; the joiner there is what makes it one).
 */
const INVISIBLE =
  /[\u200b\u200c\u2060\ufeff]|(?<!\p{Extended_Pictographic}|\u{fe0f}|[\u{1f3fb}-\u{1f3ff}])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** The same, sparing the ESC that opens one of hd's colour codes kept above. */
const CONTROL_BUT_SGR = new RegExp(`(?!\u001b\\[[0-9;]*m)${CONTROL.source}`, 'g');

/** Anything at all that clean() would change: most text has none and is returned as is. */
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
/** The same where tabs and newlines are kept: whole pages of output take the fast path. */
const SUSPECT_BUT_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;

export type CleanMode =
  /** A value in a multi-line view (a description): newlines and tabs kept. */
  | 'lines'
  /** A table cell, TSV field, header or e-mail line: one line, breaks and tabs become a space. */
  | 'line'
  /** Whole output about to be written: hd's layout (\n, \t) kept, and hd's colour if wanted. */
  | 'output'
  | 'output-colour';

/** The one cleaner. Everything printed passes it (per value, then per write). */
export function clean(text: string, mode: CleanMode): string {
  if (!(mode === 'line' ? SUSPECT : SUSPECT_BUT_LAYOUT).test(text)) return text;
  const colour = mode === 'output-colour';
  let out = text
    .replace(SEQUENCE, (s) => (colour && SGR.test(s) ? s : ''))
    // In a value, CR LF, LS and PS are line breaks, and a lone CR (a trick to overwrite what the
    // line showed) a space; in hd's output, where every line break is hd's own, they are dropped.
    .replace(/\r\n?|[\u2028\u2029]/g, (s) =>
      mode.startsWith('output') ? (s === '\r\n' ? '\n' : '') : s === '\r' ? ' ' : '\n',
    )
    .replace(colour ? CONTROL_BUT_SGR : CONTROL, '')
    .replace(INVISIBLE, '');
  if (mode === 'line') out = out.replace(/[\t\n]+/g, ' ');
  return out;
}

/** A value in a multi-line view: keeps newlines and tabs, drops every other control. */
export function sanitize(text: string): string {
  return clean(text, 'lines');
}

/** One line for a table cell, a TSV field or a header: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return clean(text, 'line');
}

/**
 * The last line of defence, applied to everything hd writes to a terminal or pipe: hd's colour
 * may pass when colour is on, nothing that moves the cursor, clears the screen, sets the title,
 * reorders text or talks to the terminal.
 */
export function stripUnsafe(text: string, colour = true): string {
  return clean(text, colour ? 'output-colour' : 'output');
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * `name · code` within `width`, the name shortened and the code after the last " · " kept whole
 * (a client's contract, which tells two clients of one name apart); plain truncate when there is
 * no such code or no room for it.
 */
export function truncateKeepingCode(text: string, width: number): string {
  const cut = text.lastIndexOf(' · ');
  if (text.length <= width || cut <= 0) return truncate(text, width);
  const code = text.slice(cut);
  return width - code.length >= 4
    ? `${truncate(text.slice(0, cut), width - code.length)}${code}`
    : truncate(text, width);
}

/**
 * A value echoed in a message (an error naming what was typed): cleaned first, on one line, then
 * shortened, so a cut can never leave half an escape sequence behind.
 */
export function shown(value: string, width = 40): string {
  return truncate(clean(value, 'line'), width);
}

/** Characters JSON.stringify leaves raw that a terminal could act on; JSON escapes keep the data. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/**
 * JSON text with no raw control character: JSON.stringify escapes C0 (ESC becomes \u001b); C1,
 * the bidi marks and LS/PS are escaped here, so `--json` keeps the stored text exactly.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return JSON_UNSAFE.test(text)
    ? text.replace(new RegExp(JSON_UNSAFE, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

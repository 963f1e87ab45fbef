// Untrusted text (names, descriptions, notes) is stripped of escape sequences and control
// characters before it reaches a terminal, so a stored `\x1b]0;…` or `\x1b[2J` can never act.

const ESCAPES =
  // CSI, OSC (to BEL or ST), DCS/SOS/PM/APC strings, and two-character escapes.
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b(?![[\]PX^_])[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Any control character at all (ESC, C1, tab, newline…): most text has none and is kept as is. */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Keeps newlines and tabs (for multi-line descriptions); drops every other control. */
export function sanitize(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** One line for a table cell or a header: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return sanitize(text).replace(/[\t\n]+/g, ' ');
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

const UNSAFE =
  // Every escape sequence except SGR (colour: ESC [ … m), C0 controls but \t \n \r, and C1.
  /\u001b\[(?![0-9;]*m)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b(?![[\]PX^_])[ -/]*[0-~]?|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g;

/** What every UNSAFE match starts with: ESC, a C0 control but \t \n \r, or a C1 control. */
const UNSAFE_START = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The last line of defence, applied to everything hd writes to a terminal or pipe: colour may
 * pass, nothing that moves the cursor, clears the screen, sets the title or talks to the terminal.
 */
export function stripUnsafe(text: string): string {
  if (!UNSAFE_START.test(text)) return text;
  // A leftover ESC that does not open a complete colour sequence could pair with what follows.
  return text.replace(UNSAFE, '').replace(/\u001b(?!\[[0-9;]*m)/g, '');
}

// Stored text in Markdown output (hd handover --markdown), pasted into a wiki or a chat: a
// client name or summary must read as the words typed, never as a link, an image, a table
// column, emphasis or HTML that a renderer would run.
import { sanitizeLine } from './text.ts';

/** Characters that change what Markdown (CommonMark and GitHub's tables) draws. */
const SIGNIFICANT = /[\\`*_[\]|~#]/g;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * One line of Markdown text from any text: cleaned of controls, `\|`, `\[`, `\*` … for what
 * Markdown reads, and HTML entities for `<`, `>`, `&` and `"`, so no tag or entity survives.
 */
export function markdownText(text: string): string {
  return sanitizeLine(text)
    .replace(/[&<>"]/g, (c) => HTML[c]!)
    .replace(SIGNIFICANT, (c) => `\\${c}`);
}

// What a search hit is, on every engine, and how the hits are ranked and cut. Each engine finds
// the window — the newest SEARCH_WINDOW rows of search_index (by id) holding every word — in
// its own full-text index (src/store/engine.ts); the order and the snippets are computed here,
// once, from the rows' own text, so that the same rows give the same answer on both engines.
import { foldKey } from '../domain/fold.ts';

export interface SearchHit {
  ticketId: number;
  source: string;
  snippet: string;
  /** The whole text the hit was found in (a timeline hit's event text, as stored). */
  text: string;
}

/** A row of the window, as each engine reads it. */
export interface SearchRow {
  id: number;
  ticketId: number;
  source: string;
  text: string;
}

export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/** How many of the newest matches are ranked; more would make common words slow at scale. */
export const SEARCH_WINDOW = 200;

/** Words of a snippet, and how many come before the first match when the text is cut. */
const SNIPPET_WORDS = 12;
const SNIPPET_LEAD = 4;

/** BM25's usual constants: how fast repeats stop counting, how much length matters. */
const K1 = 1.2;
const B = 0.75;

/** The words typed: split on white space, as each engine's query is built. */
export function searchWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

interface Token {
  key: string;
  start: number;
  end: number;
}

/**
 * The tokens of a text as FTS5's unicode61 tokenizer reads them (runs of letters, digits and
 * marks), each folded by foldKey (case, accents and ё; й kept), as both engines fold.
 */
function tokens(text: string, keys: Map<string, string>): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}\p{Co}]+/gu)) {
    const word = m[0];
    let key = keys.get(word);
    if (key === undefined) {
      key = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : foldKey(word);
      keys.set(word, key);
    }
    if (key) out.push({ key, start: m.index, end: m.index + word.length });
  }
  return out;
}

/** Where each word (a phrase of its tokens) occurs in `row`: the index of its first token. */
function occurrences(row: Token[], phrase: string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + phrase.length <= row.length; i++) {
    if (phrase.every((key, k) => row[i + k]!.key === key)) at.push(i);
  }
  return at;
}

/**
 * A dozen words of `text` around the first match, matches marked, '…' where the text is cut; with
 * no match, its first dozen words.
 */
function snippetOf(text: string, row: Token[], phrases: string[][]): string {
  const marked = new Set<number>();
  let first = row.length;
  for (const phrase of phrases) {
    for (const i of occurrences(row, phrase)) {
      first = Math.min(first, i);
      for (let k = 0; k < phrase.length; k++) marked.add(i + k);
    }
  }
  if (row.length === 0) return text;
  if (first === row.length) first = 0;
  const from =
    row.length <= SNIPPET_WORDS ? 0 : Math.max(0, Math.min(first - SNIPPET_LEAD, row.length - SNIPPET_WORDS));
  const to = Math.min(row.length, from + SNIPPET_WORDS);
  let out = from === 0 ? '' : '…';
  let at = from === 0 ? 0 : row[from]!.start;
  for (let i = from; i < to; i++) {
    const t = row[i]!;
    out += text.slice(at, t.start);
    out += marked.has(i)
      ? `${MARK_START}${text.slice(t.start, t.end)}${MARK_END}`
      : text.slice(t.start, t.end);
    at = t.end;
  }
  return to === row.length ? out + text.slice(at) : `${out}…`;
}

/**
 * The hits of a search, from the engine's window of rows (each holding every word): each row
 * scored BM25-style on its own text — how often each word occurs, against the row's length
 * relative to the window's average (the inverse document frequency is left out: every row of the
 * window holds every word, so it is the same for all) — the best first, the newer row first on a
 * tie; then the best row of each ticket; then `limit` tickets, each with a snippet of its row.
 */
export function rankSearch(rows: readonly SearchRow[], words: readonly string[], limit: number): SearchHit[] {
  const keys = new Map<string, string>();
  const phrases = words.map((w) => tokens(w, keys).map((t) => t.key)).filter((p) => p.length > 0);
  const read = rows.map((r) => ({ row: r, tokens: tokens(r.text, keys) }));
  const average = read.reduce((sum, r) => sum + r.tokens.length, 0) / Math.max(1, read.length) || 1;
  const scored = read.map((r) => {
    const norm = K1 * (1 - B + (B * r.tokens.length) / average);
    let score = 0;
    for (const phrase of phrases) {
      const tf = occurrences(r.tokens, phrase).length;
      score += (tf * (K1 + 1)) / (tf + norm);
    }
    return { ...r, score };
  });
  scored.sort((a, b) => b.score - a.score || b.row.id - a.row.id);
  const best = new Map<number, (typeof scored)[number]>();
  for (const hit of scored) if (!best.has(hit.row.ticketId)) best.set(hit.row.ticketId, hit);
  return [...best.values()].slice(0, limit).map((hit) => ({
    ticketId: hit.row.ticketId,
    source: hit.row.source,
    snippet: snippetOf(hit.row.text, hit.tokens, phrases),
    text: hit.row.text,
  }));
}

/**
 * A snippet of another text for the same words, as rankSearch cuts and marks its hits: a timeline
 * hit rendered for the reader (hd search), where the words may or may not occur.
 */
export function snippetFor(text: string, words: readonly string[]): string {
  const keys = new Map<string, string>();
  const phrases = words.map((w) => tokens(w, keys).map((t) => t.key)).filter((p) => p.length > 0);
  return snippetOf(text, tokens(text, keys), phrases);
}

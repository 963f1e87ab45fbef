import { sanitizeLine } from '../ui/text.ts';

/**
 * The lookup key of a name or an identifier: what an operator types and what is stored compare
 * equal when they differ only in case, accents or spacing, in any script. SQLite's NOCASE and
 * LIKE fold ASCII only, so the store keeps this key beside every looked-up column (`*_key`,
 * the lookup-keys migration) and compares keys; the same function folds the query.
 *
 * - compatibility forms unfolded (NFKD): full-width letters, ligatures, "№" → "No";
 * - accents and other combining marks dropped: "Café" → "cafe", "ё" → "е", "ў" → "у";
 *   except the breve of "й", a letter of its own that no Russian speaker leaves out;
 * - lower case by Unicode's default mapping (not the process locale): "МИНСКИЙ" → "минский";
 * - escape sequences, control characters and invisible marks dropped, as the screen shows the
 *   name (sanitizeLine): a name stored with them (an import, an older hd) is picked as it reads;
 * - dashes unified to "-", runs of white space to one space, trimmed.
 *
 * Changing this function changes every stored key: it needs a migration that re-keys the rows.
 */
export function foldKey(text: string): string {
  return sanitizeLine(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, (mark: string, at: number, all: string) =>
      mark === '\u0306' && (all[at - 1] === 'и' || all[at - 1] === 'И') ? mark : '',
    )
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cyrillic letters (folded, lower case) that look like Latin ones, and those Latin letters. */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
};

/**
 * The lookup key of a code (a contract number, a service ID, a ticket, job or outage number): its
 * folded key with the Cyrillic letters that look like Latin ones made Latin, so "с-2021-0147"
 * typed on a Russian layout (a Cyrillic с) finds C-2021-0147. A code registered in Cyrillic
 * ("МСК-…") is still found by its own folded key, which lookups try first (codeKeys). Names are
 * not codes: never this for a name (no transliteration, "Иван Петров" is not "Ivan Petrov").
 */
export function codeKey(text: string): string {
  return foldKey(text).replace(/[авекмнорстух]/g, (c) => HOMOGLYPHS[c]!);
}

/** The keys a typed code is looked up by: its folded key, then its code key when that differs. */
export function codeKeys(text: string): string[] {
  const key = foldKey(text);
  const latin = codeKey(text);
  return latin === key ? [key] : [key, latin];
}

/** hd's own numbers (HD-000123, OUT-000001, J-000004) and contract numbers (C-2021-0147). */
const CODE_SHAPE = /^(?:(?:hd|out|j)-\d+|c-\d{4}-\d+)$/;

/**
 * The words of a search with each word that is a code typed with Cyrillic look-alikes made Latin
 * (`ОUТ-000001` with a Cyrillic О and Т → out-000001), as lookups by code fold it (codeKey): a
 * code word has a digit and a dash, every letter Latin once folded, and either mixes the two
 * scripts or has the shape of hd's numbers or a contract. Other words are left as typed: a code
 * registered in Cyrillic ("МСК-12") and Russian words are searched as they are.
 */
export function foldCodeWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      const latin = codeKey(word);
      if (latin === foldKey(word) || !/\d/.test(latin) || !/^[a-z0-9]+(?:[-./_][a-z0-9]+)+$/.test(latin))
        return word;
      const mixed = /[a-z]/i.test(word) && /\p{Script=Cyrillic}/u.test(word);
      return mixed || CODE_SHAPE.test(latin) ? latin : word;
    })
    .join('');
}

/** Whether a typed code is a registered one: the same key, or the same once homoglyphs are Latin. */
export function codesMatch(typed: string, code: string): boolean {
  return foldKey(typed) === foldKey(code) || codeKey(typed) === codeKey(code);
}

/**
 * Whether `name` is what an operator meant by `typed`: the same key, or every typed word a whole
 * word of the name ("иванов" and "сергей иванов" for "Иванов Сергей", but not "иванова").
 */
export function namesMatch(typed: string, name: string): boolean {
  const t = foldKey(typed);
  const n = foldKey(name);
  if (!t) return false;
  if (t === n) return true;
  const words = new Set(n.split(/[\s,.]+/));
  return t.split(/[\s,.]+/).every((w) => w === '' || words.has(w));
}

// The interface language (issue 15): message catalogs data/i18n/<lang>/<area>.json, the same areas
// and keys in every language with the same {placeholders} (checked by scripts/build.mjs and
// test/i18n.test.ts). An area is the part of the console its messages belong to, so that work on
// one part does not touch the others' files. Only the active language's catalog is read, on the
// first message. Client-facing templates follow the client's language (data/templates), not this
// one; --json, CSV headers, flags and command names stay English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type admin from '../data/i18n/en/admin.json';
import type core from '../data/i18n/en/core.json';
import type help from '../data/i18n/en/help.json';
import type life from '../data/i18n/en/life.json';
import type open from '../data/i18n/en/open.json';
import type read from '../data/i18n/en/read.json';
import { dataDir } from './paths.ts';
import { interfaceLanguage, type Lang } from './ui/lang.ts';

export type { Lang };
/**
 * The catalog files of each language: core (statuses, deadlines, shared words), help (commander's
 * help and usage errors, global options), open (intake, log, ETA, notices), read (show, list,
 * search, SLA views, hand-over, reports), life (lifecycle, field work, spares, src/app and
 * src/domain refusals), admin (clients, outages, db, init, tokens, serve, completion, start-up,
 * store and input checks).
 */
export const AREAS = ['core', 'help', 'open', 'read', 'life', 'admin'] as const;
export type MessageKey = keyof (typeof core &
  typeof help &
  typeof open &
  typeof read &
  typeof life &
  typeof admin);
export const LANGS: readonly Lang[] = ['en', 'ru'];

/** HD_LANG (see src/ui/lang.ts), else the locale (LC_ALL, LC_MESSAGES, LANG: ru_* is Russian), else English. */
export const languageFrom = (env: NodeJS.ProcessEnv): Lang => interfaceLanguage(env);

let active: Lang = 'en';
const catalogs = new Map<Lang, Record<string, string>>();
/** Each language's message by key, as looked up so far (see lookup). */
const found = new Map<Lang, (key: string) => string | undefined>();

export function setLanguage(lang: Lang): void {
  active = lang;
}

export function language(): Lang {
  return active;
}

/** `fn()` with `lang` as the interface language (piped output is English whatever the reader's). */
export function inLanguage<T>(lang: Lang, fn: () => T): T {
  const before = active;
  active = lang;
  try {
    return fn();
  } finally {
    active = before;
  }
}

/** One language's messages, every area merged. */
export function catalog(lang: Lang): Record<string, string> {
  let messages = catalogs.get(lang);
  if (!messages) {
    messages = {};
    const text = bundled(lang);
    if (text !== undefined) {
      for (const line of text.split('\n')) {
        const tab = line.indexOf('\t');
        if (tab > 0) messages[line.slice(0, tab)] = JSON.parse(line.slice(tab + 1)) as string;
      }
    } else for (const area of AREAS) Object.assign(messages, catalogArea(lang, area));
    catalogs.set(lang, messages);
  }
  return messages;
}

/**
 * Finds one language's messages by key. In the bundle it reads the catalog's text and parses only
 * the messages asked for: a command shows a few dozen of some 1,800, and parsing them all cost
 * ~1.2 ms a run (2.7 ms with reading, in Russian).
 */
function lookup(lang: Lang): (key: string) => string | undefined {
  let find = found.get(lang);
  if (!find) {
    const text = bundled(lang);
    if (text === undefined) {
      const messages = catalog(lang);
      find = (key) => messages[key];
    } else {
      const seen = new Map<string, string | undefined>();
      find = (key) => {
        if (seen.has(key)) return seen.get(key);
        const at = text.indexOf(`\n${key}\t`);
        const start = at + key.length + 2;
        const message =
          at < 0 ? undefined : (JSON.parse(text.slice(start, text.indexOf('\n', start))) as string);
        seen.set(key, message);
        return message;
      };
    }
    found.set(lang, find);
  }
  return find;
}

/**
 * In the bundle (dist/hd.cjs), the language's areas merged by scripts/build.mjs into one file of
 * lines `key<TAB>"message"` (the message as a JSON string, in ASCII), after a newline.
 */
function bundled(lang: Lang): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  try {
    return readFileSync(join(__dirname, 'i18n', `${lang}.txt`), 'latin1');
  } catch {
    return undefined;
  }
}

/** One area's file of one language, as written. */
export function catalogArea(lang: Lang, area: (typeof AREAS)[number]): Record<string, string> {
  return JSON.parse(readFileSync(join(dataDir(), 'i18n', lang, `${area}.json`), 'utf8')) as Record<
    string,
    string
  >;
}

/** The message `key` in the interface language, its {placeholders} filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}, lang: Lang = active): string {
  const text = lookup(lang)(key) ?? lookup('en')(key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A pattern of an English text hd stored or a checker wrote, and its words in the interface language. */
export type Rewording = [RegExp, (m: RegExpExecArray) => string];

/** `text` (English) in the interface language by the first of `rules` that matches; else as it is. */
export function reworded(text: string, rules: readonly Rewording[]): string {
  if (active === 'en') return text;
  for (const [re, say] of rules) {
    const m = re.exec(text);
    if (m) return say(m);
  }
  return text;
}

/** The {placeholders} of a message, sorted: both catalogs must have the same for each key. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

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
    messages = bundled(lang);
    if (!messages) {
      messages = {};
      for (const area of AREAS) Object.assign(messages, catalogArea(lang, area));
    }
    catalogs.set(lang, messages);
  }
  return messages;
}

/** In the bundle (dist/hd.cjs), the language's areas merged by scripts/build.mjs: one read. */
function bundled(lang: Lang): Record<string, string> | undefined {
  if (typeof __dirname !== 'string') return undefined;
  try {
    return JSON.parse(readFileSync(join(__dirname, 'i18n', `${lang}.json`), 'utf8')) as Record<
      string,
      string
    >;
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
  const text = catalog(lang)[key] ?? catalog('en')[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The {placeholders} of a message, sorted: both catalogs must have the same for each key. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

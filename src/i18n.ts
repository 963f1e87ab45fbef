// The interface language (issue 15): message catalogs data/i18n/<lang>.json, one per language, with
// the same keys and {placeholders} (checked by scripts/build.mjs and test/i18n.test.ts). Only the
// active language's catalog is read, on the first message. Client-facing templates follow the
// client's language (data/templates), not this one; --json, CSV headers, flags and command names
// stay English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type en from '../data/i18n/en.json';
import { dataDir } from './paths.ts';
import { interfaceLanguage, type Lang } from './ui/lang.ts';

export type { Lang };
export type MessageKey = keyof typeof en;
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

export function catalog(lang: Lang): Record<string, string> {
  let messages = catalogs.get(lang);
  if (!messages) {
    messages = JSON.parse(readFileSync(join(dataDir(), 'i18n', `${lang}.json`), 'utf8')) as Record<
      string,
      string
    >;
    catalogs.set(lang, messages);
  }
  return messages;
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

// The interface language: what the person at the keyboard reads (not the client's language, which
// templates take from the client).

export type Lang = 'ru' | 'en';

/** `ru`, `ru_RU.UTF-8`, `ru_BY`, `ru@…` → 'ru'; `en…` → 'en'; anything else null. */
function languageOf(value: string | undefined): Lang | null {
  const match = /^(ru|en)(?:[_.@-]|$)/i.exec(value?.trim() ?? '');
  return match ? (match[1]!.toLowerCase() as Lang) : null;
}

/** Whether HD_LANG names a language hd speaks (`ru`, `en`, or a locale of either, like `ru_RU.UTF-8`). */
export function isInterfaceLanguage(value: string): boolean {
  return languageOf(value) !== null;
}

/**
 * HD_LANG (`ru` or `en`), else the locale as POSIX reads it for messages: the first of LC_ALL,
 * LC_MESSAGES, LANG that is set decides (`ru_*` → Russian, anything else, `C` included → English),
 * else English. Pure: it reads only the `env` it is given.
 */
export function interfaceLanguage(env: Readonly<Record<string, string | undefined>>): Lang {
  const chosen = languageOf(env.HD_LANG);
  if (chosen) return chosen;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return languageOf(locale) === 'ru' ? 'ru' : 'en';
}

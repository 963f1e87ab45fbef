import { RefusedError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { t } from '../i18n.ts';
import { shown } from '../ui/text.ts';

let phoneLibrary: Promise<typeof import('libphonenumber-js')> | undefined;

/**
 * A phone as the operator hears it (`8 029 611-24-87`, `+375296112487`) → E.164, Belarus by
 * default. Async because libphonenumber is large and loaded only by commands that parse phones.
 */
export async function normalizePhone(text: string, defaultRegion = 'BY'): Promise<string> {
  phoneLibrary ??= importExternal<typeof import('libphonenumber-js')>('libphonenumber-js');
  const { parsePhoneNumberFromString } = await phoneLibrary;
  const trimmed = text.trim();
  // Belarusian trunk prefix "8 0XX" is how callers read their numbers out loud.
  const local = /^8\s*0/.test(trimmed) && defaultRegion === 'BY' ? trimmed.replace(/^8\s*0/, '0') : trimmed;
  const phone = parsePhoneNumberFromString(local, defaultRegion as never);
  if (!phone?.isValid()) {
    throw new RefusedError(t('contact.err.phone', { value: shown(text) }));
  }
  return phone.number;
}

/** Looser than RFC 5322 on purpose: it catches typos, not exotic but legal addresses. */
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[a-z]{2,63}$/i;

export function normalizeEmail(text: string): string {
  const trimmed = text.trim();
  if (!EMAIL.test(trimmed) || trimmed.length > 254) {
    throw new RefusedError(t('contact.err.email', { value: shown(text) }));
  }
  return trimmed.toLowerCase();
}

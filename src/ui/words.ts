// hd's own values (zone codes, impact, urgency) as the operator reads them: English shows the
// value as typed (the flags take it), Russian its words. --json and event payloads keep the value.
import { zonesData } from '../data.ts';
import { language, type MessageKey, t } from '../i18n.ts';

/** A fault zone: its code in English, its Russian name (data/zones.json nameRu) in Russian. */
export function zoneWords(code: string): string {
  if (language() === 'en') return code;
  return zonesData().find((z) => z.code === code)?.nameRu ?? code;
}

function valueWords(prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const found = t(key);
  return found === key ? value : found;
}

/** An impact (down, degraded …) in the interface language: «нет услуги» in Russian. */
export const impactWords = (impact: string): string => valueWords('words.impact', impact);

/** An urgency (high, medium, low) in the interface language: «высокая» in Russian. */
export const urgencyWords = (urgency: string): string => valueWords('words.urgency', urgency);

/** A field job's status (en-route …) in the interface language: «в пути» in Russian. */
export const jobStatusWords = (status: string): string => valueWords('job.status', status);

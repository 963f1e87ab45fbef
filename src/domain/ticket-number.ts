import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { shown } from '../ui/text.ts';
import { codeKey } from './fold.ts';

/** `HD-000123` for people; commands accept that, `hd-123` or plain `123`. */
export function formatTicketNumber(id: number): string {
  return `HD-${String(id).padStart(6, '0')}`;
}

/** `orJob`: the field also takes a field job (`hd dispatch update J-000001 done`), so say so. */
export function parseTicketNumber(text: string, orJob = false): number {
  // The prefix as typed on a Russian layout too (a Cyrillic Н for H): codeKey.
  const match = /^(?:hd-?)?0*(\d{1,12})$/.exec(codeKey(text));
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(
      orJob
        ? t('ticketNumber.err.notJob', { text: shown(text) })
        : t('ticketNumber.err.notNumber', { text: shown(text) }),
    );
  }
  return id;
}

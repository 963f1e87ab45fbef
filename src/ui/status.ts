// Ticket statuses in words for text output, in the interface language (`в работе`, `in progress`);
// --json keeps the TMF621 names (inProgress …).
import { STATUSES, type Status } from '../domain/types.ts';
import { t } from '../i18n.ts';
import { russianPlural } from './targets.ts';

export function statusWords(status: Status | string): string {
  return (STATUSES as readonly string[]).includes(status) ? t(`status.${status as Status}`) : status;
}

/**
 * A count of tickets in a status, in agreement with the number: `4 приняты`, `5 принято`,
 * `1 принята`, `3 в ожидании`; `4 acknowledged` in English.
 */
export function statusCount(n: number, status: Status | string): string {
  if (!(STATUSES as readonly string[]).includes(status)) return `${n} ${status}`;
  const [one, few, many] = t(`statusCount.${status as Status}`).split('|') as [string, string, string];
  return `${n} ${russianPlural(n, one, few ?? one, many ?? one)}`;
}

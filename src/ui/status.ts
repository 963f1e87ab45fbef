// Ticket statuses in words for text output, in the interface language (`в работе`, `in progress`);
// --json keeps the TMF621 names (inProgress …).
import { STATUSES, type Status } from '../domain/types.ts';
import { t } from '../i18n.ts';

export function statusWords(status: Status | string): string {
  return (STATUSES as readonly string[]).includes(status) ? t(`status.${status as Status}`) : status;
}

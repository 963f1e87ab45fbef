// Ticket statuses in words for text output; --json keeps the TMF621 names (inProgress …).
import type { Status } from '../domain/types.ts';

const WORDS: Record<Status, string> = {
  acknowledged: 'acknowledged',
  inProgress: 'in progress',
  pending: 'pending',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
};

export function statusWords(status: Status | string): string {
  return WORDS[status as Status] ?? status;
}

// Field jobs and the ticket they serve: a closed or cancelled ticket's record is final, so no job
// may stay open when it closes, and no job of a finished ticket is updated.
import { RefusedError, worded } from '../errors.ts';
import { t } from '../i18n.ts';
import { isOpen, statusWords } from './lifecycle.ts';
import { formatTicketNumber } from './ticket-number.ts';
import type { Status } from './types.ts';

export const OPEN_JOB_STATUSES = ['assigned', 'en-route', 'on-site'] as const;

export const formatJobNumber = (id: number) => `J-${String(id).padStart(6, '0')}`;

/**
 * Refuses to close (or cancel) a ticket while any of its field jobs is open, naming each and the
 * way out: a finished ticket's jobs are never updated, so an open one would keep its spares.
 */
export function assertNoOpenJobs(
  ticketId: number,
  jobs: { id: number; status: string }[],
  verb: 'close' | 'cancel' = 'close',
): void {
  const open = jobs.filter((j) => (OPEN_JOB_STATUSES as readonly string[]).includes(j.status));
  if (open.length === 0) return;
  const names = open.map((j) => `${formatJobNumber(j.id)} (${j.status})`).join(', ');
  const first = formatJobNumber(open[0]!.id);
  throw worded(RefusedError, open.length === 1 ? 'fieldJob.err.openJob' : 'fieldJob.err.openJobs', {
    number: formatTicketNumber(ticketId),
    jobs: names,
    job: first,
    verb: t(verb === 'close' ? 'fieldJob.err.thenClose' : 'fieldJob.err.thenCancel'),
  });
}

/** Refuses to update the field jobs of a closed or cancelled ticket named by its number. */
export function assertTicketJobsOpen(ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  throw new RefusedError(
    t('fieldJob.err.ticketFinal', { number: formatTicketNumber(ticketId), status: statusWords(status) }),
  );
}

/** Refuses to update a field job whose ticket is closed or cancelled. */
export function assertJobTicketOpen(jobId: number, ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  throw new RefusedError(
    t('fieldJob.err.jobFinal', {
      job: formatJobNumber(jobId),
      number: formatTicketNumber(ticketId),
      status: statusWords(status),
    }),
  );
}

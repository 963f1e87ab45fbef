// Field jobs and the ticket they serve: a closed or cancelled ticket's record is final, so no job
// may stay open when it closes, and no job of a finished ticket is updated.
import { RefusedError } from '../errors.ts';
import { isOpen } from './lifecycle.ts';
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
  throw new RefusedError(
    `${formatTicketNumber(ticketId)} still has ${open.length === 1 ? 'an open field job' : 'open field jobs'}: ${names}. ` +
      `Finish it with hd dispatch update ${first} done, or cancel it with hd dispatch update ${first} cancelled ` +
      `(either returns its unused spares to stock), then ${verb} the ticket. Nothing was changed.`,
  );
}

/** Refuses to update the field jobs of a closed or cancelled ticket named by its number. */
export function assertTicketJobsOpen(ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  throw new RefusedError(
    `${formatTicketNumber(ticketId)} is ${status}; the field jobs of a ${status} ticket are final and are not updated. ` +
      `If the fault is back, open a related ticket: hd open --related ${formatTicketNumber(ticketId)}.`,
  );
}

/** Refuses to update a field job whose ticket is closed or cancelled. */
export function assertJobTicketOpen(jobId: number, ticketId: number, status: Status): void {
  if (isOpen(status)) return;
  throw new RefusedError(
    `${formatJobNumber(jobId)} belongs to ${formatTicketNumber(ticketId)}, which is ${status}; ` +
      `the jobs of a ${status} ticket are final and are not updated. If the fault is back, open a related ticket: ` +
      `hd open --related ${formatTicketNumber(ticketId)}.`,
  );
}

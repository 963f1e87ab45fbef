// Spares on field jobs: the --spare flags, the refusal when a depot lacks a part, and the units a
// finished job did not use going back to stock. Shared by hd dispatch, dispatch update and replace.
import { positiveInt } from '../../commands/common.ts';
import type { Ticket } from '../../domain/types.ts';
import { NotFoundError, RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { type Dispatch, type JobStatus, recordSpareUse } from '../../store/field.ts';
import type { Queryable } from '../../store/port.ts';
import { depotsWith, findSpare, listSpares, move } from '../../store/spares.ts';
import { jobNumber } from '../../ui/jobsheet.ts';

export const OPEN_JOBS: JobStatus[] = ['assigned', 'en-route', 'on-site'];

/** `SKU` or `SKU:QTY`, repeatable; the same part twice adds up. */
export function parseSpareFlags(flags: string[]): { sku: string; quantity: number }[] {
  const out = new Map<string, number>();
  for (const flag of flags) {
    const match = /^([^:\s]+)(?::(.+))?$/.exec(flag.trim());
    if (!match) throw new UsageError(t('dispatch.err.spareFlag', { flag }));
    const quantity = positiveInt(match[2] ?? '1', `--spare ${match[1]}:QTY`, 1);
    out.set(match[1]!.toUpperCase(), (out.get(match[1]!.toUpperCase()) ?? 0) + quantity);
  }
  return [...out.entries()].map(([sku, quantity]) => ({ sku, quantity }));
}

export async function refuseNoStock(
  store: Queryable,
  sku: string,
  depot: string,
  quantity: number,
): Promise<never> {
  const anywhere = await listSpares(store, { sku });
  if (anywhere.length === 0) throw new NotFoundError(t('spares.err.unknownPart', { sku }));
  const here = anywhere.find((s) => s.depot.toLowerCase() === depot.toLowerCase());
  const elsewhere = await depotsWith(store, sku, quantity);
  const short = t('dispatch.err.short', { depot, available: here ? here.available : 0, sku, quantity });
  throw new RefusedError(
    `${short} ${
      elsewhere.length
        ? t('dispatch.err.elsewhere', {
            depots: elsewhere.map((s) => `${s.depot} (${s.available})`).join(', '),
          })
        : t('dispatch.err.nowhere')
    } ${t('dispatch.err.nothingReserved')}`,
  );
}

/** Reserved spares the job did not use go back to available stock. */
export async function releaseUnused(
  store: Queryable,
  job: Dispatch,
  outcome: JobStatus,
  ticket: Ticket,
  now: number,
  actor: string,
): Promise<string[]> {
  const returned: string[] = [];
  for (const s of job.spares) {
    const unused = s.reserved - s.used - s.released;
    if (unused <= 0) continue;
    const spare = (await findSpare(store, s.sku, s.depot))!;
    await move(store, spare, 'release', 0, -unused, {
      at: now,
      actor,
      ticketId: ticket.id,
      dispatchId: job.id,
      reason: `${jobNumber(job.id)} ${outcome}`,
    });
    await recordSpareUse(store, job.id, s.spareId, 0, unused);
    returned.push(`${s.sku}×${unused}`);
  }
  return returned;
}

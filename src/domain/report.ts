// SLA performance over a period: pure arithmetic over tickets, given `now`.
import { type DeadlineInput, deadlineViews } from './sla.ts';
import type { DeadlineKind, Ticket } from './types.ts';

/** What the report reads of a ticket. */
export type ReportTicket = DeadlineInput & Pick<Ticket, 'id' | 'openedAt' | 'pausedMs'>;

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const MEASURED: DeadlineKind[] = ['response', 'restore', 'onsite', 'hardware', 'confirm'];

export interface GroupStats {
  group: string;
  tickets: number;
  /** Per deadline kind: how many were judged (met, missed or overdue now) and how many were met. */
  targets: Record<string, { judged: number; met: number; pct: number | null }>;
  responseMinutes: { median: number | null; p90: number | null };
  restoreMinutes: { median: number | null; p90: number | null };
}

export interface ReportBreach {
  ticketId: number;
  kind: DeadlineKind;
  lateMinutes: number;
  open: boolean;
}

export function groupStats(
  group: string,
  tickets: ReportTicket[],
  now: number,
): { stats: GroupStats; breaches: ReportBreach[] } {
  const counted = tickets.filter((t) => t.status !== 'cancelled');
  const targets: GroupStats['targets'] = {};
  const breaches: ReportBreach[] = [];
  for (const kind of MEASURED) targets[kind] = { judged: 0, met: 0, pct: null };
  for (const t of counted) {
    for (const v of deadlineViews(t, now)) {
      if (!MEASURED.includes(v.kind) || v.state === 'due' || v.state === 'paused') continue;
      const slot = targets[v.kind]!;
      slot.judged++;
      if (v.state === 'met') slot.met++;
      else
        breaches.push({
          ticketId: t.id,
          kind: v.kind,
          lateMinutes: Math.round(v.margin / 60_000),
          open: v.state === 'overdue',
        });
    }
  }
  for (const slot of Object.values(targets))
    slot.pct = slot.judged ? Math.round((1000 * slot.met) / slot.judged) / 10 : null;
  const minutes = (xs: number[]) => xs.map((x) => Math.round(x / 60_000));
  const response = minutes(
    counted.filter((t) => t.respondedAt !== null).map((t) => t.respondedAt! - t.openedAt),
  );
  const restore = minutes(
    counted.filter((t) => t.restoredAt !== null).map((t) => t.restoredAt! - t.openedAt - t.pausedMs),
  );
  return {
    stats: {
      group,
      tickets: counted.length,
      targets,
      responseMinutes: { median: percentile(response, 50), p90: percentile(response, 90) },
      restoreMinutes: { median: percentile(restore, 50), p90: percentile(restore, 90) },
    },
    breaches,
  };
}

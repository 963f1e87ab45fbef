// SLA performance over a period: pure arithmetic over tickets, given `now`.
import { DEADLINES, type DeadlineInput, type DeadlineKind, deadlineViews } from './deadlines.ts';
import type { Ticket } from './types.ts';

/** What the report reads of a ticket. */
export type ReportTicket = DeadlineInput & Pick<Ticket, 'id' | 'openedAt' | 'pausedMs'>;

/** Nearest-rank percentiles: for each p, the smallest value with at least p% at or below it. */
export function percentiles(values: number[], ps: number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort(); // numeric order, one sort for every p
  return ps.map((p) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!);
}

const medianP90 = (values: number[]) => {
  const [median, p90] = percentiles(values, [50, 90]);
  return { median: median ?? null, p90: p90 ?? null };
};

/**
 * The deadlines a report measures: the deadline table's rows met at a recorded moment (response,
 * ETA kept, restore, on-site, hardware, confirmation), so a past breach can still be judged.
 */
export const MEASURED: readonly DeadlineKind[] = DEADLINES.filter((row) => row.met !== null).map(
  (row) => row.kind,
);

/**
 * The rows a report leaves out: met by being cleared or moved (client update, end of the pending
 * wait, client not yet told), so no record says when one was late once it is met; `hd sla
 * --overdue` shows the ones late now.
 */
export const NOT_MEASURED: readonly DeadlineKind[] = DEADLINES.filter((row) => row.met === null).map(
  (row) => row.kind,
);

/** The report's order of breaches, the same in every output: the most late first, then by ticket. */
export const byLateness = (a: ReportBreach, b: ReportBreach): number =>
  b.lateMinutes - a.lateMinutes ||
  a.ticketId - b.ticketId ||
  MEASURED.indexOf(a.kind) - MEASURED.indexOf(b.kind);

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

/** One ticket judged at `now`: whether it counts, its missed (or overdue) deadlines, its times. */
export interface Judged {
  counted: boolean;
  /** Per measured deadline that is decided: met, or missed / overdue now. */
  outcomes: { kind: DeadlineKind; met: boolean }[];
  breaches: ReportBreach[];
  responseMinutes: number | null;
  restoreMinutes: number | null;
}

const NOTHING: Judged = {
  counted: false,
  outcomes: [],
  breaches: [],
  responseMinutes: null,
  restoreMinutes: null,
};

export function judge(t: ReportTicket, now: number): Judged {
  if (t.status === 'cancelled') return NOTHING;
  const outcomes: Judged['outcomes'] = [];
  const breaches: ReportBreach[] = [];
  for (const v of deadlineViews(t, now, MEASURED)) {
    if (v.state === 'due' || v.state === 'paused') continue;
    outcomes.push({ kind: v.kind, met: v.state === 'met' });
    if (v.state !== 'met')
      breaches.push({
        ticketId: t.id,
        kind: v.kind,
        lateMinutes: Math.round(v.margin / 60_000),
        open: v.state === 'overdue',
      });
  }
  return {
    counted: true,
    outcomes,
    breaches,
    responseMinutes: t.respondedAt === null ? null : Math.round((t.respondedAt - t.openedAt) / 60_000),
    restoreMinutes:
      t.restoredAt === null ? null : Math.round((t.restoredAt - t.openedAt - t.pausedMs) / 60_000),
  };
}

/**
 * The statistics of one group, fed one judged ticket at a time, so a report over any period
 * holds only numbers (two per ticket for the medians), never the tickets.
 */
export class GroupTally {
  private tickets = 0;
  private readonly targets: GroupStats['targets'] = Object.fromEntries(
    MEASURED.map((kind) => [kind, { judged: 0, met: 0, pct: null }]),
  );
  private readonly response: number[] = [];
  private readonly restore: number[] = [];

  constructor(readonly group: string) {}

  add(j: Judged): void {
    if (!j.counted) return;
    this.tickets++;
    for (const o of j.outcomes) {
      const slot = this.targets[o.kind]!;
      slot.judged++;
      if (o.met) slot.met++;
    }
    if (j.responseMinutes !== null) this.response.push(j.responseMinutes);
    if (j.restoreMinutes !== null) this.restore.push(j.restoreMinutes);
  }

  stats(): GroupStats {
    const targets = Object.fromEntries(
      Object.entries(this.targets).map(([kind, t]) => [
        kind,
        { ...t, pct: t.judged ? Math.round((1000 * t.met) / t.judged) / 10 : null },
      ]),
    );
    return {
      group: this.group,
      tickets: this.tickets,
      targets,
      responseMinutes: medianP90(this.response),
      restoreMinutes: medianP90(this.restore),
    };
  }
}

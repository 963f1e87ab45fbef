// hd sla report: targets met, response and restore times and breaches over a period.
import type { Context } from '../context.ts';
import { deadlineLabel } from '../domain/deadlines.ts';
import { oneOf } from '../domain/priority.ts';
import {
  byLateness,
  type GroupStats,
  GroupTally,
  judge,
  MEASURED,
  NOT_MEASURED,
  type ReportBreach,
} from '../domain/report.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { type ReportRow, ticketsOpenedBetween } from '../store/tickets.ts';
import { csvLine } from '../ui/csv.ts';
import { colours, printJsonStream, printTable, writeText } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { iso } from '../ui/time.ts';
import { bool, type Opts, resolveClient, str } from './common.ts';

const KINDS = MEASURED;

/** --outages: tickets linked to a mass outage counted with the rest, left out, or alone. */
const OUTAGE_SCOPES = ['include', 'exclude', 'only'] as const;

/** Breaches listed in the text report, the most late first; --json lists every one, in the same order. */
const SHOWN_BREACHES = 50;

type BreachLine = ReportBreach & Pick<ReportRow, 'clientName' | 'priority'>;

export async function runReport(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const now = ctx.now();
  if (!str(opts, 'from')) throw new UsageError('Missing --from DATE (e.g. --from 2026-11-01).');
  const from = parseWhen(str(opts, 'from')!, now, ctx.timeZone).getTime();
  const to = str(opts, 'to') ? parseWhen(str(opts, 'to')!, now, ctx.timeZone).getTime() : now.getTime();
  if (from >= to)
    throw new UsageError(`--from (${str(opts, 'from')}) must be before --to (${str(opts, 'to') ?? 'now'}).`);
  if (bool(opts, 'json') && bool(opts, 'csv')) throw new UsageError('Choose one of --json or --csv.');
  const by = (str(opts, 'by') ?? 'priority') as 'priority' | 'client' | 'zone';
  const store = await ctx.store();
  const client = str(opts, 'client') ? await resolveClient(store, str(opts, 'client')!) : undefined;
  const outages = oneOf(str(opts, 'outages') ?? 'include', OUTAGE_SCOPES, 'outage scope', '--outages');
  const keyOf = (t: ReportRow) =>
    by === 'priority' ? t.priority : by === 'client' ? t.clientName : (t.zone ?? '(no zone)');
  const nowMs = now.getTime();
  const groups = new Map<string, GroupTally>();
  const total = new GroupTally('all');
  let tickets = 0;
  let cancelled = 0;
  let breachCount = 0;
  /** Every breach of the period while the tallies count each ticket once: one pass, any size. */
  async function* judged(): AsyncGenerator<BreachLine> {
    for await (const t of ticketsOpenedBetween(store, from, to, client?.id, outages)) {
      tickets++;
      const j = judge(t, nowMs);
      // A cancelled ticket is counted apart: no targets, no row of its own.
      if (!j.counted) {
        cancelled++;
        continue;
      }
      const key = keyOf(t);
      let group = groups.get(key);
      if (!group) {
        group = new GroupTally(key);
        groups.set(key, group);
      }
      group.add(j);
      total.add(j);
      for (const b of j.breaches) {
        breachCount++;
        yield { ...b, clientName: t.clientName, priority: t.priority };
      }
    }
  }
  const groupStats = () =>
    [...groups.values()].sort((a, b) => a.group.localeCompare(b.group)).map((g) => g.stats());
  const breachJson = (b: BreachLine) => ({
    ticket: formatTicketNumber(b.ticketId),
    client: b.clientName,
    priority: b.priority,
    kind: b.kind,
    lateMinutes: b.lateMinutes,
    stillOpen: b.open,
  });

  const notMeasured = NOT_MEASURED.map((k) => deadlineLabel(k));
  if (bool(opts, 'json')) {
    // The text's order, which needs every breach first (the tallies still hold only numbers).
    const sorted: BreachLine[] = [];
    for await (const b of judged()) sorted.push(b);
    sorted.sort(byLateness);
    await printJsonStream(
      ctx.io,
      { from: iso(from), to: iso(to), by, outages },
      'breaches',
      sorted,
      breachJson,
      () => ({
        tickets,
        cancelled,
        total: total.stats(),
        groups: groupStats(),
        notMeasured: NOT_MEASURED,
      }),
    );
    return;
  }
  // Text and CSV: the statistics, and (text) the worst breaches, kept 50 at a time.
  let worst: BreachLine[] = [];
  for await (const b of judged()) {
    worst.push(b);
    if (worst.length >= 10 * SHOWN_BREACHES) worst = worst.sort(byLateness).slice(0, SHOWN_BREACHES);
  }
  worst = worst.sort(byLateness).slice(0, SHOWN_BREACHES);
  const rows = groupStats();
  if (bool(opts, 'csv')) {
    const header = [
      'group',
      'tickets',
      ...KINDS.map((k) => `${k}MetPct`),
      'responseMedianMin',
      'responseP90Min',
      'restoreMedianMin',
      'restoreP90Min',
      'cancelled',
    ];
    // `cancelled`: the cancelled tickets of the period, measured nowhere; only the `all` row has it.
    const line = (s: GroupStats, cancelledCell: number | null) =>
      csvLine([
        s.group,
        s.tickets,
        ...KINDS.map((k) => s.targets[k]!.pct),
        s.responseMinutes.median,
        s.responseMinutes.p90,
        s.restoreMinutes.median,
        s.restoreMinutes.p90,
        cancelledCell,
      ]);
    writeText(
      ctx.io,
      `${[csvLine(header), ...rows.map((r) => line(r, null)), line(total.stats(), cancelled)].join('\n')}\n`,
    );
    return;
  }
  const c = colours(ctx.io);
  const pct = (s: GroupStats, k: string) => {
    const t = s.targets[k]!;
    return t.judged ? `${t.pct}% (${t.met}/${t.judged})` : '—';
  };
  const mins = (m: number | null) => (m === null ? '—' : formatDuration(m * 60_000));
  writeText(
    ctx.io,
    `${c.bold('SLA report')} ${sanitizeLine(str(opts, 'from')!)} → ${sanitizeLine(str(opts, 'to') ?? 'now')}${client ? ` · ${sanitizeLine(client.name)}` : ''}${outages === 'include' ? '' : outages === 'exclude' ? ' · outage-linked tickets left out' : ' · outage-linked tickets only'} · ${tickets} ticket${tickets === 1 ? '' : 's'}${cancelled ? `, ${cancelled} cancelled (not measured)` : ''}\n`,
  );
  if (tickets === cancelled) return;
  const stats = [...rows, total.stats()];
  await printTable(
    ctx.io,
    [
      { header: by[0]!.toUpperCase() + by.slice(1), value: (s: GroupStats) => s.group, flexible: true },
      { header: 'Tickets', value: (s: GroupStats) => String(s.tickets) },
      // Targets met, in the order of --json and --csv: response, ETA kept, restore, on site,
      // hardware, confirmation.
      { header: 'Response', value: (s: GroupStats) => pct(s, 'response') },
      { header: 'ETA kept', value: (s: GroupStats) => pct(s, 'eta') },
      { header: 'Restore', value: (s: GroupStats) => pct(s, 'restore') },
      // On a narrow terminal the columns right of Restore are left out, last first (--json has all).
      { header: 'On site', value: (s: GroupStats) => pct(s, 'onsite'), drop: 4 },
      { header: 'Hardware', value: (s: GroupStats) => pct(s, 'hardware'), drop: 3 },
      { header: 'Confirmed', value: (s: GroupStats) => pct(s, 'confirm'), drop: 5 },
      {
        header: 'Response med/p90',
        value: (s: GroupStats) => `${mins(s.responseMinutes.median)} / ${mins(s.responseMinutes.p90)}`,
        drop: 2,
      },
      {
        header: 'Restore med/p90',
        value: (s: GroupStats) => `${mins(s.restoreMinutes.median)} / ${mins(s.restoreMinutes.p90)}`,
        drop: 1,
      },
    ],
    stats,
  );
  writeText(ctx.io, `\n${c.bold('Restore target met')}\n`);
  const label = (g: GroupStats) => sanitizeLine(g.group);
  const width = Math.max(...rows.map((r) => label(r).length));
  for (const g of rows) {
    const t = g.targets.restore!;
    const filled = t.judged ? Math.round((20 * t.met) / t.judged) : 0;
    writeText(
      ctx.io,
      `  ${label(g).padEnd(width)}  ${c.green('█'.repeat(filled))}${c.red('░'.repeat(t.judged ? 20 - filled : 0))}${' '.repeat(t.judged ? 0 : 20)}  ${t.judged ? `${t.pct}%` : 'nothing restored yet'}\n`,
    );
  }
  if (breachCount) {
    writeText(ctx.io, `\n${c.bold(`Breaches (${breachCount}), the most late first`)}\n`);
    for (const b of worst) {
      const j = breachJson(b);
      writeText(
        ctx.io,
        `  ${j.ticket}  ${j.priority}  ${deadlineLabel(b.kind).padEnd(21)} ${formatDuration(b.lateMinutes * 60_000)} late${b.open ? ' (still open)' : ''}  ${sanitizeLine(j.client)}\n`,
      );
    }
    if (breachCount > worst.length)
      writeText(ctx.io, `  … and ${breachCount - worst.length} more (--json lists all)\n`);
  }
  writeText(
    ctx.io,
    `\nNot measured: ${notMeasured.join(', ')} (met by being cleared, so a past breach leaves no record; hd sla --overdue shows the ones late now).\n`,
  );
}

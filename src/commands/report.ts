// hd sla report: targets met, response and restore times and breaches over a period.
import { Option } from 'commander';
import { examples } from '../cli/help.ts';
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
import { parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { type ReportRow, ticketsOpenedBetween } from '../store/tickets.ts';
import { csvLine } from '../ui/csv.ts';
import { percent } from '../ui/number.ts';
import { colours, printJsonStream, printTable, writeText } from '../ui/output.ts';
import { textWidth } from '../ui/table.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatSpan, iso } from '../ui/time.ts';
import { resolveClient } from './common.ts';
import { compactSpan } from './sla.ts';
import { unit } from './unit.ts';

const KINDS = MEASURED;

/** The group of the tickets without a zone in --by zone (its name in --json and --csv). */
const NO_ZONE = '(no zone)';

/** --outages: tickets linked to a mass outage counted with the rest, left out, or alone. */
const OUTAGE_SCOPES = ['include', 'exclude', 'only'] as const;

/** Breaches listed in the text report, the most late first; --json lists every one, in the same order. */
const SHOWN_BREACHES = 50;

type BreachLine = ReportBreach & Pick<ReportRow, 'clientName' | 'priority'>;

export interface ReportOptions {
  /** As typed: a time relative to now (`yesterday`) is read when the report runs. */
  from: string;
  to: string | undefined;
  client: string | undefined;
  by: 'priority' | 'client' | 'zone';
  outages: (typeof OUTAGE_SCOPES)[number];
  format: 'text' | 'json' | 'csv';
}

export const report = unit<ReportOptions>({
  declare: (parent) =>
    parent
      .command('report')
      .description(t('report.describe'))
      .option('--from <date>', t('report.opt.from'))
      .option('--to <date>', t('report.opt.to'))
      .option('--client <text>', t('report.opt.client'))
      .addOption(
        new Option('--by <group>', t('report.opt.by'))
          .choices(['priority', 'client', 'zone'])
          .default('priority'),
      )
      .option('--outages <scope>', t('report.opt.outages'))
      .option('--json', t('report.opt.json'))
      .option('--csv', t('report.opt.csv'))
      .addHelpText(
        'after',
        examples(
          'hd sla report --from 2026-11-01 --to 2026-12-01',
          'hd sla report --from 2026-11-01 --by client --csv > nov.csv',
          `hd sla report --from 2026-11-01 --outages exclude  # ${t('report.example.exclude')}`,
        ),
      ),
  options: (input) => {
    const from = input.text('from');
    if (!from) throw new UsageError(t('report.err.from'));
    if (input.flag('json') && input.flag('csv')) throw new UsageError(t('report.err.both'));
    return {
      from,
      to: input.text('to'),
      client: input.text('client'),
      by: oneOf(input.text('by') ?? 'priority', ['priority', 'client', 'zone'] as const, 'grouping', '--by'),
      outages: oneOf(input.text('outages') ?? 'include', OUTAGE_SCOPES, 'outage scope', '--outages'),
      format: input.flag('json') ? 'json' : input.flag('csv') ? 'csv' : 'text',
    };
  },
  run: runReport,
});

export async function runReport(opts: ReportOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const from = parseWhen(opts.from, now, ctx.timeZone).getTime();
  const to = opts.to ? parseWhen(opts.to, now, ctx.timeZone).getTime() : now.getTime();
  if (from >= to)
    throw new UsageError(t('report.err.order', { from: opts.from, to: opts.to ?? t('report.now') }));
  const { by, outages } = opts;
  const store = await ctx.store();
  const client = opts.client ? await resolveClient(store, opts.client) : undefined;
  const keyOf = (r: ReportRow) =>
    by === 'priority' ? r.priority : by === 'client' ? r.clientName : (r.zone ?? NO_ZONE);
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
  if (opts.format === 'json') {
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
  if (opts.format === 'csv') {
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
    const target = s.targets[k]!;
    return target.judged ? `${percent(target.pct!)} (${target.met}/${target.judged})` : '—';
  };
  const words = language();
  const mins = (m: number | null) => (m === null ? '—' : compactSpan(m * 60_000));
  const count = t(tickets === 1 ? 'report.tickets.one' : 'report.tickets.many', { n: tickets });
  writeText(
    ctx.io,
    `${c.bold(t('report.title'))} ${sanitizeLine(opts.from)} → ${sanitizeLine(opts.to ?? t('report.now'))}${client ? ` · ${sanitizeLine(client.name)}` : ''}${outages === 'include' ? '' : outages === 'exclude' ? t('report.outagesExcluded') : t('report.outagesOnly')} · ${count}${cancelled ? t('report.cancelled', { n: cancelled }) : ''}\n`,
  );
  if (tickets === cancelled) return;
  const all = total.stats();
  const stats = [...rows, all];
  /** A group's name for people: the total row and the tickets without a zone in words. */
  const label = (g: GroupStats) =>
    g === all
      ? t('report.all')
      : g.group === NO_ZONE && by === 'zone'
        ? t('report.noZone')
        : sanitizeLine(g.group);
  await printTable(
    ctx.io,
    [
      {
        header: by[0]!.toUpperCase() + by.slice(1),
        title: t(`report.col.${by}`),
        value: label,
        flexible: true,
        // A client's name readable at 80 columns: the on-site and hardware columns go first.
        min: 18,
      },
      { header: 'Tickets', title: t('report.col.tickets'), value: (s: GroupStats) => String(s.tickets) },
      // Targets met, in the order of --json and --csv: response, ETA kept, restore, on site,
      // hardware, confirmation.
      { header: 'Response', title: t('report.col.response'), value: (s: GroupStats) => pct(s, 'response') },
      { header: 'ETA kept', title: t('report.col.eta'), value: (s: GroupStats) => pct(s, 'eta') },
      { header: 'Restore', title: t('report.col.restore'), value: (s: GroupStats) => pct(s, 'restore') },
      // On a narrow terminal the columns right of Restore are left out, last first (--json has all).
      {
        header: 'On site',
        title: t('report.col.onsite'),
        value: (s: GroupStats) => pct(s, 'onsite'),
        drop: 4,
      },
      {
        header: 'Hardware',
        title: t('report.col.hardware'),
        value: (s: GroupStats) => pct(s, 'hardware'),
        drop: 3,
      },
      {
        header: 'Confirmed',
        title: t('report.col.confirm'),
        value: (s: GroupStats) => pct(s, 'confirm'),
        drop: 5,
      },
      {
        header: 'Response med/p90',
        title: t('report.col.responseTimes'),
        value: (s: GroupStats) => `${mins(s.responseMinutes.median)} / ${mins(s.responseMinutes.p90)}`,
        drop: 2,
      },
      {
        header: 'Restore med/p90',
        title: t('report.col.restoreTimes'),
        value: (s: GroupStats) => `${mins(s.restoreMinutes.median)} / ${mins(s.restoreMinutes.p90)}`,
        drop: 1,
      },
    ],
    stats,
  );
  writeText(ctx.io, `\n${c.bold(t('report.restoreMet'))}\n`);
  const width = Math.max(...rows.map((r) => label(r).length));
  for (const g of rows) {
    const r = g.targets.restore!;
    const filled = r.judged ? Math.round((20 * r.met) / r.judged) : 0;
    writeText(
      ctx.io,
      `  ${label(g).padEnd(width)}  ${c.green('█'.repeat(filled))}${c.red('░'.repeat(r.judged ? 20 - filled : 0))}${' '.repeat(r.judged ? 0 : 20)}  ${r.judged ? percent(r.pct!) : t('report.nothingRestored')}\n`,
    );
  }
  if (breachCount) {
    writeText(ctx.io, `\n${c.bold(t('report.breaches', { n: breachCount }))}\n`);
    const labelWidth = Math.max(21, ...KINDS.map((k) => deadlineLabel(k).length));
    for (const b of worst) {
      const j = breachJson(b);
      const late = t('report.late', { span: formatSpan(b.lateMinutes * 60_000, words) });
      const line = `  ${j.ticket}  ${j.priority}  ${deadlineLabel(b.kind).padEnd(labelWidth)}  ${late}${b.open ? t('report.stillOpen') : ''}`;
      const who = sanitizeLine(j.client);
      // The client after the lateness, or under the line when the terminal has no room for it.
      const room = ctx.io.isTerminal ? ctx.io.columns : Number.POSITIVE_INFINITY;
      const gap = textWidth(line) + 2 + textWidth(who) <= room ? '  ' : `\n${' '.repeat(19)}`;
      writeText(ctx.io, `${line}${gap}${who}\n`);
    }
    if (breachCount > worst.length)
      writeText(ctx.io, `  ${t('report.more', { n: breachCount - worst.length })}\n`);
  }
  writeText(ctx.io, `\n${t('report.notMeasured', { list: notMeasured.join(', ') })}\n`);
}

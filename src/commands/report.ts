// hd sla report: targets met, response and restore times and breaches over a period.
import type { Context } from '../context.ts';
import { type GroupStats, groupStats, type ReportBreach } from '../domain/report.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { type ReportRow, ticketsOpenedBetween } from '../store/tickets.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { iso } from '../ui/time.ts';
import { bool, type Opts, resolveClient, str } from './common.ts';

const KINDS = ['response', 'restore', 'onsite', 'hardware', 'confirm'] as const;

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
  const tickets = await ticketsOpenedBetween(store, from, to, client?.id);
  const keyOf = (t: ReportRow) =>
    by === 'priority' ? t.priority : by === 'client' ? t.clientName : (t.zone ?? '(no zone)');
  const groups = new Map<string, ReportRow[]>();
  for (const t of tickets) {
    const key = keyOf(t);
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const nowMs = now.getTime();
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([g, ts]) => groupStats(g, ts, nowMs));
  const total = groupStats('all', tickets, nowMs);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const breaches = rows.flatMap((r) => r.breaches);
  const breachJson = (b: ReportBreach) => ({
    ticket: formatTicketNumber(b.ticketId),
    client: byId.get(b.ticketId)?.clientName,
    priority: byId.get(b.ticketId)?.priority,
    kind: b.kind,
    lateMinutes: b.lateMinutes,
    stillOpen: b.open,
  });

  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      from: iso(from),
      to: iso(to),
      by,
      total: total.stats,
      groups: rows.map((r) => r.stats),
      breaches: breaches.map(breachJson),
    });
    return;
  }
  if (bool(opts, 'csv')) {
    const header = [
      'group',
      'tickets',
      ...KINDS.map((k) => `${k}MetPct`),
      'responseMedianMin',
      'responseP90Min',
      'restoreMedianMin',
      'restoreP90Min',
    ];
    const line = (s: GroupStats) =>
      [
        s.group,
        s.tickets,
        ...KINDS.map((k) => s.targets[k]!.pct ?? ''),
        s.responseMinutes.median ?? '',
        s.responseMinutes.p90 ?? '',
        s.restoreMinutes.median ?? '',
        s.restoreMinutes.p90 ?? '',
      ]
        .map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v)))
        .join(',');
    ctx.io.stdout.write(
      `${[header.join(','), ...rows.map((r) => line(r.stats)), line(total.stats)].join('\n')}\n`,
    );
    return;
  }
  const c = colours(ctx.io);
  const pct = (s: GroupStats, k: string) => {
    const t = s.targets[k]!;
    return t.judged ? `${t.pct}% (${t.met}/${t.judged})` : '—';
  };
  const mins = (m: number | null) => (m === null ? '—' : formatDuration(m * 60_000));
  ctx.io.stdout.write(
    `${c.bold('SLA report')} ${str(opts, 'from')} → ${str(opts, 'to') ?? 'now'}${client ? ` · ${client.name}` : ''} · ${tickets.length} tickets\n`,
  );
  if (tickets.length === 0) return;
  const stats = [...rows.map((r) => r.stats), total.stats];
  await printTable(
    ctx.io,
    [
      { header: by[0]!.toUpperCase() + by.slice(1), value: (s: GroupStats) => s.group, flexible: true },
      { header: 'Tickets', value: (s: GroupStats) => String(s.tickets) },
      { header: 'Response met', value: (s: GroupStats) => pct(s, 'response') },
      { header: 'Restore met', value: (s: GroupStats) => pct(s, 'restore') },
      { header: 'On site met', value: (s: GroupStats) => pct(s, 'onsite') },
      {
        header: 'Response med/p90',
        value: (s: GroupStats) => `${mins(s.responseMinutes.median)} / ${mins(s.responseMinutes.p90)}`,
      },
      {
        header: 'Restore med/p90',
        value: (s: GroupStats) => `${mins(s.restoreMinutes.median)} / ${mins(s.restoreMinutes.p90)}`,
      },
    ],
    stats,
  );
  ctx.io.stdout.write(`\n${c.bold('Restore target met')}\n`);
  const width = Math.max(...rows.map((r) => r.stats.group.length));
  for (const { stats: s } of rows) {
    const t = s.targets.restore!;
    const filled = t.judged ? Math.round((20 * t.met) / t.judged) : 0;
    ctx.io.stdout.write(
      `  ${s.group.padEnd(width)}  ${c.green('█'.repeat(filled))}${c.red('░'.repeat(t.judged ? 20 - filled : 0))}${' '.repeat(t.judged ? 0 : 20)}  ${t.judged ? `${t.pct}%` : 'nothing restored yet'}\n`,
    );
  }
  if (breaches.length) {
    ctx.io.stdout.write(`\n${c.bold(`Breaches (${breaches.length})`)}\n`);
    for (const b of breaches.slice(0, 50)) {
      const j = breachJson(b);
      ctx.io.stdout.write(
        `  ${j.ticket}  ${j.priority}  ${b.kind.padEnd(9)} ${formatDuration(b.lateMinutes * 60_000)} late${b.open ? ' (still open)' : ''}  ${j.client}\n`,
      );
    }
    if (breaches.length > 50)
      ctx.io.stdout.write(`  … and ${breaches.length - 50} more (--json lists all)\n`);
  }
}

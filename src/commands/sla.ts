// hd sla: what is late or about to be, for the shift lead's wall screen and for monitoring.
import type { ChalkInstance } from 'chalk';
import type { Context } from '../context.ts';
import {
  type Breach,
  breachAt,
  DEADLINE_KINDS,
  type DeadlineKind,
  deadlineLabel,
  nextAction,
} from '../domain/deadlines.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseDuration } from '../domain/time.ts';
import { PRIORITIES, type Priority } from '../domain/types.ts';
import { OverdueError, UsageError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { type Queryable, StoreBusy, StoreUnavailable } from '../store/port.ts';
import {
  type BreachDetails,
  type BreachQuery,
  type BreachRecord,
  type BreachTotals,
  breachCounts,
  breachDetails,
  mostSevereBreaches,
  openCounts,
  type SlaFilter,
  streamBreaches,
} from '../store/sla.ts';
import { lowStock } from '../store/spares.ts';
import {
  countsByStatus,
  groupByOutage,
  groupedColumns,
  linkedCount,
  outageNumber,
  outageWhat,
  worstPriority,
} from '../ui/outage-groups.ts';
import { type Column, colours, printJson, printJsonStream, printTable, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { iso, timeDisplay, timeOfDay } from '../ui/time.ts';
import { bool, emptyDatabaseNote, type Opts, positiveInt, resolveClient, str } from './common.ts';

/** A breach as listed: `details` (summary, contact) read for the rows shown. */
export type BreachRow = BreachRecord & { breach: Breach; details?: BreachDetails };

export async function slaFilter(ctx: Context, store: Queryable, opts: Opts): Promise<SlaFilter> {
  return {
    priorities: str(opts, 'priority')?.split(',').filter(Boolean).map(parsePriority),
    clientId: str(opts, 'client') ? (await resolveClient(store, str(opts, 'client')!)).id : undefined,
    assignee: bool(opts, 'mine') ? ctx.operator : str(opts, 'assignee'),
  };
}

export const withBreach =
  (now: number) =>
  (r: BreachRecord): BreachRow =>
    Object.assign(r, { breach: breachAt(r.ticketId, r.kind, r.due, now, r.tellKind) });

/** Every breach, most severe first, one at a time, counting them as they pass. */
async function* everyBreach(
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  filter: SlaFilter,
  totals: BreachTotals,
): AsyncGenerator<BreachRow> {
  const row = withBreach(q.now);
  for await (const r of streamBreaches(store, q, filter)) {
    if (r.due < q.now) totals.overdue++;
    else totals.near++;
    yield row(r);
  }
}

/** The rows with their details, read 500 tickets at a time as they pass. */
async function* withDetails(store: Queryable, rows: AsyncIterable<BreachRow>): AsyncGenerator<BreachRow> {
  let batch: BreachRow[] = [];
  const flush = async () => {
    const details = await breachDetails(
      store,
      batch.map((r) => r.ticketId),
    );
    for (const r of batch) r.details = details.get(r.ticketId);
    const out = batch;
    batch = [];
    return out;
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === 500) yield* await flush();
  }
  yield* await flush();
}

export function breachJson(r: BreachRow) {
  return {
    ticket: formatTicketNumber(r.ticketId),
    client: r.clientName,
    priority: r.priority,
    status: r.status,
    kind: r.breach.kind,
    // --json stays English whatever the interface language: scripts read it.
    what: deadlineLabel(r.kind, r.tellKind, 'en'),
    due: iso(r.breach.due),
    overdue: r.breach.overdue,
    lateMinutes: Math.round(r.breach.late / 60_000),
    assignee: r.assignee,
    nextAction: nextAction(r.kind, r.ticketId, r.breach.late, r.tellKind, 'en'),
    ...(r.details && {
      outage: r.details.outageId == null ? null : formatOutageNumber(r.details.outageId),
      summary: r.details.summary,
      contact: { name: r.details.contactName, phone: r.details.contactPhone },
    }),
  };
}

/** Like `hd list`: the most severe 50 unless --limit says otherwise (0 = every one). */
const DEFAULT_ROWS = 50;

const BREACH_COLUMNS = (c: ChalkInstance, now: number, timeZone: string): Column<BreachRow>[] => [
  { header: 'Ticket', title: t('col.ticket'), value: (r) => formatTicketNumber(r.ticketId), trusted: true },
  {
    header: 'Pri',
    title: t('col.pri'),
    value: (r) => r.priority,
    colour: (s) => (s === 'P1' ? c.red.bold(s) : s),
    trusted: true,
  },
  { header: 'Client', title: t('col.client'), value: (r) => r.clientName, flexible: true, min: 10 },
  { header: 'Late', title: t('col.late'), value: (r) => r.breach.label, trusted: true },
  {
    header: 'By',
    title: t('col.by'),
    value: (r) =>
      r.breach.overdue
        ? formatDuration(r.breach.late)
        : r.breach.late === 0
          ? t('sla.soonNow')
          : t('sla.soonIn', { span: formatDuration(-r.breach.late) }),
    colour: (s, r) => (r.breach.overdue ? c.red.bold(s) : c.yellow(s)),
    trusted: true,
  },
  {
    header: 'Assignee',
    title: t('col.assignee'),
    value: (r) => r.assignee ?? t('nobody'),
    flexible: true,
    drop: 2,
  },
  // Never cut: under the row (after the summary) when the terminal has no room for it.
  {
    header: 'Next action',
    title: t('col.nextAction'),
    value: (r) => r.breach.nextAction,
    trusted: true,
    wrap: 2,
  },
  // After the columns scripts already cut, so that those keep working.
  { header: 'Status', title: t('col.status'), value: (r) => statusWords(r.status), trusted: true, drop: 1 },
  {
    header: 'Due',
    title: t('col.due'),
    value: (r) => timeOfDay(r.due, now, timeZone, language()),
    trusted: true,
  },
  {
    header: 'Summary · contact',
    title: t('col.summaryContact'),
    value: (r) =>
      r.details
        ? `${r.details.summary} · ${r.details.contactName}${r.details.contactPhone ? ` ${r.details.contactPhone}` : ''}`
        : '',
    wrap: 1,
  },
];

/**
 * The breaches as a table. Piped: one row per breach, the outage last (scripts cut the columns
 * before it). On a terminal: the breaches of tickets linked to an active outage on one line per
 * outage (its tickets by status, its breaches), listed under that line with `expand`.
 */
async function printBreaches(
  ctx: Context,
  q: Omit<BreachQuery, 'limit'>,
  rows: BreachRow[] | AsyncIterable<BreachRow>,
  expand: boolean,
): Promise<number> {
  const c = colours(ctx.io);
  const columns = BREACH_COLUMNS(c, q.now, ctx.timeZone);
  if (!ctx.io.isTerminal) {
    const outage: Column<BreachRow> = {
      header: 'Outage',
      value: (r) => (r.details?.outageId == null ? '' : formatOutageNumber(r.details.outageId)),
      trusted: true,
    };
    return printTable(ctx.io, [...columns, outage], rows, { headerWhenEmpty: false });
  }
  const all: BreachRow[] = [];
  for await (const r of rows) all.push(r);
  const heads = new Map(
    all.flatMap((r) => (r.details?.outage ? [[r.details.outage.id, r.details.outage]] : [])),
  );
  if (heads.size === 0) return printTable(ctx.io, columns, all, { headerWhenEmpty: false });
  const count = (g: { rows: BreachRow[] }, overdue: boolean) =>
    g.rows.filter((r) => r.breach.overdue === overdue).length;
  const grouped = groupedColumns(
    columns,
    {
      Ticket: outageNumber,
      Pri: (g) => worstPriority(g.rows, (r) => r.priority),
      Client: (g) => linkedCount(new Set(g.rows.map((r) => r.ticketId)).size),
      Late: (g) =>
        [
          count(g, true) ? t('outage.group.overdue', { n: count(g, true) }) : '',
          count(g, false) ? t('outage.group.near', { n: count(g, false) }) : '',
        ]
          .filter(Boolean)
          .join(', '),
      'Next action': (g) => t('outage.group.action', { n: outageNumber(g) }),
      Status: (g) =>
        countsByStatus(
          g.rows,
          (r) => r.ticketId,
          (r) => r.status,
        ),
      Due: (g) => timeOfDay(Math.min(...g.rows.map((r) => r.due)), q.now, ctx.timeZone, language()),
      'Summary · contact': (g) =>
        `${outageWhat(g.outage)} · ${
          g.outage.eta == null
            ? t('outage.group.noEta')
            : t('outage.group.eta', { when: timeOfDay(g.outage.eta, q.now, ctx.timeZone, language()) })
        }`,
    },
    (s) => c.bold(s),
  );
  const lines = groupByOutage(all, (r) => r.details?.outageId ?? null, heads, expand);
  await printTable(ctx.io, grouped, lines, { headerWhenEmpty: false });
  return all.length;
}

/** Prints the breaches at `now` (all with limit 0) and returns how many are overdue. */
async function renderOverdue(
  ctx: Context,
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  filter: SlaFilter,
  limit: number,
  json: boolean,
  expand = false,
): Promise<number> {
  const nothing = async () => {
    ctx.io.stdout.write(`${t('sla.nothingOverdue', { when: timeDisplay(ctx).at(q.now) })}\n`);
    ctx.io.stderr.write(await emptyDatabaseNote(ctx, store));
  };
  if (limit === 0) {
    const totals: BreachTotals = { overdue: 0, near: 0 };
    const rows = withDetails(store, everyBreach(store, q, filter, totals));
    if (json) {
      await printJsonStream(ctx.io, { at: iso(q.now) }, 'breaches', rows, breachJson, () => ({ ...totals }));
    } else {
      const printed = await printBreaches(ctx, q, rows, expand);
      if (printed === 0) await nothing();
    }
    return totals.overdue;
  }
  const found = await mostSevereBreaches(store, { ...q, limit }, filter);
  const rows = found.rows.map(withBreach(q.now));
  const details = await breachDetails(
    store,
    rows.map((r) => r.ticketId),
  );
  for (const r of rows) r.details = details.get(r.ticketId);
  const total = found.overdue + found.near;
  if (json) {
    printJson(ctx.io, {
      at: iso(q.now),
      overdue: found.overdue,
      near: found.near,
      breaches: rows.map(breachJson),
    });
  } else if (total === 0) {
    await nothing();
  } else {
    await printBreaches(ctx, q, rows, expand);
  }
  if (rows.length < total) {
    const near = q.until > q.now ? t('sla.moreNear', { near: found.near }) : '';
    ctx.io.stderr.write(
      `${t('sla.more', { more: total - rows.length, total, overdue: found.overdue, near })}\n`,
    );
  }
  return found.overdue;
}

async function renderSummary(
  ctx: Context,
  store: Queryable,
  filter: SlaFilter,
  now: number,
  json: boolean,
): Promise<void> {
  const soonWindow = 60 * 60_000;
  const [counts, grid, low] = await Promise.all([
    openCounts(store),
    breachCounts(store, now, now + soonWindow, filter),
    lowStock(store),
  ]);
  const pick = (which: 'overdue' | 'soon') =>
    Object.fromEntries(
      DEADLINE_KINDS.map((kind) => [
        kind,
        Object.fromEntries(PRIORITIES.map((p) => [p, grid[kind][p][which]])),
      ]),
    ) as Record<DeadlineKind, Record<Priority, number>>;
  const overdue = pick('overdue');
  const soon = pick('soon');
  const sum = (g: Record<DeadlineKind, Record<Priority, number>>) =>
    DEADLINE_KINDS.reduce((a, k) => a + PRIORITIES.reduce((b, p) => b + g[k][p], 0), 0);
  const open = Object.fromEntries(
    PRIORITIES.map((p) => [p, counts.filter((x) => x.priority === p).reduce((a, x) => a + x.n, 0)]),
  );
  if (json) {
    printJson(ctx.io, { at: iso(now), open, overdue, dueWithinHour: soon, sparesBelowMinimum: low });
    return;
  }
  const c = colours(ctx.io);
  const total = sum(overdue);
  writeText(
    ctx.io,
    `${c.bold(`SLA at ${timeDisplay(ctx).at(now)}`)}: ${total ? c.red.bold(`${total} overdue`) : c.green('nothing overdue')}, ` +
      `${sum(soon)} due within 1h; open tickets ${PRIORITIES.map((p) => `${p} ${open[p]}`).join(', ')}\n`,
  );
  const kinds = DEADLINE_KINDS.filter((k) => PRIORITIES.some((p) => overdue[k][p] || soon[k][p]));
  if (kinds.length) {
    await printTable(
      ctx.io,
      [
        { header: 'Deadline', value: (k: DeadlineKind) => deadlineLabel(k) },
        ...PRIORITIES.map((p) => ({
          header: p,
          value: (k: DeadlineKind) => `${overdue[k][p] || '·'}${soon[k][p] ? ` (+${soon[k][p]} soon)` : ''}`,
        })),
      ],
      kinds,
    );
  }
  if (low.length) {
    writeText(
      ctx.io,
      `${c.yellow(`Spares below minimum: ${low.map((s) => `${s.sku}@${s.depot} ${s.available}/${s.minimum}`).join(', ')}`)} (hd spares list --low)\n`,
    );
  }
  writeText(ctx.io, 'Details: hd sla --overdue [--due-within 1h]\n');
}

export async function runSla(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const horizon = str(opts, 'dueWithin') ? parseDuration(str(opts, 'dueWithin')!) : 0;
  const watch =
    opts.watch === undefined
      ? null
      : positiveInt(opts.watch === true ? '30' : str(opts, 'watch'), '--watch', 30);
  const json = bool(opts, 'json');
  const limitText = str(opts, 'limit');
  if (limitText !== undefined && !/^\d+$/.test(limitText)) {
    throw new UsageError(`--limit takes a whole number (0 for all), not "${limitText}".`);
  }
  const limit = limitText === undefined ? null : Number(limitText);
  const store = await ctx.store();
  const filter = await slaFilter(ctx, store, opts);
  const overdueMode = bool(opts, 'overdue') || horizon > 0;
  const once = async () => {
    const now = ctx.now().getTime();
    if (!overdueMode) {
      await renderSummary(ctx, store, filter, now, json);
      return 0;
    }
    return renderOverdue(
      ctx,
      store,
      { now, until: now + horizon },
      filter,
      limit ?? DEFAULT_ROWS,
      json,
      bool(opts, 'expand'),
    );
  };
  if (watch === null) {
    const overdue = await once();
    if (bool(opts, 'failOnOverdue') && overdue > 0)
      throw new OverdueError(`${overdue} deadline${overdue > 1 ? 's' : ''} overdue.`);
    return;
  }
  const signal = ctx.interrupt();
  while (!signal.aborted) {
    // Home, clear the screen and its scrollback: each round replaces the last, never piles up.
    if (ctx.io.isTerminal) ctx.io.stdout.write('\u001b[H\u001b[2J\u001b[3J');
    writeText(
      ctx.io,
      `hd sla — ${timeDisplay(ctx).at(ctx.now().getTime())}, every ${watch}s, Ctrl-C to stop\n`,
    );
    try {
      await once();
    } catch (error) {
      // A wall display outlives a lost connection or a lock: say so, and try at the next round.
      if (!(error instanceof StoreUnavailable || error instanceof StoreBusy)) throw error;
      ctx.io.stderr.write(`hd: ${error.message} Trying again in ${watch}s.\n`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, watch * 1000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

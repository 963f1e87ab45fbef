// hd sla: what is late or about to be, for the shift lead's wall screen and for monitoring.
import type { ChalkInstance } from 'chalk';
import { examples } from '../cli/help.ts';
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
import { parseDuration } from '../domain/time.ts';
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
  mostSevereWithDetails,
  openCounts,
  type SlaFilter,
  streamBreaches,
} from '../store/sla.ts';
import { lowStock } from '../store/spares.ts';
import { assigneeAsRecorded } from '../store/tickets.ts';
import {
  countsByStatus,
  groupByOutage,
  groupedColumns,
  linkedCount,
  outageNumber,
  outageWhat,
  worstPriority,
} from '../ui/outage-groups.ts';
import {
  type Column,
  colours,
  printJson,
  printJsonStream,
  printTable,
  writeNote,
  writeText,
} from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { formatSpan, iso, shortTimeOfDay, timeDisplay, timeOfDay } from '../ui/time.ts';
import { emptyDatabaseNote, positiveInt, resolveClient } from './common.ts';
import { unit } from './unit.ts';

/** A breach as listed: `details` (summary, contact) read for the rows shown. */
export type BreachRow = BreachRecord & { breach: Breach; details?: BreachDetails };

/** The filters hd sla and its views share: priorities, one client, an assignee (or me). */
export interface SlaFilterOptions {
  priorities: Priority[] | undefined;
  client: string | undefined;
  assignee: string | undefined;
  mine: boolean;
}

export async function slaFilter(ctx: Context, store: Queryable, o: SlaFilterOptions): Promise<SlaFilter> {
  return {
    priorities: o.priorities,
    clientId: o.client ? (await resolveClient(store, o.client)).id : undefined,
    assignee:
      o.mine || o.assignee !== undefined
        ? await assigneeAsRecorded(store, o.mine ? ctx.operator : o.assignee!)
        : undefined,
  };
}

/** `--priority P1,P2` → the priorities, each checked. */
export const priorityList = (text: string | undefined): Priority[] | undefined =>
  text?.split(',').filter(Boolean).map(parsePriority);

export interface SlaOptions extends SlaFilterOptions {
  overdue: boolean;
  expand: boolean;
  /** --due-within: also what breaches within this many ms (0: only what is overdue). */
  dueWithinMs: number;
  /** The N most severe; null: the default (50); 0: every one. */
  limit: number | null;
  /** Redraw every N seconds; null: once. */
  watch: number | null;
  failOnOverdue: boolean;
  json: boolean;
}

export const sla = unit<SlaOptions>({
  declare: (parent) =>
    parent
      .command('sla')
      .description(t('sla.describe'))
      .option('--overdue', t('sla.opt.overdue'))
      .option('--expand', t('sla.opt.expand'))
      .option('--due-within <duration>', t('sla.opt.dueWithin'))
      .option('--priority <list>', t('sla.opt.priority'))
      .option('--client <text>', t('sla.opt.client'))
      .option('--assignee <name>', t('sla.opt.assignee'))
      .option('--mine', t('sla.opt.mine'))
      .option('--limit <n>', t('sla.opt.limit'))
      .option('--watch [seconds]', t('sla.opt.watch'))
      .option('--fail-on-overdue', t('sla.opt.failOnOverdue'))
      .option('--json', t('sla.opt.json'))
      .addHelpText(
        'after',
        examples(
          'hd sla',
          'hd sla --overdue',
          'hd sla --overdue --due-within 1h --priority P1,P2',
          'hd sla --overdue --expand',
          'hd sla --overdue --watch 30',
          'hd sla --overdue --fail-on-overdue --json',
          'hd sla --overdue --limit 0 > breaches.tsv',
        ),
      ),
  options: (input) => {
    const limit = input.text('limit');
    if (limit !== undefined && !/^\d+$/.test(limit))
      throw new UsageError(t('sla.err.limit', { value: limit }));
    const dueWithin = input.text('dueWithin');
    return {
      overdue: input.flag('overdue'),
      expand: input.flag('expand'),
      dueWithinMs: dueWithin === undefined ? 0 : parseDuration(dueWithin),
      priorities: priorityList(input.text('priority')),
      client: input.text('client'),
      assignee: input.text('assignee'),
      mine: input.flag('mine'),
      limit: limit === undefined ? null : Number(limit),
      watch: input.flag('watch')
        ? 30
        : input.text('watch') === undefined
          ? null
          : positiveInt(input.text('watch'), '--watch', 30),
      failOnOverdue: input.flag('failOnOverdue'),
      json: input.flag('json'),
    };
  },
  run: runSla,
});

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

/**
 * A span in a table cell, as short as the English `7h30m`: `7ч30м` in Russian, so that the row
 * keeps its due time at 80 columns.
 */
export const compactSpan = (ms: number): string =>
  language() === 'ru'
    ? formatSpan(ms, 'ru')
        .replace(/ мин/g, 'м')
        .replace(/ (ч|д)/g, '$1')
        .replace(/ /g, '')
    : formatSpan(ms, 'en');

/** Like `hd list`: the most severe 50 unless --limit says otherwise (0 = every one). */
const DEFAULT_ROWS = 50;

/**
 * The columns of the breaches. On a terminal, people's words and dates (the year left out when it is
 * this year); piped, the same English values and ISO times in every interface language.
 */
const BREACH_COLUMNS = (
  c: ChalkInstance,
  now: number,
  timeZone: string,
  terminal: boolean,
  /** Near breaches are listed too (--due-within): the headers say so. */
  near: boolean,
): Column<BreachRow>[] => [
  { header: 'Ticket', title: t('col.ticket'), value: (r) => formatTicketNumber(r.ticketId), trusted: true },
  {
    header: 'Pri',
    title: t('col.pri'),
    value: (r) => r.priority,
    colour: (s) => (s === 'P1' ? c.red.bold(s) : s),
    trusted: true,
  },
  { header: 'Client', title: t('col.client'), value: (r) => r.clientName, flexible: true, min: 10 },
  // Flexible last: a long label ("не сообщено: срок восстановления") is cut before the row
  // outgrows the terminal; the next action, never cut, says it in full.
  {
    header: 'Late',
    title: near ? t('col.lateOrSoon') : t('col.late'),
    value: (r) => (terminal ? r.breach.label : deadlineLabel(r.kind, r.tellKind, 'en')),
    trusted: true,
    flexible: 'last',
    min: 18,
  },
  {
    header: 'By',
    title: near ? t('col.byOrWhen') : t('col.by'),
    value: (r) =>
      r.breach.overdue
        ? compactSpan(r.breach.late)
        : r.breach.late === 0
          ? t('sla.soonNow')
          : t('sla.soonIn', { span: compactSpan(-r.breach.late) }),
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
    value: (r) =>
      terminal ? r.breach.nextAction : nextAction(r.kind, r.ticketId, r.breach.late, r.tellKind, 'en'),
    trusted: true,
    wrap: 2,
  },
  // After the columns scripts already cut, so that those keep working.
  { header: 'Status', title: t('col.status'), value: (r) => statusWords(r.status), trusted: true, drop: 1 },
  {
    header: 'Due',
    title: t('col.due'),
    value: (r) =>
      terminal ? shortTimeOfDay(r.due, now, timeZone, language()) : timeOfDay(r.due, now, timeZone, 'en'),
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
  const columns = BREACH_COLUMNS(
    c,
    q.now,
    ctx.timeZone,
    ctx.io.isTerminal,
    !q.overdueOnly && q.until > q.now,
  );
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
      Due: (g) => shortTimeOfDay(Math.min(...g.rows.map((r) => r.due)), q.now, ctx.timeZone, language()),
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
  const found = await mostSevereWithDetails(store, { ...q, limit }, filter);
  const rows = found.rows.map(withBreach(q.now));
  for (const r of rows) r.details = found.details.get(r.ticketId);
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
    writeNote(
      ctx.io,
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
  // On a terminal "P1 6" is never split by the wrap (a no-break space); piped text keeps a space.
  const keep = ctx.io.isTerminal ? '\u00a0' : ' ';
  writeText(
    ctx.io,
    `${c.bold(t('sla.summary.at', { at: timeDisplay(ctx).at(now) }))}: ${total ? c.red.bold(t('sla.summary.overdue', { n: total })) : c.green(t('sla.summary.nothing'))}, ` +
      `${t('sla.summary.soon', { n: sum(soon) })}; ${t('sla.summary.open', { counts: PRIORITIES.map((p) => `${p}${keep}${open[p]}`).join(', ') })}\n`,
  );
  const kinds = DEADLINE_KINDS.filter((k) => PRIORITIES.some((p) => overdue[k][p] || soon[k][p]));
  if (kinds.length) {
    await printTable(
      ctx.io,
      [
        { header: 'Deadline', title: t('sla.col.deadline'), value: (k: DeadlineKind) => deadlineLabel(k) },
        ...PRIORITIES.map((p) => ({
          header: p,
          value: (k: DeadlineKind) =>
            `${overdue[k][p] || '·'}${soon[k][p] ? t('sla.summary.soonCell', { n: soon[k][p] }) : ''}`,
        })),
      ],
      kinds,
    );
  }
  if (low.length) {
    writeText(
      ctx.io,
      `${c.yellow(t('sla.summary.spares', { list: low.map((s) => `${s.sku}@${s.depot} ${s.available}/${s.minimum}`).join(', ') }))} (hd spares list --low)\n`,
    );
  }
  writeText(ctx.io, `${t('sla.summary.details')}\n`);
}

export async function runSla(opts: SlaOptions, ctx: Context): Promise<void> {
  const horizon = opts.dueWithinMs;
  const watch = opts.watch;
  const json = opts.json;
  const limit = opts.limit;
  const filter = await slaFilter(ctx, await ctx.store(), opts);
  const overdueMode = opts.overdue || horizon > 0;
  const once = async () => {
    // Asked each round: a store whose hd agent went away is replaced by a new one (main.ts).
    const store = await ctx.store();
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
      opts.expand,
    );
  };
  if (watch === null) {
    const overdue = await once();
    if (opts.failOnOverdue && overdue > 0)
      throw new OverdueError(
        overdue === 1 ? t('sla.err.overdueOne') : t('sla.err.overdueMany', { n: overdue }),
      );
    return;
  }
  const signal = ctx.interrupt();
  while (!signal.aborted) {
    // Home, clear the screen and its scrollback: each round replaces the last, never piles up.
    if (ctx.io.isTerminal) ctx.io.stdout.write('\u001b[H\u001b[2J\u001b[3J');
    writeText(ctx.io, `${t('sla.watch.head', { at: timeDisplay(ctx).at(ctx.now().getTime()), n: watch })}\n`);
    try {
      await once();
    } catch (error) {
      // A wall display outlives a lost connection or a lock: say so, and try at the next round.
      if (!(error instanceof StoreUnavailable || error instanceof StoreBusy)) throw error;
      ctx.io.stderr.write(`hd: ${error.message} ${t('sla.watch.retry', { n: watch })}\n`);
    }
    // One listener a round, removed when the round's wait ends (they piled up: Node warned of a
    // leak after ten rounds, in the middle of the display).
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      }, watch * 1000);
      signal.addEventListener('abort', stop, { once: true });
    });
  }
}

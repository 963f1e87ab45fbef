// hd sla: what is late or about to be, for the shift lead's wall screen and for monitoring.
import type { ChalkInstance } from 'chalk';
import type { Context } from '../context.ts';
import { type Breach, breachAt, DEADLINE, DEADLINE_KINDS, type DeadlineKind } from '../domain/deadlines.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseDuration } from '../domain/time.ts';
import { PRIORITIES, type Priority } from '../domain/types.ts';
import { OverdueError, UsageError } from '../errors.ts';
import { type Queryable, StoreBusy, StoreUnavailable } from '../store/port.ts';
import {
  type BreachQuery,
  type BreachRecord,
  type BreachTotals,
  breachCounts,
  mostSevereBreaches,
  openCounts,
  type SlaFilter,
  streamBreaches,
} from '../store/sla.ts';
import { lowStock } from '../store/spares.ts';
import { type Column, colours, printJson, printJsonStream, printTable } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, emptyDatabaseNote, type Opts, positiveInt, resolveClient, str } from './common.ts';

export type BreachRow = BreachRecord & { breach: Breach };

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

export function breachJson(r: BreachRow) {
  return {
    ticket: formatTicketNumber(r.ticketId),
    client: r.clientName,
    priority: r.priority,
    status: r.status,
    kind: r.breach.kind,
    what: r.breach.label,
    due: iso(r.breach.due),
    overdue: r.breach.overdue,
    lateMinutes: Math.round(r.breach.late / 60_000),
    assignee: r.assignee,
    nextAction: r.breach.nextAction,
  };
}

/** Like `hd list`: the most severe 50 unless --limit says otherwise (0 = every one). */
const DEFAULT_ROWS = 50;

const BREACH_COLUMNS = (c: ChalkInstance): Column<BreachRow>[] => [
  { header: 'Ticket', value: (r) => formatTicketNumber(r.ticketId), trusted: true },
  { header: 'Pri', value: (r) => r.priority, colour: (s) => (s === 'P1' ? c.red.bold(s) : s), trusted: true },
  { header: 'Client', value: (r) => r.clientName, flexible: true, min: 10 },
  { header: 'Late', value: (r) => r.breach.label, trusted: true },
  {
    header: 'By',
    value: (r) =>
      r.breach.overdue
        ? formatDuration(r.breach.late)
        : r.breach.late === 0
          ? 'soon: now'
          : `soon: in ${formatDuration(-r.breach.late)}`,
    colour: (s, r) => (r.breach.overdue ? c.red.bold(s) : c.yellow(s)),
    trusted: true,
  },
  { header: 'Assignee', value: (r) => r.assignee ?? 'nobody', flexible: true, drop: 2 },
  // Never cut: under the row when the terminal has no room for it.
  { header: 'Next action', value: (r) => r.breach.nextAction, trusted: true, wrap: true },
  // Last, so that scripts cutting the columns before it keep working.
  { header: 'Status', value: (r) => statusWords(r.status), trusted: true, drop: 1 },
];

/** Prints the breaches at `now` (all with limit 0) and returns how many are overdue. */
async function renderOverdue(
  ctx: Context,
  store: Queryable,
  q: Omit<BreachQuery, 'limit'>,
  filter: SlaFilter,
  limit: number,
  json: boolean,
): Promise<number> {
  const c = colours(ctx.io);
  const nothing = async () => {
    ctx.io.stdout.write(`Nothing overdue at ${formatTime(q.now, ctx.timeZone)}.\n`);
    ctx.io.stderr.write(await emptyDatabaseNote(ctx, store));
  };
  if (limit === 0) {
    const totals: BreachTotals = { overdue: 0, near: 0 };
    const rows = everyBreach(store, q, filter, totals);
    if (json) {
      await printJsonStream(ctx.io, { at: iso(q.now) }, 'breaches', rows, breachJson, () => ({ ...totals }));
    } else {
      const printed = await printTable(ctx.io, BREACH_COLUMNS(c), rows, { headerWhenEmpty: false });
      if (printed === 0) await nothing();
    }
    return totals.overdue;
  }
  const found = await mostSevereBreaches(store, { ...q, limit }, filter);
  const rows = found.rows.map(withBreach(q.now));
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
    await printTable(ctx.io, BREACH_COLUMNS(c), rows);
  }
  if (rows.length < total) {
    ctx.io.stderr.write(
      `… and ${total - rows.length} more, less severe (${total} in all: ${found.overdue} overdue${q.until > q.now ? `, ${found.near} due soon` : ''}). --limit 0 lists every one.\n`,
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
  ctx.io.stdout.write(
    `${c.bold(`SLA at ${formatTime(now, ctx.timeZone)}`)}: ${total ? c.red.bold(`${total} overdue`) : c.green('nothing overdue')}, ` +
      `${sum(soon)} due within 1h; open tickets ${PRIORITIES.map((p) => `${p} ${open[p]}`).join(', ')}\n`,
  );
  const kinds = DEADLINE_KINDS.filter((k) => PRIORITIES.some((p) => overdue[k][p] || soon[k][p]));
  if (kinds.length) {
    await printTable(
      ctx.io,
      [
        { header: 'Deadline', value: (k: DeadlineKind) => DEADLINE[k].label },
        ...PRIORITIES.map((p) => ({
          header: p,
          value: (k: DeadlineKind) => `${overdue[k][p] || '·'}${soon[k][p] ? ` (+${soon[k][p]} soon)` : ''}`,
        })),
      ],
      kinds,
    );
  }
  if (low.length) {
    ctx.io.stdout.write(
      `${c.yellow(`Spares below minimum: ${low.map((s) => `${s.sku}@${s.depot} ${s.available}/${s.minimum}`).join(', ')}`)} (hd spares list --low)\n`,
    );
  }
  ctx.io.stdout.write('Details: hd sla --overdue [--due-within 1h]\n');
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
    return renderOverdue(ctx, store, { now, until: now + horizon }, filter, limit ?? DEFAULT_ROWS, json);
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
    ctx.io.stdout.write(
      `hd sla — ${formatTime(ctx.now().getTime(), ctx.timeZone)}, every ${watch}s, Ctrl-C to stop\n`,
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

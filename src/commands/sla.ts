// hd sla: what is late or about to be, for the shift lead's wall screen and for monitoring.
import type { Context } from '../context.ts';
import {
  BREACH_KINDS,
  BREACH_LABELS,
  type Breach,
  type BreachKind,
  breachesOf,
  bySeverity,
} from '../domain/breach.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseDuration } from '../domain/time.ts';
import { PRIORITIES, type Priority } from '../domain/types.ts';
import { OverdueError, UsageError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { breachCounts, openCounts, type SlaFilter, type SlaTicket, ticketsDueBefore } from '../store/sla.ts';
import { lowStock } from '../store/spares.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, positiveInt, resolveClient, str } from './common.ts';

export interface BreachRow {
  breach: Breach;
  priority: Priority;
  ticket: SlaTicket;
}

export async function slaFilter(ctx: Context, store: Store, opts: Opts): Promise<SlaFilter> {
  return {
    priorities: str(opts, 'priority')?.split(',').filter(Boolean).map(parsePriority),
    clientId: str(opts, 'client') ? (await resolveClient(store, str(opts, 'client')!)).id : undefined,
    assignee: bool(opts, 'mine') ? ctx.operator : str(opts, 'assignee'),
  };
}

/** Every breach (and, with a horizon, near breach) at `now`, most severe first. */
export async function collectBreaches(
  store: Store,
  now: number,
  horizon: number,
  filter: SlaFilter,
): Promise<BreachRow[]> {
  const tickets = await ticketsDueBefore(store, now + horizon, filter);
  return tickets
    .flatMap((ticket) =>
      breachesOf(ticket, now, horizon).map((breach) => ({ breach, priority: ticket.priority, ticket })),
    )
    .sort(bySeverity);
}

export function breachJson(r: BreachRow) {
  return {
    ticket: formatTicketNumber(r.ticket.id),
    client: r.ticket.clientName,
    priority: r.priority,
    status: r.ticket.status,
    kind: r.breach.kind,
    what: BREACH_LABELS[r.breach.kind],
    due: iso(r.breach.due),
    overdue: r.breach.overdue,
    lateMinutes: Math.round(r.breach.late / 60_000),
    assignee: r.ticket.assignee,
    nextAction: r.breach.nextAction,
  };
}

/** A terminal shows the most severe breaches that fit; pipes and --json get every one. */
const TERMINAL_ROWS = 50;

async function renderOverdue(
  ctx: Context,
  all: BreachRow[],
  now: number,
  limit: number | null,
): Promise<void> {
  if (all.length === 0) {
    ctx.io.stdout.write(`Nothing overdue at ${formatTime(now, ctx.timeZone)}.\n`);
    return;
  }
  const shown = limit ?? (ctx.io.isTerminal ? TERMINAL_ROWS : 0);
  const rows = shown > 0 ? all.slice(0, shown) : all;
  const c = colours(ctx.io);
  await printTable(
    ctx.io,
    [
      { header: 'Ticket', value: (r: BreachRow) => formatTicketNumber(r.ticket.id), trusted: true },
      { header: 'Pri', value: (r: BreachRow) => r.priority, colour: (s) => (s === 'P1' ? c.red.bold(s) : s) },
      { header: 'Client', value: (r: BreachRow) => r.ticket.clientName, flexible: true },
      { header: 'Late', value: (r: BreachRow) => BREACH_LABELS[r.breach.kind], trusted: true },
      {
        header: 'By',
        value: (r: BreachRow) =>
          r.breach.overdue
            ? formatDuration(r.breach.late)
            : r.breach.late === 0
              ? 'soon: now'
              : `soon: in ${formatDuration(-r.breach.late)}`,
        colour: (s, r) => (r.breach.overdue ? c.red.bold(s) : c.yellow(s)),
      },
      { header: 'Assignee', value: (r: BreachRow) => r.ticket.assignee ?? '—' },
      { header: 'Next action', value: (r: BreachRow) => r.breach.nextAction, flexible: true, trusted: true },
    ],
    rows,
  );
  if (rows.length < all.length) {
    ctx.io.stderr.write(
      `… and ${all.length - rows.length} more, less severe (${all.length} in all): --limit 0 shows every one, --json or a pipe gives them all.\n`,
    );
  }
}

async function renderSummary(
  ctx: Context,
  store: Store,
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
      BREACH_KINDS.map((kind) => [
        kind,
        Object.fromEntries(PRIORITIES.map((p) => [p, grid[kind][p][which]])),
      ]),
    ) as Record<BreachKind, Record<Priority, number>>;
  const overdue = pick('overdue');
  const soon = pick('soon');
  const sum = (g: Record<BreachKind, Record<Priority, number>>) =>
    BREACH_KINDS.reduce((a, k) => a + PRIORITIES.reduce((b, p) => b + g[k][p], 0), 0);
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
  const kinds = BREACH_KINDS.filter((k) => PRIORITIES.some((p) => overdue[k][p] || soon[k][p]));
  if (kinds.length) {
    await printTable(
      ctx.io,
      [
        { header: 'Deadline', value: (k: BreachKind) => BREACH_LABELS[k] },
        ...PRIORITIES.map((p) => ({
          header: p,
          value: (k: BreachKind) => `${overdue[k][p] || '·'}${soon[k][p] ? ` (+${soon[k][p]} soon)` : ''}`,
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
  const limit = str(opts, 'limit') === undefined ? null : Number(str(opts, 'limit'));
  if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
    throw new UsageError(`--limit takes a whole number (0 for all), not "${str(opts, 'limit')}".`);
  }
  const store = await ctx.store();
  const filter = await slaFilter(ctx, store, opts);
  const overdueMode = bool(opts, 'overdue') || horizon > 0;
  const once = async () => {
    const now = ctx.now().getTime();
    if (!overdueMode) {
      await renderSummary(ctx, store, filter, now, json);
      return 0;
    }
    const rows = await collectBreaches(store, now, horizon, filter);
    if (json) printJson(ctx.io, rows.map(breachJson));
    else await renderOverdue(ctx, rows, now, limit);
    return rows.filter((r) => r.breach.overdue).length;
  };
  if (watch === null) {
    const overdue = await once();
    if (bool(opts, 'failOnOverdue') && overdue > 0)
      throw new OverdueError(`${overdue} deadline${overdue > 1 ? 's' : ''} overdue.`);
    return;
  }
  const signal = ctx.interrupt();
  while (!signal.aborted) {
    if (ctx.io.isTerminal) ctx.io.stdout.write('\u001b[2J\u001b[H');
    ctx.io.stdout.write(
      `hd sla — ${formatTime(ctx.now().getTime(), ctx.timeZone)}, every ${watch}s, Ctrl-C to stop\n`,
    );
    await once();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, watch * 1000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

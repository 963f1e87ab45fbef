import type { Context } from '../context.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { isOpen, parseStatusWords } from '../domain/lifecycle.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { isDuration, parseDuration, parseWhen } from '../domain/time.ts';
import { STATUSES } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { t as tr } from '../i18n.ts';
import { activeOutageHeads } from '../store/outages.ts';
import type { ListedTicket } from '../store/tickets.ts';
import { countAlongside, countTickets, listTickets, streamTickets } from '../store/tickets.ts';
import {
  countsByStatus,
  groupByOutage,
  groupedColumns,
  linkedCount,
  outageNumber,
  outageWhat,
  worstPriority,
} from '../ui/outage-groups.ts';
import { type Column, colours, printJsonList, printTable } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { shown } from '../ui/text.ts';
import { priorityColour, statusColour, ticketSummaryJson } from '../ui/ticket.ts';
import { iso, timeDisplay } from '../ui/time.ts';
import { bool, emptyDatabaseNote, type Opts, positiveInt, resolveClient, str } from './common.ts';

const split = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--since 12h` / `7д` (a duration back from now) or a moment (`2026-11-01`, `yesterday`, `вчера`, `01.11`). */
export function parseSince(text: string, now: Date, timeZone: string): number {
  if ((/^\d+[dhm]/i.test(text.trim()) && !/^\d{4}-/.test(text.trim())) || isDuration(text))
    return now.getTime() - parseDuration(text);
  const since = parseWhen(text, now, timeZone).getTime();
  if (since > now.getTime())
    throw new UsageError(
      `--since "${shown(text)}" is in the future; it looks back: give 12h (12 hours ago), yesterday or a past date like 2026-11-01.`,
    );
  return since;
}

/** `--client ''` or `--priority ''` would list everything in silence: an empty filter is refused. */
function given(opts: Opts, flag: string, what: string): void {
  const key = flag.slice(2);
  if (typeof opts[key] === 'string' && !split(opts[key] as string)?.length)
    throw new UsageError(`${flag} is empty; give ${what}, or leave ${flag} out to list all.`);
}

/** The rows of `rows`, calling `sent` once the first step has begun (its statement gone out). */
async function* afterFirstStep<T>(rows: AsyncIterable<T>, sent: () => void): AsyncGenerator<T> {
  const it = rows[Symbol.asyncIterator]();
  try {
    const first = it.next();
    sent();
    for (let r = await first; !r.done; r = await it.next()) yield r.value;
  } finally {
    await it.return?.();
  }
}

export async function runList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const now = ctx.now();
  given(opts, '--client', 'a client (name or contract number)');
  given(opts, '--priority', 'priorities like P1,P2');
  given(opts, '--status', 'statuses like acknowledged,pending');
  given(opts, '--since', 'a time like yesterday or a duration like 12h');
  given(opts, '--assignee', 'an operator name');
  const statuses = split(str(opts, 'status'))?.map((s) => {
    const status = parseStatusWords(s);
    if (status) return status;
    throw new UsageError(
      `Unknown status "${s}". --status takes one of: ${STATUSES.map(statusWords).join(', ')} (or their TMF names, e.g. inProgress).`,
    );
  });
  const priorities = split(str(opts, 'priority'))?.map(parsePriority);
  // 0 lists every one, as in hd sla (the store reads a negative limit as none).
  const limitText = str(opts, 'limit');
  const limit =
    limitText !== undefined && /^0+$/.test(limitText) ? -1 : positiveInt(limitText, '--limit', 50);
  const since = str(opts, 'since') ? parseSince(str(opts, 'since')!, now, ctx.timeZone) : undefined;
  const assignee = bool(opts, 'mine') ? ctx.operator : str(opts, 'assignee');
  const store = await ctx.store();
  const client = str(opts, 'client') ? await resolveClient(store, str(opts, 'client')!) : undefined;
  const filter = {
    openOnly: !bool(opts, 'all') && !(statuses ?? []).some((s) => !isOpen(s)),
    statuses,
    priorities,
    clientId: client?.id,
    assignee,
    since,
    limit,
  };
  const nowMs = now.getTime();
  // The count of all that match, asked right behind the page's statement (countAlongside).
  let total = () => countTickets(store, filter);
  const page = <T>(rows: AsyncIterable<T>) =>
    afterFirstStep(rows, () => {
      total = countAlongside(store, filter);
    });
  // After a streamed list (piped, or --json), before a table: only then is the count known.
  const more = async (shown: number) => {
    if (limit < 0 || shown < limit) return;
    const more = (await total()) - shown;
    if (more > 0)
      ctx.io.stderr.write(
        `${tr(more === 1 ? 'list.oneMore' : 'list.more', { more, total: shown + more })}\n`,
      );
  };
  const none = async () => {
    const note = await emptyDatabaseNote(ctx, store);
    ctx.io.stderr.write(note || `${tr(filter.openOnly ? 'list.none' : 'list.noneAll')}\n`);
  };
  if (bool(opts, 'json')) {
    await more(
      await printJsonList(ctx.io, page(streamTickets(store, filter)), (t) => ({
        ...ticketSummaryJson(t, t.clientName, nowMs),
        outage: t.outageId == null ? null : formatOutageNumber(t.outageId),
      })),
    );
    return;
  }
  const c = colours(ctx.io);
  const next = (t: ListedTicket) => {
    const views = deadlineViews(t, nowMs).filter((v) => v.state === 'due' || v.state === 'overdue');
    return views.sort((a, b) => a.due - b.due)[0];
  };
  const nextText = (t: ListedTicket) => {
    const v = next(t);
    if (v)
      return tr(v.state === 'overdue' ? 'list.overdue' : 'list.due', { label: v.label, when: when(v.due) });
    if (t.status === 'pending')
      return t.pendingUntil ? tr('list.pausedUntil', { when: when(t.pendingUntil) }) : tr('list.paused');
    return t.status === 'closed' || t.status === 'cancelled' ? '' : tr('list.none.next');
  };
  const times = timeDisplay(ctx);
  const when = (ms: number | null) => (ctx.io.isTerminal ? times.relative(ms, nowMs) : (iso(ms) ?? ''));
  const columns: Column<ListedTicket>[] = [
    { header: 'Ticket', title: tr('col.ticket'), value: (t) => formatTicketNumber(t.id) },
    { header: 'Pri', title: tr('col.pri'), value: (t) => t.priority, colour: (s) => priorityColour(c, s) },
    {
      header: 'Status',
      title: tr('col.status'),
      value: (t) => statusWords(t.status),
      colour: (_s, t) => statusColour(c, t.status),
    },
    { header: 'Client', title: tr('col.client'), value: (t) => t.clientName, flexible: true, min: 10 },
    { header: 'Summary', title: tr('col.summary'), value: (t) => t.summary, flexible: true, min: 12 },
    {
      header: 'Assignee',
      title: tr('col.assignee'),
      value: (t) => t.assignee ?? tr('nobody'),
      flexible: true,
      drop: 2,
    },
    {
      header: 'Next deadline',
      title: tr('col.nextDeadline'),
      value: nextText,
      colour: (s, t) => (next(t)?.state === 'overdue' ? c.red.bold(s) : s),
      wrap: true,
    },
    { header: 'Opened', title: tr('col.opened'), value: (t) => when(t.openedAt), drop: 1 },
  ];
  if (!ctx.io.isTerminal) {
    // Tab-separated lines, one ticket at a time: `hd list --all --limit 0 > all.tsv` keeps memory
    // flat. The outage goes last, so scripts that cut the columns before it keep working.
    const piped: Column<ListedTicket>[] = [
      ...columns,
      {
        header: 'Outage',
        value: (t) => (t.outageId == null ? '' : formatOutageNumber(t.outageId)),
        trusted: true,
      },
    ];
    const shown = await printTable(ctx.io, piped, page(streamTickets(store, filter)), {
      headerWhenEmpty: false,
    });
    if (shown === 0) await none();
    await more(shown);
    return;
  }
  // A table fitted to the terminal needs every row's width before the first line.
  const listing = listTickets(store, filter);
  total = countAlongside(store, filter);
  const rows = await listing;
  await more(rows.length);
  if (rows.length === 0) {
    await none();
    return;
  }
  // Linked tickets under their active outage: one more small read, only when some are listed.
  const heads = await activeOutageHeads(
    store,
    rows.flatMap((t) => (t.outageId == null ? [] : [t.outageId])),
  );
  if (heads.size === 0) {
    await printTable(ctx.io, columns, rows);
    return;
  }
  const overdue = (ts: ListedTicket[]) => ts.filter((t) => next(t)?.state === 'overdue').length;
  const grouped = groupedColumns(
    columns,
    {
      Ticket: outageNumber,
      Pri: (g) => worstPriority(g.rows, (t) => t.priority),
      Status: () => tr('outage.group.status'),
      Client: (g) => linkedCount(g.rows.length),
      Summary: (g) => outageWhat(g.outage),
      'Next deadline': (g) =>
        [
          countsByStatus(
            g.rows,
            (t) => t.id,
            (t) => t.status,
          ),
          overdue(g.rows) ? tr('outage.group.overdue', { n: overdue(g.rows) }) : '',
          g.outage.eta == null
            ? tr('outage.group.noEta')
            : tr('outage.group.eta', { when: when(g.outage.eta) }),
        ]
          .filter(Boolean)
          .join(' · '),
    },
    (s) => c.bold(s),
  );
  await printTable(
    ctx.io,
    grouped,
    groupByOutage(rows, (t) => t.outageId ?? null, heads, bool(opts, 'expand')),
  );
}

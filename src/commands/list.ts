import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { isOpen, parseStatusWords } from '../domain/lifecycle.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { isDuration, parseDuration, parseWhen } from '../domain/time.ts';
import { type Priority, STATUSES, type Status } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { type MessageKey, t as tr } from '../i18n.ts';
import { activeOutageHeads } from '../store/outages.ts';
import type { ListedTicket } from '../store/tickets.ts';
import {
  assigneeAsRecorded,
  countAlongside,
  countTickets,
  listTickets,
  streamTickets,
} from '../store/tickets.ts';
import {
  countsByStatus,
  groupByOutage,
  groupedColumns,
  linkedCount,
  outageNumber,
  outageWhat,
  worstPriority,
} from '../ui/outage-groups.ts';
import { type Column, colours, printJsonList, printTable, writeNote } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { shown } from '../ui/text.ts';
import { priorityColour, statusColour, ticketSummaryJson } from '../ui/ticket.ts';
import { iso, timeDisplay } from '../ui/time.ts';
import { emptyDatabaseNote, positiveInt, resolveClient } from './common.ts';
import { unit } from './unit.ts';

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
  if (since > now.getTime()) throw new UsageError(tr('list.err.future', { value: shown(text) }));
  return since;
}

/** `--client ''` or `--priority ''` would list everything in silence: an empty filter is refused. */
function given(value: string | undefined, flag: string, what: MessageKey): string | undefined {
  if (value !== undefined && !split(value)?.length)
    throw new UsageError(tr('list.err.empty', { flag, what: tr(what) }));
  return value;
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

export interface ListOptions {
  statuses: Status[] | undefined;
  priorities: Priority[] | undefined;
  client: string | undefined;
  assignee: string | undefined;
  mine: boolean;
  all: boolean;
  /** As typed: a time relative to now (`yesterday`, `12h`) is read when the command runs. */
  since: string | undefined;
  /** At most this many rows; -1 lists every one (--limit 0). */
  limit: number;
  expand: boolean;
  json: boolean;
}

export const list = unit<ListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(tr('list.describe'))
      .option('--status <list>', tr('list.opt.status'))
      .option('--priority <list>', tr('list.opt.priority'))
      .option('--client <text>', tr('list.opt.client'))
      .option('--assignee <name>', tr('list.opt.assignee'))
      .option('--mine', tr('list.opt.mine'))
      .option('--all', tr('list.opt.all'))
      .option('--since <when>', tr('list.opt.since'))
      .option('--limit <n>', tr('list.opt.limit'))
      .option('--expand', tr('list.opt.expand'))
      .option('--json', tr('list.opt.json'))
      .addHelpText(
        'after',
        examples(
          'hd list',
          'hd list --priority P1,P2 --mine',
          'hd list --expand',
          'hd list --all --since 7d --json',
        ),
      ),
  options: (input) => {
    const client = given(input.text('client'), '--client', 'list.what.client');
    const priority = given(input.text('priority'), '--priority', 'list.what.priority');
    const status = given(input.text('status'), '--status', 'list.what.status');
    const since = given(input.text('since'), '--since', 'list.what.since');
    const assignee = given(input.text('assignee'), '--assignee', 'list.what.assignee');
    const statuses = split(status)?.map((s) => {
      const found = parseStatusWords(s);
      if (found) return found;
      // The words --status takes: those of the interface language (в работе, in progress), the
      // English ones or the TMF names (inProgress).
      const words = STATUSES.map((x) => tr(`status.${x}`)).join(', ');
      throw new UsageError(tr('list.err.status', { value: shown(s), list: words }));
    });
    // 0 lists every one, as in hd sla (the store reads a negative limit as none).
    const limitText = input.text('limit');
    return {
      statuses,
      priorities: split(priority)?.map(parsePriority),
      client,
      assignee,
      mine: input.flag('mine'),
      all: input.flag('all'),
      since,
      limit: limitText !== undefined && /^0+$/.test(limitText) ? -1 : positiveInt(limitText, '--limit', 50),
      expand: input.flag('expand'),
      json: input.flag('json'),
    };
  },
  run: runList,
});

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const { statuses, priorities, limit } = opts;
  const since = opts.since ? parseSince(opts.since, now, ctx.timeZone) : undefined;
  const typedAssignee = opts.mine ? ctx.operator : opts.assignee;
  const store = await ctx.store();
  const assignee = typedAssignee === undefined ? undefined : await assigneeAsRecorded(store, typedAssignee);
  const client = opts.client ? await resolveClient(store, opts.client) : undefined;
  const filter = {
    openOnly: !opts.all && !(statuses ?? []).some((s) => !isOpen(s)),
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
      writeNote(ctx.io, `${tr(more === 1 ? 'list.oneMore' : 'list.more', { more, total: shown + more })}\n`);
  };
  const none = async () => {
    const note = await emptyDatabaseNote(ctx, store);
    writeNote(ctx.io, note || `${tr(filter.openOnly ? 'list.none' : 'list.noneAll')}\n`);
  };
  if (opts.json) {
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
    groupByOutage(rows, (t) => t.outageId ?? null, heads, opts.expand),
  );
}

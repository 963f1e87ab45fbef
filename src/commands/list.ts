import type { Context } from '../context.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { isOpen, parseStatusWords } from '../domain/lifecycle.ts';
import { parsePriority } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseDuration, parseWhen } from '../domain/time.ts';
import { STATUSES } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import type { ListedTicket } from '../store/tickets.ts';
import { countTickets, listTickets, streamTickets } from '../store/tickets.ts';
import { type Column, colours, printJsonList, printTable } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { shown } from '../ui/text.ts';
import { priorityColour, statusColour, ticketSummaryJson } from '../ui/ticket.ts';
import { iso, relative } from '../ui/time.ts';
import { bool, type Opts, positiveInt, resolveClient, str } from './common.ts';

const split = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--since 12h` (a duration back from now) or a moment (`2026-11-01`, `yesterday`). */
export function parseSince(text: string, now: Date, timeZone: string): number {
  if (/^\d+[dhm]/i.test(text.trim()) && !/^\d{4}-/.test(text.trim()))
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
  const limit = positiveInt(str(opts, 'limit'), '--limit', 50);
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
  // After a streamed list (piped, or --json), before a table: only then is the count known.
  const more = async (shown: number) => {
    if (shown < limit) return;
    const more = (await countTickets(store, filter)) - shown;
    if (more > 0)
      ctx.io.stderr.write(
        `… and ${more} more ticket${more === 1 ? '' : 's'} (${shown + more} match). --limit ${shown + more} lists them all.\n`,
      );
  };
  const none = () =>
    ctx.io.stderr.write(
      filter.openOnly
        ? 'No tickets match. (hd list shows open tickets; add --all for closed ones.)\n'
        : 'No tickets match, closed and cancelled ones included.\n',
    );
  if (bool(opts, 'json')) {
    await more(
      await printJsonList(ctx.io, streamTickets(store, filter), (t) =>
        ticketSummaryJson(t, t.clientName, nowMs),
      ),
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
    if (v) return `${v.label} ${v.state === 'overdue' ? 'overdue, ' : ''}${when(v.due)}`;
    if (t.status === 'pending')
      return t.pendingUntil ? `paused: pending until ${when(t.pendingUntil)}` : 'paused: pending';
    return t.status === 'closed' || t.status === 'cancelled' ? '' : 'none';
  };
  const when = (ms: number | null) => (ctx.io.isTerminal ? relative(ms, nowMs) : (iso(ms) ?? ''));
  const columns: Column<ListedTicket>[] = [
    { header: 'Ticket', value: (t: ListedTicket) => formatTicketNumber(t.id) },
    { header: 'Pri', value: (t: ListedTicket) => t.priority, colour: (s) => priorityColour(c, s) },
    {
      header: 'Status',
      value: (t: ListedTicket) => statusWords(t.status),
      colour: (_s, t) => statusColour(c, t.status),
    },
    { header: 'Client', value: (t: ListedTicket) => t.clientName, flexible: true },
    { header: 'Summary', value: (t: ListedTicket) => t.summary, flexible: true },
    { header: 'Assignee', value: (t: ListedTicket) => t.assignee ?? 'nobody' },
    {
      header: 'Next deadline',
      value: nextText,
      colour: (s, t) => (next(t)?.state === 'overdue' ? c.red.bold(s) : s),
    },
    {
      header: 'Opened',
      value: (t: ListedTicket) => when(t.openedAt),
    },
  ];
  if (!ctx.io.isTerminal) {
    // Tab-separated lines, one ticket at a time: `hd list --all --limit 1000000 > all.tsv` keeps
    // memory flat.
    const shown = await printTable(ctx.io, columns, streamTickets(store, filter), { headerWhenEmpty: false });
    if (shown === 0) none();
    await more(shown);
    return;
  }
  // A table fitted to the terminal needs every row's width before the first line.
  const rows = await listTickets(store, filter);
  await more(rows.length);
  if (rows.length === 0) {
    none();
    return;
  }
  await printTable(ctx.io, columns, rows);
}

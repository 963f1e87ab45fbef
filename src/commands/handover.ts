// hd handover: what the incoming shift needs to know, as text, JSON or Markdown.
import type { Context } from '../context.ts';
import { deadlineLabel } from '../domain/deadlines.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration, parseDuration } from '../domain/time.ts';
import { PRIORITIES, type TellKind } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { listDispatches } from '../store/field.ts';
import { activeOutages } from '../store/outages.ts';
import {
  countInWindow,
  mostSevereBreaches,
  openCounts,
  pendingTickets,
  ticketsInWindow,
} from '../store/sla.ts';
import { lowStock } from '../store/spares.ts';
import type { ListedTicket } from '../store/tickets.ts';
import { dispatchJson, jobNumber } from '../ui/jobsheet.ts';
import { markdownText } from '../ui/markdown.ts';
import { printJson, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { iso, timeDisplay } from '../ui/time.ts';
import { bool, type Opts, str } from './common.ts';
import { type BreachRow, breachJson, withBreach } from './sla.ts';

const NEAR = 2 * 3_600_000;

/** One call the client waits for: the first call-back, or news (an ETA, extension, restoration) not yet told. */
interface CallOwed {
  t: ListedTicket;
  owed: 'response' | TellKind;
  due: number;
}
const FAR_FUTURE = 8.64e15;

/** Lines per section in the text and Markdown hand-over; --all and --json give everything. */
const SHOWN = 20;

export async function runHandover(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const span = parseDuration(str(opts, 'since') ?? '12h');
  if (bool(opts, 'json') && bool(opts, 'markdown'))
    throw new UsageError('Choose one of --json or --markdown.');
  const everything = bool(opts, 'json') || bool(opts, 'all');
  const cap = everything ? -1 : SHOWN;
  const now = ctx.now().getTime();
  const from = now - span;
  const store = await ctx.store();
  const windows = [
    ['opened', from, now + 1],
    ['resolved', from, now + 1],
    ['closed', from, now + 1],
    ['cancelled', from, now + 1],
    ['response', 0, FAR_FUTURE],
    ['confirm', 0, FAR_FUTURE],
    ['eta', now, now + span],
    ['told', 0, FAR_FUTURE],
  ] as const;
  const [lists, totals, counts, late, soon, jobs, low, pending, outages] = await Promise.all([
    Promise.all(windows.map(([kind, a, b]) => ticketsInWindow(store, kind, a, b, cap))),
    Promise.all(windows.map(([kind, a, b]) => countInWindow(store, kind, a, b))),
    openCounts(store),
    mostSevereBreaches(store, { now, until: now, overdueOnly: true, limit: cap }, {}),
    mostSevereBreaches(store, { now, until: now + NEAR, nearOnly: true, limit: cap }, {}),
    listDispatches(store, { open: true, limit: 500 }),
    lowStock(store),
    pendingTickets(store, cap),
    activeOutages(store),
  ]);
  const [opened, resolved, closed, cancelled, response, confirm, etas, told] = lists as ListedTicket[][];
  const [nOpened, nResolved, nClosed, nCancelled, nResponse, nConfirm, nEtas, nTold] = totals as number[];
  // Waiting for a call: the first call-back (response), and news the client is still owed.
  const callBack: CallOwed[] = [
    ...response!.map((t) => ({ t, owed: 'response' as const, due: t.deadlines.response! })),
    ...told!.map((t) => ({ t, owed: t.tellKind!, due: t.tellDue! })),
  ].sort((a, b) => a.due - b.due || a.t.id - b.t.id);
  const nCallBack = nResponse! + nTold!;
  const overdue = late.rows.map(withBreach(now));
  const near = soon.rows.map(withBreach(now));
  const open = Object.fromEntries(
    PRIORITIES.map((p) => [p, counts.filter((x) => x.priority === p).reduce((a, x) => a + x.n, 0)]),
  );
  const brief = (t: ListedTicket) => ({
    ticket: formatTicketNumber(t.id),
    priority: t.priority,
    status: t.status,
    client: t.clientName,
    summary: t.summary,
    assignee: t.assignee,
  });
  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      from: iso(from),
      to: iso(now),
      // A mass outage first: one fault behind many of the tickets below.
      activeOutages: outages.map((o) => ({
        outage: formatOutageNumber(o.id),
        summary: o.summary,
        zone: o.zone,
        failed: o.elements,
        startedAt: iso(o.startedAt),
        eta: iso(o.eta),
        linkedTickets: o.tickets,
        notYetTold: o.notYetTold,
      })),
      opened: opened!.map(brief),
      resolved: resolved!.map(brief),
      closed: closed!.map(brief),
      cancelled: cancelled!.map(brief),
      openByPriority: open,
      pending: pending.rows.map((t) => ({
        ...brief(t),
        since: iso(t.pendingSince),
        until: iso(t.pendingUntil),
        reason: t.pendingReason,
      })),
      breaches: overdue.map(breachJson),
      nearBreaches: near.map(breachJson),
      waitingForCallBack: callBack.map(({ t, owed, due }) => ({
        ...brief(t),
        owed,
        due: iso(due),
        ...(owed === 'response' ? { responseDue: iso(due) } : { tellSince: iso(t.tellSince) }),
      })),
      waitingForConfirmation: confirm!.map((t) => ({ ...brief(t), confirmDue: iso(t.deadlines.confirm) })),
      etasNextShift: etas!.map((t) => ({ ...brief(t), eta: iso(t.eta) })),
      fieldJobsInProgress: jobs.map(dispatchJson),
      sparesBelowMinimum: low,
    });
    return;
  }
  const md = bool(opts, 'markdown');
  const times = timeDisplay(ctx);
  const h = (title: string) => (md ? `\n## ${title}\n` : `\n${title}\n`);
  // In Markdown every line is escaped whole: hd's own words hold nothing Markdown reads.
  const item = (text: string) => (md ? `- ${markdownText(text)}` : `  ${sanitizeLine(text)}`);
  const t1 = (t: ListedTicket) =>
    `${formatTicketNumber(t.id)} ${t.priority} ${statusWords(t.status)} · ${t.clientName}: ${t.summary}`;
  const b1 = (r: BreachRow) =>
    `${formatTicketNumber(r.ticketId)} ${r.priority}${r.status === 'pending' ? ' (pending)' : ''} ${r.breach.label} ${r.breach.overdue ? `overdue ${formatDuration(r.breach.late)}` : `due in ${formatDuration(-r.breach.late)}`} · ${r.clientName} · ${r.assignee ?? 'unassigned'} → ${r.breach.nextAction}`;
  /** The first lines of a section (most urgent or earliest first), and how many more there are. */
  const section = (title: string, lines: string[], total = lines.length) => {
    const shown = everything ? lines : lines.slice(0, SHOWN);
    return [
      h(`${title} (${total})`),
      ...(shown.length ? shown.map(item) : [item('none')]),
      ...(total > shown.length
        ? [item(`… and ${total - shown.length} more (hd handover --all, or --json)`)]
        : []),
    ];
  };
  const out = [
    `${md ? '# ' : ''}Shift hand-over ${times.at(from)} → ${times.at(now)} (${md ? markdownText(ctx.operator) : ctx.operator})`,
    // A mass outage first, when there is one: one fault behind many of the tickets below.
    ...(outages.length === 0
      ? []
      : section(
          'Active outages',
          outages.map((o) => {
            const linked = Object.entries(o.tickets)
              .map(([status, n]) => `${n} ${statusWords(status)}`)
              .join(', ');
            return `${formatOutageNumber(o.id)} ${o.summary}${o.elements.length ? ` · failed: ${o.elements.join(', ')}` : ''} · ETA ${o.eta === null ? 'not set' : times.at(o.eta)} · linked: ${linked || 'none'}${o.notYetTold ? ` · ${o.notYetTold} not yet told` : ''}`;
          }),
        )),
    h('Open tickets'),
    item(PRIORITIES.map((p) => `${p}: ${open[p]}`).join(', ')),
    ...section('Breaches', overdue.map(b1), late.overdue),
    ...section('Breaching within 2h', near.map(b1), soon.near),
    ...section(
      'Pending (waiting, deadlines still ahead are paused)',
      pending.rows.map(
        (t) =>
          `${formatTicketNumber(t.id)} ${t.priority} · ${t.clientName}: ${t.pendingReason ?? 'no reason given'} — since ${times.at(t.pendingSince)}, ${t.pendingUntil ? `until ${times.at(t.pendingUntil)}` : 'no end date set'}`,
      ),
      pending.total,
    ),
    ...section(
      'Waiting for a call-back',
      callBack.map(({ t, owed, due }) =>
        owed === 'response'
          ? `${t1(t)} (response due ${times.at(due)})`
          : `${t1(t)} (${deadlineLabel('told', owed)}, due ${times.at(due)})`,
      ),
      nCallBack,
    ),
    ...section(
      'Waiting for the client to confirm',
      confirm!.map((t) => `${t1(t)} (resolved ${times.at(t.resolvedAt)})`),
      nConfirm,
    ),
    ...section(
      'ETAs due in the next shift',
      etas!.map((t) => `${times.at(t.eta)} ${t1(t)}`),
      nEtas,
    ),
    ...section(
      'Field jobs in progress',
      jobs.map(
        (j) =>
          `${jobNumber(j.id)} ${formatTicketNumber(j.ticketId)} ${j.engineerName} ${j.status}, on site by ${times.at(j.onsiteDue)}`,
      ),
    ),
    ...section(
      'Spares below minimum',
      low.map((s) => `${s.sku} at ${s.depot}: ${s.available} available, minimum ${s.minimum}`),
    ),
    ...section('Opened this shift', opened!.map(t1), nOpened),
    ...section('Resolved this shift', resolved!.map(t1), nResolved),
    ...section('Closed this shift', closed!.map(t1), nClosed),
    ...section('Cancelled this shift', cancelled!.map(t1), nCancelled),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

// hd handover: what the incoming shift needs to know, as text, JSON or Markdown.

import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { deadlineLabel } from '../domain/deadlines.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseDuration } from '../domain/time.ts';
import { PRIORITIES, type TellKind } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { language, t as tr } from '../i18n.ts';
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
import { statusCount, statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatSpan, iso, timeDisplay } from '../ui/time.ts';
import { jobStatusWords } from '../ui/words.ts';
import { type BreachRow, breachJson, withBreach } from './sla.ts';
import { unit } from './unit.ts';

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

export interface HandoverOptions {
  /** The shift that ends now, in ms (--since 12h). */
  sinceMs: number;
  format: 'text' | 'json' | 'markdown';
  all: boolean;
}

export const handover = unit<HandoverOptions>({
  declare: (parent) =>
    parent
      .command('handover')
      .description(tr('handover.describe'))
      .option('--since <duration>', tr('handover.opt.since'))
      .option('--json', tr('handover.opt.json'))
      .option('--markdown', tr('handover.opt.markdown'))
      .option('--all', tr('handover.opt.all'))
      .addHelpText('after', examples('hd handover', 'hd handover --since 8h --markdown | xclip')),
  options: (input) => {
    if (input.flag('json') && input.flag('markdown')) throw new UsageError(tr('handover.err.both'));
    return {
      sinceMs: parseDuration(input.text('since') ?? '12h'),
      format: input.flag('json') ? 'json' : input.flag('markdown') ? 'markdown' : 'text',
      all: input.flag('all'),
    };
  },
  run: runHandover,
});

export async function runHandover(opts: HandoverOptions, ctx: Context): Promise<void> {
  const span = opts.sinceMs;
  const everything = opts.format === 'json' || opts.all;
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
  if (opts.format === 'json') {
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
  const md = opts.format === 'markdown';
  const times = timeDisplay(ctx);
  const words = language();
  const h = (title: string) => (md ? `\n## ${title}\n` : `\n${title}\n`);
  // In Markdown every line is escaped whole: hd's own words hold nothing Markdown reads.
  const item = (text: string) => (md ? `- ${markdownText(text)}` : `  ${sanitizeLine(text)}`);
  const t1 = (t: ListedTicket) =>
    `${formatTicketNumber(t.id)} ${t.priority} ${statusWords(t.status)} · ${t.clientName}: ${t.summary}`;
  const b1 = (r: BreachRow) =>
    `${formatTicketNumber(r.ticketId)} ${r.priority}${r.status === 'pending' ? tr('handover.breach.pending') : ''} ${
      r.breach.overdue
        ? tr('handover.breach.overdue', { label: r.breach.label, span: formatSpan(r.breach.late, words) })
        : tr('handover.breach.dueIn', { label: r.breach.label, span: formatSpan(-r.breach.late, words) })
    } · ${r.clientName} · ${r.assignee ?? tr('handover.unassigned')} → ${r.breach.nextAction}`;
  /** The first lines of a section (most urgent or earliest first), and how many more there are. */
  const section = (title: string, lines: string[], total = lines.length) => {
    const shown = everything ? lines : lines.slice(0, SHOWN);
    return [
      h(`${title} (${total})`),
      ...(shown.length ? shown.map(item) : [item(tr('handover.none'))]),
      ...(total > shown.length ? [item(tr('handover.more', { n: total - shown.length }))] : []),
    ];
  };
  const until = (at: number | null) =>
    at ? tr('show.pending.until', { at: times.at(at) }) : tr('show.pending.noEnd');
  const out = [
    `${md ? '# ' : ''}${tr('handover.title', { from: times.at(from), to: times.at(now), who: md ? markdownText(ctx.operator) : ctx.operator })}`,
    // A mass outage first, when there is one: one fault behind many of the tickets below.
    ...(outages.length === 0
      ? []
      : section(
          tr('handover.outages'),
          outages.map((o) => {
            const linked = Object.entries(o.tickets)
              .map(([status, n]) => statusCount(n ?? 0, status))
              .join(', ');
            return (
              `${formatOutageNumber(o.id)} ${o.summary}` +
              (o.elements.length ? tr('handover.outage.failed', { list: o.elements.join(', ') }) : '') +
              tr('handover.outage.eta', {
                at: o.eta === null ? tr('handover.outage.noEta') : times.at(o.eta),
              }) +
              tr('handover.outage.linked', { list: linked || tr('handover.none') }) +
              (o.notYetTold ? tr('handover.outage.notTold', { n: o.notYetTold }) : '')
            );
          }),
        )),
    h(tr('handover.open')),
    item(PRIORITIES.map((p) => `${p}: ${open[p]}`).join(', ')),
    ...section(tr('handover.breaches'), overdue.map(b1), late.overdue),
    ...section(tr('handover.near'), near.map(b1), soon.near),
    ...section(
      tr('handover.pending'),
      pending.rows.map(
        (t) =>
          `${formatTicketNumber(t.id)} ${t.priority} · ${t.clientName}: ${t.pendingReason ?? tr('handover.pending.noReason')}` +
          tr('handover.pending.since', { at: times.at(t.pendingSince), end: until(t.pendingUntil) }),
      ),
      pending.total,
    ),
    ...section(
      tr('handover.callBack'),
      callBack.map(({ t, owed, due }) =>
        owed === 'response'
          ? `${t1(t)}${tr('handover.callBack.response', { at: times.at(due) })}`
          : `${t1(t)}${tr('handover.callBack.told', { label: deadlineLabel('told', owed), at: times.at(due) })}`,
      ),
      nCallBack,
    ),
    ...section(
      tr('handover.confirm'),
      confirm!.map((t) => `${t1(t)}${tr('handover.confirm.resolved', { at: times.at(t.resolvedAt) })}`),
      nConfirm,
    ),
    ...section(
      tr('handover.etas'),
      etas!.map((t) => `${times.at(t.eta)} ${t1(t)}`),
      nEtas,
    ),
    ...section(
      tr('handover.jobs'),
      jobs.map((j) =>
        tr('handover.job', {
          job: jobNumber(j.id),
          ticket: formatTicketNumber(j.ticketId),
          engineer: j.engineerName,
          status: jobStatusWords(j.status),
          at: times.at(j.onsiteDue),
        }),
      ),
    ),
    ...section(
      tr('handover.spares'),
      low.map((s) =>
        tr('handover.spare', { sku: s.sku, depot: s.depot, available: s.available, minimum: s.minimum }),
      ),
    ),
    ...section(tr('handover.opened'), opened!.map(t1), nOpened),
    ...section(tr('handover.resolved'), resolved!.map(t1), nResolved),
    ...section(tr('handover.closed'), closed!.map(t1), nClosed),
    ...section(tr('handover.cancelled'), cancelled!.map(t1), nCancelled),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

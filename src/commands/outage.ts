// hd outage open | list | show | attach | detach: the outage record and its links to tickets.
// The cascades (eta, extend, notify, log, pending, resume, resolve) live beside it.
import { type CascadeResult, cascadeInTx } from '../app/outage-cascade.ts';
import { type OutageOpened, openOutage } from '../app/outage-open.ts';
import type { Context } from '../context.ts';
import { breachedViews } from '../domain/deadlines.ts';
import { foldKey } from '../domain/fold.ts';
import { statusWords } from '../domain/lifecycle.ts';
import {
  checkOutageTimes,
  formatOutageNumber,
  type Outage,
  parseElements,
  parseOutageNumber,
} from '../domain/outage.ts';
import { formatTicketNumber, parseTicketNumber } from '../domain/ticket-number.ts';
import { parseWhen } from '../domain/time.ts';
import { RefusedError, UsageError } from '../errors.ts';
import {
  appendOutageEvents,
  getOutage,
  type LinkedTicket,
  linkedTicketsOf,
  listOutages,
  type OutageListRow,
  outageElementsOf,
  outageEventsOf,
  outageForChange,
  outageServicesOf,
  setTicketsOutage,
  ticketsForLink,
} from '../store/outages.ts';
import { appendEvents, type NewEvent } from '../store/tickets.ts';
import { colours, printJson, printTable, writeText } from '../ui/output.ts';
import { type ColumnLayout, renderTable } from '../ui/table.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, requireText, str } from './common.ts';
import { checkZone } from './log.ts';
import { outageEtaStep } from './outage-cascade.ts';

// ---- open --------------------------------------------------------------------------------------

export async function runOutageOpen(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const now = ctx.now();
  const missing: string[] = [];
  if (str(opts, 'summary') === undefined) missing.push('--summary');
  if (str(opts, 'elements') === undefined && str(opts, 'services') === undefined)
    missing.push('--elements (what failed) or --services (the affected services)');
  if (missing.length) throw new UsageError(`Missing ${missing.join(', ')}.`);
  const summary = requireText(str(opts, 'summary'), 'The outage summary', '--summary', 200);
  const elements =
    str(opts, 'elements') === undefined ? [] : parseElements([str(opts, 'elements')!], '--elements');
  const services =
    str(opts, 'services') === undefined
      ? []
      : [
          ...new Map(
            str(opts, 'services')!
              .split(/[\s,;]+/)
              .filter(Boolean)
              .map((serviceId) => [foldKey(serviceId), { serviceId, key: foldKey(serviceId) }] as const),
          ).values(),
        ];
  if (elements.length === 0 && services.length === 0)
    throw new UsageError(
      '--elements and --services are empty: name what failed, e.g. --elements NODE-MSQ-17.',
    );
  const startedAt = str(opts, 'started')
    ? parseWhen(str(opts, 'started')!, now, ctx.timeZone).getTime()
    : now.getTime();
  const eta = str(opts, 'eta') ? parseWhen(str(opts, 'eta')!, now, ctx.timeZone, 'moment').getTime() : null;
  checkOutageTimes(startedAt, eta, now.getTime(), (ms) => formatTime(ms, ctx.timeZone));
  const store = await ctx.store();
  const zone = str(opts, 'zone') ? await checkZone(store, str(opts, 'zone')!, '--zone') : null;
  const opened = await openOutage(
    ctx,
    store,
    {
      summary,
      zone,
      elements,
      services,
      startedAt,
      eta,
      proactive: bool(opts, 'proactive'),
    },
    eta === null ? undefined : outageEtaStep(ctx, eta, undefined),
  );
  if (bool(opts, 'json')) {
    printJson(ctx.io, openedJson(opened));
    return;
  }
  ctx.io.stdout.write(openedText(ctx, opened));
}

/** The ETA given to tickets linked by open or attach: who got it, who is still to be phoned. */
function etaGivenJson(r: CascadeResult | null) {
  if (!r) return null;
  return {
    tickets: r.tickets.map((t) => formatTicketNumber(t.ticket.id)),
    emailsQueued: r.queued.length,
    toCall: r.callList.map((c) => formatTicketNumber(c.ticketId)),
    skipped: r.skipped.map((k) => ({ ticket: formatTicketNumber(k.ticketId), reason: k.reason })),
  };
}

function etaGivenText(r: CascadeResult | null, eta: string): string[] {
  if (!r || r.tickets.length + r.skipped.length === 0) return [];
  return [
    `ETA ${eta} given to ${r.tickets.length} linked ticket(s)${r.tickets.length ? ` (${r.tickets.map((t) => formatTicketNumber(t.ticket.id)).join(', ')})` : ''}; ${r.queued.length} e-mail(s) queued${r.callList.length ? `, to phone: ${r.callList.map((c) => formatTicketNumber(c.ticketId)).join(', ')}` : ''}.`,
    ...r.skipped.map((k) => `  skipped ${formatTicketNumber(k.ticketId)}: ${sanitizeLine(k.reason)}`),
  ];
}

function openedJson(o: OutageOpened) {
  const lines = o.services;
  return {
    ...outageJson(o.outage, o.elements),
    etaGiven: etaGivenJson(o.etaGiven),
    affected: {
      services: lines.length,
      clients: new Set(lines.map((l) => l.clientId)).size,
      withOpenTickets: lines.filter((l) => l.link === 'attached' || l.link === 'other').length,
      attached: lines.filter((l) => l.link === 'attached').length,
      opened: lines.filter((l) => l.link === 'opened').length,
      emailsQueued: o.queued.length,
      toCall: lines.filter(
        (l) => l.link === 'opened' && l.notice && (l.notice.prefers !== 'email' || l.notice.emailTo === null),
      ).length,
    },
    services: lines.map((l) => ({
      serviceId: l.serviceId,
      client: l.clientName,
      contractNo: l.contractNo,
      profile: l.profile,
      language: l.language,
      ticket: l.ticketId === null ? null : formatTicketNumber(l.ticketId),
      link: l.link,
      ...(l.link === 'opened'
        ? { priority: l.priority, notice: l.notice }
        : l.link === 'other'
          ? { linkedTo: formatOutageNumber(l.openTicketOutageId!) }
          : {}),
    })),
  };
}

function openedText(ctx: Context, o: OutageOpened): string {
  const c = colours(ctx.io);
  const lines = o.services;
  const t = o.outage;
  const clients = new Set(lines.map((l) => l.clientId)).size;
  const withOpen = lines.filter((l) => l.link === 'attached' || l.link === 'other');
  const opened = lines.filter((l) => l.link === 'opened');
  const toCall = opened.filter(
    (l) => l.notice && (l.notice.prefers !== 'email' || l.notice.emailTo === null),
  );
  const out = [
    `${c.bold.red(formatOutageNumber(t.id))} opened: ${sanitizeLine(t.summary)}${t.zone ? ` (zone ${t.zone})` : ''}.`,
    `Failed: ${o.elements.map(sanitizeLine).join(', ') || 'the services listed'}; started ${formatTime(t.startedAt, ctx.timeZone)}; ETA ${t.eta === null ? 'not set yet (hd outage eta)' : formatTime(t.eta, ctx.timeZone)}.`,
    `Affected: ${lines.length} service(s) of ${clients} client(s); ${withOpen.length} already had an open ticket.`,
    '',
    ...lines.map((l) => {
      const ticket = l.ticketId === null ? '—' : formatTicketNumber(l.ticketId);
      const what = {
        attached: 'open ticket, linked',
        opened: `opened ${l.priority}, ${l.notice?.emailTo ? `e-mail queued to ${l.notice.emailTo}` : ''}${l.notice && l.notice.prefers !== 'email' ? `${l.notice.emailTo ? '; ' : ''}to call ${l.notice.contact} ${l.notice.phone ?? ''}`.trimEnd() : ''}`,
        other: `open ticket, linked to ${l.openTicketOutageId ? formatOutageNumber(l.openTicketOutageId) : 'another outage'}`,
        none: 'no ticket yet',
      }[l.link];
      return `  ${sanitizeLine(l.serviceId).padEnd(16)} ${sanitizeLine(l.clientName).padEnd(30)} ${l.profile.padEnd(14)} ${ticket.padEnd(10)} ${sanitizeLine(what)}`;
    }),
    '',
  ];
  out.push(...etaGivenText(o.etaGiven, formatTime(t.eta, ctx.timeZone)));
  if (opened.length)
    out.push(
      `Proactive: ${opened.length} ticket(s) opened, ${o.queued.length} e-mail(s) queued (hd outbox send), ${toCall.length} client(s) to call (hd outage show ${formatOutageNumber(t.id)}).`,
    );
  else if (lines.some((l) => l.link === 'none'))
    out.push(
      `${lines.filter((l) => l.link === 'none').length} service(s) have no ticket: calls are linked as they come (hd open), or open them now with --proactive.`,
    );
  return `${out.join('\n')}\n`;
}

// ---- list --------------------------------------------------------------------------------------

function outageJson(o: Outage, elements: string[]) {
  return {
    number: formatOutageNumber(o.id),
    id: o.id,
    status: o.status,
    summary: o.summary,
    zone: o.zone,
    elements,
    startedAt: iso(o.startedAt),
    eta: iso(o.eta),
    openedAt: iso(o.openedAt),
    openedBy: o.openedBy,
    resolvedAt: iso(o.resolvedAt),
    resolution: o.resolution,
  };
}

const splitList = (text: string) => (text ? text.split(', ') : []);

export async function runOutageList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = await listOutages(store, bool(opts, 'all'));
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      rows.map((r) => ({
        ...outageJson(r, splitList(r.elements)),
        services: r.services,
        linkedTickets: r.linked,
        linkedOpen: r.linkedOpen,
      })),
    );
    return;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write(
      bool(opts, 'all')
        ? 'No outages recorded.\n'
        : 'No active outages (hd outage list --all shows the others).\n',
    );
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Outage', value: (r: OutageListRow) => formatOutageNumber(r.id), trusted: true },
      { header: 'Status', value: (r: OutageListRow) => r.status, trusted: true },
      // Fitted to the terminal: the summary shortened, what failed under the row when there is no
      // room (never cut), the ETA never cut.
      { header: 'Summary', value: (r: OutageListRow) => r.summary, flexible: true, min: 16 },
      { header: 'Failed', value: (r: OutageListRow) => r.elements, wrap: true },
      { header: 'Services', value: (r: OutageListRow) => String(r.services), trusted: true, drop: 1 },
      { header: 'Tickets', value: (r: OutageListRow) => `${r.linkedOpen} open / ${r.linked}`, trusted: true },
      { header: 'ETA', value: (r: OutageListRow) => formatTime(r.eta, ctx.timeZone), trusted: true },
    ],
    rows,
  );
}

// ---- show --------------------------------------------------------------------------------------

export async function runOutageShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = parseOutageNumber(args[0] ?? '');
  const store = await ctx.store();
  const outage = await getOutage(store, id);
  const [elements, services, tickets, events] = await Promise.all([
    outageElementsOf(store, id),
    outageServicesOf(store, id),
    linkedTicketsOf(store, id),
    outageEventsOf(store, id),
  ]);
  const now = ctx.now().getTime();
  const finished = (t: LinkedTicket) => t.status === 'closed' || t.status === 'cancelled';
  const breaches = tickets
    .filter((t) => !finished(t))
    .map((t) => ({ t, views: breachedViews(t, now) }))
    .filter((b) => b.views.length > 0);
  const notTold = tickets.filter((t) => !finished(t) && t.tellKind !== null);
  const byStatus: Record<string, number> = {};
  for (const t of tickets) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  const linkedByService = new Map<number, LinkedTicket[]>();
  for (const t of tickets) linkedByService.set(t.serviceId, [...(linkedByService.get(t.serviceId) ?? []), t]);
  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      ...outageJson(outage, elements),
      services: services.map((s) => ({
        serviceId: s.serviceId,
        client: s.clientName,
        contractNo: s.contractNo,
        profile: s.profile,
        tickets: (linkedByService.get(s.id) ?? []).map((t) => formatTicketNumber(t.id)),
      })),
      tickets: tickets.map((t) => ({
        number: formatTicketNumber(t.id),
        status: t.status,
        priority: t.priority,
        client: t.clientName,
        service: t.service,
        eta: iso(t.eta),
        notYetTold: t.tellKind === null ? null : { kind: t.tellKind, due: iso(t.tellDue) },
      })),
      ticketsByStatus: byStatus,
      breaches: breaches.map((b) => ({
        ticket: formatTicketNumber(b.t.id),
        client: b.t.clientName,
        deadlines: b.views.map((v) => ({ kind: v.kind, due: iso(v.due), state: v.state })),
      })),
      notYetTold: notTold.map((t) => ({
        ticket: formatTicketNumber(t.id),
        client: t.clientName,
        contact: t.contactName,
        phone: t.contactPhone,
        prefers: t.contactPrefers,
        kind: t.tellKind,
        due: iso(t.tellDue),
      })),
      timeline: events.map((e) => ({
        at: iso(e.at),
        actor: e.actor,
        kind: e.kind,
        text: e.text,
        payload: JSON.parse(e.payload),
      })),
    });
    return;
  }
  const c = colours(ctx.io);
  const time = (ms: number | null) => formatTime(ms, ctx.timeZone);
  // Rows of a section in aligned columns (two spaces apart), fitted to the terminal, no header.
  const block = (columns: ColumnLayout[], cells: string[][]) =>
    cells.length === 0
      ? []
      : renderTable(columns, cells, ctx.io.isTerminal ? ctx.io.columns - 2 : 100_000)
          .lines.slice(1)
          .map((l) => `  ${l}`);
  const out = [
    `${c.bold(formatOutageNumber(outage.id))}  ${outage.status}  ${sanitizeLine(outage.summary)}`,
    `  Zone ${outage.zone ?? '—'}; failed ${elements.map(sanitizeLine).join(', ') || '—'}`,
    `  Started ${time(outage.startedAt)}; ETA ${outage.eta === null ? 'not set' : time(outage.eta)}; opened by ${sanitizeLine(outage.openedBy)} ${time(outage.openedAt)}`,
    ...(outage.resolvedAt !== null
      ? [`  Resolved ${time(outage.resolvedAt)}: ${sanitizeLine(outage.resolution ?? '')}`]
      : []),
    '',
    c.bold(`Affected services (${services.length})`),
    ...block(
      [
        { header: 'Service' },
        { header: 'Client', flexible: true, min: 10 },
        { header: 'Profile' },
        { header: 'Tickets', wrap: true },
      ],
      services.map((s) => [
        sanitizeLine(s.serviceId),
        sanitizeLine(s.clientName),
        s.profile,
        (linkedByService.get(s.id) ?? []).map((t) => formatTicketNumber(t.id)).join(', ') || 'no ticket',
      ]),
    ),
    '',
    c.bold(
      `Linked tickets (${tickets.length}${
        tickets.length
          ? `: ${Object.entries(byStatus)
              .map(([s, n]) => `${n} ${statusWords(s)}`)
              .join(', ')}`
          : ''
      })`,
    ),
    ...block(
      [
        { header: 'Ticket' },
        { header: 'Pri' },
        { header: 'Status' },
        { header: 'Client', flexible: true, min: 10 },
        { header: 'Service' },
      ],
      tickets.map((t) => [
        formatTicketNumber(t.id),
        t.priority,
        statusWords(t.status),
        sanitizeLine(t.clientName),
        sanitizeLine(t.service),
      ]),
    ),
    '',
    c.bold(`Breaches (${breaches.length})`),
    ...(breaches.length
      ? breaches.map(
          (b) =>
            `  ${formatTicketNumber(b.t.id)}  ${sanitizeLine(b.t.clientName)}: ${b.views.map((v) => `${v.label} ${v.state} (due ${time(v.due)})`).join('; ')}`,
        )
      : [c.dim('  none')]),
    '',
    c.bold(`Not yet told (${notTold.length})`),
    ...(notTold.length
      ? notTold.map(
          (t) =>
            `  ${formatTicketNumber(t.id)}  ${sanitizeLine(t.clientName)}: ${t.tellKind} due ${time(t.tellDue)}; ${sanitizeLine(t.contactName)} ${t.contactPhone ?? ''} (prefers ${t.contactPrefers})`,
        )
      : [c.dim('  everyone has been told')]),
    '',
    c.bold('Timeline'),
    ...events.map((e) => `  ${time(e.at)}  ${sanitizeLine(e.actor)}  ${e.kind}: ${sanitizeLine(e.text)}`),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

// ---- attach / detach ---------------------------------------------------------------------------

function ticketIds(args: string[]): number[] {
  if (args.length === 0)
    throw new UsageError('Missing the tickets: hd outage attach OUT-000001 HD-000123 [HD-…].');
  return [
    ...new Set(args.flatMap((a) => a.split(/[\s,]+/).filter(Boolean)).map((a) => parseTicketNumber(a))),
  ];
}

export async function runOutageAttach(args: string[], opts: Opts, ctx: Context): Promise<void> {
  await changeLinks(ctx, opts, parseOutageNumber(args[0] ?? ''), ticketIds(args.slice(1)), 'attach');
}

export async function runOutageDetach(args: string[], opts: Opts, ctx: Context): Promise<void> {
  await changeLinks(ctx, opts, parseOutageNumber(args[0] ?? ''), ticketIds(args.slice(1)), 'detach');
}

/**
 * Links tickets to an outage or unlinks them, in one transaction, with an event on each ticket
 * and one on the outage. Every refusal is checked before anything is written: nothing changes
 * unless every ticket can be (un)linked.
 */
async function changeLinks(
  ctx: Context,
  opts: Opts,
  outageId: number,
  ids: number[],
  action: 'attach' | 'detach',
): Promise<void> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const reason =
    str(opts, 'reason') === undefined
      ? null
      : requireText(str(opts, 'reason'), 'The reason', '--reason', 500);
  const number = formatOutageNumber(outageId);
  const outage = await store.tx(async (q) => {
    const outage = await outageForChange(q, outageId);
    const tickets = await ticketsForLink(q, ids);
    const problems: string[] = [];
    for (const id of ids) {
      const t = tickets.find((x) => x.id === id);
      const n = formatTicketNumber(id);
      if (!t) problems.push(`there is no ticket ${n}`);
      else if (action === 'attach') {
        if (t.status === 'closed' || t.status === 'cancelled')
          problems.push(`${n} is ${t.status}: only a ticket still open can follow an outage`);
        else if (t.outageId === outageId) problems.push(`${n} is already linked to ${number}`);
        else if (t.outageId !== null)
          problems.push(
            `${n} is linked to ${formatOutageNumber(t.outageId)}: detach it there first (hd outage detach ${formatOutageNumber(t.outageId)} ${n})`,
          );
      } else if (t.outageId !== outageId)
        problems.push(
          `${n} is not linked to ${number}${t.outageId === null ? '' : ` (it is linked to ${formatOutageNumber(t.outageId)})`}`,
        );
    }
    if (action === 'attach' && outage.status !== 'active')
      problems.unshift(`${number} is ${outage.status}: tickets are attached to an active outage only`);
    if (problems.length) throw new RefusedError(`Nothing changed: ${problems.join('; ')}.`);
    await setTicketsOutage(q, ids, action === 'attach' ? outageId : null, now);
    const verb = action === 'attach' ? 'Linked to' : 'Unlinked from';
    const events: NewEvent[] = ids.map((id) => ({
      ticketId: id,
      at: now,
      actor: ctx.operator,
      kind: 'outage',
      text: `${verb} outage ${number}: ${outage.summary}${reason ? ` (${reason})` : ''}`,
      payload: { outage: number, action: action === 'attach' ? 'attached' : 'detached', via: 'hand', reason },
    }));
    await appendEvents(q, events);
    await appendOutageEvents(q, [
      {
        outageId,
        at: now,
        actor: ctx.operator,
        kind: action === 'attach' ? 'attached' : 'detached',
        text: `${action === 'attach' ? 'Linked' : 'Unlinked'}: ${ids.map(formatTicketNumber).join(', ')}${reason ? ` (${reason})` : ''}`,
        payload: { tickets: ids.map(formatTicketNumber), via: 'hand', reason },
      },
    ]);
    // A ticket attached to an outage with an ETA gets it as hd outage eta gives it.
    const etaGiven =
      action === 'attach' && outage.eta !== null
        ? await cascadeInTx(ctx, q, outageId, outageEtaStep(ctx, outage.eta, undefined), now, new Set(ids))
        : null;
    return { ...outage, etaGiven };
  });
  const tickets = ids.map(formatTicketNumber);
  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      outage: number,
      action,
      tickets,
      status: outage.status,
      ...(action === 'attach' ? { etaGiven: etaGivenJson(outage.etaGiven) } : {}),
    });
    return;
  }
  ctx.io.stdout.write(
    `${[
      `${tickets.join(', ')} ${action === 'attach' ? 'linked to' : 'unlinked from'} ${number} (${sanitizeLine(outage.summary)}).`,
      ...etaGivenText(outage.etaGiven, formatTime(outage.eta, ctx.timeZone)),
    ].join('\n')}\n`,
  );
}

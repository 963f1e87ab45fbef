// hd outage show: one outage — what failed, affected services, linked tickets, breaches, who is
// not yet told, the timeline.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { breachedViews } from '../../domain/deadlines.ts';
import { formatOutageNumber, parseOutageNumber } from '../../domain/outage.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import type { PreferredChannel } from '../../domain/types.ts';
import { type MessageKey, t } from '../../i18n.ts';
import {
  getOutage,
  type LinkedTicket,
  linkedTicketsOf,
  outageElementsOf,
  outageEventsOf,
  outageServicesOf,
} from '../../store/outages.ts';
import { colours, printJson, writeText } from '../../ui/output.ts';
import { statusCount, statusWords } from '../../ui/status.ts';
import { type ColumnLayout, renderTable } from '../../ui/table.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { iso } from '../../ui/time.ts';
import { channelWords } from '../client/shared.ts';
import { unit } from '../unit.ts';
import { outageEventText } from './event-text.ts';
import { at, outageJson, outageStatus } from './shared.ts';

export interface OutageShowOptions {
  outage: number;
  json: boolean;
}

export const outageShow = unit<OutageShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('outage.show.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd outage show OUT-000001', 'hd outage show 1 --json')),
  options: (input) => ({ outage: parseOutageNumber(input.arg(0) ?? ''), json: input.flag('json') }),
  run: runOutageShow,
});

export async function runOutageShow(opts: OutageShowOptions, ctx: Context): Promise<void> {
  const id = opts.outage;
  const store = await ctx.store();
  const outage = await getOutage(store, id);
  const [elements, services, tickets, events] = await Promise.all([
    outageElementsOf(store, id),
    outageServicesOf(store, id),
    linkedTicketsOf(store, id),
    outageEventsOf(store, id),
  ]);
  const now = ctx.now().getTime();
  const finished = (x: LinkedTicket) => x.status === 'closed' || x.status === 'cancelled';
  const breaches = tickets
    .filter((x) => !finished(x))
    .map((x) => ({ t: x, views: breachedViews(x, now) }))
    .filter((b) => b.views.length > 0);
  const notTold = tickets.filter((x) => !finished(x) && x.tellKind !== null);
  const byStatus: Record<string, number> = {};
  for (const x of tickets) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
  const linkedByService = new Map<number, LinkedTicket[]>();
  for (const x of tickets) linkedByService.set(x.serviceId, [...(linkedByService.get(x.serviceId) ?? []), x]);
  if (opts.json) {
    printJson(ctx.io, {
      ...outageJson(outage, elements),
      services: services.map((s) => ({
        serviceId: s.serviceId,
        client: s.clientName,
        contractNo: s.contractNo,
        profile: s.profile,
        tickets: (linkedByService.get(s.id) ?? []).map((x) => formatTicketNumber(x.id)),
      })),
      tickets: tickets.map((x) => ({
        number: formatTicketNumber(x.id),
        status: x.status,
        priority: x.priority,
        client: x.clientName,
        service: x.service,
        eta: iso(x.eta),
        notYetTold: x.tellKind === null ? null : { kind: x.tellKind, due: iso(x.tellDue) },
      })),
      ticketsByStatus: byStatus,
      breaches: breaches.map((b) => ({
        ticket: formatTicketNumber(b.t.id),
        client: b.t.clientName,
        deadlines: b.views.map((v) => ({ kind: v.kind, due: iso(v.due), state: v.state })),
      })),
      notYetTold: notTold.map((x) => ({
        ticket: formatTicketNumber(x.id),
        client: x.clientName,
        contact: x.contactName,
        phone: x.contactPhone,
        prefers: channelWords(x.contactPrefers as PreferredChannel),
        kind: x.tellKind,
        due: iso(x.tellDue),
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
  const time = at(ctx);
  // Rows of a section in aligned columns (two spaces apart), fitted to the terminal, no header.
  const block = (columns: ColumnLayout[], cells: string[][]) =>
    cells.length === 0
      ? []
      : renderTable(columns, cells, ctx.io.isTerminal ? ctx.io.columns - 2 : 100_000)
          .lines.slice(1)
          .map((l) => `  ${l}`);
  const statuses = Object.entries(byStatus)
    .map(([s, n]) => statusCount(n, s))
    .join(', ');
  const out = [
    `${c.bold(formatOutageNumber(outage.id))}  ${outageStatus(outage.status)}  ${sanitizeLine(outage.summary)}`,
    `  ${t('outage.show.zone', { zone: outage.zone ?? '—', failed: elements.map(sanitizeLine).join(', ') || '—' })}`,
    `  ${t('outage.show.started', {
      started: time(outage.startedAt),
      eta: outage.eta === null ? t('outage.show.notSet') : time(outage.eta),
      by: sanitizeLine(outage.openedBy),
      opened: time(outage.openedAt),
    })}`,
    ...(outage.resolvedAt !== null
      ? [
          `  ${t('outage.show.resolved', { at: time(outage.resolvedAt), resolution: sanitizeLine(outage.resolution ?? '') })}`,
        ]
      : []),
    '',
    c.bold(t('outage.show.services', { count: services.length })),
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
        (linkedByService.get(s.id) ?? []).map((x) => formatTicketNumber(x.id)).join(', ') ||
          t('outage.show.noTicket'),
      ]),
    ),
    '',
    c.bold(
      tickets.length
        ? t('outage.show.tickets', { count: tickets.length, statuses })
        : t('outage.show.noTickets', { count: 0 }),
    ),
    ...block(
      [
        { header: 'Ticket' },
        { header: 'Pri' },
        { header: 'Status' },
        { header: 'Client', flexible: true, min: 10 },
        { header: 'Service' },
      ],
      tickets.map((x) => [
        formatTicketNumber(x.id),
        x.priority,
        statusWords(x.status),
        sanitizeLine(x.clientName),
        sanitizeLine(x.service),
      ]),
    ),
    '',
    c.bold(t('outage.show.breaches', { count: breaches.length })),
    ...(breaches.length
      ? breaches.map(
          (b) =>
            `  ${formatTicketNumber(b.t.id)}  ${sanitizeLine(b.t.clientName)}: ${b.views
              .map((v) =>
                t('outage.show.breach', {
                  label: v.label,
                  state: t(v.state === 'overdue' ? 'outage.state.overdue' : 'outage.state.due'),
                  due: time(v.due),
                }),
              )
              .join('; ')}`,
        )
      : [c.dim(`  ${t('outage.show.none')}`)]),
    '',
    c.bold(t('outage.show.notTold', { count: notTold.length })),
    ...(notTold.length
      ? notTold.map(
          (x) =>
            `  ${formatTicketNumber(x.id)}  ${sanitizeLine(x.clientName)}: ${t('outage.show.tell', {
              kind: x.tellKind ? t(`tell.${x.tellKind}` as MessageKey) : '',
              due: time(x.tellDue),
              contact: sanitizeLine(x.contactName),
              phone: x.contactPhone ?? '',
              prefers: channelWords(x.contactPrefers as PreferredChannel),
            })}`,
        )
      : [c.dim(`  ${t('outage.show.allTold')}`)]),
    '',
    c.bold(t('outage.show.timeline')),
    ...events.map(
      (e) =>
        `  ${time(e.at)}  ${sanitizeLine(e.actor)}  ${kindWords(e.kind)}: ${sanitizeLine(outageEventText(e, time))}`,
    ),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

/** The kinds of an outage's timeline, in words; one hd does not know reads as stored. */
const KINDS = [
  'opened',
  'proactive',
  'attached',
  'detached',
  'eta',
  'extended',
  'notified',
  'test',
  'action',
  'note',
  'pending',
  'resumed',
  'resolved',
];

const kindWords = (kind: string) => (KINDS.includes(kind) ? t(`outage.kind.${kind}` as MessageKey) : kind);

// hd outage open: record an outage — what failed, the services and clients it hits — and link
// their open tickets (with --proactive, open one for every affected service without one).

import { type OutageOpened, openOutage } from '../../app/outage-open.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { foldKey } from '../../domain/fold.ts';
import { checkOutageTimes, formatOutageNumber, parseElements } from '../../domain/outage.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { parseWhen } from '../../domain/time.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { colours, printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { requireText } from '../common.ts';
import { checkZone } from '../log.ts';
import { unit } from '../unit.ts';
import { at, etaGivenJson, etaGivenText, outageEtaStep, outageJson } from './shared.ts';

export interface OutageOpenOptions {
  summary: string;
  zone?: string;
  /** The failed elements as typed (split and checked in run). */
  elements?: string;
  /** The affected service IDs as typed. */
  services?: string;
  /** When the fault began, as typed (read against the clock in run); now when not given. */
  started?: string;
  eta?: string;
  proactive: boolean;
  json: boolean;
}

export const outageOpen = unit<OutageOpenOptions>({
  declare: (parent) =>
    parent
      .command('open')
      .description(t('outage.open.describe'))
      .option('--summary <text>', t('outage.open.opt.summary'))
      .option('--zone <zone>', t('outage.open.opt.zone'))
      .option('--elements <list>', t('outage.open.opt.elements'))
      .option('--services <list>', t('outage.open.opt.services'))
      .option('--started <when>', t('outage.open.opt.started'))
      .option('--eta <when>', t('outage.open.opt.eta'))
      .option('--proactive', t('outage.open.opt.proactive'))
      .option('--json', t('outage.open.opt.json'))
      .addHelpText(
        'after',
        examples(
          `hd outage open --summary "${t('outage.open.exampleCut')}" \\\n      --zone operator-network --elements NODE-MSQ-17 --started 14:20 --eta 18:30`,
          `hd outage open --summary "${t('outage.open.exampleSwitch')}" --elements SW-17-3 \\\n      --eta +3h --proactive`,
          `hd outage open --summary "${t('outage.open.exampleUpstream')}" \\\n      --services MSK-DIA-04021,MSK-DIA-03145`,
        ) + `\n${t('outage.open.after')}\n`,
      ),
  options: (input) => {
    const missing: string[] = [];
    if (input.text('summary') === undefined) missing.push('--summary');
    if (input.text('elements') === undefined && input.text('services') === undefined)
      missing.push(t('outage.open.missing.what'));
    if (missing.length)
      throw new UsageError(t('common.err.missing', { missing: missing.join(', '), why: '' }));
    return {
      summary: input.text('summary')!,
      zone: input.text('zone'),
      elements: input.text('elements'),
      services: input.text('services'),
      started: input.text('started'),
      eta: input.text('eta'),
      proactive: input.flag('proactive'),
      json: input.flag('json'),
    };
  },
  run: runOutageOpen,
});

export async function runOutageOpen(opts: OutageOpenOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const summary = requireText(opts.summary, t('outage.field.summary'), '--summary', 200);
  const elements = opts.elements === undefined ? [] : parseElements([opts.elements], '--elements');
  const services =
    opts.services === undefined
      ? []
      : [
          ...new Map(
            opts.services
              .split(/[\s,;]+/)
              .filter(Boolean)
              .map((serviceId) => [foldKey(serviceId), { serviceId, key: foldKey(serviceId) }] as const),
          ).values(),
        ];
  if (elements.length === 0 && services.length === 0) throw new UsageError(t('outage.open.err.empty'));
  const startedAt = opts.started ? parseWhen(opts.started, now, ctx.timeZone).getTime() : now.getTime();
  const eta = opts.eta ? parseWhen(opts.eta, now, ctx.timeZone, 'moment').getTime() : null;
  checkOutageTimes(startedAt, eta, now.getTime(), (ms) => at(ctx)(ms));
  const store = await ctx.store();
  const zone = opts.zone ? await checkZone(store, opts.zone, '--zone') : null;
  const opened = await openOutage(
    ctx,
    store,
    { summary, zone, elements, services, startedAt, eta, proactive: opts.proactive },
    eta === null ? undefined : outageEtaStep(ctx, eta, undefined),
  );
  if (opts.json) {
    printJson(ctx.io, openedJson(ctx, opened));
    return;
  }
  writeText(ctx.io, openedText(ctx, opened));
}

const toCall = (o: OutageOpened) =>
  o.services.filter(
    (l) => l.link === 'opened' && l.notice && (l.notice.prefers !== 'email' || l.notice.emailTo === null),
  );

function openedJson(ctx: Context, o: OutageOpened) {
  const lines = o.services;
  return {
    ...outageJson(o.outage, o.elements),
    etaGiven: etaGivenJson(ctx, o.etaGiven),
    affected: {
      services: new Set(lines.map((l) => l.id)).size,
      clients: new Set(lines.map((l) => l.clientId)).size,
      withOpenTickets: new Set(
        lines.filter((l) => l.link === 'attached' || l.link === 'other').map((l) => l.id),
      ).size,
      attached: lines.filter((l) => l.link === 'attached').length,
      opened: lines.filter((l) => l.link === 'opened').length,
      emailsQueued: o.queued.length,
      toCall: toCall(o).length,
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
  const time = at(ctx);
  const lines = o.services;
  const outage = o.outage;
  const clients = new Set(lines.map((l) => l.clientId)).size;
  const withOpen = lines.filter((l) => l.link === 'attached' || l.link === 'other');
  const opened = lines.filter((l) => l.link === 'opened');
  const zone = outage.zone ? t('outage.open.zone', { zone: outage.zone }) : '';
  const out = [
    `${c.bold.red(formatOutageNumber(outage.id))} ${t('outage.open.opened', { summary: sanitizeLine(outage.summary), zone })}`,
    t('outage.open.failed', {
      failed: o.elements.map(sanitizeLine).join(', ') || t('outage.open.theServices'),
      started: time(outage.startedAt),
      eta: outage.eta === null ? t('outage.open.noEta') : time(outage.eta),
    }),
    t('outage.open.affected', {
      services: new Set(lines.map((l) => l.id)).size,
      clients,
      withOpen: new Set(withOpen.map((l) => l.id)).size,
    }),
    '',
    ...lines.map((l) => {
      const ticket = l.ticketId === null ? '—' : formatTicketNumber(l.ticketId);
      const notice = l.notice;
      const email = notice?.emailTo ? t('outage.open.emailQueued', { to: notice.emailTo }) : '';
      const call =
        notice && notice.prefers !== 'email'
          ? `${email ? '; ' : ''}${t('outage.open.toCall', { contact: notice.contact, phone: notice.phone ?? '' })}`.trimEnd()
          : '';
      const what = {
        attached: t('outage.open.link.attached'),
        opened: `${t('outage.open.link.opened', { priority: l.priority ?? '' })}, ${email}${call}`,
        other: t('outage.open.link.other', {
          outage: l.openTicketOutageId
            ? formatOutageNumber(l.openTicketOutageId)
            : t('outage.open.anotherOutage'),
        }),
        none: t('outage.open.link.none'),
      }[l.link];
      return `  ${sanitizeLine(l.serviceId).padEnd(16)} ${sanitizeLine(l.clientName).padEnd(30)} ${l.profile.padEnd(14)} ${ticket.padEnd(10)} ${sanitizeLine(what)}`;
    }),
    '',
  ];
  out.push(...etaGivenText(ctx, o.etaGiven, time(outage.eta)));
  if (opened.length)
    out.push(
      t('outage.open.proactive', {
        opened: opened.length,
        queued: o.queued.length,
        calls: toCall(o).length,
        outage: formatOutageNumber(outage.id),
      }),
    );
  else if (lines.some((l) => l.link === 'none'))
    out.push(t('outage.open.noTicket', { count: lines.filter((l) => l.link === 'none').length }));
  return `${out.join('\n')}\n`;
}

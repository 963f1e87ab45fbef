// The engineer's job sheet: everything needed on site, on one screen or one e-mail.
import type { TicketDetails } from '../commands/details.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { type Lang, language, type MessageKey, t } from '../i18n.ts';
import type { Dispatch, Engineer } from '../store/field.ts';
import { sanitizeLine } from './text.ts';
import { formatTime, iso, relative } from './time.ts';

export const jobNumber = (id: number) => `J-${String(id).padStart(6, '0')}`;

/** The sheet in the interface language, or in `lang` (--json keeps it English). */
export function renderJobSheet(
  ctx: Context,
  job: Dispatch,
  d: TicketDetails,
  engineer: Engineer,
  lang: Lang = language(),
): string {
  const tk = d.ticket;
  const now = ctx.now().getTime();
  const say = (key: MessageKey, vars: Record<string, string | number> = {}) => t(key, vars, lang);
  const labels = (
    [
      'engineer',
      'due',
      'client',
      'site',
      'contact',
      'service',
      'fault',
      'zone',
      'spares',
      'access',
      'note',
      'override',
    ] as const
  ).map((k) => say(`sheet.${k}`));
  const pad = Math.max(12, ...labels.map((l) => [...l].length + 2));
  const row = (key: Parameters<typeof labelKey>[0], value: string) =>
    `${say(labelKey(key)).padEnd(pad)}${sanitizeLine(value)}`;
  const lines = [
    say('sheet.title', { job: jobNumber(job.id), number: formatTicketNumber(tk.id), priority: tk.priority }),
    row(
      'engineer',
      `${engineer.name}${engineer.phone ? `, ${engineer.phone}` : ''} ${say('sheet.depot', { depot: engineer.depot })}`,
    ),
    row(
      'due',
      job.onsiteDue
        ? `${formatTime(job.onsiteDue, ctx.timeZone, lang)} (${relative(job.onsiteDue, now, lang)})`
        : say('sheet.noTarget'),
    ),
    row('client', say('sheet.clientContract', { client: d.client.name, contract: d.client.contractNo })),
    row('site', d.service.address),
    row('contact', [d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(', ')),
    row(
      'service',
      `${d.service.serviceId} (${d.service.kind})${d.service.cpeModel ? `, CPE ${d.service.cpeModel}` : ''}`,
    ),
    row('fault', tk.summary),
    row('zone', tk.zone ?? say('sheet.noZone')),
    row(
      'spares',
      job.spares.length
        ? job.spares
            .map((s) => say('sheet.spare', { sku: s.sku, reserved: s.reserved, depot: s.depot }))
            .join(', ')
        : say('sheet.noSpares'),
    ),
    ...(tk.answers.access ? [row('access', tk.answers.access)] : []),
    ...(job.note ? [row('note', job.note)] : []),
    ...(job.overrideReason ? [row('override', job.overrideReason)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

const labelKey = (
  k:
    | 'engineer'
    | 'due'
    | 'client'
    | 'site'
    | 'contact'
    | 'service'
    | 'fault'
    | 'zone'
    | 'spares'
    | 'access'
    | 'note'
    | 'override',
): MessageKey => `sheet.${k}`;

export function dispatchJson(j: Dispatch) {
  return {
    job: jobNumber(j.id),
    ticket: formatTicketNumber(j.ticketId),
    engineer: j.engineerName,
    status: j.status,
    onsiteDue: iso(j.onsiteDue),
    createdAt: iso(j.createdAt),
    enRouteAt: iso(j.enRouteAt),
    onSiteAt: iso(j.onSiteAt),
    finishedAt: iso(j.finishedAt),
    note: j.note,
    overrideReason: j.overrideReason,
    spares: j.spares.map((s) => ({
      sku: s.sku,
      depot: s.depot,
      reserved: s.reserved,
      used: s.used,
      released: s.released,
    })),
  };
}

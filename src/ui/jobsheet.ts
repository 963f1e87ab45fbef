// The engineer's job sheet: everything needed on site, on one screen or one e-mail.
import type { TicketDetails } from '../commands/details.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Dispatch, Engineer } from '../store/field.ts';
import { sanitizeLine } from './text.ts';
import { formatTime, iso, relative } from './time.ts';

export const jobNumber = (id: number) => `J-${String(id).padStart(6, '0')}`;

export function renderJobSheet(ctx: Context, job: Dispatch, d: TicketDetails, engineer: Engineer): string {
  const t = d.ticket;
  const now = ctx.now().getTime();
  const row = (label: string, value: string) => `${label.padEnd(12)}${sanitizeLine(value)}`;
  const lines = [
    `FIELD JOB ${jobNumber(job.id)} for ${formatTicketNumber(t.id)} (${t.priority})`,
    row(
      'Engineer',
      `${engineer.name}${engineer.phone ? `, ${engineer.phone}` : ''} (depot ${engineer.depot})`,
    ),
    row(
      'On site by',
      job.onsiteDue
        ? `${formatTime(job.onsiteDue, ctx.timeZone)} (${relative(job.onsiteDue, now)})`
        : 'no on-site target',
    ),
    row('Client', `${d.client.name}, contract ${d.client.contractNo}`),
    row('Site', d.service.address),
    row('Contact', [d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(', ')),
    row(
      'Service',
      `${d.service.serviceId} (${d.service.kind})${d.service.cpeModel ? `, CPE ${d.service.cpeModel}` : ''}`,
    ),
    row('Fault', t.summary),
    row('Zone', t.zone ?? 'not localised yet'),
    row(
      'Spares',
      job.spares.length
        ? job.spares.map((s) => `${s.sku} × ${s.reserved} (from ${s.depot})`).join(', ')
        : 'none',
    ),
    ...(t.answers.access ? [row('Access', t.answers.access)] : []),
    ...(job.note ? [row('Note', job.note)] : []),
    ...(job.overrideReason ? [row('Override', job.overrideReason)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

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

// What the hd client commands share: a contact and a service read from flags, and one client shown.
import type { Context } from '../../context.ts';
import { normalizeEmail, normalizePhone } from '../../domain/contact.ts';
import {
  type ContactGap,
  type ContactInput,
  contactGaps,
  contactName,
  cpeModel,
  type ServiceInput,
  serviceId,
  serviceKind,
  siteAddress,
} from '../../domain/new-client.ts';
import { parseElements } from '../../domain/outage.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import type { Client, PreferredChannel } from '../../domain/types.ts';
import { type MessageKey, t } from '../../i18n.ts';
import { contactsOf, elementsOfClient, servicesOf } from '../../store/clients.ts';
import { listTickets } from '../../store/tickets.ts';
import { colours, printJson, writeText } from '../../ui/output.ts';
import { statusWords } from '../../ui/status.ts';
import { textWidth } from '../../ui/table.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { refuseMissing } from '../common.ts';

/** A contact as typed: checked and normalised in run (the phone library loads only then). */
export interface ContactFlags {
  name?: string;
  phone?: string;
  email?: string;
  prefer: PreferredChannel;
}

/** A service as typed. */
export interface ServiceFlags {
  serviceId?: string;
  kind?: string;
  address?: string;
  cpe?: string;
}

const GAPS: Record<ContactGap, MessageKey> = {
  phoneOrEmail: 'client.missing.phoneOrEmail',
  email: 'client.missing.email',
  phone: 'client.missing.phone',
};

/** Checks and normalises a contact given by flags (phone to E.164, e-mail lower-cased). */
export async function contactFromFlags(flags: ContactFlags, nameFlag: string): Promise<ContactInput> {
  const name = contactName(flags.name, { what: t('client.field.contact'), flag: nameFlag });
  const phone = flags.phone ? await normalizePhone(flags.phone) : null;
  const email = flags.email ? normalizeEmail(flags.email) : null;
  const preferredChannel = flags.prefer;
  refuseMissing(contactGaps({ phone, email, preferredChannel }).map((gap) => t(GAPS[gap])));
  return { name, phone, email, preferredChannel };
}

export function serviceFromFlags(flags: ServiceFlags): ServiceInput {
  const given: [string, string | undefined][] = [
    ['--service', flags.serviceId],
    ['--kind', flags.kind],
    ['--address', flags.address],
  ];
  refuseMissing(given.filter(([, value]) => !value).map(([flag]) => flag));
  return {
    serviceId: serviceId(flags.serviceId, { what: t('client.field.service'), flag: '--service' }),
    kind: serviceKind(flags.kind, { what: t('client.field.kind'), flag: '--kind' }),
    address: siteAddress(flags.address, { what: t('client.field.address'), flag: '--address' }),
    cpeModel: cpeModel(flags.cpe, { what: t('client.field.cpe'), flag: '--cpe' }),
  };
}

/** --elements POP-MSQ-1,NODE-MSQ-17,…: undefined when not given, [] when given empty. */
export function elementsFromFlag(given: string | undefined) {
  return given === undefined ? undefined : parseElements([given], '--elements');
}

/** How a contact wants to hear from us, in words. */
export const channelWords = (channel: PreferredChannel) => t(`client.channel.${channel}` as MessageKey);

/** One client: contract, profile, contacts, services with their network, open tickets. */
export async function showClient(ctx: Context, client: Client, json: boolean): Promise<void> {
  const store = await ctx.store();
  const [contacts, services, elements, open] = await Promise.all([
    contactsOf(store, client.id),
    servicesOf(store, client.id),
    elementsOfClient(store, client.id),
    listTickets(store, { openOnly: true, clientId: client.id, limit: 100 }),
  ]);
  if (json) {
    printJson(ctx.io, {
      ...client,
      createdAt: new Date(client.createdAt).toISOString(),
      contacts,
      services: services.map((s) => ({ ...s, elements: elements.get(s.id) ?? [] })),
      openTickets: open.map((ticket) => ({
        number: formatTicketNumber(ticket.id),
        status: ticket.status,
        priority: ticket.priority,
        summary: ticket.summary,
      })),
    });
    return;
  }
  const c = colours(ctx.io);
  const heading = t('client.show.heading', {
    contract: sanitizeLine(client.contractNo),
    profile: client.profile,
    language: client.language,
  });
  const name = sanitizeLine(client.name);
  // Name and heading on one line when they fit; else the heading under the name, whole (wrapped,
  // it read "… язык" / "ru" on the next line).
  const fits = !ctx.io.isTerminal || textWidth(name) + 2 + textWidth(heading) <= ctx.io.columns;
  const out = [
    `${c.bold(name)}${fits ? '  ' : '\n'}${heading}`,
    '',
    c.bold(t('client.show.contacts')),
    ...contacts.map((k) =>
      `  ${sanitizeLine(k.name)}  ${k.phone ?? ''}  ${k.email ?? ''}  (${t('client.show.prefers', { channel: channelWords(k.preferredChannel) })})`.replace(
        / {3,}/g,
        '  ',
      ),
    ),
    '',
    c.bold(t('client.show.services')),
    ...services.map(
      (s) =>
        `  ${sanitizeLine(s.serviceId)}  ${sanitizeLine(s.kind)}  ${sanitizeLine(s.address)}${s.cpeModel ? `  CPE ${sanitizeLine(s.cpeModel)}` : ''}${
          elements.get(s.id)?.length
            ? `\n    ${t('client.show.network')}: ${elements.get(s.id)!.map(sanitizeLine).join(' > ')}`
            : ''
        }`,
    ),
    '',
    c.bold(t('client.show.open')),
    ...(open.length
      ? open.map(
          (ticket) =>
            `  ${formatTicketNumber(ticket.id)}  ${ticket.priority}  ${statusWords(ticket.status)}  ${sanitizeLine(ticket.summary)}`,
        )
      : [c.dim(`  ${t('client.show.none')}`)]),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

import type { Context } from '../context.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { foldKey } from '../domain/fold.ts';
import {
  type ContactGap,
  type ContactInput,
  clientName,
  contactGaps,
  contactName,
  contractNo as contractNumber,
  cpeModel,
  type ServiceInput,
  serviceId,
  serviceKind,
  siteAddress,
} from '../domain/new-client.ts';
import { parseElements } from '../domain/outage.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { type Client, LANGUAGES, PREFERRED_CHANNELS } from '../domain/types.ts';
import { RefusedError } from '../errors.ts';
import {
  addContact,
  addService,
  contactsOf,
  elementsOfClient,
  getClient,
  listClients,
  registerClient,
  servicesOf,
  setServiceElements,
  updateClient,
} from '../store/clients.ts';
import { currentProfile } from '../store/reference.ts';
import { listTickets } from '../store/tickets.ts';
import { colours, printJson, printTable, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { bool, type Opts, refuseMissing, requireText, resolveClient, str } from './common.ts';

export type { ContactInput } from '../domain/new-client.ts';

/** Checks and normalises a contact given by flags (phone to E.164, e-mail lower-cased). */
export async function contactFromFlags(opts: Opts, nameFlag = 'name'): Promise<ContactInput> {
  const name = contactName(str(opts, nameFlag), { what: 'The contact name', flag: `--${nameFlag}` });
  const phone = str(opts, 'phone') ? await normalizePhone(str(opts, 'phone')!) : null;
  const email = str(opts, 'email') ? normalizeEmail(str(opts, 'email')!) : null;
  const preferredChannel = oneOf(str(opts, 'prefer') ?? 'phone', PREFERRED_CHANNELS, 'channel', '--prefer');
  const flags: Record<ContactGap, string> = {
    phoneOrEmail: '--phone or --email for the contact',
    email: '--email (the contact prefers e-mail)',
    phone: '--phone (the contact prefers calls)',
  };
  refuseMissing(contactGaps({ phone, email, preferredChannel }).map((gap) => flags[gap]));
  return { name, phone, email, preferredChannel };
}

function serviceFromFlags(opts: Opts, idFlag: string): ServiceInput {
  refuseMissing([idFlag, 'kind', 'address'].filter((f) => !str(opts, f)).map((f) => `--${f}`));
  return {
    serviceId: serviceId(str(opts, idFlag), { what: 'The service ID', flag: `--${idFlag}` }),
    kind: serviceKind(str(opts, 'kind'), { what: 'The service kind', flag: '--kind' }),
    address: siteAddress(str(opts, 'address'), { what: 'The site address', flag: '--address' }),
    cpeModel: cpeModel(str(opts, 'cpe'), { what: 'The CPE model', flag: '--cpe' }),
  };
}

/** --elements POP-MSQ-1,NODE-MSQ-17,…: undefined when not given, [] when given empty. */
function elementsFromFlags(opts: Opts) {
  const given = str(opts, 'elements');
  return given === undefined ? undefined : parseElements([given], '--elements');
}

export async function runClientAdd(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const required = ['name', 'contract', 'contact', 'service', 'kind', 'address'];
  refuseMissing(required.filter((f) => !str(opts, f)).map((f) => `--${f}`));
  const name = clientName(str(opts, 'name'), { what: 'The client name', flag: '--name' });
  const contractNo = contractNumber(str(opts, 'contract'), {
    what: 'The contract number',
    flag: '--contract',
  });
  const language = oneOf(str(opts, 'language') ?? 'ru', LANGUAGES, 'language', '--language');
  const contact = await contactFromFlags(opts, 'contact');
  const service = serviceFromFlags(opts, 'service');
  const elements = elementsFromFlags(opts);
  const store = await ctx.store();
  const profile = await currentProfile(store, str(opts, 'profile') ?? 'standard-24x7');
  const now = ctx.now().getTime();
  const { client } = await store.tx(async (q) => {
    const registered = await registerClient(
      q,
      { name, contractNo, profile: profile.name, language, timezone: profile.coverage.timezone },
      contact,
      service,
      now,
    );
    if (elements) await setServiceElements(q, registered.service.id, elements);
    return registered;
  });
  await showClient(ctx, client, bool(opts, 'json'));
}

export async function runClientContact(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const contact = await contactFromFlags(opts);
  const store = await ctx.store();
  const client = await resolveClient(store, args[0]!);
  const created = await store.tx((q) => addContact(q, client.id, contact, ctx.now().getTime()));
  if (bool(opts, 'json')) printJson(ctx.io, created);
  else ctx.io.stdout.write(`Added contact ${sanitizeLine(created.name)} to ${sanitizeLine(client.name)}.\n`);
}

/**
 * Adds a service to a client, or, for a service the client already has, sets the network elements
 * it depends on (--elements; an empty list clears them).
 */
export async function runClientService(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const elements = elementsFromFlags(opts);
  const idText = requireText(str(opts, 'service'), 'The service ID', '--service', 100);
  const store = await ctx.store();
  const client = await resolveClient(store, args[0]!);
  const existing = (await servicesOf(store, client.id)).find((s) => foldKey(s.serviceId) === foldKey(idText));
  if (existing) {
    const changes = ['kind', 'address', 'cpe'].filter((f) => str(opts, f) !== undefined);
    if (changes.length > 0 || elements === undefined)
      throw new RefusedError(
        `${client.name} already has service ${existing.serviceId}: only its network elements can be changed here (--elements A,B,…)${changes.length ? `, not ${changes.map((f) => `--${f}`).join(', ')}` : ''}.`,
      );
    await store.tx((q) => setServiceElements(q, existing.id, elements));
    const shownElements = elements.map((e) => e.element);
    if (bool(opts, 'json')) printJson(ctx.io, { ...existing, elements: shownElements });
    else
      ctx.io.stdout.write(
        `Service ${sanitizeLine(existing.serviceId)} of ${sanitizeLine(client.name)} now depends on: ${shownElements.join(', ') || 'no network elements'}.\n`,
      );
    return;
  }
  const service = serviceFromFlags(opts, 'service');
  const created = await store.tx(async (q) => {
    const added = await addService(q, client.id, service, ctx.now().getTime());
    if (elements) await setServiceElements(q, added.id, elements);
    return added;
  });
  const shownElements = elements?.map((e) => e.element) ?? [];
  if (bool(opts, 'json')) printJson(ctx.io, { ...created, elements: shownElements });
  else
    ctx.io.stdout.write(
      `Added service ${sanitizeLine(created.serviceId)} to ${sanitizeLine(client.name)}${shownElements.length ? ` (network elements: ${shownElements.join(', ')})` : ''}.\n`,
    );
}

export async function runClientUpdate(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const profileName = str(opts, 'profile');
  const language = str(opts, 'language')
    ? oneOf(str(opts, 'language')!, LANGUAGES, 'language', '--language')
    : undefined;
  if (!profileName && !language) refuseMissing(['--profile or --language']);
  const store = await ctx.store();
  const client = await resolveClient(store, args[0]!);
  const profile = profileName ? await currentProfile(store, profileName) : undefined;
  await store.tx((q) =>
    updateClient(q, client.id, {
      profile: profile?.name,
      language,
      timezone: profile?.coverage.timezone,
    }),
  );
  await showClient(ctx, await getClient(store, client.id), bool(opts, 'json'));
}

export async function runClientList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const clients = await listClients(store);
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      clients.map((c) => ({
        id: c.id,
        name: c.name,
        contractNo: c.contractNo,
        profile: c.profile,
        language: c.language,
      })),
    );
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Contract', value: (c: Client) => c.contractNo },
      { header: 'Client', value: (c: Client) => c.name, flexible: true },
      { header: 'Profile', value: (c: Client) => c.profile },
      { header: 'Lang', value: (c: Client) => c.language },
    ],
    clients,
  );
}

export async function runClientShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await showClient(ctx, await resolveClient(store, args[0]!), bool(opts, 'json'));
}

async function showClient(ctx: Context, client: Client, json: boolean): Promise<void> {
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
      openTickets: open.map((t) => ({
        number: formatTicketNumber(t.id),
        status: t.status,
        priority: t.priority,
        summary: t.summary,
      })),
    });
    return;
  }
  const c = colours(ctx.io);
  const out = [
    `${c.bold(sanitizeLine(client.name))}  contract ${sanitizeLine(client.contractNo)}  profile ${client.profile}  language ${client.language}`,
    '',
    c.bold('Contacts'),
    ...contacts.map((k) =>
      `  ${sanitizeLine(k.name)}  ${k.phone ?? ''}  ${k.email ?? ''}  (prefers ${k.preferredChannel})`.replace(
        / {3,}/g,
        '  ',
      ),
    ),
    '',
    c.bold('Services'),
    ...services.map(
      (s) =>
        `  ${sanitizeLine(s.serviceId)}  ${sanitizeLine(s.kind)}  ${sanitizeLine(s.address)}${s.cpeModel ? `  CPE ${sanitizeLine(s.cpeModel)}` : ''}${
          elements.get(s.id)?.length
            ? `\n    network: ${elements.get(s.id)!.map(sanitizeLine).join(' > ')}`
            : ''
        }`,
    ),
    '',
    c.bold('Open tickets'),
    ...(open.length
      ? open.map(
          (t) =>
            `  ${formatTicketNumber(t.id)}  ${t.priority}  ${statusWords(t.status)}  ${sanitizeLine(t.summary)}`,
        )
      : [c.dim('  none')]),
  ];
  writeText(ctx.io, `${out.join('\n')}\n`);
}

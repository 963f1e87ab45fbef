import type { Context } from '../context.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
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
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { type Client, LANGUAGES, PREFERRED_CHANNELS } from '../domain/types.ts';
import {
  addContact,
  addService,
  contactsOf,
  getClient,
  listClients,
  registerClient,
  servicesOf,
  updateClient,
} from '../store/clients.ts';
import { currentProfile } from '../store/reference.ts';
import { listTickets } from '../store/tickets.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { bool, type Opts, refuseMissing, resolveClient, str } from './common.ts';

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
  const store = await ctx.store();
  const profile = await currentProfile(store, str(opts, 'profile') ?? 'standard-24x7');
  const now = ctx.now().getTime();
  const { client } = await store.tx(async (q) =>
    registerClient(
      q,
      { name, contractNo, profile: profile.name, language, timezone: profile.coverage.timezone },
      contact,
      service,
      now,
    ),
  );
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

export async function runClientService(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const service = serviceFromFlags(opts, 'service');
  const store = await ctx.store();
  const client = await resolveClient(store, args[0]!);
  const created = await store.tx((q) => addService(q, client.id, service, ctx.now().getTime()));
  if (bool(opts, 'json')) printJson(ctx.io, created);
  else
    ctx.io.stdout.write(
      `Added service ${sanitizeLine(created.serviceId)} to ${sanitizeLine(client.name)}.\n`,
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
  const [contacts, services, open] = await Promise.all([
    contactsOf(store, client.id),
    servicesOf(store, client.id),
    listTickets(store, { openOnly: true, clientId: client.id, limit: 100 }),
  ]);
  if (json) {
    printJson(ctx.io, {
      ...client,
      createdAt: new Date(client.createdAt).toISOString(),
      contacts,
      services,
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
        `  ${sanitizeLine(s.serviceId)}  ${sanitizeLine(s.kind)}  ${sanitizeLine(s.address)}${s.cpeModel ? `  CPE ${sanitizeLine(s.cpeModel)}` : ''}`,
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
  ctx.io.stdout.write(`${out.join('\n')}\n`);
}

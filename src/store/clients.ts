import { codeKeys, foldKey } from '../domain/fold.ts';
import type { Client, Contact, Language, PreferredChannel, Service } from '../domain/types.ts';
import { NotFoundError, RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { contains, type Queryable, sql, UniqueViolation } from './port.ts';

const clientColumns = (p: string) =>
  sql.raw(
    `${p}id, ${p}name, ${p}contract_no AS "contractNo", ${p}profile, ${p}language, ${p}timezone, ${p}created_at AS "createdAt"`,
  );
const CLIENT_COLUMNS = clientColumns('c.');
const CONTACT_COLUMNS = sql.raw(
  'id, client_id AS "clientId", name, phone, email, preferred_channel AS "preferredChannel"',
);
const SERVICE_COLUMNS = sql.raw(
  'id, client_id AS "clientId", service_id AS "serviceId", kind, address, cpe_model AS "cpeModel"',
);

export interface NewClient {
  name: string;
  contractNo: string;
  profile: string;
  language: Language;
  timezone: string;
}
export interface NewContact {
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: PreferredChannel;
}
export interface NewService {
  serviceId: string;
  kind: string;
  address: string;
  cpeModel: string | null;
}

/** Refuses a contract number that differs from an existing one only in case, accents or spacing. */
export async function addClient(q: Queryable, c: NewClient, now: number): Promise<Client> {
  const contractKey = foldKey(c.contractNo);
  const refuse = (existing: string) => new RefusedError(t('store.err.contractTaken', { contract: existing }));
  let row: Client | undefined;
  try {
    row = await q.get<Client>(
      sql`INSERT INTO clients (name, contract_no, profile, language, timezone, created_at, name_key, contract_key)
         SELECT ${c.name}, ${c.contractNo}, ${c.profile}, ${c.language}, ${c.timezone}, ${now}, ${foldKey(c.name)}, ${contractKey}
         WHERE NOT EXISTS (SELECT 1 FROM clients WHERE contract_key = ${contractKey})
         RETURNING ${clientColumns('')}`,
    );
  } catch (error) {
    if (error instanceof UniqueViolation) throw refuse(c.contractNo);
    throw error;
  }
  if (row) return row;
  const existing = await q.get<{ contract_no: string }>(
    sql`SELECT contract_no FROM clients WHERE contract_key = ${contractKey}`,
  );
  throw refuse(existing?.contract_no ?? c.contractNo);
}

/** Changes what new tickets of this client get; open tickets keep what they were opened under. */
export async function updateClient(
  q: Queryable,
  clientId: number,
  change: { profile?: string; language?: Language; timezone?: string },
): Promise<void> {
  await q.run(
    sql`UPDATE clients SET profile = COALESCE(${change.profile ?? null}, profile),
        language = COALESCE(${change.language ?? null}, language),
        timezone = COALESCE(${change.timezone ?? null}, timezone) WHERE id = ${clientId}`,
  );
}

export async function addContact(
  q: Queryable,
  clientId: number,
  c: NewContact,
  now: number,
): Promise<Contact> {
  return (await q.get<Contact>(
    sql`INSERT INTO contacts (client_id, name, phone, email, preferred_channel, created_at, name_key)
       VALUES (${clientId}, ${c.name}, ${c.phone}, ${c.email}, ${c.preferredChannel}, ${now}, ${foldKey(c.name)})
       RETURNING ${CONTACT_COLUMNS}`,
  )) as Contact;
}

/** Refuses a service ID that differs from a registered one only in case, accents or spacing. */
export async function addService(
  q: Queryable,
  clientId: number,
  s: NewService,
  now: number,
): Promise<Service> {
  const serviceKey = foldKey(s.serviceId);
  let row: Service | undefined;
  try {
    row = await q.get<Service>(
      sql`INSERT INTO services (client_id, service_id, kind, address, cpe_model, created_at, service_key)
         SELECT ${clientId}, ${s.serviceId}, ${s.kind}, ${s.address}, ${s.cpeModel}, ${now}, ${serviceKey}
         WHERE NOT EXISTS (SELECT 1 FROM services WHERE service_key = ${serviceKey})
         RETURNING ${SERVICE_COLUMNS}`,
    );
  } catch (error) {
    if (!(error instanceof UniqueViolation)) throw error;
  }
  if (!row) throw new RefusedError(t('store.err.serviceTaken', { service: s.serviceId }));
  return row;
}

/** A new client with its first contact and service (hd client add, or a new client during hd open). */
export async function registerClient(
  q: Queryable,
  client: NewClient,
  contact: NewContact,
  service: NewService,
  now: number,
): Promise<{ client: Client; contact: Contact; service: Service }> {
  const created = await addClient(q, client, now);
  return {
    client: created,
    contact: await addContact(q, created.id, contact, now),
    service: await addService(q, created.id, service, now),
  };
}

/** Whether a client holds exactly this contract number. */
export async function hasContract(q: Queryable, contractNo: string): Promise<boolean> {
  return (await q.get(sql`SELECT 1 AS one FROM clients WHERE contract_no = ${contractNo}`)) !== undefined;
}

export async function getClient(q: Queryable, id: number): Promise<Client> {
  const row = await q.get<Client>(sql`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = ${id}`);
  if (!row) throw new NotFoundError(t('store.err.noClientId', { id }));
  return row;
}

export async function listClients(q: Queryable): Promise<Client[]> {
  return q.all<Client>(sql`SELECT ${CLIENT_COLUMNS} FROM clients c ORDER BY c.name_key, c.id`);
}

export async function contactsOf(q: Queryable, clientId: number): Promise<Contact[]> {
  return q.all<Contact>(
    sql`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE client_id = ${clientId} ORDER BY name`,
  );
}

export async function getContact(q: Queryable, id: number): Promise<Contact> {
  return (await q.get<Contact>(sql`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ${id}`)) as Contact;
}

export async function servicesOf(q: Queryable, clientId: number): Promise<Service[]> {
  return q.all<Service>(
    sql`SELECT ${SERVICE_COLUMNS} FROM services WHERE client_id = ${clientId} ORDER BY service_id`,
  );
}

export async function getService(q: Queryable, id: number): Promise<Service> {
  return (await q.get<Service>(sql`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ${id}`)) as Service;
}

export interface ClientMatch {
  client: Client;
  /** How the query matched: contract, service, phone, or name. */
  via: string;
}

/**
 * Finds clients the way an operator asks: contract number, service / circuit ID, the caller's
 * phone (E.164 or as typed), or part of the client's or a contact's name. Exact identifiers win over name fragments.
 * Everything but the phone is compared through the folded `*_key` columns (case, accents and
 * spacing ignored in every script, see domain/fold.ts): identifiers through their indexes; a name
 * fragment scans the key indexes of the (small) clients, contacts and services tables.
 * (`contains`: instr on SQLite, strpos on PostgreSQL.)
 */
export async function findClients(
  q: Queryable,
  query: string,
  phone: string | null,
  limit = 20,
): Promise<ClientMatch[]> {
  const text = query.trim();
  const key = foldKey(text);
  if (!key) return [];
  // Contract numbers and service IDs also as typed on a Russian layout (Cyrillic с for C): codeKey.
  const codes = codeKeys(text);
  const code = codes.at(-1)!;
  const exact: ClientMatch[] = [];
  const push = (rows: Client[], via: string) => {
    for (const client of rows) if (!exact.some((m) => m.client.id === client.id)) exact.push({ client, via });
  };
  // Asked together: on PostgreSQL one round trip (pipelined), not one each.
  const [byContract, byService, byPhone] = await Promise.all([
    q.all<Client>(
      sql`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.contract_key IN ${sql.list(codes)} ORDER BY c.id`,
    ),
    q.all<Client>(
      sql`SELECT ${CLIENT_COLUMNS} FROM services s JOIN clients c ON c.id = s.client_id WHERE s.service_key IN ${sql.list(codes)} ORDER BY c.id`,
    ),
    phone
      ? q.all<Client>(
          sql`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id IN (SELECT client_id FROM contacts WHERE phone = ${phone}) ORDER BY c.name_key, c.id`,
        )
      : [],
  ]);
  push(byContract, 'contract');
  push(byService, 'service');
  push(byPhone, 'phone');
  if (exact.length > 0) return exact;
  // Part of a phone, as heard ("029 611"): its digits, without the trunk or country prefix.
  const digits = text.replace(/\D/g, '').replace(/^(375|80|0)/, '');
  if (digits.length >= 5 && /^[\d\s()+-]+$/.test(text)) {
    push(
      await q.all<Client>(
        sql`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id IN (SELECT client_id FROM contacts WHERE phone LIKE ${`%${digits}%`})
           ORDER BY c.name_key, c.id LIMIT ${limit}`,
      ),
      'phone',
    );
    if (exact.length > 0) return exact;
  }
  const byName = await q.all<Client>(
    sql`SELECT ${CLIENT_COLUMNS} FROM clients c
       WHERE ${contains(q, 'c.name_key', key)} OR ${contains(q, 'c.contract_key', key)}
          OR c.id IN (SELECT client_id FROM services WHERE ${contains(q, 'service_key', key)})
          ${code === key ? sql`` : sql`OR ${contains(q, 'c.contract_key', code)} OR c.id IN (SELECT client_id FROM services WHERE ${contains(q, 'service_key', code)})`}
          OR c.id IN (SELECT client_id FROM contacts WHERE ${contains(q, 'name_key', key)})
       ORDER BY c.name_key, c.id LIMIT ${limit}`,
  );
  return byName.map((client) => ({ client, via: 'name' }));
}

// ---- where a service is in the network (issue 14) --------------------------------------------

/** Replaces the network elements a service depends on, in the order given. */
export async function setServiceElements(
  q: Queryable,
  serviceId: number,
  elements: { element: string; key: string }[],
): Promise<void> {
  await q.run(sql`DELETE FROM service_elements WHERE service_id = ${serviceId}`);
  if (elements.length === 0) return;
  await q.run(
    sql`INSERT INTO service_elements (service_id, position, element, element_key) VALUES ${sql.join(
      elements.map((e, i) => sql`(${serviceId}, ${i + 1}, ${e.element}, ${e.key})`),
    )}`,
  );
}

/** The network elements of each service of a client, in order, by service id. */
export async function elementsOfClient(q: Queryable, clientId: number): Promise<Map<number, string[]>> {
  const rows = await q.all<{ serviceId: number; element: string }>(
    sql`SELECT e.service_id AS "serviceId", e.element FROM service_elements e
       JOIN services s ON s.id = e.service_id WHERE s.client_id = ${clientId} ORDER BY e.service_id, e.position`,
  );
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(Number(r.serviceId), [...(map.get(Number(r.serviceId)) ?? []), r.element]);
  return map;
}

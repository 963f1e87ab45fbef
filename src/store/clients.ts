import { foldKey } from '../domain/fold.ts';
import type { Client, Contact, Language, PreferredChannel, Service } from '../domain/types.ts';
import { NotFoundError, RefusedError } from '../errors.ts';
import type { Store } from './sqlite/db.ts';

const clientColumns = (p: string) =>
  `${p}id, ${p}name, ${p}contract_no AS contractNo, ${p}profile, ${p}language, ${p}timezone, ${p}created_at AS createdAt`;
const CLIENT_COLUMNS = clientColumns('c.');
const CONTACT_COLUMNS =
  'id, client_id AS clientId, name, phone, email, preferred_channel AS preferredChannel';
const SERVICE_COLUMNS =
  'id, client_id AS clientId, service_id AS serviceId, kind, address, cpe_model AS cpeModel';

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

function isUnique(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Refuses a contract number that differs from an existing one only in case, accents or spacing. */
export async function addClient(store: Store, c: NewClient, now: number): Promise<Client> {
  const contractKey = foldKey(c.contractNo);
  const refuse = (existing: string) =>
    new RefusedError(
      `A client with contract number ${existing} already exists (see hd client show ${existing}).`,
    );
  let row: Client | undefined;
  try {
    row = store.db
      .prepare(
        `INSERT INTO clients (name, contract_no, profile, language, timezone, created_at, name_key, contract_key)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM clients WHERE contract_key = ?)
         RETURNING ${clientColumns('')}`,
      )
      .get(
        c.name,
        c.contractNo,
        c.profile,
        c.language,
        c.timezone,
        now,
        foldKey(c.name),
        contractKey,
        contractKey,
      ) as Client | undefined;
  } catch (error) {
    if (isUnique(error)) throw refuse(c.contractNo);
    throw error;
  }
  if (row) return row;
  const existing = store.db
    .prepare('SELECT contract_no FROM clients WHERE contract_key = ?')
    .pluck()
    .get(contractKey) as string;
  throw refuse(existing);
}

/** Changes what new tickets of this client get; open tickets keep what they were opened under. */
export async function updateClient(
  store: Store,
  clientId: number,
  change: { profile?: string; language?: Language; timezone?: string },
): Promise<void> {
  store.db
    .prepare(
      'UPDATE clients SET profile = COALESCE(?, profile), language = COALESCE(?, language), timezone = COALESCE(?, timezone) WHERE id = ?',
    )
    .run(change.profile ?? null, change.language ?? null, change.timezone ?? null, clientId);
}

export async function addContact(
  store: Store,
  clientId: number,
  c: NewContact,
  now: number,
): Promise<Contact> {
  return store.db
    .prepare(
      `INSERT INTO contacts (client_id, name, phone, email, preferred_channel, created_at, name_key)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${CONTACT_COLUMNS}`,
    )
    .get(clientId, c.name, c.phone, c.email, c.preferredChannel, now, foldKey(c.name)) as Contact;
}

/** Refuses a service ID that differs from a registered one only in case, accents or spacing. */
export async function addService(
  store: Store,
  clientId: number,
  s: NewService,
  now: number,
): Promise<Service> {
  const serviceKey = foldKey(s.serviceId);
  let row: Service | undefined;
  try {
    row = store.db
      .prepare(
        `INSERT INTO services (client_id, service_id, kind, address, cpe_model, created_at, service_key)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM services WHERE service_key = ?)
         RETURNING ${SERVICE_COLUMNS}`,
      )
      .get(clientId, s.serviceId, s.kind, s.address, s.cpeModel, now, serviceKey, serviceKey) as
      | Service
      | undefined;
  } catch (error) {
    if (!isUnique(error)) throw error;
  }
  if (!row) throw new RefusedError(`Service ID ${s.serviceId} is already registered to a client.`);
  return row;
}

export async function getClient(store: Store, id: number): Promise<Client> {
  const row = store.db.prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = ?`).get(id) as
    | Client
    | undefined;
  if (!row) throw new NotFoundError(`No client with id ${id}.`);
  return row;
}

export async function listClients(store: Store): Promise<Client[]> {
  return store.db
    .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c ORDER BY c.name_key, c.id`)
    .all() as Client[];
}

export async function contactsOf(store: Store, clientId: number): Promise<Contact[]> {
  return store.db
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE client_id = ? ORDER BY name`)
    .all(clientId) as Contact[];
}

export async function getContact(store: Store, id: number): Promise<Contact> {
  return store.db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`).get(id) as Contact;
}

export async function servicesOf(store: Store, clientId: number): Promise<Service[]> {
  return store.db
    .prepare(`SELECT ${SERVICE_COLUMNS} FROM services WHERE client_id = ? ORDER BY service_id`)
    .all(clientId) as Service[];
}

export async function getService(store: Store, id: number): Promise<Service> {
  return store.db.prepare(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ?`).get(id) as Service;
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
 */
export async function findClients(
  store: Store,
  query: string,
  phone: string | null,
  limit = 20,
): Promise<ClientMatch[]> {
  const q = query.trim();
  const key = foldKey(q);
  if (!key) return [];
  const exact: ClientMatch[] = [];
  const push = (rows: Client[], via: string) => {
    for (const client of rows) if (!exact.some((m) => m.client.id === client.id)) exact.push({ client, via });
  };
  push(
    store.db
      .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.contract_key = ? ORDER BY c.id`)
      .all(key) as Client[],
    'contract',
  );
  push(
    store.db
      .prepare(
        `SELECT ${CLIENT_COLUMNS} FROM services s JOIN clients c ON c.id = s.client_id WHERE s.service_key = ? ORDER BY c.id`,
      )
      .all(key) as Client[],
    'service',
  );
  if (phone) {
    push(
      store.db
        .prepare(
          `SELECT DISTINCT ${CLIENT_COLUMNS} FROM clients c JOIN contacts k ON k.client_id = c.id WHERE k.phone = ?`,
        )
        .all(phone) as Client[],
      'phone',
    );
  }
  if (exact.length > 0) return exact;
  // Part of a phone, as heard ("029 611"): its digits, without the trunk or country prefix.
  const digits = q.replace(/\D/g, '').replace(/^(375|80|0)/, '');
  if (digits.length >= 5 && /^[\d\s()+-]+$/.test(q)) {
    push(
      store.db
        .prepare(
          `SELECT DISTINCT ${CLIENT_COLUMNS} FROM clients c JOIN contacts k ON k.client_id = c.id
           WHERE k.phone LIKE ? ORDER BY c.name_key, c.id LIMIT ?`,
        )
        .all(`%${digits}%`, limit) as Client[],
      'phone',
    );
    if (exact.length > 0) return exact;
  }
  const byName = store.db
    .prepare(
      `SELECT ${CLIENT_COLUMNS} FROM clients c
       WHERE instr(c.name_key, @key) > 0 OR instr(c.contract_key, @key) > 0
          OR c.id IN (SELECT client_id FROM services WHERE instr(service_key, @key) > 0)
          OR c.id IN (SELECT client_id FROM contacts WHERE instr(name_key, @key) > 0)
       ORDER BY c.name_key, c.id LIMIT @limit`,
    )
    .all({ key, limit }) as Client[];
  return byName.map((client) => ({ client, via: 'name' }));
}

import type { Client, Contact, Language, PreferredChannel, Service } from '../domain/types.ts';
import { NotFoundError, RefusedError } from '../errors.ts';
import type { Store } from './db.ts';

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

export async function addClient(store: Store, c: NewClient, now: number): Promise<Client> {
  try {
    return store.db
      .prepare(
        `INSERT INTO clients (name, contract_no, profile, language, timezone, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING ${clientColumns('')}`,
      )
      .get(c.name, c.contractNo, c.profile, c.language, c.timezone, now) as Client;
  } catch (error) {
    if (isUnique(error)) {
      throw new RefusedError(
        `A client with contract number ${c.contractNo} already exists (see hd client show ${c.contractNo}).`,
      );
    }
    throw error;
  }
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
      `INSERT INTO contacts (client_id, name, phone, email, preferred_channel, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING ${CONTACT_COLUMNS}`,
    )
    .get(clientId, c.name, c.phone, c.email, c.preferredChannel, now) as Contact;
}

export async function addService(
  store: Store,
  clientId: number,
  s: NewService,
  now: number,
): Promise<Service> {
  try {
    return store.db
      .prepare(
        `INSERT INTO services (client_id, service_id, kind, address, cpe_model, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING ${SERVICE_COLUMNS}`,
      )
      .get(clientId, s.serviceId, s.kind, s.address, s.cpeModel, now) as Service;
  } catch (error) {
    if (isUnique(error))
      throw new RefusedError(`Service ID ${s.serviceId} is already registered to a client.`);
    throw error;
  }
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
    .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c ORDER BY c.name COLLATE NOCASE`)
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
 */
export async function findClients(
  store: Store,
  query: string,
  phone: string | null,
  limit = 20,
): Promise<ClientMatch[]> {
  const q = query.trim();
  if (!q) return [];
  const exact: ClientMatch[] = [];
  const push = (rows: Client[], via: string) => {
    for (const client of rows) if (!exact.some((m) => m.client.id === client.id)) exact.push({ client, via });
  };
  push(
    store.db
      .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.contract_no = ? COLLATE NOCASE`)
      .all(q) as Client[],
    'contract',
  );
  push(
    store.db
      .prepare(
        `SELECT ${CLIENT_COLUMNS} FROM clients c JOIN services s ON s.client_id = c.id WHERE s.service_id = ? COLLATE NOCASE`,
      )
      .all(q) as Client[],
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
           WHERE k.phone LIKE ? ORDER BY c.name COLLATE NOCASE LIMIT ?`,
        )
        .all(`%${digits}%`, limit) as Client[],
      'phone',
    );
    if (exact.length > 0) return exact;
  }
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const byName = store.db
    .prepare(
      `SELECT ${CLIENT_COLUMNS} FROM clients c
       WHERE c.name LIKE ? ESCAPE '\\' OR c.contract_no LIKE ? ESCAPE '\\'
          OR c.id IN (SELECT client_id FROM services WHERE service_id LIKE ? ESCAPE '\\')
          OR c.id IN (SELECT client_id FROM contacts WHERE name LIKE ? ESCAPE '\\')
       ORDER BY c.name COLLATE NOCASE LIMIT ?`,
    )
    .all(pattern, pattern, pattern, pattern, limit) as Client[];
  return byName.map((client) => ({ client, via: 'name' }));
}

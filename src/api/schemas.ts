// JSON schemas of the request bodies, written from TMF621 v5 (TroubleTicket_FVO for POST,
// TroubleTicket_MVO for PATCH): the fields hd takes, their types, and nothing else — an unknown
// field is refused, not ignored. What a value means is checked in api/input.ts.
import { STATUSES } from '../domain/types.ts';

const str = (maxLength = 20_000) => ({ type: 'string', maxLength });
const meta = { '@type': str(100), '@baseType': str(100), '@schemaLocation': str(500) };

const ref = {
  type: 'object',
  additionalProperties: false,
  properties: { ...meta, '@referredType': str(100), id: str(200), href: str(500), name: str(200) },
};
const note = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { ...meta, id: str(100), author: str(200), date: str(100), text: str() },
};
const characteristic = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'value'],
  properties: { ...meta, id: str(100), name: str(100), valueType: str(50), value: {} },
};
const relatedParty = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'partyOrPartyRole'],
  properties: { ...meta, role: str(50), partyOrPartyRole: ref },
};
const relatedEntity = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'entity'],
  properties: { ...meta, role: str(50), entity: ref },
};
const relationship = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    ...meta,
    '@referredType': str(100),
    id: str(100),
    href: str(500),
    name: str(200),
    relationshipType: str(100),
  },
};
const list = (items: object, maxItems: number) => ({ type: 'array', items, maxItems });

const writable = {
  ...meta,
  name: str(1000),
  description: str(),
  severity: str(50),
  ticketType: str(50),
  priority: str(50),
  status: { type: 'string', enum: [...STATUSES, 'rejected', 'held'] },
  statusChangeReason: str(5000),
  expectedResolutionDate: str(100),
  resolutionDate: str(100),
  requestedResolutionDate: str(100),
  channel: ref,
  note: list(note, 100),
  relatedParty: list(relatedParty, 10),
  relatedEntity: list(relatedEntity, 10),
  troubleTicketCharacteristic: list(characteristic, 100),
  troubleTicketRelationship: list(relationship, 10),
  externalIdentifier: list({ type: 'object' }, 10),
  attachment: list({ type: 'object' }, 10),
  troubleTicketSpecification: { type: 'object' },
};

export const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['@type', 'description', 'severity', 'ticketType'],
  properties: { ...writable, '@type': { type: 'string', enum: ['TroubleTicket'] } },
};

/** Server-set fields are named so that a client echoing them is told they are read-only. */
export const PATCH_BODY = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    ...writable,
    '@type': { type: 'string', enum: ['TroubleTicket'] },
    id: {},
    href: {},
    creationDate: {},
    lastUpdate: {},
    statusChangeDate: {},
    statusChangeHistory: {},
  },
};

const statusChange = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    ...meta,
    status: { type: 'string', enum: [...STATUSES, 'rejected', 'held'] },
    statusChangeDate: str(100),
    statusChangeReason: str(5000),
  },
};
const externalIdentifier = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { ...meta, id: str(200), owner: str(200), externalIdentifierType: str(100) },
};

/**
 * A line of hd import: a whole TroubleTicket as another system (or hd export) writes it — the
 * POST body's fields with POST's types, plus what a stored ticket has (its id there, dates,
 * status history, a longer timeline). What each value means is checked as for POST.
 */
export const IMPORT_LINE = {
  type: 'object',
  additionalProperties: false,
  required: ['@type', 'description', 'severity', 'ticketType', 'creationDate'],
  properties: {
    ...CREATE_BODY.properties,
    id: str(200),
    href: str(500),
    creationDate: str(100),
    lastUpdate: str(100),
    statusChangeDate: str(100),
    statusChangeHistory: list(statusChange, 10_000),
    note: list(note, 100_000),
    externalIdentifier: list(externalIdentifier, 10),
  },
};

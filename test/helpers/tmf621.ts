// TMF621 v5 response shapes, written from TMF621-Trouble_Ticket-v5.0.1.oas.yaml (TroubleTicket,
// Note, StatusChange, RelatedPartyRefOrPartyRoleRef, RelatedEntity, TroubleTicketRelationship,
// Characteristic, Error, Hub, Event and the TroubleTicket…Event payloads), with the types the specification gives each field. Properties the
// specification does not define are refused, so a field hd invents fails the check.
import { Ajv } from 'ajv';

const dateTime = { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$' };
const str = { type: 'string' };
const meta = { '@type': str, '@baseType': str, '@schemaLocation': str };
const entityRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { ...meta, '@referredType': str, id: str, href: str, name: str },
};
const note = {
  type: 'object',
  additionalProperties: false,
  required: ['@type'],
  properties: { ...meta, '@type': { const: 'Note' }, id: str, author: str, date: dateTime, text: str },
};
const status = {
  enum: ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'],
};
const statusChange = {
  type: 'object',
  additionalProperties: false,
  required: ['@type'],
  properties: { ...meta, statusChangeDate: dateTime, statusChangeReason: str, status },
};
const relatedParty = {
  type: 'object',
  additionalProperties: false,
  required: ['@type'],
  properties: { ...meta, role: str, partyOrPartyRole: { ...entityRef, required: ['id', '@type'] } },
};
const relatedEntity = {
  type: 'object',
  additionalProperties: false,
  required: ['@type'],
  properties: { ...meta, role: str, entity: entityRef },
};
const relationship = {
  type: 'object',
  additionalProperties: false,
  required: ['@type', 'id'],
  properties: { ...meta, '@referredType': str, id: str, href: str, name: str, relationshipType: str },
};
const characteristic = {
  type: 'object',
  additionalProperties: false,
  required: ['@type', 'name', 'value'],
  properties: {
    ...meta,
    id: str,
    name: str,
    valueType: str,
    value: {},
    characteristicRelationship: { type: 'array' },
  },
};

export const TROUBLE_TICKET = {
  type: 'object',
  additionalProperties: false,
  required: ['@type', 'id', 'href'],
  properties: {
    ...meta,
    '@type': { const: 'TroubleTicket' },
    id: str,
    href: str,
    name: str,
    description: str,
    severity: str,
    ticketType: str,
    attachment: { type: 'array' },
    channel: entityRef,
    creationDate: dateTime,
    requestedResolutionDate: dateTime,
    expectedResolutionDate: dateTime,
    resolutionDate: dateTime,
    externalIdentifier: { type: 'array' },
    lastUpdate: dateTime,
    note: { type: 'array', items: note },
    priority: str,
    relatedEntity: { type: 'array', items: relatedEntity },
    relatedParty: { type: 'array', items: relatedParty },
    status,
    statusChangeDate: dateTime,
    statusChangeReason: str,
    statusChangeHistory: { type: 'array', items: statusChange },
    troubleTicketRelationship: { type: 'array', items: relationship },
    troubleTicketSpecification: entityRef,
    troubleTicketCharacteristic: { type: 'array', items: characteristic },
  },
};

export const ERROR = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'reason', '@type'],
  properties: {
    ...meta,
    code: str,
    reason: str,
    message: str,
    status: { type: 'string', pattern: '^[45]\\d\\d$' },
    referenceError: str,
  },
};

// Hub (Entity: Extensible and Addressable, with callback and query) and the events: Event's own
// fields, the payload of each TroubleTicket…Event (troubleTicket; informationRequired a JsonPatch).
export const HUB = {
  type: 'object',
  additionalProperties: false,
  required: ['callback'],
  properties: { ...meta, id: str, href: str, callback: str, query: str },
};

const jsonPatch = {
  type: 'object',
  additionalProperties: false,
  required: ['op', 'path'],
  properties: {
    op: { enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
    path: str,
    value: {},
    from: str,
  },
};

function event(type: string, payload: Record<string, unknown> = {}) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['@type', 'eventId', 'eventTime', 'eventType', 'event'],
    properties: {
      ...meta,
      '@type': { const: type },
      href: str,
      id: str,
      correlationId: str,
      domain: str,
      title: str,
      description: str,
      priority: str,
      timeOccurred: dateTime,
      source: entityRef,
      reportingSystem: entityRef,
      relatedParty: { type: 'array', items: relatedParty },
      analyticCharacteristic: { type: 'array', items: characteristic },
      eventId: str,
      eventTime: dateTime,
      eventType: { const: type },
      event: {
        type: 'object',
        additionalProperties: false,
        required: ['troubleTicket'],
        properties: { troubleTicket: TROUBLE_TICKET, ...payload },
      },
    },
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = {
  TroubleTicket: ajv.compile(TROUBLE_TICKET),
  Note: ajv.compile(note),
  Error: ajv.compile(ERROR),
  Hub: ajv.compile(HUB),
  TroubleTicketCreateEvent: ajv.compile(event('TroubleTicketCreateEvent')),
  TroubleTicketStatusChangeEvent: ajv.compile(event('TroubleTicketStatusChangeEvent')),
  TroubleTicketAttributeValueChangeEvent: ajv.compile(event('TroubleTicketAttributeValueChangeEvent')),
  TroubleTicketResolvedEvent: ajv.compile(event('TroubleTicketResolvedEvent')),
  TroubleTicketInformationRequiredEvent: ajv.compile(
    event('TroubleTicketInformationRequiredEvent', { informationRequired: jsonPatch }),
  ),
};

/** The problems of `value` against a TMF621 shape; [] when it conforms. */
export function conformance(kind: keyof typeof validators, value: unknown): string[] {
  const v = validators[kind];
  return v(value)
    ? []
    : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

// The TMF621 Error object (code, reason, message, status) for every refusal of the API. hd's own
// typed errors map here: a bad value 400, unknown thing 404, a move the lifecycle refuses 409,
// anything else the rules refuse 422. A failure of hd itself is a 500 without details; a busy or
// unreachable database a 503.
import { HdError, type MessageVars, NotFoundError, RefusedError, UsageError } from '../errors.ts';
import type { MessageKey } from '../i18n.ts';
import { StoreBusy, StoreUnavailable } from '../store/port.ts';

export interface TmfError {
  '@type': 'Error';
  code: string;
  reason: string;
  message: string;
  status: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function tmfError(status: number, code: string, message: string): TmfError {
  return { '@type': 'Error', code, reason: REASONS[status] ?? 'Error', message, status: String(status) };
}

const relatedTicket = (number: string | number) =>
  `POST a new TroubleTicket with troubleTicketRelationship [{"id": "${number}", "relationshipType": "isRelatedTo"}]`;

/**
 * hd's refusals whose CLI text tells the reader to run a command or give a flag (hd extend …,
 * --zone, --restored-at), in the API's own words: the TMF621 attribute to send instead. Keyed by
 * the catalog key the app layer and the domain threw them with (HdError.said); the CLI's wording
 * is the catalog's, unchanged. A refusal not listed here reads as the CLI's.
 */
export const API_WORDS: Partial<Record<MessageKey, (v: MessageVars) => string>> = {
  'change.err.etaSet': (v) =>
    `${v.number} already has an expectedResolutionDate (${v.eta}). A later one is an extension: send it with a note[] entry giving the reason.`,
  'change.err.noEta': (v) =>
    `${v.number} has no expectedResolutionDate yet; a first one is set without a reason.`,
  'change.err.noZone': (v) =>
    `${v.number} has no fault zone yet: add troubleTicketCharacteristic faultZone with the resolution.`,
  'change.err.restoredBeforeOpen': () =>
    'resolutionDate is before the ticket was opened (its creationDate); give when the service came back.',
  'take.err.resolved': (v) =>
    `${v.number} is resolved; reopen it first: PATCH status inProgress with statusChangeReason (why it is not fixed).`,
  'lifecycle.err.cannotMove': (v) =>
    `${v.number} is ${v.from} and its status cannot move to ${v.to}. ${
      v.moves ? `From ${v.from} it can move to: ${v.moves}.` : `A ${v.from} ticket is final.`
    }${v.from === 'closed' ? ` If the fault is back, ${relatedTicket(v.number!)}.` : ''}`,
  'lifecycle.err.closedFinal': (v) =>
    `${v.number} is closed; its notes are final. If the fault is back, ${relatedTicket(v.number!)}.`,
  'lifecycle.err.cancelledFinal': (v) =>
    `${v.number} was cancelled; its notes are final. Work on the ticket it duplicates, or POST a new TroubleTicket.`,
  'fieldJob.err.openJob': (v) =>
    `${v.number} still has an open field job: ${v.jobs}. The helpdesk finishes or cancels it first; then ${v.verb} the ticket.`,
  'fieldJob.err.openJobs': (v) =>
    `${v.number} still has open field jobs: ${v.jobs}. The helpdesk finishes or cancels them first; then ${v.verb} the ticket.`,
  'store.err.noTicket': (v) => `There is no trouble ticket ${v.ticket}; ids look like HD-000123.`,
  'open.err.openedMeanwhile': (v) =>
    `${v.service} got an open ticket meanwhile, at another desk: ${v.ticket}. Add a note to it (PATCH), or POST again with troubleTicketCharacteristic duplicateReason saying why a second ticket.`,
  'intake.err.notChoice': (v) =>
    `troubleTicketCharacteristic intake.${v.key}: "${v.value}" is not an answer to "${v.question}"; one of: ${v.choices}.`,
  'intake.err.needsAnswer': (v) =>
    `troubleTicketCharacteristic intake.${v.key}: "${v.question}" needs an answer.`,
  'intake.err.noQuestion': (v) =>
    `troubleTicketCharacteristic intake.${String(v.flag).split('=')[0]} is not a question of the intake; the keys: ${v.keys}.`,
};

/** An error's message as an API client reads it: API_WORDS for the refusals worded for the CLI. */
export function apiMessage(error: HdError): string {
  const said = error.said;
  const word = said && API_WORDS[said.key];
  return word ? word(said.vars) : error.message;
}

const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
};

/** What the client hears about an error; `internal` is true for a failure of hd itself (logged). */
export function errorReply(error: unknown): { status: number; body: TmfError; internal: boolean } {
  const reply = (status: number, code: string, message: string, internal = false) => ({
    status,
    body: tmfError(status, code, message),
    internal,
  });
  if (error instanceof ApiError) return reply(error.status, error.code, error.message);
  if (error instanceof StoreBusy || error instanceof StoreUnavailable)
    return reply(503, 'UNAVAILABLE', 'The database is busy or unreachable; try again shortly.');
  if (error instanceof NotFoundError) return reply(404, 'NOT_FOUND', apiMessage(error));
  if (error instanceof UsageError) return reply(400, 'INVALID_VALUE', apiMessage(error));
  if (error instanceof RefusedError) return reply(409, 'REFUSED', apiMessage(error));
  if (error instanceof HdError) return reply(422, 'RULE', apiMessage(error));
  // Fastify's own errors (malformed JSON, too large a body, a wrong content type) carry a 4xx.
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  };
  if (e?.validation?.length) {
    // The first problem, naming the field: "body/note/0 must have required property 'text'".
    const v = e.validation[0]!;
    const where = `body${v.instancePath ?? ''}`;
    const extra = v.params?.additionalProperty;
    const allowed = v.params?.allowedValues;
    const message = extra
      ? `${where} has the unknown field "${String(extra)}"; unknown fields are refused.`
      : `${where} ${v.message ?? 'is invalid'}${Array.isArray(allowed) ? `: ${allowed.join(', ')}` : ''}.`;
    return reply(400, 'INVALID_BODY', message);
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // hd's own names, not the framework's: a client's code must not change with a fastify upgrade.
    const code = (typeof e.code === 'string' && FRAMEWORK_CODES[e.code]) || 'BAD_REQUEST';
    const message =
      e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is too large.'
        : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send the body as application/json (PATCH: application/merge-patch+json).'
          : String(e.message ?? 'Bad request');
    return reply(e.statusCode, code, message);
  }
  return reply(500, 'INTERNAL', 'hd failed to handle the request; the server log has the details.', true);
}

/**
 * Text for a log line or a stored error with any URL's user:password@ replaced (also in a
 * percent-encoded URL, as in a query parameter): a password is never logged.
 */
export function redactUserinfo(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1REDACTED@')
    .replace(/\b([a-z][a-z0-9+.-]*%3A%2F%2F)(?:(?!%2F|%3F|%23)[^&\s/?#])*%40/gi, '$1REDACTED%40');
}

/**
 * A request's query holds only the parameters its route takes: an unknown one is refused, not
 * ignored (a mistyped `fields` or a filter the route does not have would otherwise pass unseen).
 */
export function onlyQuery(query: unknown, allowed: readonly string[]): void {
  for (const k of Object.keys((query ?? {}) as object))
    if (!allowed.includes(k))
      throw new ApiError(
        400,
        'INVALID_QUERY',
        `Unknown query parameter ${k}; ${allowed.length ? `this request takes ${allowed.join(', ')}` : 'this request takes none'}.`,
      );
}

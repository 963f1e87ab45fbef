// TMF621 requests into hd's own terms: a POST body into an intake draft, a PATCH into steps of one
// change (app/). Shapes and types are checked by the JSON schemas (api/schemas.ts) before this
// runs; here the values are checked the way the CLI checks its flags, naming the field.
import type { Step } from '../app/change.ts';
import { etaStep, extendStep } from '../app/eta.ts';
import {
  cancelStep,
  closeStep,
  pendingStep,
  reopenStep,
  resolveStep,
  resumeStep,
  takeStep,
} from '../app/lifecycle.ts';
import { logStep, zoneStep } from '../app/log.ts';
import { type NoticeChoice, noticeText } from '../app/notice.ts';
import type { CompleteDraft } from '../app/open.ts';
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { foldKey } from '../domain/fold.ts';
import { parseAnswerFlags } from '../domain/intake.ts';
import { heldByAnother } from '../domain/lifecycle.ts';
import { checkLine, checkText, LIMITS } from '../domain/limits.ts';
import { formatTicketNumber, parseTicketNumber } from '../domain/ticket-number.ts';
import { parseIsoInstant } from '../domain/time.ts';
import {
  CHANNELS,
  type Channel,
  type Contact,
  type Ticket,
  URGENCIES,
  type Urgency,
} from '../domain/types.ts';
import { HdError } from '../errors.ts';
import { t } from '../i18n.ts';
import type { Via } from '../notify.ts';
import { noteIdsOf, ticketExists } from '../store/api.ts';
import { contactsOf, findClients } from '../store/clients.ts';
import { servicesForIntake } from '../store/outages.ts';
import type { Queryable } from '../store/port.ts';
import { listZones } from '../store/reference.ts';
import { ApiError, apiMessage } from './errors.ts';
import { hrefOf, impactOf, TICKET_TYPE } from './tmf.ts';

type Json = Record<string, unknown>;

const invalid = (message: string) => new ApiError(400, 'INVALID_VALUE', message);
const unprocessable = (message: string) => new ApiError(422, 'UNPROCESSABLE', message);

/** Text of a field: hd's limits and character rules, the field named. */
function text(value: unknown, field: string, limit: number, oneLine = false): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(`${field} must be a non-empty string.`);
  try {
    return oneLine ? checkLine(value.trim(), field, limit) : checkText(value.trim(), field, limit);
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

function instant(value: unknown, field: string): number {
  const at = typeof value === 'string' ? parseIsoInstant(value, 'UTC') : null;
  if (!at || !/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)))
    throw invalid(`${field} must be an ISO-8601 date-time with an offset, like 2026-11-25T18:30:00Z.`);
  return at.getTime();
}

interface Characteristics {
  [name: string]: string;
}

/** troubleTicketCharacteristic as name → value; `allowed` names the writable ones. */
function characteristicsOf(list: unknown, allowed: (name: string) => boolean): Characteristics {
  const out: Characteristics = {};
  for (const c of (list as Json[] | undefined) ?? []) {
    const name = String(c.name);
    if (!allowed(name))
      throw unprocessable(
        `troubleTicketCharacteristic "${name}" cannot be set here. Writable: faultZone, clientConfirmedBy, clientConfirmedVia (PATCH); urgency, duplicateReason and intake.<question> (POST).`,
      );
    if (name in out) throw invalid(`troubleTicketCharacteristic "${name}" is given twice.`);
    out[name] = text(c.value, `troubleTicketCharacteristic ${name}`, LIMITS.answer, true);
  }
  return out;
}

async function checkedZone(q: Queryable, code: string): Promise<string> {
  const zones = await listZones(q);
  if (zones.some((z) => z.code === code)) return code;
  throw unprocessable(`Unknown faultZone "${code}"; one of: ${zones.map((z) => z.code).join(', ')}.`);
}

function partyOf(body: Json, role: string): Json | undefined {
  const parties = ((body.relatedParty as Json[] | undefined) ?? []).filter((p) => p.role === role);
  if (parties.length > 1)
    throw invalid(`relatedParty has ${parties.length} entries with role ${role}; give one.`);
  return parties[0]?.partyOrPartyRole as Json | undefined;
}

const ROLES = ['customer', 'reporter'];

export interface DraftOptions {
  /**
   * refuse: a service with an open ticket gets no second one unless the body says why
   * (duplicateReason) or relates the new ticket to the open one, as hd open refuses without
   * --duplicate-ok or --related (POST). allow: hd import, which records tickets that existed.
   */
  duplicates: 'refuse' | 'allow';
}

/** A POST body as an intake draft: client, contact and service found by what other systems hold. */
export async function draftFromBody(
  q: Queryable,
  body: Json,
  options: DraftOptions = { duplicates: 'refuse' },
): Promise<CompleteDraft> {
  for (const field of ['status', 'expectedResolutionDate', 'resolutionDate'])
    if (body[field] !== undefined && !(field === 'status' && body.status === 'acknowledged'))
      throw unprocessable(
        `${field} is set by the helpdesk, not on creation: open the ticket, then PATCH it (a new ticket is acknowledged).`,
      );
  if (body.requestedResolutionDate !== undefined)
    throw unprocessable(
      "requestedResolutionDate is not kept: the client's contract sets the deadlines (troubleTicketCharacteristic sla.* shows them); leave it out.",
    );
  // Fields of the specification that hd does not store: refused, never accepted and dropped.
  if (body.attachment !== undefined)
    throw unprocessable(
      'attachment is not kept by this hd: leave it out, and give a link to the document in a note.',
    );
  if (body.troubleTicketSpecification !== undefined)
    throw unprocessable('troubleTicketSpecification is not kept by this hd: leave it out.');
  if (body.priority !== undefined)
    throw unprocessable(
      'priority is decided by hd from severity (impact) and urgency: give troubleTicketCharacteristic urgency (high, medium, low) instead.',
    );
  if (body.externalIdentifier !== undefined)
    throw unprocessable('externalIdentifier is not kept by this hd yet; leave it out.');
  const impact = impactOf(String(body.severity));
  if (!impact) throw invalid(`severity "${body.severity}" is not one of Critical, Major, Minor, Warning.`);
  if (String(body.ticketType).toLowerCase() !== TICKET_TYPE)
    throw unprocessable(`ticketType "${body.ticketType}": hd records faults, so the only type is incident.`);
  for (const p of (body.relatedParty as Json[] | undefined) ?? [])
    if (!ROLES.includes(String(p.role)))
      throw unprocessable(`relatedParty role "${p.role}" is not taken; give customer and reporter.`);
  const description = text(body.description, 'description', LIMITS.description);
  const summary =
    body.name !== undefined
      ? text(body.name, 'name', LIMITS.summary, true)
      : [...description.split('\n')[0]!.trim()].slice(0, LIMITS.summary).join('');
  const chars = characteristicsOf(
    body.troubleTicketCharacteristic,
    (n) => n === 'urgency' || n === 'duplicateReason' || n.startsWith('intake.'),
  );
  const urgency = (chars.urgency ?? 'medium').toLowerCase() as Urgency;
  if (!URGENCIES.includes(urgency))
    throw invalid(`troubleTicketCharacteristic urgency "${chars.urgency}" is not one of high, medium, low.`);
  let answers: Record<string, string>;
  try {
    answers = parseAnswerFlags(
      Object.entries(chars)
        .filter(([k]) => k.startsWith('intake.'))
        .map(([k, v]) => `${k.slice('intake.'.length)}=${v}`),
      questionnaire(),
    );
  } catch (error) {
    // The questionnaire's own refusals name the characteristic (API_WORDS); a value's length or
    // encoding is named by its question.
    if (error instanceof HdError && error.said) throw unprocessable(apiMessage(error));
    throw unprocessable(
      `troubleTicketCharacteristic intake.*: ${(error as Error).message.replace(/--answer ([^=\s]+)=…?/g, 'intake.$1')}`,
    );
  }
  const channelName =
    body.channel === undefined
      ? 'monitoring'
      : String((body.channel as Json).name ?? (body.channel as Json).id);
  if (!CHANNELS.includes(channelName as Channel))
    throw invalid(`channel "${channelName}" is not one of ${CHANNELS.join(', ')}.`);

  const customer = partyOf(body, 'customer');
  if (!customer?.id)
    throw unprocessable(
      'relatedParty needs the customer: {role: "customer", partyOrPartyRole: {id: CONTRACT-NO, "@type": "PartyRef"}}.',
    );
  const contract = text(customer.id, 'relatedParty customer id', LIMITS.identifier, true);
  const client = await clientByContract(q, contract);
  const contacts = await contactsOf(q, client.id);
  const contact = reporterOf(partyOf(body, 'reporter'), contacts, client.name);
  // With the service's open ticket and active outage: a ticket opened into an outage is linked to
  // it, as with hd open.
  const services = await servicesForIntake(q, client.id);
  const entities = (body.relatedEntity as Json[] | undefined) ?? [];
  if (entities.length > 1) throw unprocessable('relatedEntity: give the one affected service.');
  let service = services.length === 1 ? services[0] : undefined;
  if (entities[0]) {
    const wanted = foldKey(String((entities[0].entity as Json).id ?? ''));
    service = services.find((s) => foldKey(s.serviceId) === wanted);
    if (!service)
      throw unprocessable(
        `${client.name} has no service "${(entities[0].entity as Json).id}"; its services: ${services.map((s) => s.serviceId).join(', ')}.`,
      );
  }
  if (!service)
    throw unprocessable(
      `relatedEntity needs the affected service (role affectedService, entity.id one of ${services.map((s) => s.serviceId).join(', ')}).`,
    );
  let relatedTo: number | null = null;
  const links = (body.troubleTicketRelationship as Json[] | undefined) ?? [];
  if (links.length > 1)
    throw unprocessable('troubleTicketRelationship: a new ticket can be related to one earlier ticket.');
  if (links[0]) relatedTo = await existingTicket(q, String(links[0].id), 'troubleTicketRelationship id');
  const duplicateReason =
    chars.duplicateReason === undefined
      ? undefined
      : text(chars.duplicateReason, 'troubleTicketCharacteristic duplicateReason', LIMITS.note);
  const open = service.openTicket;
  if (options.duplicates === 'refuse' && open && !duplicateReason && relatedTo !== open.id) {
    const number = formatTicketNumber(open.id);
    throw new ApiError(
      409,
      'DUPLICATE',
      `${service.serviceId} already has an open ticket: ${number} (${open.status}, ${open.priority}, href ${hrefOf(open.id)}) "${open.summary}". ` +
        `Add a note to it (PATCH ${hrefOf(open.id)}), or open a new ticket anyway: troubleTicketCharacteristic {"name": "duplicateReason", "value": "why a second ticket"}, ` +
        `or troubleTicketRelationship [{"id": "${number}", "relationshipType": "isRelatedTo"}] when the new fault is related to it.`,
    );
  }
  const notes = ((body.note as Json[] | undefined) ?? []).map((n, i) =>
    text(n.text, `note[${i}].text`, LIMITS.description),
  );
  return {
    ...(duplicateReason ? { duplicateReason } : {}),
    client,
    contact,
    service,
    channel: channelName as Channel,
    impact,
    urgency,
    summary,
    description,
    answers,
    relatedTo,
    notes,
  };
}

async function clientByContract(q: Queryable, contract: string) {
  const found = (await findClients(q, contract, null)).filter(
    (m) => foldKey(m.client.contractNo) === foldKey(contract),
  );
  if (found.length !== 1)
    // hd serve answers in English (it sets the language while serving); hd import in the operator's.
    throw unprocessable(t('import.problem.noClient', { contract }));
  return found[0]!.client;
}

function reporterOf(ref: Json | undefined, contacts: Contact[], clientName: string): Contact {
  if (!ref) {
    if (contacts.length === 1) return contacts[0]!;
    throw unprocessable(
      `relatedParty needs the reporter (role reporter, partyOrPartyRole id or name): ${clientName} has ${contacts.length} contacts.`,
    );
  }
  const id = ref.id === undefined ? undefined : String(ref.id);
  const name = ref.name === undefined ? undefined : foldKey(String(ref.name));
  const match = contacts.find((c) => (id !== undefined ? String(c.id) === id : foldKey(c.name) === name));
  if (!match)
    throw unprocessable(
      `The reporter ${id ?? String(ref.name)} is not a contact of ${clientName}; known: ${contacts.map((c) => `${c.id} ${c.name}`).join(', ')}.`,
    );
  return match;
}

async function existingTicket(q: Queryable, idText: string, field: string): Promise<number> {
  let id: number;
  try {
    id = parseTicketNumber(idText);
  } catch {
    throw invalid(`${field} "${idText}" is not a ticket id like HD-000123.`);
  }
  if (!(await ticketExists(q, id))) throw unprocessable(`${field}: there is no ticket ${idText}.`);
  return id;
}

/** How the API tells the client: an e-mail to those who read it, else a call owed by the desk. */
function telling(contact: Contact, told: string): { via: Via; choice: NoticeChoice; told: string } {
  const choice: NoticeChoice = contact.preferredChannel === 'phone' ? { via: 'none' } : { via: 'email' };
  const via: Via = contact.preferredChannel === 'phone' ? 'phone' : 'email';
  return { via, choice, told: noticeText(choice, told) };
}

const READ_ONLY = [
  'id',
  'href',
  'name',
  'description',
  'severity',
  'priority',
  'ticketType',
  'channel',
  'relatedEntity',
  'troubleTicketRelationship',
  'creationDate',
  'lastUpdate',
  'statusChangeDate',
  'statusChangeHistory',
  'externalIdentifier',
  'requestedResolutionDate',
  'attachment',
  'troubleTicketSpecification',
];

/**
 * A merge-patch as the steps of one change, in the order a person would type them: the new notes
 * (their text is also the reason for an ETA change or a status move), the fault zone, the ETA,
 * then the status. Values are checked against the ticket as read now; each step checks again in
 * the transaction.
 */
export async function stepsFromPatch(
  ctx: Context,
  q: Queryable,
  ticket: Ticket,
  contact: Contact,
  body: Json,
): Promise<Step[]> {
  for (const field of READ_ONLY)
    if (body[field] !== undefined)
      throw unprocessable(
        `${field} cannot be changed through the API (it is set at opening or by the helpdesk). Writable: status, statusChangeReason, expectedResolutionDate, resolutionDate, note, troubleTicketCharacteristic.`,
      );
  const steps: Step[] = [];
  // The caller named as the assignee: it takes the ticket, over another holder if there is one.
  const takeOver = assigneeOf(body, ctx.operator);
  const newNotes: string[] = [];
  const notes = (body.note as Json[] | undefined) ?? [];
  // Notes already on THIS ticket (their id as GET shows it) are echoed back by merge-patch clients:
  // kept as they are. Any other id (a monitoring tool's own) is a new note; hd has no place for a
  // note's external id, so that id is not kept, but the note never silently dropped.
  const echoed = await noteIdsOf(
    q,
    ticket.id,
    notes.flatMap((n) => (typeof n.id === 'string' && /^[1-9][0-9]{0,14}$/.test(n.id) ? [Number(n.id)] : [])),
  );
  for (const [i, n] of notes.entries()) {
    if (typeof n.id === 'string' && echoed.has(n.id)) continue;
    newNotes.push(text(n.text, `note[${i}].text`, LIMITS.description));
  }
  for (const note of newNotes) steps.push(logStep({ kind: 'note', body: note }));
  const reasonText =
    body.statusChangeReason !== undefined
      ? text(body.statusChangeReason, 'statusChangeReason', LIMITS.note)
      : newNotes.length
        ? newNotes.join(' ').slice(0, LIMITS.note)
        : undefined;
  const chars = characteristicsOf(body.troubleTicketCharacteristic, (n) =>
    ['faultZone', 'clientConfirmedBy', 'clientConfirmedVia'].includes(n),
  );
  const zone = chars.faultZone !== undefined ? await checkedZone(q, chars.faultZone) : undefined;
  const status = body.status as string | undefined;
  // A zone given with the resolution goes with it, as hd resolve --zone does.
  if (zone !== undefined && zone !== ticket.zone && status !== 'resolved')
    steps.push(zoneStep(zone, undefined));
  if (body.expectedResolutionDate !== undefined) {
    const eta = instant(body.expectedResolutionDate, 'expectedResolutionDate');
    if (ticket.eta === null) steps.push(etaStep(ctx, eta, telling(contact, 'told')));
    else if (eta !== ticket.eta) {
      // MEF 124 R22: a changed ETA says why; the reason is the note sent with it, else the
      // statusChangeReason (README: either is the reason where one is needed).
      const why = newNotes.length ? newNotes.join(' ').slice(0, LIMITS.note) : reasonText;
      if (why === undefined)
        throw unprocessable(
          'A changed expectedResolutionDate needs a note giving the reason: add {"note": [{"text": "why it takes longer", "@type": "Note"}]} (or a statusChangeReason).',
        );
      steps.push(extendStep(ctx, { byMs: null, toMs: eta }, why, telling(contact, 'told')));
    }
  }
  if (body.resolutionDate !== undefined && status !== 'resolved')
    throw unprocessable('resolutionDate is given with status resolved (when the service came back).');
  // hd take first (as a person takes a ticket, then works it), unless the status move is the take.
  const takes = status === 'inProgress' && ticket.status === 'acknowledged';
  if (takeOver && !takes) steps.push(takeStep(ctx.operator));
  if (status !== undefined && status !== ticket.status)
    steps.push(await statusStep(ctx, ticket, contact, status, reasonText, zone, chars, body, takeOver));
  else if (status === undefined && (chars.clientConfirmedBy || chars.clientConfirmedVia))
    throw unprocessable('clientConfirmedBy and clientConfirmedVia go with status closed.');
  // status inProgress on a ticket another holds, with notes or other changes: the caller means to
  // work it, so the take is decided first (on the locked row) and, refused, nothing is written.
  if (
    !takeOver &&
    steps.length > 0 &&
    status === 'inProgress' &&
    ticket.status === 'inProgress' &&
    heldByAnother(ticket, ctx.operator)
  )
    steps.unshift(takeOverOnPurpose(ctx.operator, false));
  if (steps.length === 0) {
    // status inProgress on a ticket someone else is working on (taken in hd, by another department,
    // or imported so): the caller means to work it, so it is refused as a take without the
    // take-over (409 HELD_BY_ANOTHER, decided on the locked row), not as an empty patch.
    if (status === 'inProgress' && ticket.status === 'inProgress' && heldByAnother(ticket, ctx.operator))
      return [takeOverOnPurpose(ctx.operator, false)];
    throw unprocessable('The patch changes nothing.');
  }
  return steps;
}

async function statusStep(
  ctx: Context,
  ticket: Ticket,
  contact: Contact,
  status: string,
  reason: string | undefined,
  zone: string | undefined,
  chars: Characteristics,
  body: Json,
  takeOver: boolean,
): Promise<Step> {
  const need = (what: string) => {
    if (reason === undefined)
      throw unprocessable(`status ${status} needs ${what}: give statusChangeReason (or a note).`);
    return reason;
  };
  switch (status) {
    case 'inProgress':
      if (ticket.status === 'pending') return resumeStep(reason);
      if (ticket.status === 'resolved') return reopenStep(need('the reason it is not fixed'));
      return takeOverOnPurpose(ctx.operator, takeOver);
    case 'pending':
      return pendingStep(need('what the ticket waits for'), null, ctx.timeZone);
    case 'resolved': {
      const summary = need('the resolution (what restored the service)');
      const now = ctx.now().getTime();
      const restoredAt =
        body.resolutionDate === undefined ? now : instant(body.resolutionDate, 'resolutionDate');
      if (restoredAt > now)
        throw unprocessable('resolutionDate is in the future; give when the service came back.');
      if (!zone && !ticket.zone)
        throw unprocessable(
          `${formatTicketNumber(ticket.id)} has no fault zone yet: add troubleTicketCharacteristic faultZone with the resolution.`,
        );
      const t = telling(contact, 'informed');
      return resolveStep(ctx, {
        summary: [...summary].slice(0, LIMITS.summary).join(''),
        zone,
        restoredAt,
        via: t.via,
        choice: t.choice,
        informed: t.told,
      });
    }
    case 'closed': {
      const by = chars.clientConfirmedBy;
      const via = chars.clientConfirmedVia;
      if (!by || !via)
        throw unprocessable(
          "status closed needs the client's confirmation: troubleTicketCharacteristic clientConfirmedBy (who at the client) and clientConfirmedVia (phone or email).",
        );
      if (via !== 'phone' && via !== 'email')
        throw invalid(`clientConfirmedVia "${via}" is not phone or email.`);
      const choice: NoticeChoice = contact.preferredChannel === 'phone' ? { via: 'none' } : { via: 'email' };
      return closeStep(ctx, {
        confirmedBy: checkLine(by, 'clientConfirmedBy', LIMITS.name),
        via,
        note: reason,
        choice,
      });
    }
    case 'cancelled':
      return cancelStep(need('why it is cancelled'), null);
    case 'acknowledged':
      throw new ApiError(409, 'REFUSED', `${ticket.status} cannot move back to acknowledged.`);
    case 'rejected':
    case 'held':
      throw unprocessable(
        `hd has no ${status} status: a ticket opened in error or refused is cancelled (with the reason); one waiting on the client or a third party is pending.`,
      );
    default:
      throw invalid(`status "${status}" is not a TMF621 status.`);
  }
}

/**
 * relatedParty in a PATCH: only the assignee, and only the caller (the token's name) — the way a
 * system says "we take this ticket", over whoever holds it. true when it is given.
 */
function assigneeOf(body: Json, operator: string): boolean {
  const parties = (body.relatedParty as Json[] | undefined) ?? [];
  if (parties.length === 0) return false;
  for (const p of parties)
    if (p.role !== 'assignee')
      throw unprocessable(
        `relatedParty role "${p.role}" cannot be changed through the API (customer and reporter are set at opening); a PATCH takes only the assignee.`,
      );
  const ref = partyOf(body, 'assignee');
  const named = ref?.id ?? ref?.name;
  if (named !== operator)
    throw unprocessable(
      `relatedParty assignee "${String(named)}": through the API a ticket is taken by the caller itself, so give partyOrPartyRole id "${operator}" (the token's name). Assigning to someone else is done in hd (hd assign).`,
    );
  return true;
}

/**
 * hd take: refused on a ticket someone else holds unless the caller took it over on purpose
 * (named itself as the assignee), as hd take refuses without --over. Decided on the row read for
 * the change, so of two departments taking one ticket at once, one gets it.
 */
function takeOverOnPurpose(operator: string, takeOver: boolean): Step {
  const take = takeStep(operator);
  return {
    decide: (d) => {
      const holder = heldByAnother(d.ticket, operator);
      if (holder && !takeOver)
        throw new ApiError(
          409,
          'HELD_BY_ANOTHER',
          `${formatTicketNumber(d.ticket.id)} is held by ${holder}. To take it over, send the PATCH with relatedParty [{"role": "assignee", "partyOrPartyRole": {"id": "${operator}", "@type": "PartyRef"}}] (the timeline keeps ${holder} as the previous holder), or ask ${holder} first.`,
        );
      return take.decide(d);
    },
  };
}

// A line of hd import (a TMF621 TroubleTicket from another system, or from hd export) in hd's
// terms: the opening as POST /troubleTicket would take it (the same schema and the same checks,
// api/input.ts), and the history it had there (domain/import.ts). Every value is checked before
// anything is written; a problem is thrown as ImportRefused naming the field.
import type { CompleteDraft } from '../app/open.ts';
import { type ImportedHistory, ImportRefused } from '../domain/import.ts';
import { checkLine, checkText, LIMITS } from '../domain/limits.ts';
import { parseIsoInstant } from '../domain/time.ts';
import { PRIORITIES, type Priority, type Status } from '../domain/types.ts';
import type { Queryable } from '../store/port.ts';
import { listZones } from '../store/reference.ts';
import { draftFromBody } from './input.ts';
import { schemaProblem } from './schema-check.ts';
import { IMPORT_LINE } from './schemas.ts';
import { STATUS_FROM_TMF } from './tmf.ts';

type Json = Record<string, unknown>;

export interface ImportedTicket {
  draft: CompleteDraft;
  /** The priority the other system gave, when it is one of hd's (kept, the matrix's noted). */
  priority: Priority | undefined;
  history: ImportedHistory;
}

const refused = (message: string) => new ImportRefused(message);

function instant(value: unknown, field: string, now: number): number {
  const text = String(value);
  const at =
    typeof value === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? parseIsoInstant(text, 'UTC') : null;
  if (!at) throw refused(`${field} must be an ISO-8601 date-time with an offset, like 2026-11-25T18:30:00Z`);
  if (at.getTime() > now) throw refused(`${field} ${text} is in the future`);
  return at.getTime();
}

function line(value: unknown, field: string, limit: number): string {
  if (typeof value !== 'string' || !value.trim()) throw refused(`${field} must be a non-empty string`);
  try {
    return checkLine(value.trim(), field, limit);
  } catch (error) {
    throw refused((error as Error).message);
  }
}

function textOf(value: unknown, field: string, limit: number): string {
  if (typeof value !== 'string' || !value.trim()) throw refused(`${field} must be a non-empty string`);
  try {
    return checkText(value.trim(), field, limit);
  } catch (error) {
    throw refused((error as Error).message);
  }
}

/** The characteristics hd reads on import; the rest (impact, the SLA figures, others') is hd's to work out. */
const READ_CHARACTERISTICS = ['urgency', 'faultZone', 'clientConfirmedBy', 'clientConfirmedVia'];

export interface ImportContext {
  /** The source of lines without externalIdentifier (hd import --source). */
  source: string;
  now: number;
  /** Zone codes, read once per import. */
  zones: string[];
}

export async function zonesFor(q: Queryable): Promise<string[]> {
  return (await listZones(q)).map((z) => z.code);
}

/** One line's TroubleTicket, checked and in hd's terms. */
export async function importedTicketOf(
  q: Queryable,
  doc: unknown,
  c: ImportContext,
): Promise<ImportedTicket> {
  const problem = schemaProblem(IMPORT_LINE, doc);
  if (problem) throw refused(problem.replace(/^body/, 'the TroubleTicket'));
  const t = doc as Json;
  const chars = new Map<string, unknown>();
  for (const ch of (t.troubleTicketCharacteristic as Json[] | undefined) ?? []) {
    const name = String(ch.name);
    if (!READ_CHARACTERISTICS.includes(name) && !name.startsWith('intake.')) continue;
    if (chars.has(name)) throw refused(`troubleTicketCharacteristic "${name}" is given twice`);
    chars.set(name, ch.value);
  }
  const parties = (t.relatedParty as Json[] | undefined) ?? [];
  // The opening, as POST takes it. A reporter is found by name where there is one: contact ids
  // are this database's own, names travel between systems.
  const body: Json = {
    '@type': t['@type'],
    description: t.description === '' && typeof t.name === 'string' ? t.name : t.description,
    severity: t.severity,
    ticketType: t.ticketType,
    ...(t.name !== undefined ? { name: t.name } : {}),
    ...(t.channel !== undefined ? { channel: t.channel } : {}),
    ...(t.relatedEntity !== undefined ? { relatedEntity: t.relatedEntity } : {}),
    relatedParty: parties
      .filter((p) => p.role === 'customer' || p.role === 'reporter')
      .map((p) => {
        const ref = p.partyOrPartyRole as Json;
        return p.role === 'reporter' && typeof ref.name === 'string' && ref.name
          ? { role: p.role, partyOrPartyRole: { name: ref.name } }
          : { role: p.role, partyOrPartyRole: ref };
      }),
    troubleTicketCharacteristic: [...chars]
      .filter(([name]) => name === 'urgency' || name.startsWith('intake.'))
      .map(([name, value]) => ({ name, value })),
  };
  let draft: CompleteDraft;
  try {
    draft = await draftFromBody(q, body, { duplicates: 'allow' });
  } catch (error) {
    throw refused((error as Error).message.replace(/\.$/, ''));
  }
  // An empty description (hd open without --description) stays empty.
  if (t.description === '') draft.description = '';

  let priority: Priority | undefined;
  if (t.priority !== undefined) {
    if (!PRIORITIES.includes(t.priority as Priority))
      throw refused(`priority "${t.priority}" is not one of ${PRIORITIES.join(', ')}`);
    priority = t.priority as Priority;
  }

  const external = ((t.externalIdentifier as Json[] | undefined) ?? [])[0];
  const source =
    external?.owner !== undefined ? line(external.owner, 'externalIdentifier owner', LIMITS.name) : c.source;
  const externalId =
    external !== undefined
      ? line(external.id, 'externalIdentifier id', LIMITS.name)
      : t.id !== undefined
        ? line(t.id, 'id', LIMITS.name)
        : (() => {
            throw refused(
              'the ticket needs its id in the other system: externalIdentifier [{"owner": "SYSTEM", "id": "…"}], or id',
            );
          })();

  const openedAt = instant(t.creationDate, 'creationDate', c.now);
  const after = (at: number, field: string) => {
    if (at < openedAt) throw refused(`${field} is before creationDate`);
    return at;
  };
  const statusOf = (value: unknown, field: string): Status => {
    const s = STATUS_FROM_TMF[String(value)];
    if (!s) throw refused(`${field} "${value}" is not a TMF621 status`);
    return s;
  };
  const moves = ((t.statusChangeHistory as Json[] | undefined) ?? [])
    .map((h, i) => ({
      status: statusOf(h.status, `statusChangeHistory[${i}].status`),
      at:
        h.statusChangeDate === undefined
          ? openedAt
          : after(
              instant(h.statusChangeDate, `statusChangeHistory[${i}].statusChangeDate`, c.now),
              `statusChangeHistory[${i}].statusChangeDate`,
            ),
      reason:
        h.statusChangeReason === undefined || h.statusChangeReason === ''
          ? ''
          : textOf(h.statusChangeReason, `statusChangeHistory[${i}].statusChangeReason`, LIMITS.note),
      i,
    }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ i: _i, ...m }) => m);
  const status = t.status === undefined ? 'acknowledged' : statusOf(t.status, 'status');
  const lastUpdate =
    t.lastUpdate === undefined ? null : after(instant(t.lastUpdate, 'lastUpdate', c.now), 'lastUpdate');
  const statusAt =
    t.statusChangeDate !== undefined
      ? after(instant(t.statusChangeDate, 'statusChangeDate', c.now), 'statusChangeDate')
      : (lastUpdate ?? openedAt);
  const statusReason =
    t.statusChangeReason === undefined || t.statusChangeReason === ''
      ? ''
      : textOf(t.statusChangeReason, 'statusChangeReason', LIMITS.note);

  const assigneeRef = parties.find((p) => p.role === 'assignee')?.partyOrPartyRole as Json | undefined;
  const assignee =
    assigneeRef === undefined
      ? null
      : line(assigneeRef.name ?? assigneeRef.id, 'relatedParty assignee name', LIMITS.name);
  let zone: string | null = null;
  if (chars.has('faultZone')) {
    zone = line(chars.get('faultZone'), 'troubleTicketCharacteristic faultZone', LIMITS.identifier);
    if (!c.zones.includes(zone))
      throw refused(
        `faultZone "${zone}" is not one of hd's zones (${c.zones.join(', ')}); map it to one, or leave it out`,
      );
  }
  const confirmedBy = chars.has('clientConfirmedBy')
    ? line(chars.get('clientConfirmedBy'), 'troubleTicketCharacteristic clientConfirmedBy', LIMITS.name)
    : null;
  const via = chars.get('clientConfirmedVia');
  if (via !== undefined && via !== 'phone' && via !== 'email')
    throw refused(`clientConfirmedVia "${via}" is not phone or email`);
  const notes = ((t.note as Json[] | undefined) ?? []).map((n, i) => ({
    at: n.date === undefined ? openedAt : after(instant(n.date, `note[${i}].date`, c.now), `note[${i}].date`),
    author: n.author === undefined ? source : line(n.author, `note[${i}].author`, LIMITS.name),
    text: textOf(n.text, `note[${i}].text`, LIMITS.description),
  }));
  return {
    draft,
    priority,
    history: {
      openedAt,
      moves,
      status,
      statusAt,
      statusReason,
      assignee,
      zone,
      eta:
        t.expectedResolutionDate === undefined
          ? null
          : instantAny(t.expectedResolutionDate, 'expectedResolutionDate'),
      restoredAt:
        t.resolutionDate === undefined
          ? null
          : after(instant(t.resolutionDate, 'resolutionDate', c.now), 'resolutionDate'),
      confirmedBy,
      confirmedVia: (via as 'phone' | 'email' | undefined) ?? null,
      notes,
      source,
      externalId,
      lastUpdate,
    },
  };
}

/** An ETA may lie ahead. */
function instantAny(value: unknown, field: string): number {
  return instant(value, field, Number.MAX_SAFE_INTEGER);
}

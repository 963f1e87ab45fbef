// Mass outages (issue 14): one network fault, many clients. The outage record, its number, its
// timeline's hash chain. Pure: no I/O, times passed in. Cascades to the linked tickets run in the
// app layer; each linked ticket keeps its own events, notices and deadlines under its own contract.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.ts';
import { shown } from '../ui/text.ts';

export type OutageStatus = 'active' | 'resolved' | 'cancelled';

export interface Outage {
  id: number;
  summary: string;
  zone: string | null;
  status: OutageStatus;
  startedAt: number;
  eta: number | null;
  openedAt: number;
  openedBy: string;
  resolvedAt: number | null;
  resolution: string | null;
  updatedAt: number;
}

/** An outage event as stored: `payload` is the JSON text exactly as written. */
export interface StoredOutageEvent {
  id: number;
  outageId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload: string;
  hash: string;
}

/** `OUT-000012` for people; commands accept that, `out-12` or plain `12`. */
export function formatOutageNumber(id: number): string {
  return `OUT-${String(id).padStart(6, '0')}`;
}

export function parseOutageNumber(text: string): number {
  const match = /^\s*(?:out-?)?0*(\d{1,12})\s*$/i.exec(text);
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(`"${shown(text)}" is not an outage number. Use the form OUT-000012 or just 12.`);
  return id;
}

/**
 * hash = SHA-256(prev_hash, canonical fields), hex, chained per outage as ticket events are per
 * ticket (src/domain/audit.ts). The leading "outage" keeps an outage event's hash apart from any
 * ticket event's with the same fields.
 */
export function outageEventHash(
  prev: string,
  e: Pick<StoredOutageEvent, 'outageId' | 'at' | 'actor' | 'kind' | 'text' | 'payload'>,
): string {
  return createHash('sha256')
    .update(prev)
    .update('\n')
    .update(JSON.stringify(['outage', e.outageId, e.at, e.actor, e.kind, e.text, e.payload]))
    .digest('hex');
}

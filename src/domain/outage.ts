// Mass outages (issue 14): one network fault, many clients. The outage record, its number, its
// timeline's hash chain. Pure: no I/O, times passed in. Cascades to the linked tickets run in the
// app layer; each linked ticket keeps its own events, notices and deadlines under its own contract.

import { crypto } from '../builtin.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { shown } from '../ui/text.ts';
import { codeKey, foldKey } from './fold.ts';

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
  const match = /^(?:out-?)?0*(\d{1,12})$/.exec(codeKey(text));
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(t('outageDomain.err.number', { value: shown(text) }));
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
  return crypto()
    .createHash('sha256')
    .update(prev)
    .update('\n')
    .update(JSON.stringify(['outage', e.outageId, e.at, e.actor, e.kind, e.text, e.payload]))
    .digest('hex');
}

/** A network element as typed: a PoP, node, switch or cable segment ("NODE-MSQ-17", "SW-17-3"). */
const ELEMENT = /^[\p{L}\p{N}][\p{L}\p{N}._:/#-]{0,63}$/u;

/**
 * The network elements of a list as typed, comma-separated ("POP-MSQ-1, NODE-MSQ-17"),
 * in order, each once by its folded key (src/domain/fold.ts). A malformed identifier is refused
 * by name; `what` names the flag in the message.
 */
export function parseElements(texts: readonly string[], what: string): { element: string; key: string }[] {
  const out: { element: string; key: string }[] = [];
  for (const text of texts) {
    // Commas only: "POP MSQ 1" is one malformed identifier, refused, not three elements.
    for (const element of text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      if (!ELEMENT.test(element))
        throw new UsageError(t('outageDomain.err.element', { value: shown(element), what }));
      const key = foldKey(element);
      if (!out.some((e) => e.key === key)) out.push({ element, key });
    }
  }
  return out;
}

export const ACTIVE_OUTAGE: OutageStatus = 'active';

/**
 * Checks an outage's start and ETA against `now`: a start in the future or an ETA already passed
 * (or before the start) is refused. Returns nothing; throws RefusedError naming the time.
 */
export function checkOutageTimes(
  startedAt: number,
  eta: number | null,
  now: number,
  show: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): void {
  if (startedAt > now + 60_000)
    throw new RefusedError(t('outageDomain.err.future', { started: show(startedAt) }));
  if (eta !== null && eta <= now) throw new RefusedError(t('outageDomain.err.etaPassed', { eta: show(eta) }));
  if (eta !== null && eta <= startedAt)
    throw new RefusedError(
      t('outageDomain.err.etaBeforeStart', { eta: show(eta), started: show(startedAt) }),
    );
}

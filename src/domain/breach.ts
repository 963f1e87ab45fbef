// What is late, or about to be, on one ticket at `now`: one row per breach, with the next action.
import { formatDuration } from './time.ts';

export const BREACH_KINDS = [
  'response',
  'update',
  'eta',
  'restore',
  'onsite',
  'hardware',
  'confirm',
  'pendingUntil',
] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export const BREACH_LABELS: Record<BreachKind, string> = {
  response: 'response (call-back)',
  update: 'client update',
  eta: 'ETA passed',
  restore: 'restore',
  onsite: 'engineer on site',
  hardware: 'hardware replacement',
  confirm: 'client confirmation',
  pendingUntil: 'pending wait over',
};

export interface Breach {
  ticketId: number;
  kind: BreachKind;
  due: number;
  /** Positive: overdue by; negative: due in (a near breach). */
  late: number;
  overdue: boolean;
  nextAction: string;
}

function nextAction(n: number, kind: BreachKind, late: number): string {
  const when =
    late > 0
      ? `was due ${formatDuration(late)} ago`
      : late === 0
        ? 'is due now'
        : `is due in ${formatDuration(-late)}`;
  switch (kind) {
    case 'response':
      return `call the client back: the response ${when} (hd take ${n}, or hd log ${n} call …)`;
    case 'update':
      return `call the client: the update ${when} (hd log ${n} call … --outcome reached)`;
    case 'eta':
      return `tell the client the time is longer: the ETA ${when} (hd extend ${n} --by … --reason …)`;
    case 'restore':
      return `escalate: the restore ${when}`;
    case 'onsite':
      return `chase the engineer: on-site arrival ${when} (hd dispatch update ${n} on-site)`;
    case 'hardware':
      return `replace the faulty part: the replacement ${when} (hd replace ${n} …)`;
    case 'confirm':
      return `call the client to confirm: confirmation ${when} (hd close ${n} --confirmed-by … --via phone)`;
    case 'pendingUntil':
      return `the wait ${late > 0 ? `ended ${formatDuration(late)} ago` : late === 0 ? 'ends now' : `ends in ${formatDuration(-late)}`}: hd resume ${n}, or pending again with a new --until`;
  }
}

/**
 * The breach of one deadline at `now`: overdue once now is past it ("not a minute before"), or a
 * near breach when it is still ahead. Which deadlines can be breached in which status is decided
 * by the SLA scopes (store/migrations/002_sla_indexes.ts), which the indexes and counts share.
 */
export function breachAt(ticketId: number, kind: BreachKind, due: number, now: number): Breach {
  const late = now - due;
  return { ticketId, kind, due, late, overdue: late > 0, nextAction: nextAction(ticketId, kind, late) };
}

// What is late, or about to be, on one ticket at `now`: one row per breach, with the next action.
import { formatDuration } from './time.ts';
import type { Ticket } from './types.ts';

/** The part of a ticket that decides its breaches. */
export type BreachInput = Pick<
  Ticket,
  | 'id'
  | 'status'
  | 'eta'
  | 'respondedAt'
  | 'restoredAt'
  | 'onsiteAt'
  | 'hardwareAt'
  | 'pendingUntil'
  | 'deadlines'
>;

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

/** Whether each deadline can still be breached in the ticket's status (mirrors the SLA indexes). */
function dueOf(t: BreachInput, kind: BreachKind): number | null {
  const open = t.status === 'acknowledged' || t.status === 'inProgress';
  switch (kind) {
    case 'response':
      return t.respondedAt === null && (open || t.status === 'pending') ? t.deadlines.response : null;
    case 'update':
      return open ? t.deadlines.update : null;
    case 'eta':
      return open || t.status === 'pending' ? t.eta : null;
    case 'restore':
      return open && t.restoredAt === null ? t.deadlines.restore : null;
    case 'onsite':
      return open && t.onsiteAt === null ? t.deadlines.onsite : null;
    case 'hardware':
      return open && t.hardwareAt === null ? t.deadlines.hardware : null;
    case 'confirm':
      return t.status === 'resolved' ? t.deadlines.confirm : null;
    case 'pendingUntil':
      return t.status === 'pending' ? t.pendingUntil : null;
  }
}

function nextAction(t: BreachInput, kind: BreachKind, late: number): string {
  const n = t.id;
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

/** Breaches of one ticket: overdue, or (with a horizon) due before now + horizon. */
export function breachesOf(t: BreachInput, now: number, horizon = 0): Breach[] {
  const out: Breach[] = [];
  for (const kind of BREACH_KINDS) {
    const due = dueOf(t, kind);
    if (due === null || due >= now + horizon) continue;
    // "Not a minute before": a deadline is breached only once now is past it.
    const late = now - due;
    out.push({ ticketId: t.id, kind, due, late, overdue: late > 0, nextAction: nextAction(t, kind, late) });
  }
  return out;
}

const PRIORITY_RANK: Record<string, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/** Most severe first: overdue before near breaches, then priority, then the longest late. */
export function bySeverity<T extends { breach: Breach; priority: string }>(a: T, b: T): number {
  if (a.breach.overdue !== b.breach.overdue) return a.breach.overdue ? -1 : 1;
  const p = (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9);
  if (p !== 0) return p;
  return b.breach.late - a.breach.late || a.breach.ticketId - b.breach.ticketId;
}

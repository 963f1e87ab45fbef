// Every deadline a ticket can have, declared once: what people call it, whether pending pauses
// it, how it is met, what to do when it is late, and when it can be breached. The views (show,
// list, sla, hand-over, report) read the TypeScript predicate below; the SQL that finds breaches
// and the partial SLA indexes (migration 011, "pauses never hide a breach") use the scope generated from the same row, and a
// test checks both agree on generated tickets and that the indexes match the generated SQL.
import { type Lang, language, t } from '../i18n.ts';
import { formatSpan } from '../ui/time.ts';
import type { Status, TellKind, Ticket } from './types.ts';

export const DEADLINE_KINDS = [
  'response',
  'update',
  'eta',
  'restore',
  'onsite',
  'hardware',
  'confirm',
  'pendingUntil',
  'told',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The part of a ticket its deadlines are judged from. */
export type DeadlineInput = Pick<
  Ticket,
  | 'status'
  | 'respondedAt'
  | 'restoredAt'
  | 'onsiteAt'
  | 'hardwareAt'
  | 'closedAt'
  | 'deadlines'
  | 'eta'
  | 'pendingSince'
  | 'pendingUntil'
  | 'tellDue'
  | 'tellKind'
>;

/** The statuses in which work runs and every running deadline can be breached. */
const WORKING: readonly Status[] = ['acknowledged', 'inProgress'];

export interface DeadlineRow {
  kind: DeadlineKind;
  // Its name for people (deadlineLabel) and its next action (nextAction) are messages in the
  // interface language: data/i18n/*.json, deadline.<kind> and next.<kind>.
  /**
   * Pending pauses it, but only while it is still ahead: a deadline already passed when the
   * ticket went pending stays breached, and only the paused ones move on resume.
   */
  pausable: boolean;
  /** The statuses in which it runs (a pausable one also while pending, once passed). */
  statuses: readonly Status[];
  /** When it is due, and the column that holds it. */
  due: (t: DeadlineInput) => number | null;
  dueColumn: string;
  /** When it was met, and the column; null where it is met by being cleared. */
  met: ((t: DeadlineInput) => number | null) | null;
  metColumn: string | null;
  /** How it is met, in words. */
  metBy: string;
  /** Index columns beyond the due one, the scope's and the filters': the breach row is read from the index alone. */
  extraColumns?: readonly string[];
  /** Due on few tickets: its index holds only those that have it. */
  sparse?: boolean;
}

export const DEADLINES: readonly DeadlineRow[] = [
  {
    kind: 'response',
    pausable: false,
    statuses: ['acknowledged', 'inProgress', 'pending'],
    due: (t) => t.deadlines.response,
    dueColumn: 'response_due',
    met: (t) => t.respondedAt,
    metColumn: 'responded_at',
    metBy:
      'the ticket is taken (hd take) or a call-back reaches the client (an unanswered call is an attempt)',
  },
  {
    kind: 'update',
    pausable: true,
    statuses: WORKING,
    due: (t) => t.deadlines.update,
    dueColumn: 'update_due',
    met: null,
    metColumn: null,
    metBy: 'a call that reaches the client or a delivered e-mail restarts it',
  },
  {
    kind: 'eta',
    pausable: false,
    statuses: ['acknowledged', 'inProgress', 'pending'],
    due: (t) => t.eta,
    dueColumn: 'eta',
    met: (t) => t.restoredAt,
    metColumn: 'restored_at',
    metBy: 'the service is restored by then (hd resolve), or the client is told it takes longer (hd extend)',
  },
  {
    kind: 'restore',
    pausable: true,
    statuses: WORKING,
    due: (t) => t.deadlines.restore,
    dueColumn: 'restore_due',
    met: (t) => t.restoredAt,
    metColumn: 'restored_at',
    metBy: 'the service is restored (hd resolve)',
  },
  {
    kind: 'onsite',
    pausable: true,
    statuses: WORKING,
    due: (t) => t.deadlines.onsite,
    dueColumn: 'onsite_due',
    met: (t) => t.onsiteAt,
    metColumn: 'onsite_at',
    metBy: 'the engineer arrives (hd dispatch update … on-site)',
  },
  {
    kind: 'hardware',
    pausable: true,
    statuses: WORKING,
    due: (t) => t.deadlines.hardware,
    dueColumn: 'hardware_due',
    met: (t) => t.hardwareAt,
    metColumn: 'hardware_at',
    metBy: 'the faulty part is replaced (hd replace)',
  },
  {
    kind: 'confirm',
    pausable: false,
    statuses: ['resolved'],
    due: (t) => t.deadlines.confirm,
    dueColumn: 'confirm_due',
    met: (t) => t.closedAt,
    metColumn: 'closed_at',
    metBy: 'the client confirms the fix (hd close)',
  },
  {
    kind: 'pendingUntil',
    pausable: false,
    statuses: ['pending'],
    due: (t) => t.pendingUntil,
    dueColumn: 'pending_until',
    met: null,
    metColumn: null,
    metBy: 'the ticket is resumed (hd resume) or pending again with a new --until',
  },
  {
    kind: 'told',
    pausable: false,
    statuses: ['acknowledged', 'inProgress', 'pending', 'resolved'],
    due: (t) => t.tellDue,
    dueColumn: 'tell_due',
    met: null,
    metColumn: null,
    metBy: 'a call that reaches the client or a delivered e-mail tells them',
    sparse: true,
    extraColumns: ['tell_kind'],
  },
];

export const DEADLINE: Record<DeadlineKind, DeadlineRow> = Object.fromEntries(
  DEADLINES.map((row) => [row.kind, row]),
) as Record<DeadlineKind, DeadlineRow>;

/** The deadline's name for people; "client not yet told" says what is owed. */
export function deadlineLabel(kind: DeadlineKind, tellKind: TellKind | null = null, lang?: Lang): string {
  if (kind === 'told' && tellKind)
    return `${t('deadline.told', {}, lang)}: ${t(`tell.${tellKind}`, {}, lang)}`;
  return t(`deadline.${kind}`, {}, lang);
}

/** What to do about a breach, with the command to type (in the interface language). */
export function nextAction(
  kind: DeadlineKind,
  n: number,
  late: number,
  tellKind: TellKind | null,
  lang?: Lang,
): string {
  // In the reader's words: 7h30m, 7 ч 30 мин.
  const span = formatSpan(Math.abs(late), lang ?? language());
  if (kind === 'pendingUntil') {
    const key =
      late > 0 ? 'next.pendingUntil.ended' : late === 0 ? 'next.pendingUntil.now' : 'next.pendingUntil.in';
    return t(key, { n, span }, lang);
  }
  const when = t(late > 0 ? 'when.wasDue' : late === 0 ? 'when.isDueNow' : 'when.isDueIn', { span }, lang);
  const what = t(tellKind ? `tell.${tellKind}` : 'tell.news', {}, lang);
  return t(`next.${kind}`, { n, when, what }, lang);
}

// ---------------------------------------------------------------------------------------------
// The TypeScript predicate.

export type DeadlineState = 'met' | 'missed' | 'due' | 'overdue' | 'paused';

export interface DeadlineView {
  kind: DeadlineKind;
  label: string;
  due: number;
  metAt: number | null;
  state: DeadlineState;
  /** Positive: time left (due; paused: left when the pause began) or late by (overdue, missed). */
  margin: number;
}

/**
 * Whether the deadline can be breached now (due or overdue, not met): the rule its SQL scope
 * states. A pausable deadline runs on while pending once it had passed when the pause began.
 */
export function isLive(row: DeadlineRow, t: DeadlineInput): boolean {
  const due = row.due(t);
  if (due === null) return false;
  if (row.met && row.met(t) !== null) return false;
  if (row.statuses.includes(t.status)) return true;
  return row.pausable && t.status === 'pending' && t.pendingSince !== null && due < t.pendingSince;
}

/** One deadline of the ticket at `now`, or null when it does not apply (no due, or finished unmet). */
export function deadlineView(row: DeadlineRow, t: DeadlineInput, now: number): DeadlineView | null {
  const due = row.due(t);
  if (due === null) return null;
  const label = deadlineLabel(row.kind, t.tellKind);
  const metAt = row.met ? row.met(t) : null;
  if (metAt !== null)
    return {
      kind: row.kind,
      label,
      due,
      metAt,
      state: metAt <= due ? 'met' : 'missed',
      margin: Math.abs(metAt - due),
    };
  if (isLive(row, t))
    return {
      kind: row.kind,
      label,
      due,
      metAt,
      state: now > due ? 'overdue' : 'due',
      margin: Math.abs(due - now),
    };
  // Paused: the time that was left when the pause began, which stays left until the resume.
  if (row.pausable && t.status === 'pending')
    return { kind: row.kind, label, due, metAt, state: 'paused', margin: due - (t.pendingSince ?? now) };
  return null;
}

/** Every deadline the ticket has, with its state at `now`, in table order. */
export function deadlineViews(
  t: DeadlineInput,
  now: number,
  kinds: readonly DeadlineKind[] = DEADLINE_KINDS,
): DeadlineView[] {
  const views: DeadlineView[] = [];
  for (const kind of kinds) {
    const v = deadlineView(DEADLINE[kind], t, now);
    if (v) views.push(v);
  }
  return views;
}

/** What is late (overdue) or nearly so (due before `until`) on one ticket: the views' breaches. */
export function breachedViews(t: DeadlineInput, now: number, until = now): DeadlineView[] {
  return deadlineViews(t, now).filter((v) => v.state === 'overdue' || (v.state === 'due' && v.due < until));
}

// ---------------------------------------------------------------------------------------------
// One breach row (of `hd sla --overdue` and the hand-over), with its next action.

export interface Breach {
  ticketId: number;
  kind: DeadlineKind;
  label: string;
  due: number;
  /** Positive: overdue by; negative: due in (a near breach). */
  late: number;
  overdue: boolean;
  nextAction: string;
}

/** The breach of one deadline at `now`: overdue once now is past it ("not a minute before"). */
export function breachAt(
  ticketId: number,
  kind: DeadlineKind,
  due: number,
  now: number,
  tellKind: TellKind | null = null,
): Breach {
  const late = now - due;
  return {
    ticketId,
    kind,
    label: deadlineLabel(kind, tellKind),
    due,
    late,
    overdue: late > 0,
    nextAction: nextAction(kind, ticketId, late, tellKind),
  };
}

// ---------------------------------------------------------------------------------------------
// The SQL, generated from the same rows: the scope (the WHERE of the partial SLA index, which
// every query repeats exactly so SQLite uses the index) and the index itself.

const quoted = (statuses: readonly Status[]) =>
  statuses.length === 1
    ? `status = '${statuses[0]}'`
    : `status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;

/** Where the deadline can be breached: the rule of isLive, in SQL (a NULL due never compares). */
export function sqlScope(row: DeadlineRow): string {
  const met = row.metColumn ? `${row.metColumn} IS NULL AND ` : '';
  const notNull = row.sparse ? `${row.dueColumn} IS NOT NULL AND ` : '';
  const running = quoted(row.statuses);
  const status = row.pausable
    ? `(${running} OR (status = 'pending' AND ${row.dueColumn} < pending_since))`
    : running;
  return `${notNull}${met}${status}`;
}

/**
 * The covering partial index of a deadline, as sqlite_master holds it (migration 011, "pauses
 * never hide a breach"). On PostgreSQL it carries the ticket id too (INCLUDE: an SQLite index
 * holds the rowid by itself), so that a breach listing is an index-only scan there as well.
 */
export function sqlIndex(row: DeadlineRow, engine: 'sqlite' | 'postgres' = 'sqlite'): string {
  const columns = [
    row.dueColumn,
    'priority',
    'status',
    ...(row.metColumn ? [row.metColumn] : []),
    ...(row.pausable ? ['pending_since'] : []),
    'client_id',
    'assignee',
    ...(row.extraColumns ?? []),
  ];
  const include = engine === 'postgres' ? ' INCLUDE (id)' : '';
  return `CREATE INDEX tickets_sla_${row.kind} ON tickets (${columns.join(', ')})${include} WHERE ${sqlScope(row)}`;
}

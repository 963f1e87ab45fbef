export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const IMPACTS = ['down', 'degraded', 'intermittent', 'none'] as const;
export type Impact = (typeof IMPACTS)[number];

export const URGENCIES = ['high', 'medium', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CHANNELS = ['phone', 'email', 'portal', 'monitoring'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PREFERRED_CHANNELS = ['phone', 'email', 'both'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/**
 * How a call with the client went. Only `reached` counts as the client told (a client update);
 * the others are attempts, and whatever notice the call was for stays owed.
 */
export const CALL_OUTCOMES = ['reached', 'no-answer', 'busy', 'voicemail', 'wrong-number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const STATUSES = ['acknowledged', 'inProgress', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export const DEADLINE_KINDS = ['response', 'update', 'restore', 'onsite', 'hardware', 'confirm'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** One priority's targets, in milliseconds; null where the contract sets none. */
export interface PriorityTargets {
  response: number;
  update: number;
  restore: number;
  onsite: number | null;
  hardware: number | null;
  dispatch: boolean;
}

export interface Coverage24x7 {
  type: '24x7';
  timezone: string;
}
export interface CoverageBusiness {
  type: 'business';
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  start: string;
  end: string;
  /** Country code for public holidays (date-holidays), or null for none. */
  holidays: string | null;
  extraWorkingDays: string[];
  extraNonWorkingDays: string[];
}
export type Coverage = Coverage24x7 | CoverageBusiness;

export interface RuleProfile {
  id: number;
  name: string;
  version: number;
  title: string;
  /** The title in Russian (data/profiles.json titleRu), read in the Russian console. */
  titleRu?: string;
  coverage: Coverage;
  confirmWithin: number;
  targets: Record<Priority, PriorityTargets>;
  matrix?: PriorityMatrix;
}

export type PriorityMatrix = Record<Impact, Record<Urgency, Priority>>;

export interface Client {
  id: number;
  name: string;
  contractNo: string;
  profile: string;
  language: Language;
  timezone: string;
  createdAt: number;
}

export interface Contact {
  id: number;
  clientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: PreferredChannel;
}

export interface Service {
  id: number;
  clientId: number;
  serviceId: string;
  kind: string;
  address: string;
  cpeModel: string | null;
}

export interface Deadlines {
  response: number | null;
  update: number | null;
  restore: number | null;
  onsite: number | null;
  hardware: number | null;
  confirm: number | null;
}

export interface Ticket {
  id: number;
  clientId: number;
  contactId: number;
  serviceId: number;
  relatedTo: number | null;
  /** The outage this ticket is linked to (OUT-000012), null when none. */
  outageId: number | null;
  channel: Channel;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  matrixPriority: Priority;
  priorityReason: string | null;
  status: Status;
  zone: string | null;
  summary: string;
  description: string;
  answers: Record<string, string>;
  assignee: string | null;
  profileId: number;
  targets: PriorityTargets;
  eta: number | null;
  deadlines: Deadlines;
  respondedAt: number | null;
  lastUpdateAt: number | null;
  onsiteAt: number | null;
  hardwareAt: number | null;
  pausedMs: number;
  pendingSince: number | null;
  pendingUntil: number | null;
  pendingReason: string | null;
  openedAt: number;
  openedBy: string;
  restoredAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  confirmedBy: string | null;
  confirmedVia: string | null;
  updatedAt: number;
  /** When the client must have been told what `tellKind` names; null when nothing is owed. */
  tellDue: number | null;
  /** What no reached call or delivered e-mail has told the client yet. */
  tellKind: TellKind | null;
  /** When that notice became owed. */
  tellSince: number | null;
}

export const TELL_KINDS = ['eta', 'extended', 'restored'] as const;
export type TellKind = (typeof TELL_KINDS)[number];

export interface TicketEvent {
  id: number;
  ticketId: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  payload: Record<string, unknown>;
}

export interface Zone {
  code: string;
  name: string;
  nameRu: string;
  description: string;
}

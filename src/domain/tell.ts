// "Client not yet told": an ETA, an extension or the restoration that no call which reached the
// client and no delivered e-mail has carried to them yet (steps 10-12). Pure: `now` is passed in.
import type { Calendar } from './calendar.ts';
import { TELL_KINDS, type TellKind, type Ticket } from './types.ts';

export type TellState = Pick<Ticket, 'tellKind' | 'tellSince' | 'tellDue'>;

/** Only a call that reached the client tells them anything; other outcomes are attempts. */
export const tellsClient = (outcome: string | null | undefined): boolean => outcome === 'reached';

export const isTellKind = (kind: string): kind is TellKind =>
  (TELL_KINDS as readonly string[]).includes(kind);

/** The e-mail notices whose delivery tells the client what is owed (any of them carries the ETA and status). */
export const TELLING_EMAILS = ['eta', 'extended', 'restored', 'update'] as const;

export const NOTHING_OWED: TellState = { tellKind: null, tellSince: null, tellDue: null };

/**
 * A notice became owed at `now`. The client must have been told within the priority's response
 * target (the call-back time the contract already promises for a new fault), counted in the
 * contract's calendar from that moment (outside business hours it counts from the next opening).
 * A notice already owed keeps its earliest start and due time (the client has waited since
 * then) and takes the latest kind (an extension supersedes the ETA it extends).
 */
export function tellOwed(
  t: TellState & Pick<Ticket, 'targets'>,
  kind: TellKind,
  now: number,
  calendar: Calendar,
): TellState {
  if (t.tellSince !== null && t.tellDue !== null) {
    return { tellKind: kind, tellSince: t.tellSince, tellDue: t.tellDue };
  }
  return { tellKind: kind, tellSince: now, tellDue: calendar.add(now, t.targets.response) };
}

/**
 * What a notice of `kind` sent by a command does to the owed state: a reached call clears it
 * (whatever was owed, the client now knows); otherwise an ETA, extension or restoration becomes
 * owed; other notices change nothing. `null` means "no change".
 */
export function tellAfterNotice(
  t: TellState & Pick<Ticket, 'targets'>,
  notice: { kind: string; reached: boolean },
  now: number,
  calendar: Calendar,
): TellState | null {
  if (notice.reached) return t.tellKind === null ? null : NOTHING_OWED;
  if (isTellKind(notice.kind)) return tellOwed(t, notice.kind, now, calendar);
  return null;
}

/**
 * Whether delivering an e-mail notice tells the client what is owed: a client notice of the
 * ticket written at or after the notice became owed (an older e-mail predates the news).
 */
export function deliveryTells(t: TellState, message: { kind: string; createdAt: number }): boolean {
  if (t.tellKind === null || t.tellSince === null) return false;
  return (TELLING_EMAILS as readonly string[]).includes(message.kind) && message.createdAt >= t.tellSince;
}

// The notice that goes with a change (an ETA, an extension, a restoration, a closing): queued or
// recorded in the change's transaction, whichever front door made the change.
import type { Context } from '../context.ts';
import { tellsClient } from '../domain/tell.ts';
import type { CallOutcome, Ticket } from '../domain/types.ts';
import {
  type NoticeExtra,
  type NoticeKind,
  type NotifyResult,
  notifyInTx,
  skippedEvent,
  type Via,
} from '../notify.ts';
import type { AfterHook } from './change.ts';
import { loadDetails } from './details.ts';
import { withOwed } from './notice-owed.ts';

export type NoticeChoice =
  | { skip: string }
  | { via: Via | 'none'; outcome?: CallOutcome; scriptShown?: boolean };

/** "client told by phone", "call no-answer: client not yet told" … for the event and the reply. */
export function noticeText(choice: NoticeChoice, told: string): string {
  if ('skip' in choice) return `client not notified: ${choice.skip}`;
  const phone = choice.via === 'phone' || choice.via === 'both';
  const email = choice.via === 'email' || choice.via === 'both';
  if (phone && tellsClient(choice.outcome)) return `client ${told} by phone${email ? ' and e-mail' : ''}`;
  // No call made yet (an outage's cascade, the API): the call is owed, the e-mail queued.
  if (phone && choice.outcome === undefined)
    return `client not yet ${told}: ${email ? 'e-mail queued, ' : ''}a call is owed`;
  if (phone) return `call ${choice.outcome}${email ? ', e-mail queued' : ''}: client not yet ${told}`;
  if (email) return `client ${told} by e-mail once it is delivered`;
  // Only a change made without a person at hand (the API) leaves the call to the desk.
  return `client not yet ${told}: a call is owed`;
}

/**
 * An after-hook for changeTicket that notifies (or records the skip) in the same transaction.
 * An ETA, extension or restoration that no reached call carried becomes owed to the client
 * (domain/tell.ts); a delivered e-mail clears it later (notify.ts).
 */
export function noticeHook(
  ctx: Context,
  kind: NoticeKind,
  choice: NoticeChoice,
  extra: (t: Ticket) => NoticeExtra = () => ({}),
): AfterHook {
  return async (ticket, { q, now, calendar }): Promise<NotifyResult | null> => {
    let result: NotifyResult | null;
    if ('skip' in choice)
      result = { events: [skippedEvent(kind, choice.skip)], patch: {}, queued: [], script: null };
    else if (choice.via === 'none') result = null;
    else {
      const details = await loadDetails(q, ticket.id, ticket);
      result = await notifyInTx(ctx, q, details, {
        kind,
        via: choice.via,
        outcome: choice.outcome,
        extra: extra(ticket),
        key: `${ticket.id}:${kind}:${now}`,
        at: now,
      });
    }
    const reached = !('skip' in choice) && tellsClient(choice.outcome);
    return withOwed(result, ticket, kind, reached, now, calendar);
  };
}

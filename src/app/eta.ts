// The time to fix told to the client (step 10) and its extension (step 11), as steps of a change:
// shared by hd eta / hd extend and the API's expectedResolutionDate.
import type { Context } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment } from '../domain/time.ts';
import type { Ticket } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import type { Via } from '../notify.ts';
import { formatTime } from '../ui/time.ts';
import type { Step } from './change.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';

function assertEtaAllowed(ticket: Ticket): void {
  assertWritable(ticket.id, ticket.status);
  if (ticket.status === 'resolved') {
    throw new RefusedError(`${formatTicketNumber(ticket.id)} is already resolved; an ETA no longer applies.`);
  }
}

/** Every reason a first ETA is refused; run before the first question and again inside the change. */
export function checkEta(ticket: Ticket, eta: number, now: number, timeZone: string): void {
  if (eta <= now) throw new UsageError(`The ETA ${formatTime(eta, timeZone)} is in the past.`);
  assertEtaAllowed(ticket);
  if (ticket.eta !== null) {
    throw new RefusedError(
      `${formatTicketNumber(ticket.id)} already has an ETA (${formatTime(ticket.eta, timeZone)}). To change it, use hd extend ${ticket.id} --to TIME --reason TEXT.`,
    );
  }
}

/** A later ETA: by a duration from the current one, or to a time. */
export interface EtaChange {
  byMs: number | null;
  toMs: number | null;
}

/** The extended ETA, or the reason an extension is refused; before the first question and in the change. */
export function extendedEta(ticket: Ticket, change: EtaChange, now: number, timeZone: string): number {
  assertEtaAllowed(ticket);
  if (ticket.eta === null)
    throw new RefusedError(
      `${formatTicketNumber(ticket.id)} has no ETA yet; set one with hd eta ${ticket.id} TIME.`,
    );
  const eta = checkMoment(
    change.byMs !== null ? ticket.eta + change.byMs : change.toMs!,
    timeZone,
    'The new ETA',
  );
  if (eta <= ticket.eta) {
    throw new UsageError(
      `The new ETA ${formatTime(eta, timeZone)} is not later than the current one (${formatTime(ticket.eta, timeZone)}).`,
    );
  }
  if (eta <= now) throw new UsageError(`The new ETA ${formatTime(eta, timeZone)} is already in the past.`);
  return eta;
}

export interface Telling {
  via: Via;
  choice: NoticeChoice;
  /** How the client was told, for the event text (noticeText). */
  told: string;
}

export function etaStep(ctx: Context, eta: number, t: Telling): Step {
  return {
    decide: ({ ticket, now }) => {
      checkEta(ticket, eta, now, ctx.timeZone);
      return {
        // Telling the client is the notice's job: a call that reached them, or a delivered e-mail,
        // counts as the client update; until then the ETA is owed to them (domain/tell.ts).
        patch: { eta },
        events: [
          {
            kind: 'eta',
            text: `ETA ${formatTime(eta, ctx.timeZone)} (${t.told})`,
            payload: { eta: new Date(eta).toISOString(), via: 'skip' in t.choice ? null : t.via },
          },
        ],
      };
    },
    after: noticeHook(ctx, 'eta', t.choice),
  };
}

export function extendStep(ctx: Context, change: EtaChange, reason: string, t: Telling): Step {
  let previousEta: number | null = null;
  return {
    decide: ({ ticket, now }) => {
      const eta = extendedEta(ticket, change, now, ctx.timeZone);
      previousEta = ticket.eta!;
      return {
        patch: { eta },
        events: [
          {
            kind: 'extended',
            text: `ETA extended ${formatTime(ticket.eta, ctx.timeZone)} → ${formatTime(eta, ctx.timeZone)}: ${reason} (${t.told})`,
            payload: {
              from: new Date(ticket.eta!).toISOString(),
              to: new Date(eta).toISOString(),
              reason,
              via: 'skip' in t.choice ? null : t.via,
            },
          },
        ],
      };
    },
    after: noticeHook(ctx, 'extended', t.choice, () => ({ reason, previousEta })),
  };
}

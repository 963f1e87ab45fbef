// The time to fix told to the client (step 10) and its extension (step 11), as steps of a change:
// shared by hd eta / hd extend and the API's expectedResolutionDate. What they decide is
// app/ticket-changes.ts (etaChange, extendChange), the same code as the outage cascade's.
import type { Context } from '../context.ts';
import type { Via } from '../notify.ts';
import type { Step } from './change.ts';
import { type NoticeChoice, noticeHook } from './notice.ts';
import { type EtaShift, etaChange, extendChange } from './ticket-changes.ts';

export { checkEta, type EtaShift, extendedEta } from './ticket-changes.ts';

export interface Telling {
  via: Via;
  choice: NoticeChoice;
  /** How the client was told, for the event text (noticeText). */
  told: string;
}

const viaOf = (t: Telling) => ('skip' in t.choice ? null : t.via);

export function etaStep(ctx: Context, eta: number, t: Telling): Step {
  return {
    decide: ({ ticket, now }) => etaChange(ticket, eta, now, ctx.timeZone, t.told, viaOf(t)),
    after: noticeHook(ctx, 'eta', t.choice),
  };
}

export function extendStep(ctx: Context, shift: EtaShift, reason: string, t: Telling): Step {
  let previousEta: number | null = null;
  return {
    decide: ({ ticket, now }) => {
      const { previousEta: was, ...change } = extendChange(
        ticket,
        shift,
        now,
        ctx.timeZone,
        reason,
        t.told,
        viaOf(t),
      );
      previousEta = was;
      return change;
    },
    after: noticeHook(ctx, 'extended', t.choice, () => ({ reason, previousEta })),
  };
}

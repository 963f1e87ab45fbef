// hd outage extend: a later outage ETA, with the reason, told to every linked client.

import { type CascadeStep, cascade, WORKING } from '../../app/outage-cascade.ts';
import { type Change, etaChange, extendChange } from '../../app/ticket-changes.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import type { Outage } from '../../domain/outage.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { checkMoment, laterByTheMinute, parseDuration, parseWhen } from '../../domain/time.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { formatTime } from '../../ui/time.ts';
import { ask, gather } from '../mutate.ts';
import { unit } from '../unit.ts';
import {
  assertActive,
  at,
  type NotifyFlags,
  notifyFlags,
  number,
  outageArg,
  report,
  SKIP,
  skipReason,
  textOf,
  told,
} from './shared.ts';

export interface OutageExtendOptions extends NotifyFlags {
  outage: number;
  /** Exactly one of the two: --by as a duration in ms, --to as typed (read against the clock in run). */
  byMs: number | null;
  to?: string;
  reason?: string;
  json: boolean;
}

export const outageExtend = unit<OutageExtendOptions>({
  declare: (parent) =>
    notifyFlags(
      parent
        .command('extend')
        .description(t('outage.extend.describe'))
        .argument('<outage>', t('outage.arg.outage'))
        .option('--by <duration>', t('outage.extend.opt.by'))
        .option('--to <when>', t('outage.extend.opt.to'))
        .option('--reason <text>', t('outage.extend.opt.reason')),
    )
      .option('--json', t('outage.opt.jsonCalls'))
      .addHelpText(
        'after',
        `${examples(`hd outage extend 12 --by 2h \\\n      --reason "${t('outage.extend.exampleReason')}"`)}\n${t('outage.after')}\n\n${t('outage.extend.after')}\n`,
      ),
  options: (input) => {
    const outage = outageArg(input.arg(0));
    const by = input.text('by');
    const to = input.text('to');
    if ((by === undefined) === (to === undefined)) throw new UsageError(t('outage.extend.err.one'));
    return {
      outage,
      byMs: by === undefined ? null : parseDuration(by),
      to,
      reason: textOf(input.text('reason'), '--reason'),
      notify: input.flag('notify'),
      skipReason: input.text('skipReason'),
      json: input.flag('json'),
    };
  },
  run: runOutageExtend,
});

export async function runOutageExtend(opts: OutageExtendOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const byMs = opts.byMs;
  const toMs = opts.to === undefined ? null : parseWhen(opts.to, now, ctx.timeZone, 'moment').getTime();
  const outage = await getOutage(await ctx.store(), opts.outage);
  const planned = extendedOutageEta(ctx, outage, byMs, toMs, now.getTime());
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('outage.extend.ask.reason')) },
  ]);
  const skip = await skipReason(ctx, opts);
  let target = planned;
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o) => {
      target = extendedOutageEta(ctx, o, byMs, toMs, now.getTime());
    },
    // A ticket with its own ETA at or after the new one keeps it.
    skip: ({ ticket }) =>
      ticket.eta !== null && ticket.eta >= target
        ? ticket.eta === target
          ? SKIP.same
          : SKIP.later(ticket.eta)
        : null,
    decide: ({ ticket, contact, now }): Change => {
      // A ticket linked after the ETA was told has none yet: it gets the ETA, the others the extension.
      const how = told(contact, skip, 'told');
      if (ticket.eta === null) return etaChange(ticket, target, now, ctx.timeZone, how.text, how.via);
      const { previousEta: _, ...change } = extendChange(
        ticket,
        { byMs: null, toMs: target },
        now,
        ctx.timeZone,
        reason!,
        how.text,
        how.via,
      );
      return change;
    },
    notice: {
      of: (before) =>
        before.eta === null
          ? { kind: 'eta' }
          : { kind: 'extended', extra: { reason: reason!, previousEta: before.eta } },
      skip,
      owes: true,
    },
    outage: (o, _now, tickets) => ({
      patch: { eta: target },
      event: {
        kind: 'extended',
        text: `ETA extended ${formatTime(o.eta, ctx.timeZone)} → ${formatTime(target, ctx.timeZone)}: ${reason} (${tickets.length} linked ticket(s))`,
        payload: {
          from: new Date(o.eta!).toISOString(),
          to: new Date(target).toISOString(),
          reason,
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, opts.outage, step);
  report(ctx, opts.json, r, t('outage.extend.headline', { eta: at(ctx)(target) }));
}

function extendedOutageEta(
  ctx: Context,
  o: Outage,
  byMs: number | null,
  toMs: number | null,
  now: number,
): number {
  assertActive(ctx, o);
  const time = at(ctx);
  if (o.eta === null) throw new RefusedError(t('outage.extend.err.noEta', { outage: number(o.id) }));
  const eta = checkMoment(byMs !== null ? o.eta + byMs : toMs!, ctx.timeZone, t('outage.extend.field.eta'));
  if (!laterByTheMinute(eta, o.eta))
    throw new UsageError(t('outage.extend.err.notLater', { eta: time(eta), current: time(o.eta) }));
  if (eta <= now) throw new RefusedError(t('outage.extend.err.past', { eta: time(eta) }));
  return eta;
}

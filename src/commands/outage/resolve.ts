// hd outage resolve: the service is back — resolve the outage and every linked open ticket, and
// ask each client to confirm (closing stays per ticket).

import { type CascadeStep, cascade, WORKING } from '../../app/outage-cascade.ts';
import {
  applyPatch,
  type Change,
  mergePatches,
  resolveChange,
  takeChange,
} from '../../app/ticket-changes.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { parseWhen } from '../../domain/time.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { checkZone } from '../log.ts';
import { ask, gather } from '../mutate.ts';
import { unit } from '../unit.ts';
import {
  assertActive,
  type NotifyFlags,
  notifyFlags,
  number,
  outageArg,
  report,
  skipReason,
  textOf,
  told,
} from './shared.ts';

export interface OutageResolveOptions extends NotifyFlags {
  outage: number;
  summary?: string;
  zone?: string;
  /** When the service came back, as typed (read against the clock in run); now when not given. */
  restoredAt?: string;
  take: boolean;
  json: boolean;
}

export const outageResolve = unit<OutageResolveOptions>({
  declare: (parent) =>
    notifyFlags(
      parent
        .command('resolve')
        .description(t('outage.resolve.describe'))
        .argument('<outage>', t('outage.arg.outage'))
        .option('--summary <text>', t('outage.resolve.opt.summary'))
        .option('--zone <zone>', t('outage.resolve.opt.zone'))
        .option('--restored-at <when>', t('outage.resolve.opt.restoredAt'))
        .option('--take', t('outage.resolve.opt.take')),
    )
      .option('--json', t('outage.opt.jsonCalls'))
      .addHelpText(
        'after',
        `${examples(`hd outage resolve OUT-000012 --summary "${t('outage.resolve.exampleSummary')}" \\\n      --zone operator-network`)}\n${t('outage.after')}\n\n${t('outage.resolve.after')}\n`,
      ),
  options: (input) => ({
    outage: outageArg(input.arg(0)),
    summary: textOf(input.text('summary'), '--summary'),
    zone: input.text('zone'),
    restoredAt: input.text('restoredAt'),
    take: input.flag('take'),
    notify: input.flag('notify'),
    skipReason: input.text('skipReason'),
    json: input.flag('json'),
  }),
  run: runOutageResolve,
});

export async function runOutageResolve(opts: OutageResolveOptions, ctx: Context): Promise<void> {
  const id = opts.outage;
  const store = await ctx.store();
  const zoneGiven = opts.zone;
  if (zoneGiven) await checkZone(store, zoneGiven, '--zone');
  const now = ctx.now();
  const restoredAt = opts.restoredAt
    ? parseWhen(opts.restoredAt, now, ctx.timeZone).getTime()
    : now.getTime();
  if (restoredAt > now.getTime()) throw new UsageError(t('outage.resolve.err.future'));
  const take = opts.take;
  const outage = await getOutage(store, id);
  if (outage.status === 'resolved')
    throw new RefusedError(
      t('outage.resolve.err.already', { outage: number(id), resolution: outage.resolution ?? '' }),
    );
  assertActive(ctx, outage);
  const [summary] = await gather(ctx, [
    { flag: '--summary TEXT', value: opts.summary, ask: ask(t('outage.resolve.ask.summary')) },
  ]);
  const skip = await skipReason(ctx, opts);
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o, tickets) => {
      if (o.status === 'resolved')
        throw new RefusedError(t('outage.resolve.err.alreadyNow', { outage: number(id) }));
      assertActive(ctx, o);
      const untaken = tickets.filter((x) => x.ticket.status === 'acknowledged');
      if (untaken.length && !take)
        throw new RefusedError(
          t('outage.resolve.err.untaken', {
            count: untaken.length,
            tickets: `${untaken
              .slice(0, 5)
              .map((x) => formatTicketNumber(x.ticket.id))
              .join(', ')}${untaken.length > 5 ? ', …' : ''}`,
          }),
        );
    },
    decide: ({ ticket, calendar, profile, now, contact }) => {
      const how = told(contact, skip, 'informed');
      // The command's --zone, else the ticket's own zone, else the outage's.
      const zone = zoneGiven ?? (ticket.zone ? undefined : (outage.zone ?? undefined));
      // --take: a ticket not taken yet is taken first, as hd take would, then resolved.
      const taken: Change =
        ticket.status === 'acknowledged' ? takeChange(ticket, calendar, now, ctx.operator) : { events: [] };
      const base = applyPatch(ticket, taken.patch ?? {});
      const resolved = resolveChange(base, calendar, profile, now, {
        summary: summary!,
        zone,
        restoredAt,
        informed: how.text,
        via: how.via,
      });
      return {
        patch: mergePatches(taken.patch ?? {}, resolved.patch ?? {}),
        events: [...taken.events, ...resolved.events],
      };
    },
    notice: { of: () => ({ kind: 'restored', extra: { resolution: summary! } }), skip, owes: true },
    outage: (_o, at, tickets) => ({
      patch: {
        status: 'resolved',
        resolvedAt: at,
        resolution: summary!,
        ...(zoneGiven ? { zone: zoneGiven } : {}),
      },
      event: {
        kind: 'resolved',
        text: `Resolved: ${summary} (${tickets.length} linked ticket(s) resolved)`,
        payload: {
          summary,
          restoredAt: new Date(restoredAt).toISOString(),
          zone: zoneGiven ?? null,
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  report(ctx, opts.json, r, t('outage.resolve.headline'));
}

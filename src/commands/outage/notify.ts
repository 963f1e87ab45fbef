// hd outage notify: every linked client gets a notice — an update on the status, or the ETA.

import { type CascadeStep, cascade, WORKING } from '../../app/outage-cascade.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { choice } from '../common.ts';
import { unit } from '../unit.ts';
import { assertActive, number, outageArg, report, SKIP } from './shared.ts';

const OUTAGE_NOTICES = ['update', 'eta'] as const;

export interface OutageNotifyOptions {
  outage: number;
  kind: (typeof OUTAGE_NOTICES)[number];
  json: boolean;
}

export const outageNotify = unit<OutageNotifyOptions>({
  declare: (parent) =>
    parent
      .command('notify')
      .description(t('outage.notify.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .argument('<kind>', 'update | eta')
      .option('--json', t('outage.opt.jsonCalls'))
      .addHelpText('after', `${examples('hd outage notify OUT-000012 update')}\n${t('outage.after')}\n`),
  options: (input) => {
    const outage = outageArg(input.arg(0));
    const kind = input.arg(1);
    if (!kind)
      throw new UsageError(
        t('outage.notify.err.noKind', { outage: input.arg(0)!, kinds: OUTAGE_NOTICES.join('|') }),
      );
    return {
      outage,
      kind: choice(kind, OUTAGE_NOTICES, 'outage.what.notice', 'hd outage notify <outage>'),
      json: input.flag('json'),
    };
  },
  run: runOutageNotify,
});

export async function runOutageNotify(opts: OutageNotifyOptions, ctx: Context): Promise<void> {
  const kind = opts.kind;
  assertActive(ctx, await getOutage(await ctx.store(), opts.outage));
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o, tickets) => {
      assertActive(ctx, o);
      if (kind === 'eta' && tickets.every((x) => x.ticket.eta === null))
        throw new RefusedError(t('outage.notify.err.noEta', { outage: number(o.id) }));
    },
    skip: ({ ticket }) => (kind === 'eta' && ticket.eta === null ? SKIP.noEta : null),
    decide: () => ({ events: [] }),
    // As hd notify: the notice is sent as it stands, and owes nothing new.
    notice: { of: () => ({ kind }), owes: false },
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'notified',
        text: `Clients notified (${kind}) on ${tickets.length} linked ticket(s)`,
        payload: { notice: kind, tickets: tickets.map(formatTicketNumber) },
      },
    }),
  };
  const r = await cascade(ctx, opts.outage, step);
  // The notice in words (`новости`); English names the kind as typed (its word is the kind).
  report(ctx, opts.json, r, t('outage.notify.headline', { kind: t(`show.notice.${kind}`) }));
}

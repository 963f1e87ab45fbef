// hd outage resume: every linked pending ticket back in progress.

import { type CascadeStep, cascade } from '../../app/outage-cascade.ts';
import { resumeChange } from '../../app/ticket-changes.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import type { Status } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { unit } from '../unit.ts';
import { assertActive, outageArg, report, someTickets, textOf } from './shared.ts';

export interface OutageResumeOptions {
  outage: number;
  note?: string;
  json: boolean;
}

export const outageResume = unit<OutageResumeOptions>({
  declare: (parent) =>
    parent
      .command('resume')
      .description(t('outage.resume.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .option('--note <text>', t('outage.resume.opt.note'))
      .option('--json', t('outage.opt.jsonTickets'))
      .addHelpText('after', examples(`hd outage resume 12 --note "${t('outage.resume.exampleNote')}"`)),
  options: (input) => ({
    outage: outageArg(input.arg(0)),
    note: textOf(input.text('note'), '--note'),
    json: input.flag('json'),
  }),
  run: runOutageResume,
});

export async function runOutageResume(opts: OutageResumeOptions, ctx: Context): Promise<void> {
  const note = opts.note;
  assertActive(ctx, await getOutage(await ctx.store(), opts.outage));
  const statuses: Status[] = ['pending'];
  const step: CascadeStep = {
    statuses,
    check: someTickets(ctx, 'outage.verb.resume', statuses),
    decide: ({ ticket, calendar, now }) => resumeChange(ticket, calendar, now, note),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'resumed',
        text: `Resumed${note ? `: ${note}` : ''}`,
        payload: { note: note ?? null, tickets: tickets.map(formatTicketNumber) },
      },
    }),
  };
  const r = await cascade(ctx, opts.outage, step);
  report(ctx, opts.json, r, t('outage.resume.headline'));
}

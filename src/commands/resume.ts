// hd resume: the wait is over; back in progress, the deadlines moved by the paused time.
import { changeTicketSteps } from '../app/change.ts';
import { resumeStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { t } from '../i18n.ts';
import { timeDisplay } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { checkedText, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface ResumeOptions {
  ticket: number;
  /** What changed. */
  note: string | undefined;
  json: boolean;
}

export const resume = unit<ResumeOptions>({
  declare: (parent) =>
    parent
      .command('resume')
      .description(t('resume.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--note <text>', t('resume.opt.note'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('resume.example'))),
  options: (input) => ({
    ticket: ticketId(input.arg(0)),
    note: checkedText(input.text('note'), '--note'),
    json: input.flag('json'),
  }),
  run: runResume,
});

export async function runResume(opts: ResumeOptions, ctx: Context): Promise<void> {
  const m = await changeTicketSteps(ctx, opts.ticket, [resumeStep(opts.note)]);
  const restore = m.ticket.deadlines.restore;
  const late = restore !== null && restore < ctx.now().getTime();
  await report(
    ctx,
    opts,
    m,
    t(late ? 'resume.doneLate' : 'resume.done', {
      number: formatTicketNumber(m.ticket.id),
      when: timeDisplay(ctx).at(restore),
    }),
  );
}

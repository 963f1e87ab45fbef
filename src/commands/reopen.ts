// hd reopen: the client says it is not fixed — resolved back to in progress.
import { changeTicketSteps } from '../app/change.ts';
import { reopenStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { t } from '../i18n.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface ReopenOptions {
  ticket: number;
  /** What the client reports; asked on a terminal when not given. */
  reason: string | undefined;
  json: boolean;
}

export const reopen = unit<ReopenOptions>({
  declare: (parent) =>
    parent
      .command('reopen')
      .description(t('reopen.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--reason <text>', t('reopen.opt.reason'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', `${examples(t('reopen.example'))}\n${t('reopen.help')}\n`),
  options: (input) => ({
    ticket: ticketId(input.arg(0)),
    reason: checkedText(input.text('reason'), '--reason'),
    json: input.flag('json'),
  }),
  run: runReopen,
});

export async function runReopen(opts: ReopenOptions, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('reopen.ask.reason')) },
  ]);
  const m = await changeTicketSteps(ctx, opts.ticket, [reopenStep(reason!)]);
  await report(ctx, opts, m, t('reopen.done', { number: formatTicketNumber(m.ticket.id) }));
}

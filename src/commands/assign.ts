// hd assign: the ticket to an engineer or a group.
import { changeTicketSteps } from '../app/change.ts';
import { assignStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { t } from '../i18n.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface AssignOptions {
  ticket: number;
  /** The engineer or group; asked on a terminal when not given. */
  to: string | undefined;
  json: boolean;
}

export const assign = unit<AssignOptions>({
  declare: (parent) =>
    parent
      .command('assign')
      .description(t('assign.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--to <name>', t('assign.opt.to'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples('hd assign 123 --to "NOC L2"', t('assign.example'))),
  options: (input) => ({
    ticket: ticketId(input.arg(0)),
    to: checkedText(input.text('to'), '--to'),
    json: input.flag('json'),
  }),
  run: runAssign,
});

export async function runAssign(opts: AssignOptions, ctx: Context): Promise<void> {
  const [to] = await gather(ctx, [{ flag: '--to NAME|GROUP', value: opts.to, ask: ask(t('assign.ask.to')) }]);
  const m = await changeTicketSteps(ctx, opts.ticket, [assignStep(to!)]);
  await report(ctx, opts, m, t('assign.done', { number: formatTicketNumber(m.ticket.id), to: to! }));
}

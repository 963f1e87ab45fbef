// hd cancel: a ticket opened in error, or a duplicate.
import { changeTicketSteps } from '../app/change.ts';
import { cancelStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { t } from '../i18n.ts';
import { getTicket } from '../store/tickets.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface CancelOptions {
  ticket: number;
  /** Why; asked on a terminal when not given. */
  reason: string | undefined;
  /** The ticket this one duplicates. */
  duplicateOf: number | undefined;
  json: boolean;
}

export const cancel = unit<CancelOptions>({
  declare: (parent) =>
    parent
      .command('cancel')
      .description(t('cancel.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--reason <text>', t('cancel.opt.reason'))
      .option('--duplicate-of <ticket>', t('cancel.opt.duplicateOf'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('cancel.example'))),
  options: (input) => {
    const duplicateOf = input.text('duplicateOf');
    return {
      ticket: ticketId(input.arg(0)),
      reason: checkedText(input.text('reason'), '--reason'),
      duplicateOf: duplicateOf === undefined ? undefined : ticketId(duplicateOf),
      json: input.flag('json'),
    };
  },
  run: runCancel,
});

export async function runCancel(opts: CancelOptions, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('cancel.ask.reason')) },
  ]);
  const store = await ctx.store();
  const duplicateOf = opts.duplicateOf === undefined ? null : (await getTicket(store, opts.duplicateOf)).id;
  const m = await changeTicketSteps(ctx, opts.ticket, [cancelStep(reason!, duplicateOf)]);
  await report(ctx, opts, m, t('cancel.done', { number: formatTicketNumber(m.ticket.id) }));
}

// hd priority: a ticket's priority changed; its deadlines recomputed from the opening, pauses kept.
import { changeTicketSteps } from '../app/change.ts';
import { priorityStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { PRIORITIES, type Priority } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { timeDisplay } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface PriorityOptions {
  ticket: number;
  priority: Priority;
  /** Why; asked on a terminal when not given. */
  reason: string | undefined;
  json: boolean;
}

export const priority = unit<PriorityOptions>({
  declare: (parent) =>
    parent
      .command('priority')
      .description(t('priority.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .argument('<priority>', 'P1 | P2 | P3 | P4')
      .option('--reason <text>', t('priority.opt.reason'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('priority.example'))),
  options: (input) => {
    const ticket = ticketId(input.arg(0));
    const given = input.arg(1);
    if (!given) throw new UsageError(t('priority.err.missing', { id: ticket }));
    return {
      ticket,
      // A positional argument: the refusal names the command, not a --priority flag.
      priority: oneOf(given.toUpperCase(), PRIORITIES, 'priority', `hd priority ${ticket}`),
      reason: checkedText(input.text('reason'), '--reason'),
      json: input.flag('json'),
    };
  },
  run: runPriority,
});

export async function runPriority(opts: PriorityOptions, ctx: Context): Promise<void> {
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: opts.reason, ask: ask(t('priority.ask.reason')) },
  ]);
  const m = await changeTicketSteps(ctx, opts.ticket, [priorityStep(opts.priority, reason!)]);
  await report(
    ctx,
    opts,
    m,
    t('priority.done', {
      number: formatTicketNumber(m.ticket.id),
      priority: opts.priority,
      when: timeDisplay(ctx).at(m.ticket.deadlines.restore),
    }),
  );
}

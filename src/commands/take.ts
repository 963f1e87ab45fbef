// hd take: the ticket assigned to me and work started (meets the response target).

import { changeTicketSteps } from '../app/change.ts';
import { AlreadyYours, takeChange } from '../app/ticket-changes.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { heldByAnother } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { type Queryable, sql } from '../store/port.ts';
import { statusWords } from '../ui/status.ts';
import { timeDisplay } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { type Mutation, report } from './mutate.ts';
import { unit } from './unit.ts';

export interface TakeOptions {
  ticket: number;
  /** Take over a ticket someone else holds. */
  over: boolean;
  json: boolean;
}

export const take = unit<TakeOptions>({
  declare: (parent) =>
    parent
      .command('take')
      .description(t('take.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--over', t('take.opt.over'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples('hd take 123', 'hd take 123 --over')),
  options: (input) => ({
    ticket: ticketId(input.arg(0)),
    over: input.flag('over'),
    json: input.flag('json'),
  }),
  run: runTake,
});

/** When the ticket's holder got it: the time of its last assignment event, if there is one. */
async function heldSince(q: Queryable, id: number): Promise<number | null> {
  const row = await q.get<{ at: number }>(
    sql`SELECT at FROM events WHERE ticket_id = ${id} AND kind = 'assigned' ORDER BY id DESC LIMIT 1`,
  );
  return row?.at ?? null;
}

export async function runTake(opts: TakeOptions, ctx: Context): Promise<void> {
  const time = timeDisplay(ctx);
  let m: Mutation;
  try {
    m = await changeTicketSteps(ctx, opts.ticket, [
      {
        decide: async ({ ticket, calendar, now, q }) => {
          // Someone else's ticket is taken over only on purpose. Decided on the row read for change
          // (FOR UPDATE on PostgreSQL): of several operators taking one ticket at once, one gets it.
          const holder = heldByAnother(ticket, ctx.operator);
          if (holder && !opts.over) {
            const since = await heldSince(q, ticket.id);
            const vars = {
              number: formatTicketNumber(ticket.id),
              holder,
              status: statusWords(ticket.status),
              id: ticket.id,
            };
            throw new RefusedError(
              since === null
                ? t('take.err.held', vars)
                : t('take.err.heldSince', {
                    ...vars,
                    // Russian reads the desk's own time without the zone's English name.
                    since: language() === 'en' ? `${time.at(since)} ${ctx.timeZone}` : time.at(since),
                  }),
            );
          }
          return takeChange(ticket, calendar, now, ctx.operator);
        },
      },
    ]);
  } catch (error) {
    if (!(error instanceof AlreadyYours)) throw error;
    if (opts.json) {
      await report(ctx, opts, { ticket: error.ticket, events: [] }, '');
      return;
    }
    ctx.io.stdout.write(`${error.message}\n`);
    return;
  }
  const from = m.events[0]?.payload?.from;
  const vars = {
    number: formatTicketNumber(m.ticket.id),
    operator: ctx.operator,
    status: statusWords(m.ticket.status),
  };
  await report(
    ctx,
    opts,
    m,
    typeof from === 'string' && from !== ctx.operator
      ? t('take.doneWas', { ...vars, from })
      : t('take.done', vars),
  );
}

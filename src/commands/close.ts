// hd close: a resolved ticket closed once the client confirms the problem is gone (step 15).
import { changeTicketSteps } from '../app/change.ts';
import { closeStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { assertNoOpenJobs } from '../domain/field-job.ts';
import { assertMove } from '../domain/lifecycle.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { t } from '../i18n.ts';
import { loadForChange } from '../store/change.ts';
import { ticketId } from './common.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { finishNotice, noticeNeeds } from './notice.ts';
import { unit } from './unit.ts';

const CONFIRMED_VIA = ['phone', 'email'] as const;

export interface CloseOptions {
  ticket: number;
  /** Who at the client confirmed; asked on a terminal when not given. */
  confirmedBy: string | undefined;
  /** How they confirmed; asked on a terminal when not given. */
  via: (typeof CONFIRMED_VIA)[number] | undefined;
  note: string | undefined;
  /** false with --no-notify. */
  notify: boolean;
  skipReason: string | undefined;
  json: boolean;
}

export const close = unit<CloseOptions>({
  declare: (parent) =>
    parent
      .command('close')
      .description(t('close.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--confirmed-by <name>', t('close.opt.confirmedBy'))
      .option('--via <phone|email>', t('close.opt.via'))
      .option('--note <text>', t('close.opt.note'))
      .option('--no-notify', t('life.opt.noNotify'))
      .option('--skip-reason <text>', t('life.opt.skipReason'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('close.example'))),
  options: (input) => {
    const via = input.text('via');
    return {
      ticket: ticketId(input.arg(0)),
      confirmedBy: checkedText(input.text('confirmedBy'), '--confirmed-by'),
      via: via === undefined ? undefined : oneOf(via, CONFIRMED_VIA, 'channel', '--via'),
      note: checkedText(input.text('note'), '--note'),
      notify: input.flag('notify'),
      skipReason: input.text('skipReason'),
      json: input.flag('json'),
    };
  },
  run: runClose,
});

export async function runClose(opts: CloseOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  // The ticket, its contact and its open field jobs, read together (not locked: no change yet).
  const { ticket: current, contact, openJobs } = await loadForChange(store, opts.ticket);
  assertMove(current.id, current.status, 'closed');
  // Refused before any question, and again in the transaction (a job may be sent meanwhile).
  assertNoOpenJobs(current.id, openJobs);
  // The confirmation call or e-mail already told the client; an e-mail notice confirms it in
  // writing to contacts who read e-mail.
  const notice = noticeNeeds(
    ctx,
    { notify: opts.notify, skipReason: opts.skipReason },
    contact.preferredChannel === 'phone' ? 'none' : 'email',
  );
  const [confirmedBy, via, ...rest] = await gather(ctx, [
    { flag: '--confirmed-by NAME', value: opts.confirmedBy, ask: ask(t('close.ask.confirmedBy')) },
    {
      flag: '--via phone|email',
      value: opts.via,
      ask: (p) =>
        p.select({
          message: t('close.ask.via'),
          choices: CONFIRMED_VIA.map((value) => ({ value, name: t(`close.via.${value}`) })),
        }),
    },
    ...notice.needed,
  ]);
  const channel = oneOf(via!, CONFIRMED_VIA, 'channel', '--via');
  const choice = notice.choose(rest);
  const m = await changeTicketSteps(ctx, opts.ticket, [
    closeStep(ctx, { confirmedBy: confirmedBy!, via: channel, note: opts.note, choice }),
  ]);
  await report(
    ctx,
    opts,
    m,
    t('close.done', {
      number: formatTicketNumber(m.ticket.id),
      who: confirmedBy!,
      via: t(`close.via.${channel}`),
    }),
  );
  await finishNotice(ctx, m, choice);
}

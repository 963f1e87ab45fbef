// hd eta: the time to fix told to the client (step 10).
import { changeTicketSteps } from '../app/change.ts';
import { checkEta, etaStep } from '../app/eta.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseWhen } from '../domain/time.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import type { Via } from '../notify.ts';
import { getTicket } from '../store/tickets.ts';
import { timeDisplay } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { gather } from './mutate.ts';
import {
  callScript,
  confirmChange,
  finishNotice,
  type NoticeFlags,
  noticeFlagsOf,
  noticeNeeds,
  noticeSaid,
  noticeText,
  oneOfFlag,
} from './notice.ts';
import { clientChannel, VIAS } from './status.ts';
import { unit } from './unit.ts';

export interface EtaOptions extends NoticeFlags {
  ticket: number;
  /** The time as typed (`завтра 10:00`): read against the clock when run. */
  when: string;
  via?: Via;
  json: boolean;
}

/** --via phone|email|both, when given. */
export const viaOf = (given: string | undefined): { via?: Via } =>
  given === undefined ? {} : { via: oneOfFlag(given, VIAS, 'eta.what.via', '--via') };

export const eta = unit<EtaOptions>({
  declare: (parent) =>
    parent
      .command('eta')
      .description(t('eta.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .argument('[when...]', t('eta.arg.when'))
      .option('--via <phone|email|both>', t('eta.opt.via'))
      .option('--no-notify', t('eta.opt.noNotify'))
      .option('--skip-reason <text>', t('eta.opt.skipReason'))
      .option('--outcome <outcome>', t('eta.opt.outcome'))
      .option('--json', t('eta.opt.json'))
      .addHelpText(
        'after',
        () =>
          examples(
            'hd eta 123 18:30 --via phone --outcome reached',
            'hd eta 123 tomorrow 10:00 --via email',
            'hd eta 123 завтра 10:00 --via phone --outcome reached',
            'hd eta 123 +3h --via phone --outcome no-answer',
          ) + `\n${t('eta.help.owed')}\n`,
      ),
  options: (input) => {
    const ticket = ticketId(input.arg(0));
    const words = input.words(1);
    if (words.length === 0)
      throw new UsageError(t('eta.err.missing', { ticket: input.arg(0) ?? '<ticket>' }));
    return {
      ticket,
      when: words.join(' '),
      ...viaOf(input.text('via')),
      ...noticeFlagsOf(input),
      json: input.flag('json'),
    };
  },
  run: runEta,
});

/** A time worth suggesting for an ETA: two hours on, on the hour. */
export const laterExample = (now: number) => Math.ceil(now / 3_600_000) * 3_600_000 + 2 * 3_600_000;

export async function runEta(opts: EtaOptions, ctx: Context): Promise<void> {
  const now = ctx.now();
  const at = timeDisplay(ctx).at;
  const etaMs = parseWhen(opts.when, now, ctx.timeZone, 'moment').getTime();
  if (etaMs <= now.getTime()) {
    throw new UsageError(t('eta.err.past', { eta: at(etaMs), example: at(laterExample(now.getTime())) }));
  }
  const store = await ctx.store();
  const current = await getTicket(store, opts.ticket);
  checkEta(current, etaMs, now.getTime(), ctx.timeZone);
  const via = await clientChannel(store, current, { via: opts.via });
  const notice = noticeNeeds(ctx, opts, via, () =>
    callScript(store, { ...current, eta: etaMs }, 'eta', ctx.now().getTime()),
  );
  const choice = notice.choose(await gather(ctx, notice.needed));
  const told = noticeText(choice, 'told');
  const m = await changeTicketSteps(ctx, opts.ticket, [etaStep(ctx, etaMs, { via, choice, told })]);
  await confirmChange(
    ctx,
    opts.json,
    m,
    t('eta.done', { n: formatTicketNumber(m.ticket.id), eta: at(etaMs), told: noticeSaid(choice, 'told') }),
  );
  await finishNotice(ctx, m, choice);
}

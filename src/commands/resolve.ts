// hd resolve: the service is restored — what fixed it, the fault zone, and the client informed.
import { changeTicketSteps } from '../app/change.ts';
import { checkResolve, resolveStep } from '../app/lifecycle.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { parseWhen } from '../domain/time.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { getTicket } from '../store/tickets.ts';
import { zoneWords } from '../ui/words.ts';
import { ticketId } from './common.ts';
import { checkZone } from './log.ts';
import { ask, checkedText, gather, report } from './mutate.ts';
import { callScript, finishNotice, noticeNeeds, noticeSaid, noticeText } from './notice.ts';
import { clientChannel, VIAS, type Via } from './status.ts';
import { unit } from './unit.ts';

export interface ResolveOptions {
  ticket: number;
  /** What restored the service; asked on a terminal when not given. */
  summary: string | undefined;
  /** The fault zone, checked against the zones in run; the ticket's own when not given. */
  zone: string | undefined;
  /** When the service came back, as typed (default: now). */
  restoredAt: string | undefined;
  /** How the client is informed (default: their preferred channel). */
  via: Via | undefined;
  /** false with --no-notify. */
  notify: boolean;
  skipReason: string | undefined;
  outcome: CallOutcome | undefined;
  json: boolean;
}

export const resolve = unit<ResolveOptions>({
  declare: (parent) =>
    parent
      .command('resolve')
      .description(t('resolve.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--summary <text>', t('resolve.opt.summary'))
      .option('--zone <zone>', t('resolve.opt.zone'))
      .option('--restored-at <when>', t('resolve.opt.restoredAt'))
      .option('--via <phone|email|both>', t('resolve.opt.via'))
      .option('--no-notify', t('life.opt.noNotify'))
      .option('--skip-reason <text>', t('life.opt.skipReason'))
      .option('--outcome <outcome>', t('life.opt.outcome'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText('after', examples(t('resolve.example1'), t('resolve.example2'))),
  options: (input) => {
    const via = input.text('via');
    const outcome = input.text('outcome');
    return {
      ticket: ticketId(input.arg(0)),
      summary: checkedText(input.text('summary'), '--summary'),
      zone: input.text('zone'),
      restoredAt: checkedText(input.text('restoredAt'), '--restored-at'),
      via: via === undefined ? undefined : oneOf(via, VIAS, 'channel', '--via'),
      notify: input.flag('notify'),
      skipReason: input.text('skipReason'),
      outcome: outcome === undefined ? undefined : oneOf(outcome, CALL_OUTCOMES, 'call outcome', '--outcome'),
      json: input.flag('json'),
    };
  },
  run: runResolve,
});

export async function runResolve(opts: ResolveOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  let summary = opts.summary;
  const zone = opts.zone ? await checkZone(store, opts.zone, '--zone') : undefined;
  const now = ctx.now();
  const restoredAt = opts.restoredAt
    ? parseWhen(opts.restoredAt, now, ctx.timeZone, 'moment').getTime()
    : now.getTime();
  if (restoredAt > now.getTime()) throw new UsageError(t('resolve.err.restoredFuture'));
  const before = await getTicket(store, opts.ticket);
  const plannedZone = checkResolve(before, zone, restoredAt);
  const via = await clientChannel(store, before, opts);
  const notice = noticeNeeds(
    ctx,
    { notify: opts.notify, outcome: opts.outcome, skipReason: opts.skipReason },
    via,
    () =>
      callScript(
        store,
        { ...before, status: 'resolved', zone: plannedZone, restoredAt },
        'restored',
        ctx.now().getTime(),
        { resolution: summary ?? '' },
      ),
  );
  const answers = await gather(ctx, [
    {
      flag: '--summary TEXT',
      value: summary,
      ask: async (p) => {
        summary = await ask(t('resolve.ask.summary'))(p);
        return summary;
      },
    },
    ...notice.needed,
  ]);
  summary = answers[0]!;
  const choice = notice.choose(answers.slice(1));
  const informed = noticeText(choice, 'informed');
  const m = await changeTicketSteps(ctx, opts.ticket, [
    resolveStep(ctx, { summary, zone, restoredAt, via, choice, informed }),
  ]);
  await report(
    ctx,
    opts,
    m,
    t('resolve.done', {
      number: formatTicketNumber(m.ticket.id),
      zone: m.ticket.zone ? zoneWords(m.ticket.zone) : '',
      informed: noticeSaid(choice, 'informed'),
      id: m.ticket.id,
    }),
  );
  await finishNotice(ctx, m, choice);
}

// hd outage log: a test, an action or a note on the outage and on every linked ticket.

import { type CascadeStep, cascade, WORKING } from '../../app/outage-cascade.ts';
import { logChange } from '../../app/ticket-changes.ts';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { getOutage } from '../../store/outages.ts';
import { eventKindWord } from '../../ui/event-text.ts';
import { choice, positiveInt, readText, requireText } from '../common.ts';
import { TEST_RESULTS } from '../log.ts';
import { ask, gather } from '../mutate.ts';
import { unit } from '../unit.ts';
import { assertActive, outageArg, report } from './shared.ts';

const OUTAGE_LOG_KINDS = ['test', 'action', 'note'] as const;

export interface OutageLogOptions {
  outage: number;
  kind: (typeof OUTAGE_LOG_KINDS)[number];
  /** The text as typed; "-" reads stdin (in run). */
  text?: string;
  result?: (typeof TEST_RESULTS)[number];
  minutes?: number;
  json: boolean;
}

export const outageLog = unit<OutageLogOptions>({
  declare: (parent) =>
    parent
      .command('log')
      .description(t('outage.log.describe'))
      .argument('<outage>', t('outage.arg.outage'))
      .argument('<kind>', 'test | action | note')
      .argument('[text...]', t('outage.log.arg.text'))
      .option('--result <result>', t('outage.log.opt.result'))
      .option('--minutes <n>', t('outage.log.opt.minutes'))
      .option('--json', t('outage.opt.jsonTickets'))
      .addHelpText('after', examples(`hd outage log 12 action "${t('outage.log.exampleText')}"`)),
  options: (input) => {
    const outage = outageArg(input.arg(0));
    const kindArg = input.arg(1);
    if (!kindArg) throw new UsageError(t('outage.log.err.noKind', { outage: input.arg(0)! }));
    if (kindArg === 'call') throw new UsageError(t('outage.log.err.call'));
    const kind = choice(kindArg, OUTAGE_LOG_KINDS, 'outage.what.logKind', 'hd outage log <outage>');
    const result = input.text('result');
    if (kind !== 'test' && result !== undefined) throw new UsageError(t('outage.log.err.result', { kind }));
    const words = input.words(2);
    const minutes = input.text('minutes');
    return {
      outage,
      kind,
      text: words.length ? words.join(' ') : undefined,
      result: result ? choice(result, TEST_RESULTS, 'outage.what.result', '--result') : undefined,
      minutes: minutes === undefined ? undefined : positiveInt(minutes, '--minutes', 0),
      json: input.flag('json'),
    };
  },
  run: runOutageLog,
});

export async function runOutageLog(opts: OutageLogOptions, ctx: Context): Promise<void> {
  const { kind, minutes } = opts;
  const textGiven = opts.text === '-' ? await readText(ctx, '-') : opts.text;
  assertActive(ctx, await getOutage(await ctx.store(), opts.outage));
  const [text, testResult] = await gather(ctx, [
    { flag: t('outage.log.missing.text'), value: textGiven, ask: ask(`${kind}:`) },
    ...(kind === 'test'
      ? [{ flag: '--result pass|fail|info', value: opts.result, ask: ask(t('outage.log.ask.result')) }]
      : []),
  ]);
  const body = requireText(text, t('outage.field.logText'), t('outage.log.field.text'));
  if (kind === 'test') choice(testResult!, TEST_RESULTS, 'outage.what.result', '--result');
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o) => assertActive(ctx, o),
    decide: ({ ticket, calendar, now, contact }) =>
      logChange(ticket, calendar, now, contact, { kind, body, minutes, testResult }),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind,
        text: body,
        payload: {
          ...(minutes !== undefined ? { minutes } : {}),
          ...(kind === 'test' ? { result: testResult } : {}),
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, opts.outage, step);
  report(ctx, opts.json, r, t('outage.log.headline', { kind: eventKindWord(kind) }));
}

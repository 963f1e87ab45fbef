// hd log (tests, actions, calls, notes): the working record of localising a fault.
import { changeTicketSteps } from '../app/change.ts';
import { LOG_KINDS, type LogKind, logStep } from '../app/log.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { checkText, LIMITS, MAX_COUNT, parseWhole } from '../domain/limits.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { CallOutcome } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';
import { getContact } from '../store/clients.ts';
import type { Queryable } from '../store/port.ts';
import { listZones } from '../store/reference.ts';
import { getTicket } from '../store/tickets.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitizeLine } from '../ui/text.ts';
import { zoneWords } from '../ui/words.ts';
import { readText, ticketId } from './common.ts';
import { gather } from './mutate.ts';
import {
  askOutcome,
  confirmChange,
  OUTCOME_FLAG,
  oneOfFlag,
  outcomeOf,
  outcomeWords,
  tell,
  textOf,
} from './notice.ts';
import { unit } from './unit.ts';

/** A test result or a call direction in the interface language (`fail`, «не прошла»). */
function logWord(value: unknown): string {
  const text = String(value);
  const key = `log.done.word.${text}` as MessageKey;
  const found = t(key);
  return found === key ? text : found;
}

export { LOG_KINDS };
export const TEST_RESULTS = ['pass', 'fail', 'info'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export interface LogOptions {
  ticket: number;
  kind: LogKind;
  /** The words typed after the kind, joined; "-" reads stdin; undefined asks on a terminal. */
  text?: string;
  result?: TestResult;
  /** A zone code, checked against the zones table when run. */
  zone?: string;
  direction?: CallDirection;
  party?: string;
  outcome?: CallOutcome;
  minutes?: number;
  json: boolean;
}

/** The zone codes of the zones table; an unknown one is refused naming every zone. */
export async function checkZone(store: Queryable, code: string, flag: string): Promise<string> {
  const zones = await listZones(store);
  if (zones.some((z) => z.code === code)) return code;
  throw new UsageError(t('log.err.zone', { zone: code, flag, zones: zones.map((z) => z.code).join(', ') }));
}

/** Options that belong to another kind: mistakes worth pointing out, not ignoring. */
const FOREIGN: Record<string, string[]> = {
  test: ['result', 'zone'],
  call: ['direction', 'party', 'outcome'],
};

export const log = unit<LogOptions>({
  declare: (parent) =>
    parent
      .command('log')
      .description(t('log.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .argument('<kind>', 'test | action | call | note')
      .argument('[text...]', t('log.arg.text'))
      .option('--result <result>', t('log.opt.result'))
      .option('--zone <zone>', t('log.opt.zone'))
      .option('--direction <in|out>', t('log.opt.direction'))
      .option('--party <name>', t('log.opt.party'))
      .option('--outcome <outcome>', t('log.opt.outcome'))
      .option('--minutes <n>', t('log.opt.minutes'))
      .option('--json', t('log.opt.json'))
      .addHelpText(
        'after',
        () =>
          examples(
            `hd log 123 test "${t('log.ex.test')}" --result fail --zone last-mile`,
            `hd log 123 action "${t('log.ex.action')}" --minutes 20`,
            `hd log 123 call "${t('log.ex.call')}" \\\n      --outcome reached`,
            `hd log 123 call "${t('log.ex.noAnswer')}" --outcome no-answer`,
            'hd log 123 note - < field-notes.txt',
          ) + `\n${t('log.help.calls')}\n`,
      ),
  options: (input) => {
    const ticket = ticketId(input.arg(0));
    const kind = oneOfFlag(input.arg(1) ?? '', LOG_KINDS, 'log.what.kind', 'hd log <ticket>');
    for (const [owner, keys] of Object.entries(FOREIGN))
      for (const key of keys)
        if (owner !== kind && input.text(key) !== undefined)
          throw new UsageError(t('log.err.foreign', { flag: `--${key}`, owner, kind }));
    const words = input.words(2);
    const result = input.text('result');
    const direction = input.text('direction');
    const minutes = input.text('minutes');
    const zone = input.text('zone');
    const party = textOf(input, 'party');
    const outcome = outcomeOf(input.text('outcome'));
    return {
      ticket,
      kind,
      ...(words.length ? { text: words.join(' ') } : {}),
      ...(result === undefined
        ? {}
        : { result: oneOfFlag(result, TEST_RESULTS, 'log.what.result', '--result') }),
      ...(zone === undefined ? {} : { zone }),
      ...(direction === undefined
        ? {}
        : { direction: oneOfFlag(direction, CALL_DIRECTIONS, 'log.what.direction', '--direction') }),
      ...(party === undefined ? {} : { party }),
      ...(outcome === undefined ? {} : { outcome }),
      ...(minutes === undefined
        ? {}
        : { minutes: parseWhole(minutes, '--minutes', { min: 1, max: MAX_COUNT }) }),
      json: input.flag('json'),
    };
  },
  run: runLog,
});

/** The log kind in the interface language, for prompts. */
const kindWord = (kind: LogKind) => t(`log.kind.${kind}` as MessageKey);

export async function runLog(opts: LogOptions, ctx: Context): Promise<void> {
  const { kind } = opts;
  const store = await ctx.store();
  const zoneHint = opts.zone === undefined ? undefined : await checkZone(store, opts.zone, '--zone');
  const direction = opts.direction ?? 'out';
  // Every check that can refuse runs before the first question.
  const current = await getTicket(store, opts.ticket);
  assertWritable(current.id, current.status);
  const textGiven = opts.text === '-' ? await readText(ctx, '-') : opts.text;
  const [text, detailAnswer] = await gather(ctx, [
    {
      flag: t('log.need.text'),
      value: textGiven,
      ask: (p) =>
        p.input({
          message: `${kindWord(kind)}:`,
          validate: (v) => (v.trim() ? true : t('log.ask.textRequired')),
        }),
    },
    ...(kind === 'test'
      ? [
          {
            flag: '--result pass|fail|info',
            value: opts.result,
            ask: (p: Prompter) =>
              p.select({
                message: t('log.ask.result'),
                choices: TEST_RESULTS.map((r) => ({ value: r, name: t(`log.result.${r}` as MessageKey) })),
              }),
          },
        ]
      : []),
    ...(kind === 'call'
      ? [
          {
            // Even an incoming call: only the operator knows who was on the line. Who and which
            // number come first, as for a notice's call.
            flag: OUTCOME_FLAG,
            value: opts.outcome,
            ask: async (p: Prompter) => {
              const contact = await getContact(store, current.contactId);
              const who = sanitizeLine(opts.party ?? contact.name);
              const number = contact.phone ?? t('notice.noPhone');
              const n = formatTicketNumber(current.id);
              tell(
                ctx,
                direction === 'out'
                  ? t('log.callOut', { who, number, n })
                  : t('log.callIn', { who, number, n }),
              );
              return askOutcome(t('log.ask.outcome'), ctx)(p);
            },
          },
        ]
      : []),
  ]);
  if (!text?.trim()) throw new UsageError(t('log.err.emptyText'));
  const body = checkText(text.trim(), t('log.what.text'), LIMITS.description);
  const testResult = kind === 'test' ? detailAnswer : undefined;
  const callOutcome = kind === 'call' ? detailAnswer : undefined;
  const m = await changeTicketSteps(ctx, opts.ticket, [
    logStep({
      kind,
      body,
      ...(opts.minutes !== undefined ? { minutes: opts.minutes } : {}),
      ...(kind === 'test' ? { testResult, ...(zoneHint ? { zoneHint } : {}) } : {}),
      ...(kind === 'call' ? { direction, callOutcome, party: opts.party } : {}),
    }),
  ]);
  const e = m.events[0]!;
  const n = formatTicketNumber(m.ticket.id);
  const done =
    kind === 'test'
      ? zoneHint
        ? t('log.done.testZone', { n, result: logWord(e.payload.result), zone: zoneWords(zoneHint) })
        : t('log.done.test', { n, result: logWord(e.payload.result) })
      : kind === 'call'
        ? t('log.done.call', {
            n,
            direction: logWord(e.payload.direction),
            outcome: outcomeWords(e.payload.outcome as CallOutcome),
          })
        : t(`log.done.${kind}`, { n });
  await confirmChange(ctx, opts.json, m, done, true);
}

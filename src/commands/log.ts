// hd log (tests, actions, calls, notes) and hd zone: the working record of localising a fault.
import { changeTicketSteps } from '../app/change.ts';
import { LOG_KINDS, logStep, zoneStep } from '../app/log.ts';
import { type Context, say } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { UsageError } from '../errors.ts';
import { getContact } from '../store/clients.ts';
import type { Queryable } from '../store/port.ts';
import { listZones } from '../store/reference.ts';
import { getTicket } from '../store/tickets.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitizeLine } from '../ui/text.ts';
import { type Opts, positiveInt, readText, requireText, str, ticketId } from './common.ts';
import { gather, report, textFlag } from './mutate.ts';
import { askOutcome, OUTCOME_FLAG, outcomeFlag } from './notice.ts';

export { LOG_KINDS };
export const TEST_RESULTS = ['pass', 'fail', 'info'] as const;
export const CALL_DIRECTIONS = ['in', 'out'] as const;

export async function checkZone(store: Queryable, code: string, flag: string): Promise<string> {
  const zones = await listZones(store);
  if (zones.some((z) => z.code === code)) return code;
  throw new UsageError(
    `Unknown zone "${code}". ${flag} takes one of: ${zones.map((z) => z.code).join(', ')}.`,
  );
}

export async function runLog(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, kindArg, ...words] = args;
  if (!kindArg)
    throw new UsageError(
      `Missing the entry kind: hd log ${ticketArg ?? '<ticket>'} test|action|call|note "text".`,
    );
  const kind = oneOf(kindArg, LOG_KINDS, 'log kind', 'hd log <ticket>');
  const store = await ctx.store();
  // Options that belong to another kind are mistakes worth pointing out, not ignoring.
  const foreign: Record<string, string[]> = {
    test: ['result', 'zone'],
    call: ['direction', 'party', 'outcome'],
  };
  for (const [owner, keys] of Object.entries(foreign)) {
    for (const key of keys)
      if (owner !== kind && str(opts, key) !== undefined)
        throw new UsageError(`--${key} is for "hd log … ${owner}", not ${kind}.`);
  }
  const result = str(opts, 'result') && oneOf(str(opts, 'result')!, TEST_RESULTS, 'test result', '--result');
  const zoneHint = str(opts, 'zone') ? await checkZone(store, str(opts, 'zone')!, '--zone') : undefined;
  const direction = oneOf(str(opts, 'direction') ?? 'out', CALL_DIRECTIONS, 'call direction', '--direction');
  const outcome = outcomeFlag(opts);
  const minutes =
    str(opts, 'minutes') === undefined ? undefined : positiveInt(str(opts, 'minutes'), '--minutes', 0);
  // Every check that can refuse runs before the first question.
  const current = await getTicket(store, ticketId(ticketArg));
  assertWritable(current.id, current.status);
  const given = words.length ? words.join(' ') : undefined;
  const textGiven = given === '-' ? await readText(ctx, '-') : given;
  const [text, detailAnswer] = await gather(ctx, [
    {
      flag: 'the text (an argument, or - for stdin)',
      value: textGiven,
      ask: (p) =>
        p.input({
          message: `${kind[0]!.toUpperCase()}${kind.slice(1)}:`,
          validate: (v) => (v.trim() ? true : 'Write what happened'),
        }),
    },
    ...(kind === 'test'
      ? [
          {
            flag: '--result pass|fail|info',
            value: result || undefined,
            ask: (p: Prompter) =>
              p.select({ message: 'Result:', choices: TEST_RESULTS.map((r) => ({ value: r, name: r })) }),
          },
        ]
      : []),
    ...(kind === 'call'
      ? [
          {
            // Even an incoming call: only the operator knows who was on the line. Who and which
            // number come first, as for a notice's call.
            flag: OUTCOME_FLAG,
            value: outcome,
            ask: async (p: Prompter) => {
              const contact = await getContact(store, current.contactId);
              const who = sanitizeLine(textFlag(opts, 'party') ?? contact.name);
              const number = contact.phone ?? 'no phone on record';
              say(
                ctx,
                direction === 'out'
                  ? `Call ${who} on ${number} about ${formatTicketNumber(current.id)}.`
                  : `Call from ${who} (${number} on record) about ${formatTicketNumber(current.id)}.`,
              );
              return askOutcome('Outcome of the call:')(p);
            },
          },
        ]
      : []),
  ]);
  const body = requireText(text, 'The log text', 'the text argument');
  const testResult = kind === 'test' ? detailAnswer : undefined;
  const callOutcome = kind === 'call' ? detailAnswer : undefined;
  const m = await changeTicketSteps(ctx, ticketId(ticketArg), [
    logStep({
      kind,
      body,
      ...(minutes !== undefined ? { minutes } : {}),
      ...(kind === 'test' ? { testResult, ...(zoneHint ? { zoneHint } : {}) } : {}),
      ...(kind === 'call' ? { direction, callOutcome, party: textFlag(opts, 'party') } : {}),
    }),
  ]);
  const e = m.events[0]!;
  const detail =
    kind === 'test'
      ? ` (${e.payload.result}${zoneHint ? `, zone hint ${zoneHint}` : ''})`
      : kind === 'call'
        ? ` (${e.payload.direction}, ${e.payload.outcome})`
        : '';
  await report(ctx, opts, m, `${formatTicketNumber(m.ticket.id)}: ${kind} logged${detail}.`, true);
}

export async function runZone(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, zoneArg] = args;
  const store = await ctx.store();
  if (!zoneArg) {
    const zones = await listZones(store);
    throw new UsageError(`Missing the zone. Zones: ${zones.map((z) => `${z.code} (${z.name})`).join(', ')}.`);
  }
  const zone = await checkZone(store, zoneArg, 'hd zone <ticket>');
  const note = textFlag(opts, 'note');
  const m = await changeTicketSteps(ctx, ticketId(ticketArg), [zoneStep(zone, note)]);
  await report(ctx, opts, m, `${formatTicketNumber(m.ticket.id)}: zone ${zone}.`);
}

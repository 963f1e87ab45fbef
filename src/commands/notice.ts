// The notification side of lifecycle commands: by default the client hears about every ETA,
// extension, restoration and closing through their preferred channel; --no-notify needs a reason.
// A call is recorded only as it went: its outcome comes from --outcome or from the operator on a
// terminal, after the call script and the number to dial were shown — never from a default.

import type { NoticeChoice } from '../app/notice.ts';
import { type Context, say } from '../context.ts';
import { tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket } from '../domain/types.ts';
import { CALL_OUTCOMES, type CallOutcome } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';
import {
  deliverQueued,
  deliverySummary,
  type NoticeExtra,
  type NoticeKind,
  renderCallScript,
  type Via,
} from '../notify.ts';
import { getContact } from '../store/clients.ts';
import type { Queryable } from '../store/port.ts';
import { writeText } from '../ui/output.ts';
import type { Prompter } from '../ui/prompter.ts';
import { wrapForTerminal, wrapWords } from '../ui/table.ts';
import { sanitize, sanitizeLine } from '../ui/text.ts';
import { loadDetails } from './details.ts';
import { type Mutation, type Needed, report } from './mutate.ts';
import type { Parsed } from './unit.ts';

export { type NoticeChoice, noticeHook, noticeText } from '../app/notice.ts';

/**
 * Chatter for the person at the terminal (say), wrapped at word boundaries to its width when
 * there is one: a line the terminal wrapped itself would break mid-word.
 */
export function tell(ctx: Context, text: string): void {
  const atTerminal = ctx.io.isTerminal || ctx.io.isInteractive;
  say(ctx, atTerminal ? wrapForTerminal(sanitize(text), ctx.io.columns) : text);
}

/** A heading wrapped to the terminal's width when there is one. */
const wrapped = (ctx: Context, text: string) =>
  ctx.io.isTerminal || ctx.io.isInteractive ? wrapForTerminal(text, ctx.io.columns) : text;

/** A call script quoted under its heading ("  │ " before each line), wrapped on a terminal. */
export function quoted(ctx: Context, body: string): string {
  const atTerminal = ctx.io.isTerminal || ctx.io.isInteractive;
  const lines = sanitize(body).split('\n');
  const wrapped = atTerminal
    ? lines.flatMap((line) => (line.trim() ? wrapWords(line, Math.max(20, ctx.io.columns - 4)) : ['']))
    : lines;
  return wrapped.map((line) => `  │ ${line}`).join('\n');
}

export const OUTCOME_FLAG = `--outcome ${CALL_OUTCOMES.join('|')}`;

/**
 * A flag value that must be one of `allowed` (data, typed as is in both languages): refused
 * naming the flag and every value it takes. `what` names the value in the interface language.
 */
export function oneOfFlag<T extends string>(
  value: string,
  allowed: readonly T[],
  what: MessageKey,
  flag: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(t('open.err.oneOf', { what: t(what), value, flag, allowed: allowed.join(', ') }));
}

/** A text flag that, when given, must not be blank (trimmed); undefined when not given. */
export function textOf(input: Parsed, name: string): string | undefined {
  const value = input.text(name);
  const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (value !== undefined && !value.trim()) throw new UsageError(t('open.err.emptyFlag', { flag }));
  if (value !== undefined && value.length > 10_000) throw new UsageError(t('open.err.longFlag', { flag }));
  return value?.trim();
}

/** --outcome, checked against the list of outcomes; undefined when not given. */
export function outcomeOf(given: unknown): CallOutcome | undefined {
  return typeof given === 'string'
    ? oneOfFlag(given, CALL_OUTCOMES, 'notice.what.outcome', '--outcome')
    : undefined;
}

/** A call outcome in the interface language, its value beside it where the words differ. */
export const outcomeName = (o: CallOutcome): string => t(`notice.outcome.${o}` as MessageKey);

/** A call outcome in words alone, for a confirmation line: «не ответили», `no-answer`. */
export const outcomeWords = (o: CallOutcome): string => outcomeName(o).replace(/ \([^)]*\)$/, '');

/** The neutral first choice of the outcome question: no outcome, Enter on it asks again. */
const NO_OUTCOME = '';

/**
 * The call's outcome, asked of the operator once the call is done. It starts on a neutral
 * choice, not on an outcome: a lone Enter must not record that the client was reached and told.
 */
export const askOutcome = (message: string, ctx: Context) => async (p: Prompter) => {
  for (;;) {
    const picked = await p.select<string>({
      message,
      choices: [
        { value: NO_OUTCOME, name: t('notice.ask.outcomeNotChosen') },
        ...CALL_OUTCOMES.map((o) => ({ value: o, name: outcomeName(o) })),
      ],
      default: NO_OUTCOME,
      loop: false,
    });
    if (picked !== NO_OUTCOME) return picked;
    tell(ctx, t('notice.ask.outcomeRequired'));
  }
};

/** How a command notifies the client: --no-notify, --skip-reason, --outcome, typed. */
export interface NoticeFlags {
  /** False with --no-notify. */
  notify: boolean;
  skipReason?: string;
  outcome?: CallOutcome;
}

/** The notice flags of a unit's input. */
export function noticeFlagsOf(input: Parsed): NoticeFlags {
  const skipReason = input.text('skipReason')?.trim() || undefined;
  const outcome = outcomeOf(input.text('outcome'));
  return {
    // commander gives --no-notify as notify: false; without it, notify is true.
    notify: input.flag('notify'),
    ...(skipReason === undefined ? {} : { skipReason }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/** The flags as the command's options hold them, the skip reason trimmed. */
function noticeFlags(x: NoticeFlags): NoticeFlags {
  const skip = typeof x.skipReason === 'string' ? x.skipReason.trim() || undefined : undefined;
  const outcome = outcomeOf(x.outcome);
  return {
    notify: x.notify !== false,
    ...(skip === undefined ? {} : { skipReason: skip }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/** What the operator says on the phone, and to whom: shown before the outcome is asked. */
export interface CallScript {
  ticketId: number;
  contact: string;
  phone: string | null;
  body: string;
}

/**
 * The phone script of a notice as it will read once the change is made (`preview` is the ticket
 * then), its times as said at `now`.
 */
export async function callScript(
  store: Queryable,
  preview: Ticket,
  kind: NoticeKind,
  now: number,
  extra: NoticeExtra = {},
): Promise<CallScript> {
  const d = await loadDetails(store, preview.id, preview);
  return {
    ticketId: preview.id,
    contact: d.contact.name,
    phone: d.contact.phone,
    body: renderCallScript(d, kind, extra, now),
  };
}

export function showScript(ctx: Context, s: CallScript): void {
  say(
    ctx,
    `${wrapped(
      ctx,
      t('notice.callScript', {
        who: sanitizeLine(s.contact),
        phone: s.phone ?? t('notice.noPhone'),
        n: formatTicketNumber(s.ticketId),
      }),
    )}\n${quoted(ctx, s.body)}`,
  );
}

export interface NoticeNeeds {
  /** Questions for gather(), after the command's own: the skip reason, or the call's outcome. */
  needed: Needed[];
  /** The choice, from gather()'s answers to `needed` (in order). */
  choose(answers: string[]): NoticeChoice;
}

/**
 * Reads --no-notify / --skip-reason / --outcome. Nothing is asked here: the questions are
 * returned for the command's gather(), so that without a terminal one usage error names every
 * missing flag, and on a terminal they come after every check that can refuse the command.
 * The outcome question shows the call script first (`script` renders it; a command that
 * never calls passes none).
 */
export function noticeNeeds(
  ctx: Context,
  given: NoticeFlags,
  via: Via | 'none',
  script?: () => Promise<CallScript>,
): NoticeNeeds {
  const flags = noticeFlags(given);
  if (!flags.notify) {
    if (flags.outcome !== undefined) throw new UsageError(t('notice.err.outcomeNoNotify'));
    return {
      needed: [
        {
          flag: t('notice.need.skipReason'),
          value: flags.skipReason,
          ask: (p) =>
            p.input({
              message: t('notice.ask.skipReason'),
              validate: (v) => (v.trim() ? true : t('notice.ask.reasonRequired')),
            }),
        },
      ],
      choose: ([answer]) => ({ skip: answer!.trim() }),
    };
  }
  const outcome = flags.outcome;
  const calls = via === 'phone' || via === 'both';
  if (outcome && !calls)
    throw new UsageError(
      via === 'none' ? t('notice.err.outcomeNowhere') : t('notice.err.outcomeNotByPhone', { via }),
    );
  if (!calls || !script) return { needed: [], choose: () => ({ via, outcome }) };
  let shown = false;
  return {
    needed: [
      {
        flag: OUTCOME_FLAG,
        value: outcome,
        ask: async (p) => {
          showScript(ctx, await script());
          shown = true;
          return askOutcome(t('notice.ask.outcome'), ctx)(p);
        },
      },
    ],
    choose: ([answer]) => ({ via, outcome: answer as CallOutcome, scriptShown: shown }),
  };
}

/** The client's preferred channel for a ticket, unless --via says otherwise. */
export async function preferredVia(store: Queryable, ticket: Ticket): Promise<Via> {
  return (await getContact(store, ticket.contactId)).preferredChannel;
}

/** After the commit: the call script (unless shown before the question), then the e-mail. */
export async function finishNotice(ctx: Context, m: Mutation, choice?: NoticeChoice): Promise<void> {
  const notice = m.notice;
  if (!notice) return;
  const shown = choice !== undefined && !('skip' in choice) && choice.scriptShown === true;
  if (notice.script && !shown)
    say(
      ctx,
      `${t('notice.scriptFor', { n: formatTicketNumber(m.ticket.id) })}\n${quoted(ctx, notice.script)}`,
    );
  if (notice.queued.length === 0) return;
  const report = await deliverQueued(
    ctx,
    await ctx.store(),
    notice.queued.map((q) => q.id),
  );
  for (const line of deliverySummary(report, notice.queued.length)) tell(ctx, line);
}

/**
 * How the client was told, for the confirmation line in the interface language: the words of
 * noticeText (which the event keeps, in English) as the operator reads them.
 */
export function noticeSaid(choice: NoticeChoice, verb: 'told' | 'informed'): string {
  const told = t(`notice.verb.${verb}`);
  if ('skip' in choice) return t('notice.said.skip', { reason: choice.skip });
  const phone = choice.via === 'phone' || choice.via === 'both';
  const email = choice.via === 'email' || choice.via === 'both';
  if (phone && tellsClient(choice.outcome))
    return t(email ? 'notice.said.phoneEmail' : 'notice.said.phone', { told });
  if (phone)
    return t(email ? 'notice.said.attemptEmail' : 'notice.said.attempt', {
      told,
      outcome: choice.outcome ? outcomeWords(choice.outcome) : '',
    });
  if (email) return t('notice.said.email', { told });
  return t('notice.said.owed', { told });
}

/**
 * The result of a change: --json gives the updated ticket (or, with `eventOnly`, the new event);
 * else the confirmation, one clean line wrapped at word boundaries on a terminal.
 */
export async function confirmChange(
  ctx: Context,
  json: boolean,
  m: Mutation,
  line: string,
  eventOnly = false,
): Promise<void> {
  if (json) return report(ctx, { json }, m, line, eventOnly);
  writeText(ctx.io, `${sanitizeLine(line)}\n`);
}

// How lifecycle commands change a ticket (through app/change.ts), print the result, and gather
// the values they need from flags or prompts.

import { type AfterHook, changeTicket, type Decider, type Mutation } from '../app/change.ts';
import { checkPrompted } from '../cli/validate.ts';
import type { Context } from '../context.ts';
import { checkText } from '../domain/limits.ts';
import { UsageError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { printJson, writeText } from '../ui/output.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitizeLine } from '../ui/text.ts';
import { eventJson, ticketJson } from '../ui/ticket.ts';
import { ticketId } from './common.ts';
import { loadDetails } from './details.ts';

export type { AfterHook, Change, Decide, Mutation } from '../app/change.ts';

/** A change of the ticket typed on the command line (HD-000123 or 123): see app/change.ts. */
export async function mutateTicket(
  ctx: Context,
  idText: string | undefined,
  decide: Decider,
  after?: AfterHook,
): Promise<Mutation> {
  return changeTicket(ctx, ticketId(idText), decide, after);
}

/** Prints the result: --json gives the updated ticket (or, with `eventOnly`, the new event). */
export async function report(
  ctx: Context,
  opts: { json?: unknown },
  m: Mutation,
  line: string,
  eventOnly = false,
): Promise<void> {
  if (opts.json === true) {
    if (eventOnly) printJson(ctx.io, eventJson(m.events[0]!));
    else
      printJson(
        ctx.io,
        ticketJson(await loadDetails(await ctx.store(), m.ticket.id, m.ticket), ctx.now().getTime()),
      );
    return;
  }
  // The confirmation echoes what was typed (a name, a reason): one clean line, wrapped between
  // words on a terminal.
  writeText(ctx.io, `${sanitizeLine(line)}\n`);
}

export interface Needed {
  flag: string;
  value: string | undefined;
  ask: (p: Prompter) => Promise<string>;
}

const PLACEHOLDERS: Record<string, string> = {
  NAME: 'ИМЯ',
  GROUP: 'ГРУППА',
  TEXT: 'ТЕКСТ',
  DURATION: 'ДЛИТЕЛЬНОСТЬ',
  SECONDS: 'СЕКУНДЫ',
  WHEN: 'ВРЕМЯ',
};

/** A flag's placeholder in the interface language: "--to NAME|GROUP" reads "--to ИМЯ|ГРУППА". */
function placeholders(flag: string): string {
  if (language() === 'en') return flag;
  return flag.replace(/\b[A-Z]{2,}\b/g, (w) => PLACEHOLDERS[w] ?? w);
}

/**
 * Values a command requires: taken from flags; on a terminal the missing ones are asked for;
 * otherwise one usage error names every missing flag.
 */
export async function gather(ctx: Context, needed: Needed[]): Promise<string[]> {
  const missing = needed.filter((n) => n.value === undefined);
  if (missing.length && !ctx.io.isInteractive) {
    throw new UsageError(t('change.missing', { flags: missing.map((n) => placeholders(n.flag)).join(', ') }));
  }
  const out: string[] = [];
  for (const n of needed) {
    if (n.value !== undefined) out.push(n.value);
    else out.push(checkPrompted(n.flag, await n.ask(await ctx.prompter())));
  }
  return out;
}

export const ask =
  (message: string) =>
  (p: Prompter): Promise<string> =>
    p.input({ message, validate: (v) => (v.trim() ? true : t('change.notEmpty')) });

/** A required text flag's value (`--depot`): not blank, valid text within `max` characters, trimmed. */
export function requiredText(value: string | undefined, flag: string, max: number): string {
  const text = value?.trim() ?? '';
  if (!text) throw new UsageError(t('change.err.required', { flag }));
  return checkText(text, flag, max);
}

/** The value of a text flag (`--reason`), when given: not blank, not over 10,000 characters, trimmed. */
export function checkedText(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !value.trim()) throw new UsageError(t('change.err.emptyFlag', { flag }));
  if (value !== undefined && value.length > 10_000) throw new UsageError(t('change.err.longFlag', { flag }));
  return value?.trim();
}

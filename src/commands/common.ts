// Helpers shared by command modules: flags, client lookup, reading text, ticket loading.
import type { Context } from '../context.ts';
import { checkText, decodeUtf8, LIMITS, MAX_COUNT, parseWhole } from '../domain/limits.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import type { Client } from '../domain/types.ts';
import { NotFoundError, RefusedError, UsageError, wrapError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';
import { commandName, describeDb } from '../paths.ts';
import { findClients } from '../store/clients.ts';
import type { Queryable } from '../store/port.ts';
import { isEmptyDatabase } from '../store/reference.ts';

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  return parseWhole(value, flag, { min: 1, max: MAX_COUNT });
}

/** Every missing required value is named in one error (exit 2). */
export function refuseMissing(missing: string[], why = ''): void {
  if (missing.length === 0) return;
  const reason = why === NOT_PROMPTING ? notPrompting() : why;
  throw new UsageError(t('common.err.missing', { missing: missing.join(', '), why: reason }));
}

/** The English reason, for messages built by concatenation; refuseMissing translates it. */
export const NOT_PROMPTING = ' (not prompting: no terminal, or --no-input)';

/** Why hd did not ask, in the interface language (" (…)", with its leading space). */
export const notPrompting = () => t('common.notPrompting');

/** Text from a flag; "-" reads all of stdin, which must be UTF-8 text. */
export async function readText(ctx: Context, value: string): Promise<string> {
  if (value !== '-') return value;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of ctx.io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(t('common.err.stdin', { reason }));
  }
  return decodeUtf8(Buffer.concat(chunks), t('input.field.stdin'));
}

/** Text fields: no empty strings, valid UTF-8 without NUL, within the limit (domain/limits.ts). */
export function requireText(
  value: string | undefined,
  what: string,
  flag: string,
  max: number = LIMITS.description,
): string {
  const text = value?.trim() ?? '';
  if (!text) throw new UsageError(t('common.err.empty', { what, flag }));
  return checkText(text, `${what} (${flag})`, max);
}

/** The phone library is large: load it only when the text could be a phone number. */
async function phoneOrNull(text: string): Promise<string | null> {
  if ((text.match(/\d/g) ?? []).length < 7) return null;
  const { normalizePhone } = await import('../domain/contact.ts');
  try {
    return await normalizePhone(text);
  } catch {
    return null;
  }
}

/** One client from what an operator typed; ambiguous or unknown input is refused with candidates. */
export async function resolveClient(store: Queryable, query: string): Promise<Client> {
  const matches = await findClients(store, query, await phoneOrNull(query));
  if (matches.length === 1) return matches[0]!.client;
  if (matches.length === 0) {
    throw new NotFoundError(t('common.err.noClient', { query }));
  }
  const list = matches
    .slice(0, 8)
    .map((m) => `${m.client.contractNo} ${m.client.name}`)
    .join('; ');
  throw new RefusedError(t('common.err.manyClients', { query, count: matches.length, list }));
}

export function ticketId(text: string | undefined): number {
  if (!text) throw new UsageError(t('common.err.noTicket'));
  return parseTicketNumber(text);
}

/**
 * On a database with no ticket and no client, why a read found nothing: it is new and empty, which
 * is most often an HD_DB or --db pointing at the wrong place. Asked only when a read found nothing.
 */
export async function emptyDatabaseNote(ctx: Context, store: Queryable): Promise<string> {
  if (!(await isEmptyDatabase(store))) return '';
  const hd = commandName(ctx.program, ctx.env, process.cwd());
  const note = t('emptyDb', { db: describeDb(ctx.dbPath), hd });
  // Written to stderr by the caller: on a terminal, broken at spaces to its width.
  return `${ctx.io.isTerminal ? wrapError(note, ctx.io.columns) : note}\n`;
}

/**
 * A flag value from a fixed list (`--language ru|en`): the value as typed, or a UsageError naming
 * the flag and its values. `what` names the kind of value ("language").
 */
export function choice<T extends string>(
  value: string,
  allowed: readonly T[],
  what: MessageKey,
  flag: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(t('common.err.choice', { what: t(what), value, flag, choices: allowed.join(', ') }));
}

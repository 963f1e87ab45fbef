// hd verify: walks every ticket's hash chain and checks that each ticket's row says what its
// events say. Streams: one slice of tickets in memory at a time.

import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { type AuditSummary, type Finding, TicketAudit } from '../domain/audit.ts';
import { statusWords } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { HdError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { ticketsWithEvents } from '../store/audit.ts';
import { decimal } from '../ui/number.ts';
import { printJsonStream, writeText } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { unit } from './unit.ts';

/** Anything differs: the findings are on stdout, this line on stderr, exit 1. */
export class VerifyFailedError extends HdError {}

async function* findings(
  store: Awaited<ReturnType<Context['store']>>,
  totals: AuditSummary,
): AsyncGenerator<Finding> {
  for await (const t of ticketsWithEvents(store)) {
    const audit = new TicketAudit(t.ticketId);
    for (const e of t.events) audit.event(e);
    audit.finish(t.row);
    if (t.row) totals.tickets++;
    totals.events += audit.events;
    totals.unhashedEvents += audit.unhashed;
    totals.differences += audit.findings.length;
    yield* audit.findings;
  }
}

const value = (v: Finding['expected']) => (v === null ? t('verify.nothing') : sanitizeLine(String(v)));

export function findingLine(f: Finding): string {
  const where = `${formatTicketNumber(f.ticketId)}${f.eventId === null ? '' : t('verify.where.event', { id: f.eventId })}`;
  // People read statuses in words; --json keeps the TMF names.
  const shown = (v: Finding['expected']) =>
    value(f.field === 'status' && v !== null ? statusWords(String(v)) : v);
  return t('verify.finding', { where, field: f.field, expected: shown(f.expected), found: shown(f.found) });
}

/** "3 tickets", "3 заявки", "5 заявок": the noun in the form its number takes. */
function count(n: number, noun: 'ticket' | 'event' | 'difference'): string {
  const lang = language();
  const mod10 = n % 10;
  const mod100 = n % 100;
  const form =
    lang === 'ru'
      ? mod10 === 1 && mod100 !== 11
        ? 'one'
        : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
          ? 'few'
          : 'many'
      : n === 1
        ? 'one'
        : 'many';
  return `${decimal(n)} ${t(`verify.${noun}.${form}`)}`;
}

export interface VerifyOptions {
  json: boolean;
}

export const verify = unit<VerifyOptions>({
  declare: (parent) =>
    parent
      .command('verify')
      .description(t('verify.describe'))
      .option('--json', t('verify.opt.json'))
      .addHelpText(
        'after',
        `\n${t('verify.help')}\n${examples('hd verify', 'hd verify --json > audit.json || mail -s "hd audit" lead < audit.json')}`,
      ),
  options: (input) => ({ json: input.flag('json') }),
  run: runVerify,
});

export async function runVerify(opts: VerifyOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const started = Date.now();
  const totals: AuditSummary = { tickets: 0, events: 0, unhashedEvents: 0, differences: 0 };
  if (opts.json) {
    await printJsonStream(
      ctx.io,
      {},
      'findings',
      findings(store, totals),
      (f) => ({ ticket: formatTicketNumber(f.ticketId), ...f }),
      () => ({ ok: totals.differences === 0, ...totals }),
    );
  } else {
    let buffered = '';
    for await (const f of findings(store, totals)) {
      buffered += `${findingLine(f)}\n`;
      if (buffered.length > 16_384) {
        ctx.io.stdout.write(buffered);
        buffered = '';
      }
    }
    if (buffered) ctx.io.stdout.write(buffered);
  }
  const seconds = decimal((Date.now() - started) / 1000, 1);
  const checked = t('verify.checked', {
    tickets: count(totals.tickets, 'ticket'),
    events: count(totals.events, 'event'),
    seconds,
  });
  const legacy = totals.unhashedEvents
    ? t('verify.legacy', { events: count(totals.unhashedEvents, 'event') })
    : '';
  if (totals.differences > 0)
    throw new VerifyFailedError(
      t('verify.failed', { differences: count(totals.differences, 'difference'), checked, legacy }),
    );
  if (!opts.json) writeText(ctx.io, `${t('verify.ok', { checked, legacy })}\n`);
}

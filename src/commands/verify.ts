// hd verify: walks every ticket's hash chain and checks that each ticket's row says what its
// events say. Streams: one slice of tickets in memory at a time.
import type { Context } from '../context.ts';
import { type AuditSummary, type Finding, TicketAudit } from '../domain/audit.ts';
import { statusWords } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { HdError } from '../errors.ts';
import { ticketsWithEvents } from '../store/audit.ts';
import { printJsonStream } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { bool, type Opts } from './common.ts';

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

const value = (v: Finding['expected']) => (v === null ? 'nothing' : sanitizeLine(String(v)));

export function findingLine(f: Finding): string {
  const where = `${formatTicketNumber(f.ticketId)}${f.eventId === null ? '' : ` event #${f.eventId}`}`;
  // People read statuses in words; --json keeps the TMF names.
  const shown = (v: Finding['expected']) =>
    value(f.field === 'status' && v !== null ? statusWords(String(v)) : v);
  return `${where}: ${f.field}: expected ${shown(f.expected)}, found ${shown(f.found)}`;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export async function runVerify(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const started = Date.now();
  const totals: AuditSummary = { tickets: 0, events: 0, unhashedEvents: 0, differences: 0 };
  if (bool(opts, 'json')) {
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
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const checked = `${count(totals.tickets, 'ticket')} and ${count(totals.events, 'event')} checked in ${seconds} s`;
  const legacy = totals.unhashedEvents
    ? `; ${count(totals.unhashedEvents, 'event')} from before the audit chain, sealed only by a later event of their ticket`
    : '';
  if (totals.differences > 0)
    throw new VerifyFailedError(
      `${count(totals.differences, 'difference')} found (listed above); ${checked}${legacy}.`,
    );
  if (!bool(opts, 'json'))
    ctx.io.stdout.write(`All hash chains intact and every ticket matches its events: ${checked}${legacy}.\n`);
}

// hd outbox list: messages, newest first, with attempts and the last error.
import type { Context } from '../../context.ts';
import { MAX_COUNT, parseWhole } from '../../domain/limits.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { listMessages, type OutboxMessage, type OutboxStatus, outboxCounts } from '../../store/outbox.ts';
import { mailErrorWords } from '../../ui/mail-error.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { timeDisplay } from '../../ui/time.ts';
import { ticketId } from '../common.ts';
import { oneOfFlag, tell } from '../notice.ts';
import { unit } from '../unit.ts';
import { messageJson, statusText } from './show.ts';

const STATUSES: OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];

export interface OutboxListOptions {
  status?: OutboxStatus;
  ticket?: number;
  limit: number;
  json: boolean;
}

export const outboxList = unit<OutboxListOptions>({
  declare: (parent) =>
    parent
      .command('list', { isDefault: true })
      .description(t('outbox.list.describe'))
      .option('--status <status>', t('outbox.list.opt.status'))
      .option('--ticket <ticket>', t('outbox.list.opt.ticket'))
      .option('--limit <n>', t('outbox.list.opt.limit'), '50')
      .option('--json', t('opt.json')),
  options: (input) => {
    const status = input.text('status');
    const ticket = input.text('ticket');
    return {
      ...(status === undefined
        ? {}
        : { status: oneOfFlag(status, STATUSES, 'outbox.what.status', '--status') }),
      ...(ticket === undefined ? {} : { ticket: ticketId(ticket) }),
      limit: parseWhole(input.text('limit') ?? '50', '--limit', { min: 1, max: MAX_COUNT }),
      json: input.flag('json'),
    };
  },
  run: runOutboxList,
});

export async function runOutboxList(opts: OutboxListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = await listMessages(store, { status: opts.status, ticketId: opts.ticket, limit: opts.limit });
  if (opts.json) {
    printJson(ctx.io, rows.map(messageJson));
    return;
  }
  const counts = await outboxCounts(store);
  tell(
    ctx,
    t(counts.uncertain ? 'outbox.counts.uncertain' : 'outbox.counts', {
      queued: counts.queued,
      sending: counts.sending,
      sent: counts.sent,
      failed: counts.failed,
      uncertain: counts.uncertain,
    }),
  );
  if (rows.length === 0) return;
  const at = timeDisplay(ctx).at;
  await printTable(
    ctx.io,
    [
      { header: '#', value: (m: OutboxMessage) => String(m.id) },
      { header: 'Status', title: t('outbox.col.status'), value: statusText },
      {
        header: 'Tries',
        title: t('outbox.col.tries'),
        value: (m: OutboxMessage) => String(m.attempts),
        drop: 2,
      },
      {
        header: 'Ticket',
        title: t('col.ticket'),
        value: (m: OutboxMessage) => (m.ticketId ? formatTicketNumber(m.ticketId) : ''),
      },
      {
        header: 'To',
        title: t('outbox.col.to'),
        value: (m: OutboxMessage) => m.recipient,
        flexible: true,
        min: 16,
      },
      {
        header: 'Subject',
        title: t('outbox.col.subject'),
        // On a terminal, without the ticket number the Ticket column shows: at 80 columns a subject
        // is cut to a dozen characters, and "Ticket HD…" on every row told the rows apart by nothing.
        value: (m: OutboxMessage) =>
          ctx.io.isTerminal && m.ticketId
            ? m.subject.replace(` ${formatTicketNumber(m.ticketId)}`, '')
            : m.subject,
        flexible: true,
        min: 18,
      },
      {
        header: 'Next try / sent',
        title: t('outbox.col.when'),
        value: (m: OutboxMessage) =>
          m.status === 'sent' ? at(m.sentAt) : m.status === 'queued' ? at(m.nextAttemptAt) : '',
      },
      {
        header: 'Last error',
        title: t('outbox.col.error'),
        value: (m: OutboxMessage) => mailErrorWords(m.lastError ?? ''),
        wrap: true,
      },
    ],
    rows,
  );
}

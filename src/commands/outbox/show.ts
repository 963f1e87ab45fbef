// hd outbox show: one message with its body; the JSON shape of a message, and its status in words.
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { type MessageKey, t } from '../../i18n.ts';
import { getMessage, type OutboxMessage } from '../../store/outbox.ts';
import { mailErrorWords } from '../../ui/mail-error.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitize, sanitizeLine } from '../../ui/text.ts';
import { iso, timeDisplay } from '../../ui/time.ts';
import { unit } from '../unit.ts';
import { messageId } from './retry.ts';

export interface OutboxShowOptions {
  id: number;
  json: boolean;
}

export const outboxShow = unit<OutboxShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('outbox.show.describe'))
      .argument('<id>', t('outbox.arg.id'))
      .option('--json', t('opt.json')),
  options: (input) => ({ id: messageId(input.arg(0)), json: input.flag('json') }),
  run: runOutboxShow,
});

export function messageJson(m: OutboxMessage) {
  return {
    id: m.id,
    ticket: m.ticketId === null ? null : formatTicketNumber(m.ticketId),
    kind: m.kind,
    to: m.recipient,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === 'queued' ? iso(m.nextAttemptAt) : null,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
    messageId: m.messageId,
    /** The last attempt that handed the whole message over without a reply: it may have arrived. */
    mayHaveBeenDeliveredAt: iso(m.uncertainAt),
    sendingBy:
      m.status === 'sending' ? { pid: m.claimPid, host: m.claimHost, since: iso(m.claimedAt) } : null,
  };
}

/** The status in words, with what is uncertain about it. */
export function statusText(m: OutboxMessage): string {
  const status = t(`outbox.status.${m.status}` as MessageKey);
  if (m.status === 'sending')
    return m.claimPid === null
      ? status
      : t('outbox.status.sendingBy', { pid: m.claimPid, host: m.claimHost ?? '' });
  if (m.uncertainAt === null) return status;
  if (m.status === 'sent') return t('outbox.status.sentTwice');
  return t('outbox.status.mayHave', { status });
}

export async function runOutboxShow(opts: OutboxShowOptions, ctx: Context): Promise<void> {
  const m = await getMessage(await ctx.store(), opts.id);
  if (opts.json) {
    printJson(ctx.io, { ...messageJson(m), body: m.body });
    return;
  }
  const at = timeDisplay(ctx).at;
  writeText(
    ctx.io,
    [
      m.lastError
        ? t('outbox.show.headError', {
            id: m.id,
            status: statusText(m),
            attempts: m.attempts,
            error: sanitizeLine(mailErrorWords(m.lastError)),
          })
        : t('outbox.show.head', { id: m.id, status: statusText(m), attempts: m.attempts }),
      ...(m.uncertainAt === null ? [] : [t('outbox.show.mayHave', { at: at(m.uncertainAt) })]),
      t('outbox.show.to', { to: m.recipient }),
      t('notify.subject', { subject: sanitizeLine(m.subject) }),
      `Message-ID: ${m.messageId}`,
      '',
      sanitize(m.body),
    ].join('\n') + '\n',
  );
}

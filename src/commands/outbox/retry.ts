// hd outbox retry: a failed message back in the queue, and tried now.
import { hostname } from 'node:os';
import type { Context } from '../../context.ts';
import { MAX_COUNT, parseWhole } from '../../domain/limits.ts';
import { UsageError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import { processAlive } from '../../notify.ts';
import { getMessage, requeue } from '../../store/outbox.ts';
import { formatTime } from '../../ui/time.ts';
import { tell } from '../notice.ts';
import { unit } from '../unit.ts';
import { notConfigured, sendAndReport } from './send.ts';

export interface OutboxRetryOptions {
  id: number;
}

/** A message number as typed (`12`). */
export function messageId(text: string | undefined): number {
  if (text === undefined) throw new UsageError(t('outbox.err.missingId'));
  return parseWhole(text, t('outbox.what.id'), { min: 1, max: MAX_COUNT });
}

export const outboxRetry = unit<OutboxRetryOptions>({
  declare: (parent) =>
    parent.command('retry').description(t('outbox.retry.describe')).argument('<id>', t('outbox.arg.id')),
  options: (input) => ({ id: messageId(input.arg(0)) }),
  run: runOutboxRetry,
});

export async function runOutboxRetry(opts: OutboxRetryOptions, ctx: Context): Promise<void> {
  const { id } = opts;
  const store = await ctx.store();
  // Nothing can be tried without a server: refuse before the message is touched.
  if (!ctx.env.HD_SMTP_URL?.trim()) {
    await getMessage(store, id);
    throw notConfigured();
  }
  const { released } = await store.tx((q) =>
    requeue(q, id, {
      now: ctx.now().getTime(),
      wallNow: Date.now(),
      host: hostname(),
      isAlive: processAlive,
      // English names the instant as ISO, as it always has; Russian reads 25.11.2026 14:00 in the desk's zone.
      at: language() === 'ru' ? (ms) => formatTime(ms, ctx.timeZone, 'ru') : undefined,
    }),
  );
  if (released) {
    const by =
      released.pid === null
        ? t('outbox.retry.aSender')
        : t('outbox.retry.process', { pid: released.pid, host: released.host ?? '' });
    tell(ctx, t(released.handedOver ? 'outbox.retry.releasedHanded' : 'outbox.retry.released', { id, by }));
  }
  await sendAndReport(ctx, [id]);
}

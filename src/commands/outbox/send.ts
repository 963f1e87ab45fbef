// hd outbox send: deliver everything due now (for cron).
import type { Context } from '../../context.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { deliverQueued, deliverySummary, releasedSummary } from '../../notify.ts';
import { tell } from '../notice.ts';
import { unit } from '../unit.ts';

export type OutboxSendOptions = Record<string, never>;

export const outboxSend = unit<OutboxSendOptions>({
  declare: (parent) => parent.command('send').description(t('outbox.send.describe')),
  options: () => ({}),
  run: (_opts, ctx) => sendAndReport(ctx),
});

export const notConfigured = () => new HdError(t('outbox.err.noSmtp'));

/** Delivers what is due (or the messages `ids`) and reports each outcome on stderr. */
export async function sendAndReport(ctx: Context, ids?: number[]): Promise<void> {
  const store = await ctx.store();
  const report = await deliverQueued(ctx, store, ids);
  if (!report.configured) throw notConfigured();
  for (const line of releasedSummary(report)) tell(ctx, line);
  const total =
    report.sent.length +
    report.retrying.length +
    report.failed.length +
    report.uncertain.length +
    report.lost.length;
  if (total === 0) tell(ctx, t('outbox.nothingDue', { smtp: report.smtp ?? '' }));
  for (const line of deliverySummary(report, total)) tell(ctx, line);
  const unconfirmed = report.failed.length + report.retrying.length + report.uncertain.length;
  if (unconfirmed) {
    throw new HdError(
      report.uncertain.length
        ? t('outbox.err.unconfirmedSome', { n: unconfirmed, uncertain: report.uncertain.length })
        : t('outbox.err.unconfirmed', { n: unconfirmed }),
    );
  }
  if (report.lost.length) throw new HdError(t('outbox.err.lost', { n: report.lost.length }));
}

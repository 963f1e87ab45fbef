// hd spares history: every movement of a part — receipts, adjustments, reservations, use, returns.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { NotFoundError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import { listSpares, type Movement, movements } from '../../store/spares.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { formatTime, iso, timeDisplay } from '../../ui/time.ts';
import { jobStatusWords } from '../engineer/card.ts';
import { requiredText } from '../mutate.ts';
import { unit } from '../unit.ts';

export interface SparesHistoryOptions {
  sku: string;
  json: boolean;
}

export const sparesHistory = unit<SparesHistoryOptions>({
  declare: (parent) =>
    parent
      .command('history')
      .description(t('sparesHistory.describe'))
      .argument('<sku>', t('spares.arg.sku'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd spares history CISCO-ISR4331')),
  options: (input) => ({
    sku: requiredText(input.arg(0), 'SKU', 100).toUpperCase(),
    json: input.flag('json'),
  }),
  run: runSparesHistory,
});

const KINDS = ['receive', 'adjust', 'reserve', 'release', 'consume'] as const;

export async function runSparesHistory(opts: SparesHistoryOptions, ctx: Context): Promise<void> {
  const { sku } = opts;
  const store = await ctx.store();
  const rows = await movements(store, sku);
  if (rows.length === 0 && (await listSpares(store, { sku })).length === 0)
    throw new NotFoundError(t('sparesHistory.err.unknown', { sku }));
  if (opts.json) {
    printJson(
      ctx.io,
      rows.map((m) => ({ ...m, at: iso(m.at), ticket: m.ticketId ? formatTicketNumber(m.ticketId) : null })),
    );
    return;
  }
  const terminal = ctx.io.isTerminal;
  const time = timeDisplay(ctx);
  // On a terminal the movement in words; piped, its English name, for scripts.
  const kind = (k: string) =>
    terminal && (KINDS as readonly string[]).includes(k)
      ? t(`sparesHistory.kind.${k as (typeof KINDS)[number]}`)
      : k;
  await printTable(
    ctx.io,
    [
      {
        header: 'When',
        title: t('sparesHistory.col.when'),
        value: (m: Movement) => (terminal ? time.at(m.at) : formatTime(m.at, ctx.timeZone)),
      },
      { header: 'Depot', title: t('engineer.col.depot'), value: (m: Movement) => m.depot },
      { header: 'Movement', title: t('sparesHistory.col.movement'), value: (m: Movement) => kind(m.kind) },
      {
        header: 'Qty',
        title: t('sparesHistory.col.qty'),
        value: (m: Movement) => (m.quantity > 0 ? `+${m.quantity}` : String(m.quantity)),
      },
      { header: 'Stock', title: t('sparesList.col.stock'), value: (m: Movement) => String(m.stockAfter) },
      {
        header: 'Reserved',
        title: t('sparesList.col.reserved'),
        value: (m: Movement) => String(m.reservedAfter),
      },
      {
        header: 'Ticket',
        title: t('col.ticket'),
        value: (m: Movement) => (m.ticketId ? formatTicketNumber(m.ticketId) : ''),
      },
      // At 80 columns: who made the movement is left out first, and the reason goes under its row.
      { header: 'By', title: t('sparesHistory.col.by'), value: (m: Movement) => m.actor, drop: 1 },
      {
        header: 'Reason',
        title: t('sparesHistory.col.reason'),
        value: (m: Movement) => reasonWords(m.reason),
        wrap: true,
      },
    ],
    rows,
  );
}

/**
 * A movement's reason for the Russian reader where hd wrote it (hd replace, a field job's end, the
 * demo data); a reason typed by a person, and every reason in English, as stored.
 */
function reasonWords(reason: string | null): string {
  if (!reason || language() !== 'ru') return reason ?? '';
  const replaced = /^replaced (\S+)$/.exec(reason);
  if (replaced) return t('sparesHistory.reason.replaced', { serial: replaced[1]! });
  const ended = /^(J-\d+) (done|cancelled)$/.exec(reason);
  if (ended) return t('sparesHistory.reason.jobEnded', { job: ended[1]!, status: jobStatusWords(ended[2]!) });
  // hd spares receive without --note stores "received".
  if (reason === 'received') return t('sparesHistory.reason.received');
  return reason === 'demo stock' ? t('sparesHistory.reason.demo') : reason;
}

// hd dispatch list: field jobs, newest first.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { MAX_COUNT, parseWhole } from '../../domain/limits.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { type Dispatch, getEngineer, listDispatches } from '../../store/field.ts';
import { dispatchJson, jobNumber } from '../../ui/jobsheet.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { formatTime, timeDisplay } from '../../ui/time.ts';
import { jobStatusWords } from '../engineer/card.ts';
import { unit } from '../unit.ts';

export interface DispatchListOptions {
  /** One engineer's jobs, as typed (found in run). */
  engineer: string | undefined;
  /** Only jobs not done or cancelled. */
  open: boolean;
  limit: number;
  json: boolean;
}

export const dispatchList = unit<DispatchListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('dispatchList.describe'))
      .option('--engineer <name>', t('dispatchList.opt.engineer'))
      .option('--open', t('dispatchList.opt.open'))
      .option('--limit <n>', t('dispatchList.opt.limit'), '50')
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd dispatch list --open', t('dispatchList.example'))),
  options: (input) => ({
    engineer: input.text('engineer'),
    open: input.flag('open'),
    limit: parseWhole(input.text('limit') ?? '50', '--limit', { min: 1, max: MAX_COUNT }),
    json: input.flag('json'),
  }),
  run: runDispatchList,
});

export async function runDispatchList(opts: DispatchListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const engineer = opts.engineer ? await getEngineer(store, opts.engineer) : undefined;
  const jobs = await listDispatches(store, { engineerId: engineer?.id, open: opts.open, limit: opts.limit });
  if (opts.json) {
    printJson(ctx.io, jobs.map(dispatchJson));
    return;
  }
  if (jobs.length === 0) {
    ctx.io.stderr.write(`${t('dispatchList.none')}\n`);
    return;
  }
  const time = timeDisplay(ctx);
  const terminal = ctx.io.isTerminal;
  // Piped: the English words and times as before, for scripts; on a terminal, the reader's.
  const at = (ms: number | null) => (terminal ? time.at(ms) : formatTime(ms, ctx.timeZone));
  const lang = terminal ? undefined : 'en';
  await printTable(
    ctx.io,
    [
      { header: 'Job', title: t('dispatchList.col.job'), value: (j: Dispatch) => jobNumber(j.id) },
      { header: 'Ticket', title: t('col.ticket'), value: (j: Dispatch) => formatTicketNumber(j.ticketId) },
      {
        header: 'Engineer',
        title: t('engineerList.col.engineer'),
        value: (j: Dispatch) => j.engineerName,
        flexible: true,
      },
      {
        header: 'Status',
        title: t('col.status'),
        value: (j: Dispatch) => (terminal ? jobStatusWords(j.status) : j.status),
      },
      { header: 'On site by', title: t('dispatchList.col.due'), value: (j: Dispatch) => at(j.onsiteDue) },
      { header: 'Arrived', title: t('dispatchList.col.arrived'), value: (j: Dispatch) => at(j.onSiteAt) },
      {
        header: 'Spares',
        title: t('dispatchList.col.spares'),
        value: (j: Dispatch) =>
          j.spares
            .map((s) => t('dispatchList.spare', { sku: s.sku, reserved: s.reserved, used: s.used }, lang))
            .join(', '),
        // At 80 columns the spares go under their job's row, never cut.
        wrap: true,
      },
    ],
    jobs,
  );
}

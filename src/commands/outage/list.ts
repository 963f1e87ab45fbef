// hd outage list: the active outages, newest first (--all adds resolved and cancelled ones).
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatOutageNumber } from '../../domain/outage.ts';
import { t } from '../../i18n.ts';
import type { OutageListRow } from '../../store/outages.ts';
import { listOutages } from '../../store/outages.ts';
import { printJson, printTable, writeNote } from '../../ui/output.ts';
import { formatTime } from '../../ui/time.ts';
import { unit } from '../unit.ts';
import { at, outageJson, outageStatus } from './shared.ts';

export interface OutageListOptions {
  all: boolean;
  json: boolean;
}

export const outageList = unit<OutageListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('outage.list.describe'))
      .option('--all', t('outage.list.opt.all'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd outage list', 'hd outage list --all --json')),
  options: (input) => ({ all: input.flag('all'), json: input.flag('json') }),
  run: runOutageList,
});

const splitList = (text: string) => (text ? text.split(', ') : []);

export async function runOutageList(opts: OutageListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = await listOutages(store, opts.all);
  if (opts.json) {
    printJson(
      ctx.io,
      rows.map((r) => ({
        ...outageJson(r, splitList(r.elements)),
        services: r.services,
        linkedTickets: r.linked,
        linkedOpen: r.linkedOpen,
      })),
    );
    return;
  }
  if (rows.length === 0) {
    writeNote(ctx.io, `${t(opts.all ? 'outage.list.none' : 'outage.list.noneActive')}\n`);
    return;
  }
  const time = at(ctx);
  await printTable(
    ctx.io,
    [
      {
        header: 'Outage',
        title: t('outage.col.outage'),
        value: (r: OutageListRow) => formatOutageNumber(r.id),
        trusted: true,
      },
      {
        header: 'Status',
        title: t('col.status'),
        value: (r: OutageListRow) => (ctx.io.isTerminal ? outageStatus(r.status) : r.status),
        trusted: true,
      },
      // Fitted to the terminal: the summary shortened, what failed under the row when there is no
      // room (never cut), the ETA never cut.
      {
        header: 'Summary',
        title: t('col.summary'),
        value: (r: OutageListRow) => r.summary,
        flexible: true,
        min: 16,
      },
      {
        header: 'Failed',
        title: t('outage.col.failed'),
        value: (r: OutageListRow) => r.elements,
        wrap: true,
      },
      {
        header: 'Services',
        title: t('outage.col.services'),
        value: (r: OutageListRow) => String(r.services),
        trusted: true,
        drop: 1,
      },
      {
        header: 'Tickets',
        title: t('outage.col.tickets'),
        value: (r: OutageListRow) =>
          ctx.io.isTerminal
            ? t('outage.list.tickets', { open: r.linkedOpen, all: r.linked })
            : `${r.linkedOpen} open / ${r.linked}`,
        trusted: true,
      },
      {
        header: 'ETA',
        title: t('outage.col.eta'),
        value: (r: OutageListRow) => (ctx.io.isTerminal ? time(r.eta) : formatTime(r.eta, ctx.timeZone)),
        trusted: true,
      },
    ],
    rows,
  );
}

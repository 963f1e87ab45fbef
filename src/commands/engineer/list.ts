// hd engineer list: every engineer with their active jobs.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { type Engineer, listEngineers, openJobs } from '../../store/field.ts';
import { jobNumber } from '../../ui/jobsheet.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { unit } from '../unit.ts';
import { activeJobsJson, jobStatusWords } from './card.ts';

export interface EngineerListOptions {
  json: boolean;
}

export const engineerList = unit<EngineerListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('engineerList.describe'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd engineer list')),
  options: (input) => ({ json: input.flag('json') }),
  run: runEngineerList,
});

export async function runEngineerList(opts: EngineerListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const engineers = await listEngineers(store);
  const jobs = new Map(
    await Promise.all(engineers.map(async (e) => [e.id, await openJobs(store, e.id)] as const)),
  );
  if (opts.json) {
    printJson(
      ctx.io,
      engineers.map((e) => ({ ...e, activeJobs: activeJobsJson(jobs.get(e.id)!) })),
    );
    return;
  }
  // Piped: English statuses, as typed in scripts; on a terminal, words.
  const status = (s: string) => (ctx.io.isTerminal ? jobStatusWords(s) : s);
  await printTable(
    ctx.io,
    [
      { header: 'Engineer', title: t('engineerList.col.engineer'), value: (e: Engineer) => e.name },
      {
        header: 'Duty',
        title: t('engineerList.col.duty'),
        value: (e: Engineer) =>
          ctx.io.isTerminal ? t(e.onDuty ? 'engineerList.on' : 'engineerList.off') : e.onDuty ? 'on' : 'off',
      },
      { header: 'Depot', title: t('engineer.col.depot'), value: (e: Engineer) => e.depot },
      { header: 'Region', title: t('engineerList.col.region'), value: (e: Engineer) => e.region },
      { header: 'Phone', title: t('engineerList.col.phone'), value: (e: Engineer) => e.phone ?? '' },
      {
        header: 'Active jobs',
        title: t('engineerList.col.jobs'),
        value: (e: Engineer) =>
          jobs
            .get(e.id)!
            .map((j) => `${jobNumber(j.id)} ${formatTicketNumber(j.ticketId)} ${status(j.status)}`)
            .join('; ') || '—',
        flexible: true,
      },
    ],
    engineers,
  );
}

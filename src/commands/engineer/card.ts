// One engineer as a person reads it (hd engineer add, show, update), and their active jobs.
import type { Context } from '../../context.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { t } from '../../i18n.ts';
import { type Dispatch, type Engineer, openJobs } from '../../store/field.ts';
import { jobNumber } from '../../ui/jobsheet.ts';
import { colours, printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { iso, timeDisplay } from '../../ui/time.ts';

/** Skills as typed (`cisco, Fibre`): lower case, no blanks. */
export const skillsOf = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

export const activeJobsJson = (jobs: Dispatch[]) =>
  jobs.map((j) => ({
    job: jobNumber(j.id),
    ticket: formatTicketNumber(j.ticketId),
    status: j.status,
    onsiteDue: iso(j.onsiteDue),
  }));

/** A field job's status in words (`в пути`); --json keeps en-route. */
export const jobStatusWords = (status: string) =>
  ['assigned', 'en-route', 'on-site', 'done', 'cancelled'].includes(status)
    ? t(`job.status.${status as 'assigned' | 'en-route' | 'on-site' | 'done' | 'cancelled'}`)
    : status;

export async function showEngineer(ctx: Context, e: Engineer, json: boolean): Promise<void> {
  const jobs = await openJobs(await ctx.store(), e.id);
  if (json) {
    printJson(ctx.io, { ...e, activeJobs: activeJobsJson(jobs) });
    return;
  }
  const c = colours(ctx.io);
  const time = timeDisplay(ctx);
  const none = '—';
  const lines = [
    `${c.bold(sanitizeLine(e.name))}  ${e.onDuty ? c.green(t('engineer.onDuty')) : c.dim(t('engineer.offDuty'))}`,
    `  ${t('engineer.card.contacts', {
      phone: e.phone ?? none,
      email: e.email ?? none,
      depot: sanitizeLine(e.depot),
      region: sanitizeLine(e.region),
    })}`,
    `  ${t('engineer.card.skills', { skills: e.skills.map(sanitizeLine).join(', ') || none })}`,
    `  ${jobs.length ? t('engineer.card.jobs') : t('engineer.card.noJobs')}`,
    ...jobs.map(
      (j) =>
        `    ${t('engineer.card.job', {
          job: jobNumber(j.id),
          ticket: formatTicketNumber(j.ticketId),
          status: jobStatusWords(j.status),
          due: time.at(j.onsiteDue),
        })}`,
    ),
  ];
  writeText(ctx.io, `${lines.join('\n')}\n`);
}

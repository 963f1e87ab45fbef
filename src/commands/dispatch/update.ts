// hd dispatch update: a field job's progress — en-route, on-site (against its deadline), done,
// cancelled; a finished job returns the spares it did not use.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { assertJobTicketOpen, assertTicketJobsOpen } from '../../domain/field-job.ts';
import { oneOf } from '../../domain/priority.ts';
import { formatTicketNumber, parseTicketNumber } from '../../domain/ticket-number.ts';
import { formatDuration } from '../../domain/time.ts';
import { NotFoundError, RefusedError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import {
  type Dispatch,
  dispatchesOf,
  getDispatch,
  type JobStatus,
  setDispatchStatus,
} from '../../store/field.ts';
import type { Queryable } from '../../store/port.ts';
import { getTicket, type TicketPatch } from '../../store/tickets.ts';
import { dispatchJson, jobNumber } from '../../ui/jobsheet.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { formatSpan } from '../../ui/time.ts';
import { jobStatusWords } from '../engineer/card.ts';
import { type Change, checkedText, mutateTicket } from '../mutate.ts';
import { unit } from '../unit.ts';
import { OPEN_JOBS, releaseUnused } from './stock.ts';

const STATUSES = ['en-route', 'on-site', 'done', 'cancelled'] as const;

export interface DispatchUpdateOptions {
  /** J-000004, or the ticket when it has one open job (found in run). */
  job: string;
  status: (typeof STATUSES)[number];
  note: string | null;
  json: boolean;
}

export const dispatchUpdate = unit<DispatchUpdateOptions>({
  declare: (parent) =>
    parent
      .command('update')
      .description(t('dispatchUpdate.describe'))
      .argument('<job>', t('dispatchUpdate.arg.job'))
      .argument('<status>', 'en-route | on-site | done | cancelled')
      .option('--note <text>', t('dispatchUpdate.opt.note'))
      .option('--json', t('opt.json'))
      .addHelpText(
        'after',
        `${examples('hd dispatch update 123 on-site', t('dispatchUpdate.example'))}\n${t('dispatchUpdate.help')}\n`,
      ),
  options: (input) => ({
    job: input.arg(0) ?? '',
    status: oneOf(input.arg(1) ?? '', STATUSES, 'job status', 'hd dispatch update <ticket|job>'),
    note: checkedText(input.text('note'), '--note') ?? null,
    json: input.flag('json'),
  }),
  run: runDispatchUpdate,
});

async function resolveJob(store: Queryable, ref: string): Promise<Dispatch> {
  const job = /^\s*j-?0*(\d+)\s*$/i.exec(ref);
  if (job) return getDispatch(store, Number(job[1]));
  const ticketId = parseTicketNumber(ref, true);
  const open = (await dispatchesOf(store, ticketId)).filter((d) => OPEN_JOBS.includes(d.status));
  if (open.length === 1) return open[0]!;
  // A finished ticket's jobs are final: say so rather than suggest a dispatch it would refuse.
  if (open.length === 0) assertTicketJobsOpen(ticketId, (await getTicket(store, ticketId)).status);
  if (open.length === 0)
    throw new NotFoundError(
      t('dispatchUpdate.err.noOpenJob', { number: formatTicketNumber(ticketId), id: ticketId }),
    );
  throw new RefusedError(
    t('dispatchUpdate.err.severalJobs', {
      number: formatTicketNumber(ticketId),
      jobs: open.map((d) => jobNumber(d.id)).join(', '),
    }),
  );
}

const JOB_MOVES: Record<JobStatus, JobStatus[]> = {
  assigned: ['en-route', 'on-site', 'cancelled'],
  'en-route': ['on-site', 'cancelled'],
  'on-site': ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export async function runDispatchUpdate(opts: DispatchUpdateOptions, ctx: Context): Promise<void> {
  const { status, note } = opts;
  const store = await ctx.store();
  const job = await resolveJob(store, opts.job);
  const lang = language();
  let said = '';
  await mutateTicket(ctx, String(job.ticketId), async ({ ticket, now, q }): Promise<Change> => {
    assertJobTicketOpen(job.id, ticket.id, ticket.status);
    const current = await getDispatch(q, job.id);
    if (!JOB_MOVES[current.status].includes(status)) {
      throw new RefusedError(
        JOB_MOVES[current.status].length
          ? t('dispatchUpdate.err.moves', {
              job: jobNumber(job.id),
              status: jobStatusWords(current.status),
              moves: JOB_MOVES[current.status].join(', '),
            })
          : t('dispatchUpdate.err.finished', {
              job: jobNumber(job.id),
              status: jobStatusWords(current.status),
            }),
      );
    }
    await setDispatchStatus(q, job.id, status, now, note);
    const patch: TicketPatch = {};
    // The event's facts are in its payload (engineer, status, how early or late, spares returned):
    // the timeline renders them for the reader (src/ui/event-text.ts). The text stays English, as
    // written since the first edition; the line printed is in the reader's language.
    const facts: {
      engineer: string;
      margin?: 'early' | 'late';
      marginMin?: number;
      returned?: string[];
    } = { engineer: current.engineerName };
    let text = `${jobNumber(job.id)}: ${current.engineerName} ${status}`;
    said = t('dispatchUpdate.done', {
      number: formatTicketNumber(ticket.id),
      job: jobNumber(job.id),
      engineer: current.engineerName,
      status: jobStatusWords(status),
    });
    if (status === 'on-site') {
      if (ticket.onsiteAt === null) patch.onsiteAt = now;
      if (current.onsiteDue !== null) {
        const margin = now - current.onsiteDue;
        facts.margin = margin > 0 ? 'late' : 'early';
        facts.marginMin = Math.round(Math.abs(margin) / 60_000);
        text += margin > 0 ? `, ${formatDuration(margin)} late` : `, ${formatDuration(-margin)} early`;
        said += t(margin > 0 ? 'dispatchUpdate.late' : 'dispatchUpdate.early', {
          span: formatSpan(Math.abs(margin), lang),
        });
      }
    }
    if (status === 'done' || status === 'cancelled') {
      const returned = await releaseUnused(q, current, status, ticket, now, ctx.operator);
      if (returned.length) {
        facts.returned = returned;
        text += `; returned to stock: ${returned.join(', ')}`;
        said += t('dispatchUpdate.returned', { spares: returned.join(', ') });
      }
      const stillOpen = (await dispatchesOf(q, ticket.id)).some(
        (d) => d.id !== job.id && OPEN_JOBS.includes(d.status),
      );
      if (status === 'cancelled' && !stillOpen && ticket.onsiteAt === null)
        patch.deadlines = { onsite: null };
    }
    return {
      patch,
      events: [
        {
          kind: 'dispatch',
          text: note ? `${text}: ${note}` : text,
          payload: { job: jobNumber(job.id), status, note, ...facts },
        },
      ],
    };
  });
  if (opts.json) printJson(ctx.io, dispatchJson(await getDispatch(store, job.id)));
  else writeText(ctx.io, `${sanitizeLine(`${said}.`)}\n`);
}

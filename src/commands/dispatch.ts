// hd dispatch, hd dispatch update|list, hd replace: field engineers sent by priority, spares
// reserved from their depot, hardware replaced within the ticket's target.
import { type Context, say } from '../context.ts';
import { assertJobTicketOpen, assertTicketJobsOpen } from '../domain/field-job.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { oneOf } from '../domain/priority.ts';
import { resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber, parseTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration } from '../domain/time.ts';
import type { Ticket } from '../domain/types.ts';
import { NotFoundError, RefusedError, UsageError } from '../errors.ts';
import { queueJobSheet } from '../notify.ts';
import {
  addFaultyUnit,
  type Dispatch,
  dispatchesOf,
  getDispatch,
  getEngineer,
  insertDispatch,
  type JobStatus,
  listDispatches,
  openJobs,
  recordSpareUse,
  reserveForDispatch,
  setDispatchStatus,
} from '../store/field.ts';
import type { Queryable } from '../store/port.ts';
import { depotsWith, findSpare, listSpares, move } from '../store/spares.ts';
import { getTicket, type TicketPatch } from '../store/tickets.ts';
import { dispatchJson, jobNumber, renderJobSheet } from '../ui/jobsheet.ts';
import { printJson, printTable } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, positiveInt, refuseMissing, requireText, str } from './common.ts';
import { loadDetails } from './details.ts';
import { type Change, mutateTicket, report, textFlag } from './mutate.ts';
import { finishNotice } from './notice.ts';

const OPEN: JobStatus[] = ['assigned', 'en-route', 'on-site'];

/** `SKU` or `SKU:QTY`, repeatable. */
export function parseSpareFlags(flags: string[]): { sku: string; quantity: number }[] {
  const out = new Map<string, number>();
  for (const flag of flags) {
    const match = /^([^:\s]+)(?::(.+))?$/.exec(flag.trim());
    if (!match) throw new UsageError(`--spare "${flag}" is not SKU or SKU:QTY (e.g. --spare SFP-1G-LX:2).`);
    const quantity = positiveInt(match[2] ?? '1', `--spare ${match[1]}:QTY`, 1);
    out.set(match[1]!.toUpperCase(), (out.get(match[1]!.toUpperCase()) ?? 0) + quantity);
  }
  return [...out.entries()].map(([sku, quantity]) => ({ sku, quantity }));
}

async function refuseNoStock(store: Queryable, sku: string, depot: string, quantity: number): Promise<never> {
  const anywhere = await listSpares(store, { sku });
  if (anywhere.length === 0) throw new NotFoundError(`Unknown spare part "${sku}". See hd spares list.`);
  const here = anywhere.find((s) => s.depot.toLowerCase() === depot.toLowerCase());
  const elsewhere = await depotsWith(store, sku, quantity);
  throw new RefusedError(
    `Depot ${depot} has ${here ? here.available : 0} ${sku} available, ${quantity} needed. ` +
      (elsewhere.length
        ? `Depots that have it: ${elsewhere.map((s) => `${s.depot} (${s.available})`).join(', ')}; send an engineer from there or move stock first.`
        : 'No depot has enough: order more (hd spares receive …).') +
      ' Nothing was reserved.',
  );
}

export async function runDispatch(args: string[], opts: Opts, ctx: Context): Promise<void> {
  if (!args[0])
    throw new UsageError('Missing the ticket: hd dispatch <ticket> --engineer NAME [--spare SKU[:QTY]].');
  refuseMissing(str(opts, 'engineer') ? [] : ['--engineer NAME']);
  const wanted = parseSpareFlags((opts.spare as string[] | undefined) ?? []);
  const note = textFlag(opts, 'note') ?? null;
  const overrideReason = textFlag(opts, 'overrideReason') ?? null;
  const emailSheet = bool(opts, 'emailSheet');
  const store = await ctx.store();
  const engineer = await getEngineer(store, str(opts, 'engineer')!);
  const warnings: string[] = [];
  let jobId = 0;
  const m = await mutateTicket(
    ctx,
    args[0],
    async ({ ticket, profile, calendar, now, q }): Promise<Change> => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.status === 'resolved')
        throw new RefusedError(
          `${formatTicketNumber(ticket.id)} is resolved; reopen it before sending an engineer.`,
        );
      if (!ticket.targets.dispatch && !overrideReason) {
        throw new RefusedError(
          `The ${profile.name} rules do not send field engineers for ${ticket.priority}. If the site visit is needed anyway, add --override-reason TEXT.`,
        );
      }
      const due = resolutionDeadlines(
        { openedAt: ticket.openedAt, targets: ticket.targets, pausedMs: ticket.pausedMs },
        calendar,
      );
      const onsiteDue = ticket.deadlines.onsite ?? due.onsite;
      if (!engineer.onDuty) warnings.push(`${engineer.name} is off duty; call before counting on the visit.`);
      const earlier = (await openJobs(q, engineer.id)).filter(
        (j) => j.onsiteDue !== null && (onsiteDue === null || j.onsiteDue < onsiteDue),
      );
      for (const j of earlier) {
        warnings.push(
          `${engineer.name} already has ${jobNumber(j.id)} (${formatTicketNumber(j.ticketId)}) due on site ${formatTime(j.onsiteDue, ctx.timeZone)}, earlier than this one.`,
        );
      }
      const reservations = [];
      for (const w of wanted) {
        const spare = await findSpare(q, w.sku, engineer.depot);
        if (!spare || spare.available < w.quantity) await refuseNoStock(q, w.sku, engineer.depot, w.quantity);
        reservations.push({ spare: spare!, quantity: w.quantity });
      }
      jobId = await insertDispatch(q, {
        ticketId: ticket.id,
        engineerId: engineer.id,
        onsiteDue,
        note,
        overrideReason,
        at: now,
        by: ctx.operator,
      });
      for (const r of reservations) {
        // Another desk may have taken the last unit since the check above (PostgreSQL): the same refusal.
        await move(q, r.spare, 'reserve', 0, r.quantity, {
          at: now,
          actor: ctx.operator,
          ticketId: ticket.id,
          dispatchId: jobId,
        }).catch(async (error: unknown) => {
          if (error instanceof RefusedError) await refuseNoStock(q, r.spare.sku, engineer.depot, r.quantity);
          throw error;
        });
        await reserveForDispatch(q, jobId, r.spare.id, r.quantity);
      }
      const deadlines: TicketPatch['deadlines'] = {};
      if (ticket.deadlines.onsite === null && onsiteDue !== null) deadlines.onsite = onsiteDue;
      // Spares on the job mean a hardware fault: the replacement clock applies from now on.
      if (wanted.length && ticket.deadlines.hardware === null && due.hardware !== null)
        deadlines.hardware = due.hardware;
      const spareText = wanted.map((w) => `${w.sku}×${w.quantity}`).join(', ');
      return {
        patch: { deadlines },
        events: [
          {
            kind: 'dispatch',
            text: `${jobNumber(jobId)}: ${engineer.name} dispatched${onsiteDue ? `, on site by ${formatTime(onsiteDue, ctx.timeZone)}` : ''}${spareText ? `; spares ${spareText} from ${engineer.depot}` : ''}${overrideReason ? ` (override: ${overrideReason})` : ''}`,
            payload: {
              job: jobNumber(jobId),
              engineer: engineer.name,
              onsiteDue: iso(onsiteDue),
              spares: wanted,
              depot: engineer.depot,
              overrideReason,
              note,
            },
          },
        ],
      };
    },
    emailSheet
      ? async (ticket, { q }) => {
          const job = await getDispatch(q, jobId);
          return queueJobSheet(ctx, q, await loadDetails(q, ticket.id, ticket), {
            id: jobNumber(jobId),
            engineer: engineer.name,
            email: engineer.email,
            onsiteDue: job.onsiteDue,
            spares: job.spares.map((s) => `${s.sku} × ${s.reserved}`).join(', '),
            note: job.note,
          });
        }
      : undefined,
  );
  for (const w of warnings) say(ctx, `Warning: ${w}`);
  await finishNotice(ctx, m);
  const job = await getDispatch(store, jobId);
  const details = await loadDetails(store, m.ticket.id, m.ticket);
  if (bool(opts, 'json')) {
    printJson(ctx.io, { ...dispatchJson(job), warnings, sheet: renderJobSheet(ctx, job, details, engineer) });
    return;
  }
  ctx.io.stdout.write(renderJobSheet(ctx, job, details, engineer));
}

async function resolveJob(store: Queryable, ref: string): Promise<Dispatch> {
  const job = /^\s*j-?0*(\d+)\s*$/i.exec(ref);
  if (job) return getDispatch(store, Number(job[1]));
  const ticketId = parseTicketNumber(ref, true);
  const open = (await dispatchesOf(store, ticketId)).filter((d) => OPEN.includes(d.status));
  if (open.length === 1) return open[0]!;
  // A finished ticket's jobs are final: say so rather than suggest a dispatch it would refuse.
  if (open.length === 0) assertTicketJobsOpen(ticketId, (await getTicket(store, ticketId)).status);
  if (open.length === 0)
    throw new NotFoundError(
      `${formatTicketNumber(ticketId)} has no open field job. Send one with hd dispatch ${ticketId} --engineer NAME.`,
    );
  throw new RefusedError(
    `${formatTicketNumber(ticketId)} has several open jobs (${open.map((d) => jobNumber(d.id)).join(', ')}); name the job.`,
  );
}

const JOB_MOVES: Record<JobStatus, JobStatus[]> = {
  assigned: ['en-route', 'on-site', 'cancelled'],
  'en-route': ['on-site', 'cancelled'],
  'on-site': ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export async function runDispatchUpdate(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ref, statusArg] = args;
  const status = oneOf(
    statusArg ?? '',
    ['en-route', 'on-site', 'done', 'cancelled'] as const,
    'job status',
    'hd dispatch update <ticket|job>',
  );
  const note = textFlag(opts, 'note') ?? null;
  const store = await ctx.store();
  const job = await resolveJob(store, ref!);
  let line = '';
  const m = await mutateTicket(ctx, String(job.ticketId), async ({ ticket, now, q }): Promise<Change> => {
    assertJobTicketOpen(job.id, ticket.id, ticket.status);
    const current = await getDispatch(q, job.id);
    if (!JOB_MOVES[current.status].includes(status)) {
      throw new RefusedError(
        JOB_MOVES[current.status].length
          ? `${jobNumber(job.id)} is ${current.status}; it can go to: ${JOB_MOVES[current.status].join(', ')}.`
          : `${jobNumber(job.id)} is ${current.status} already; a finished job is not updated. Dispatch again if needed.`,
      );
    }
    await setDispatchStatus(q, job.id, status, now, note);
    const patch: TicketPatch = {};
    let text = `${jobNumber(job.id)}: ${current.engineerName} ${status}`;
    if (status === 'on-site') {
      if (ticket.onsiteAt === null) patch.onsiteAt = now;
      if (current.onsiteDue !== null) {
        const margin = now - current.onsiteDue;
        text += margin > 0 ? `, ${formatDuration(margin)} late` : `, ${formatDuration(-margin)} early`;
      }
    }
    if (status === 'done' || status === 'cancelled') {
      const returned = await releaseUnused(q, current, status, ticket, now, ctx.operator);
      if (returned.length) text += `; returned to stock: ${returned.join(', ')}`;
      const stillOpen = (await dispatchesOf(q, ticket.id)).some(
        (d) => d.id !== job.id && OPEN.includes(d.status),
      );
      if (status === 'cancelled' && !stillOpen && ticket.onsiteAt === null)
        patch.deadlines = { onsite: null };
    }
    line = text;
    return {
      patch,
      events: [
        {
          kind: 'dispatch',
          text: note ? `${text}: ${note}` : text,
          payload: { job: jobNumber(job.id), status, note },
        },
      ],
    };
  });
  if (bool(opts, 'json')) printJson(ctx.io, dispatchJson(await getDispatch(store, job.id)));
  else ctx.io.stdout.write(`${sanitizeLine(`${formatTicketNumber(m.ticket.id)} ${line}.`)}\n`);
}

/** Reserved spares the job did not use go back to available stock. */
async function releaseUnused(
  store: Queryable,
  job: Dispatch,
  outcome: JobStatus,
  ticket: Ticket,
  now: number,
  actor: string,
): Promise<string[]> {
  const returned: string[] = [];
  for (const s of job.spares) {
    const unused = s.reserved - s.used - s.released;
    if (unused <= 0) continue;
    const spare = (await findSpare(store, s.sku, s.depot))!;
    await move(store, spare, 'release', 0, -unused, {
      at: now,
      actor,
      ticketId: ticket.id,
      dispatchId: job.id,
      reason: `${jobNumber(job.id)} ${outcome}`,
    });
    await recordSpareUse(store, job.id, s.spareId, 0, unused);
    returned.push(`${s.sku}×${unused}`);
  }
  return returned;
}

export async function runDispatchList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const engineer = str(opts, 'engineer') ? await getEngineer(store, str(opts, 'engineer')!) : undefined;
  const jobs = await listDispatches(store, {
    engineerId: engineer?.id,
    open: bool(opts, 'open'),
    limit: positiveInt(str(opts, 'limit'), '--limit', 50),
  });
  if (bool(opts, 'json')) {
    printJson(ctx.io, jobs.map(dispatchJson));
    return;
  }
  if (jobs.length === 0) {
    ctx.io.stderr.write('No field jobs match.\n');
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Job', value: (j: Dispatch) => jobNumber(j.id) },
      { header: 'Ticket', value: (j: Dispatch) => formatTicketNumber(j.ticketId) },
      { header: 'Engineer', value: (j: Dispatch) => j.engineerName },
      { header: 'Status', value: (j: Dispatch) => j.status },
      { header: 'On site by', value: (j: Dispatch) => formatTime(j.onsiteDue, ctx.timeZone) },
      { header: 'Arrived', value: (j: Dispatch) => formatTime(j.onSiteAt, ctx.timeZone) },
      {
        header: 'Spares',
        value: (j: Dispatch) => j.spares.map((s) => `${s.sku}×${s.reserved} (used ${s.used})`).join(', '),
        flexible: true,
      },
    ],
    jobs,
  );
}

export async function runReplace(args: string[], opts: Opts, ctx: Context): Promise<void> {
  refuseMissing(
    ['part', 'faultySerial', 'newSerial']
      .filter((k) => !str(opts, k))
      .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
  );
  const sku = requireText(str(opts, 'part'), 'The part', '--part', 100).toUpperCase();
  const faultySerial = requireText(str(opts, 'faultySerial'), 'The faulty serial', '--faulty-serial', 100);
  const newSerial = requireText(str(opts, 'newSerial'), 'The new serial', '--new-serial', 100);
  if (faultySerial.toLowerCase() === newSerial.toLowerCase())
    throw new UsageError('--faulty-serial and --new-serial are the same; check the labels.');
  const _store = await ctx.store();
  let source = '';
  const m = await mutateTicket(ctx, args[0], async ({ ticket, calendar, now, q }): Promise<Change> => {
    assertWritable(ticket.id, ticket.status);
    if (ticket.status === 'resolved')
      throw new RefusedError(
        `${formatTicketNumber(ticket.id)} is resolved; reopen it to record a replacement.`,
      );
    const jobs = (await dispatchesOf(q, ticket.id)).filter((d) => OPEN.includes(d.status));
    const reserved = jobs
      .flatMap((j) => j.spares.map((s) => ({ job: j, s })))
      .find(({ s }) => s.sku.toUpperCase() === sku && s.reserved - s.used - s.released > 0);
    const ctxMove = { at: now, actor: ctx.operator, ticketId: ticket.id, reason: `replaced ${faultySerial}` };
    let depot: string;
    let jobId: number | null = null;
    if (reserved) {
      const spare = (await findSpare(q, reserved.s.sku, reserved.s.depot))!;
      await move(q, spare, 'consume', -1, -1, { ...ctxMove, dispatchId: reserved.job.id });
      await recordSpareUse(q, reserved.job.id, reserved.s.spareId, 1, 0);
      depot = spare.depot;
      jobId = reserved.job.id;
      source = `the unit reserved for ${jobNumber(reserved.job.id)}`;
    } else {
      const fromJob = jobs[0] ? (await getEngineer(q, jobs[0].engineerName)).depot : undefined;
      depot = str(opts, 'depot') ?? fromJob ?? '';
      if (!depot)
        throw new UsageError(
          'No unit of this part is reserved for the ticket; say which depot it came from with --depot.',
        );
      const spare = await findSpare(q, sku, depot);
      if (!spare || spare.available < 1) await refuseNoStock(q, sku, depot, 1);
      await move(q, spare!, 'consume', -1, 0, { ...ctxMove, dispatchId: jobs[0]?.id ?? null });
      jobId = jobs[0]?.id ?? null;
      source = `stock at ${depot}`;
    }
    await addFaultyUnit(q, {
      ticketId: ticket.id,
      dispatchId: jobId,
      sku,
      depot,
      faultySerial,
      newSerial,
      replacedAt: now,
      replacedBy: ctx.operator,
    });
    const patch: TicketPatch = {};
    if (ticket.hardwareAt === null) patch.hardwareAt = now;
    if (ticket.deadlines.hardware === null && ticket.targets.hardware !== null) {
      patch.deadlines = {
        hardware: resolutionDeadlines(
          { openedAt: ticket.openedAt, targets: ticket.targets, pausedMs: ticket.pausedMs },
          calendar,
        ).hardware,
      };
    }
    return {
      patch,
      events: [
        {
          kind: 'replace',
          text: `Replaced ${sku}: faulty ${faultySerial} out, ${newSerial} in (from ${source})`,
          payload: { sku, faultySerial, newSerial, depot, job: jobId ? jobNumber(jobId) : null },
        },
      ],
    };
  });
  const due = m.ticket.deadlines.hardware;
  const timing =
    due === null
      ? ''
      : m.ticket.hardwareAt! <= due
        ? ' within the hardware target'
        : `, ${formatDuration(m.ticket.hardwareAt! - due)} after the hardware target`;
  await report(
    ctx,
    opts,
    m,
    `${formatTicketNumber(m.ticket.id)}: ${sku} replaced${timing}; faulty unit ${faultySerial} awaits return (hd spares faulty).`,
  );
}

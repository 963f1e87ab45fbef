// hd dispatch: a field engineer sent to the site by the ticket's priority, spares reserved from
// their depot, and the job sheet printed (or e-mailed). Its subcommands: update.ts, list.ts.
import { examples } from '../../cli/help.ts';
import { type Context, say } from '../../context.ts';
import { assertWritable } from '../../domain/lifecycle.ts';
import { resolutionDeadlines } from '../../domain/sla.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { queueJobSheet } from '../../notify.ts';
import { getDispatch, getEngineer, insertDispatch, openJobs, reserveForDispatch } from '../../store/field.ts';
import { findSpare, move } from '../../store/spares.ts';
import type { TicketPatch } from '../../store/tickets.ts';
import { dispatchJson, jobNumber, renderJobSheet } from '../../ui/jobsheet.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { formatTime, iso, timeDisplay } from '../../ui/time.ts';
import { ticketId } from '../common.ts';
import { loadDetails } from '../details.ts';
import { type Change, checkedText, mutateTicket } from '../mutate.ts';
import { finishNotice } from '../notice.ts';
import { unit } from '../unit.ts';
import { parseSpareFlags, refuseNoStock } from './stock.ts';

export { dispatchList } from './list.ts';
export { dispatchUpdate } from './update.ts';

export interface DispatchOptions {
  ticket: number;
  /** Who goes, as typed (found in run). */
  engineer: string;
  spares: { sku: string; quantity: number }[];
  note: string | null;
  /** Sent although the client's rules do not dispatch for this priority. */
  overrideReason: string | null;
  emailSheet: boolean;
  json: boolean;
}

export const dispatch = unit<DispatchOptions>({
  declare: (parent) =>
    parent
      .command('dispatch')
      .description(t('dispatch.describe'))
      .argument('[ticket]', t('arg.ticket'))
      .option('--engineer <name>', t('dispatch.opt.engineer'))
      .option('--spare <sku[:qty]>', t('dispatch.opt.spare'), (v: string, p: string[] = []) => [...p, v])
      .option('--note <text>', t('dispatch.opt.note'))
      .option('--override-reason <text>', t('dispatch.opt.overrideReason'))
      .option('--email-sheet', t('dispatch.opt.emailSheet'))
      .option('--json', t('dispatch.opt.json'))
      .addHelpText(
        'after',
        `${examples(
          t('dispatch.example'),
          'hd dispatch update 123 en-route',
          'hd dispatch update J-000004 on-site',
          'hd dispatch list --open',
        )}\n${t('dispatch.help')}\n`,
      ),
  options: (input) => {
    if (!input.arg(0)) throw new UsageError(t('dispatch.err.noTicket'));
    const ticket = ticketId(input.arg(0));
    const engineer = input.text('engineer');
    if (!engineer) throw new UsageError(t('life.missing', { flags: '--engineer NAME' }));
    return {
      ticket,
      engineer,
      spares: parseSpareFlags(input.list('spare')),
      note: checkedText(input.text('note'), '--note') ?? null,
      overrideReason: checkedText(input.text('overrideReason'), '--override-reason') ?? null,
      emailSheet: input.flag('emailSheet'),
      json: input.flag('json'),
    };
  },
  run: runDispatch,
});

export async function runDispatch(opts: DispatchOptions, ctx: Context): Promise<void> {
  const { spares: wanted, note, overrideReason } = opts;
  const store = await ctx.store();
  const engineer = await getEngineer(store, opts.engineer);
  const time = timeDisplay(ctx);
  const warnings: string[] = [];
  let jobId = 0;
  const m = await mutateTicket(
    ctx,
    String(opts.ticket),
    async ({ ticket, profile, calendar, now, q }): Promise<Change> => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.status === 'resolved')
        throw new RefusedError(t('dispatch.err.resolved', { number: formatTicketNumber(ticket.id) }));
      if (!ticket.targets.dispatch && !overrideReason) {
        throw new RefusedError(t('dispatch.err.rules', { profile: profile.name, priority: ticket.priority }));
      }
      const due = resolutionDeadlines(
        { openedAt: ticket.openedAt, targets: ticket.targets, pausedMs: ticket.pausedMs },
        calendar,
      );
      const onsiteDue = ticket.deadlines.onsite ?? due.onsite;
      if (!engineer.onDuty) warnings.push(t('dispatch.warn.offDuty', { engineer: engineer.name }));
      const earlier = (await openJobs(q, engineer.id)).filter(
        (j) => j.onsiteDue !== null && (onsiteDue === null || j.onsiteDue < onsiteDue),
      );
      for (const j of earlier) {
        warnings.push(
          t('dispatch.warn.earlier', {
            engineer: engineer.name,
            job: jobNumber(j.id),
            ticket: formatTicketNumber(j.ticketId),
            due: time.at(j.onsiteDue),
          }),
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
    opts.emailSheet
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
  for (const w of warnings) say(ctx, t('dispatch.warning', { text: w }));
  await finishNotice(ctx, m);
  const job = await getDispatch(store, jobId);
  const details = await loadDetails(store, m.ticket.id, m.ticket);
  if (opts.json) {
    // The sheet in --json is English, like every other field of it.
    const sheet = renderJobSheet(ctx, job, details, engineer, 'en');
    printJson(ctx.io, { ...dispatchJson(job), warnings, sheet });
    return;
  }
  writeText(ctx.io, renderJobSheet(ctx, job, details, engineer));
}

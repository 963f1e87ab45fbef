// hd replace: a hardware replacement — the unit reserved for the ticket (or one from stock) put in,
// the faulty one logged for return, and the replacement measured against the hardware target.
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { addFaultyUnit, dispatchesOf, getEngineer, recordSpareUse } from '../store/field.ts';
import { findSpare, move } from '../store/spares.ts';
import type { TicketPatch } from '../store/tickets.ts';
import { jobNumber } from '../ui/jobsheet.ts';
import { formatSpan } from '../ui/time.ts';
import { ticketId } from './common.ts';
import { OPEN_JOBS, refuseNoStock } from './dispatch/stock.ts';
import { type Change, mutateTicket, report, requiredText } from './mutate.ts';
import { unit } from './unit.ts';

export interface ReplaceOptions {
  ticket: number;
  /** The part used, upper case. */
  part: string;
  faultySerial: string;
  newSerial: string;
  /** Where the unit came from, when none was reserved for the ticket. */
  depot: string | undefined;
  json: boolean;
}

export const replace = unit<ReplaceOptions>({
  declare: (parent) =>
    parent
      .command('replace')
      .description(t('replace.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--part <sku>', t('replace.opt.part'))
      .option('--faulty-serial <serial>', t('replace.opt.faultySerial'))
      .option('--new-serial <serial>', t('replace.opt.newSerial'))
      .option('--depot <depot>', t('replace.opt.depot'))
      .option('--json', t('life.opt.jsonTicket'))
      .addHelpText(
        'after',
        examples(
          'hd replace 123 --part CISCO-ISR4331 \\\n      --faulty-serial FDO2231A0BC --new-serial FDO2245B1XY',
        ),
      ),
  options: (input) => {
    const ticket = ticketId(input.arg(0));
    const missing = [
      ['part', '--part'],
      ['faultySerial', '--faulty-serial'],
      ['newSerial', '--new-serial'],
    ]
      .filter(([key]) => !input.text(key!))
      .map(([, flag]) => flag!);
    if (missing.length) throw new UsageError(t('life.missing', { flags: missing.join(', ') }));
    const faultySerial = requiredText(input.text('faultySerial'), '--faulty-serial', 100);
    const newSerial = requiredText(input.text('newSerial'), '--new-serial', 100);
    if (faultySerial.toLowerCase() === newSerial.toLowerCase())
      throw new UsageError(t('replace.err.sameSerial'));
    return {
      ticket,
      part: requiredText(input.text('part'), '--part', 100).toUpperCase(),
      faultySerial,
      newSerial,
      depot: input.text('depot'),
      json: input.flag('json'),
    };
  },
  run: runReplace,
});

export async function runReplace(opts: ReplaceOptions, ctx: Context): Promise<void> {
  const { part: sku, faultySerial, newSerial } = opts;
  const m = await mutateTicket(
    ctx,
    String(opts.ticket),
    async ({ ticket, calendar, now, q }): Promise<Change> => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.status === 'resolved')
        throw new RefusedError(t('replace.err.resolved', { number: formatTicketNumber(ticket.id) }));
      const jobs = (await dispatchesOf(q, ticket.id)).filter((d) => OPEN_JOBS.includes(d.status));
      const reserved = jobs
        .flatMap((j) => j.spares.map((s) => ({ job: j, s })))
        .find(({ s }) => s.sku.toUpperCase() === sku && s.reserved - s.used - s.released > 0);
      const ctxMove = {
        at: now,
        actor: ctx.operator,
        ticketId: ticket.id,
        reason: `replaced ${faultySerial}`,
      };
      let depot: string;
      let jobId: number | null = null;
      let source: string;
      if (reserved) {
        const spare = (await findSpare(q, reserved.s.sku, reserved.s.depot))!;
        await move(q, spare, 'consume', -1, -1, { ...ctxMove, dispatchId: reserved.job.id });
        await recordSpareUse(q, reserved.job.id, reserved.s.spareId, 1, 0);
        depot = spare.depot;
        jobId = reserved.job.id;
        source = `the unit reserved for ${jobNumber(reserved.job.id)}`;
      } else {
        const fromJob = jobs[0] ? (await getEngineer(q, jobs[0].engineerName)).depot : undefined;
        depot = opts.depot ?? fromJob ?? '';
        if (!depot) throw new UsageError(t('replace.err.noDepot'));
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
            // `reserved`: the unit came from the job's reservation (else from the depot's stock).
            payload: {
              sku,
              faultySerial,
              newSerial,
              depot,
              job: jobId ? jobNumber(jobId) : null,
              reserved: reserved !== undefined,
            },
          },
        ],
      };
    },
  );
  const due = m.ticket.deadlines.hardware;
  const vars = { number: formatTicketNumber(m.ticket.id), sku, serial: faultySerial };
  const line =
    due === null
      ? t('replace.done', vars)
      : m.ticket.hardwareAt! <= due
        ? t('replace.doneWithin', vars)
        : t('replace.doneAfter', { ...vars, span: formatSpan(m.ticket.hardwareAt! - due, language()) });
  await report(ctx, opts, m, line);
}

// hd outage attach | detach: link tickets to an outage by hand, or unlink them.
import { cascadeInTx } from '../../app/outage-cascade.ts';
import type { Context } from '../../context.ts';
import { formatOutageNumber } from '../../domain/outage.ts';
import { formatTicketNumber, parseTicketNumber } from '../../domain/ticket-number.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import {
  appendOutageEvents,
  outageForChange,
  setTicketsOutage,
  ticketsForLink,
} from '../../store/outages.ts';
import { appendEvents, type NewEvent } from '../../store/tickets.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { statusWords } from '../../ui/status.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { requireText } from '../common.ts';
import type { Parsed } from '../unit.ts';
import { at, etaGivenJson, etaGivenText, outageArg, outageEtaStep, outageStatus } from './shared.ts';

export interface OutageLinkOptions {
  outage: number;
  /** The tickets, each once, in the order typed. */
  tickets: number[];
  reason?: string;
  json: boolean;
}

/** attach and detach read the same command line. */
export function linkOptions(input: Parsed): OutageLinkOptions {
  const words = input.words(1);
  if (words.length === 0) throw new UsageError(t('outage.err.noTickets'));
  return {
    outage: outageArg(input.arg(0)),
    tickets: [
      ...new Set(words.flatMap((a) => a.split(/[\s,]+/).filter(Boolean)).map((a) => parseTicketNumber(a))),
    ],
    reason: input.text('reason'),
    json: input.flag('json'),
  };
}

/**
 * Links tickets to an outage or unlinks them, in one transaction, with an event on each ticket
 * and one on the outage. Every refusal is checked before anything is written: nothing changes
 * unless every ticket can be (un)linked.
 */
export async function changeLinks(
  ctx: Context,
  opts: OutageLinkOptions,
  action: 'attach' | 'detach',
): Promise<void> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const outageId = opts.outage;
  const ids = opts.tickets;
  const reason =
    opts.reason === undefined ? null : requireText(opts.reason, t('outage.field.reason'), '--reason', 500);
  const number = formatOutageNumber(outageId);
  const outage = await store.tx(async (q) => {
    const outage = await outageForChange(q, outageId);
    const tickets = await ticketsForLink(q, ids);
    const problems: string[] = [];
    for (const id of ids) {
      const x = tickets.find((y) => y.id === id);
      const n = formatTicketNumber(id);
      if (!x) problems.push(t('outage.link.noTicket', { ticket: n }));
      else if (action === 'attach') {
        if (x.status === 'closed' || x.status === 'cancelled')
          problems.push(t('outage.link.finished', { ticket: n, status: statusWords(x.status) }));
        else if (x.outageId === outageId)
          problems.push(t('outage.link.already', { ticket: n, outage: number }));
        else if (x.outageId !== null)
          problems.push(t('outage.link.elsewhere', { ticket: n, other: formatOutageNumber(x.outageId) }));
      } else if (x.outageId !== outageId)
        problems.push(
          x.outageId === null
            ? t('outage.link.notLinked', { ticket: n, outage: number })
            : t('outage.link.notLinkedOther', {
                ticket: n,
                outage: number,
                other: formatOutageNumber(x.outageId),
              }),
        );
    }
    if (action === 'attach' && outage.status !== 'active')
      problems.unshift(t('outage.link.notActive', { outage: number, status: outageStatus(outage.status) }));
    if (problems.length) throw new RefusedError(t('outage.link.refused', { problems: problems.join('; ') }));
    await setTicketsOutage(q, ids, action === 'attach' ? outageId : null, now);
    const verb = action === 'attach' ? 'Linked to' : 'Unlinked from';
    const events: NewEvent[] = ids.map((id) => ({
      ticketId: id,
      at: now,
      actor: ctx.operator,
      kind: 'outage',
      text: `${verb} outage ${number}: ${outage.summary}${reason ? ` (${reason})` : ''}`,
      payload: { outage: number, action: action === 'attach' ? 'attached' : 'detached', via: 'hand', reason },
    }));
    await appendEvents(q, events);
    await appendOutageEvents(q, [
      {
        outageId,
        at: now,
        actor: ctx.operator,
        kind: action === 'attach' ? 'attached' : 'detached',
        text: `${action === 'attach' ? 'Linked' : 'Unlinked'}: ${ids.map(formatTicketNumber).join(', ')}${reason ? ` (${reason})` : ''}`,
        payload: { tickets: ids.map(formatTicketNumber), via: 'hand', reason },
      },
    ]);
    // A ticket attached to an outage with an ETA gets it as hd outage eta gives it.
    const etaGiven =
      action === 'attach' && outage.eta !== null
        ? await cascadeInTx(ctx, q, outageId, outageEtaStep(ctx, outage.eta, undefined), now, new Set(ids))
        : null;
    return { ...outage, etaGiven };
  });
  const tickets = ids.map(formatTicketNumber);
  if (opts.json) {
    printJson(ctx.io, {
      outage: number,
      action,
      tickets,
      status: outage.status,
      ...(action === 'attach' ? { etaGiven: etaGivenJson(ctx, outage.etaGiven) } : {}),
    });
    return;
  }
  const vars = { tickets: tickets.join(', '), outage: number, summary: sanitizeLine(outage.summary) };
  writeText(
    ctx.io,
    `${[
      tickets.length === 1
        ? t(action === 'attach' ? 'outage.link.attachedOne' : 'outage.link.detachedOne', vars)
        : t(action === 'attach' ? 'outage.link.attached' : 'outage.link.detached', vars),
      ...etaGivenText(ctx, outage.etaGiven, at(ctx)(outage.eta)),
    ].join('\n')}\n`,
  );
}

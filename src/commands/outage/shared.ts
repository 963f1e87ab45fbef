// What the hd outage commands share: the outage argument, the refusal of a finished outage, the
// --no-notify pair, how a client hears of a change, the outage as JSON, and the cascade's report.
import type { Command } from 'commander';
import { type CallToMake, type CascadeResult, type CascadeStep, WORKING } from '../../app/outage-cascade.ts';
import { etaChange } from '../../app/ticket-changes.ts';
import type { Context } from '../../context.ts';
import { formatOutageNumber, type Outage, parseOutageNumber } from '../../domain/outage.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import type { Contact, Status } from '../../domain/types.ts';
import { RefusedError, UsageError } from '../../errors.ts';
import { type MessageKey, t } from '../../i18n.ts';
import { printJson, writeTable, writeText } from '../../ui/output.ts';
import { statusWords } from '../../ui/status.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { formatTime, iso, timeDisplay } from '../../ui/time.ts';
import { ask, gather } from '../mutate.ts';
import { noticeText } from '../notice.ts';

export const number = formatOutageNumber;

/** The outage argument (OUT-000012 or 12), or a usage error naming the form. */
export function outageArg(text: string | undefined): number {
  if (!text) throw new UsageError(t('outage.err.noOutage'));
  return parseOutageNumber(text);
}

/** A moment for people, in the interface language and the desk's zone. */
export const at = (ctx: Context) => timeDisplay(ctx).at;

/** An outage's status in words. */
export const outageStatus = (status: string) =>
  ['active', 'resolved', 'cancelled'].includes(status) ? t(`outage.status.${status}` as MessageKey) : status;

export function assertActive(ctx: Context, outage: Outage): void {
  if (outage.status !== 'active') {
    const vars = { outage: number(outage.id), status: outageStatus(outage.status) };
    throw new RefusedError(
      outage.resolvedAt
        ? t('outage.err.notActiveSince', { ...vars, since: at(ctx)(outage.resolvedAt) })
        : t('outage.err.notActive', vars),
    );
  }
}

/** A text flag as given, trimmed: empty or absurdly long is a usage error. */
export function textOf(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !value.trim()) throw new UsageError(t('outage.err.emptyFlag', { flag }));
  if (value !== undefined && value.length > 10_000) throw new UsageError(t('outage.err.longFlag', { flag }));
  return value?.trim();
}

/** --no-notify / --skip-reason on a cascade that tells the clients. */
export const notifyFlags = (c: Command) =>
  c
    .option('--no-notify', t('outage.opt.noNotify'))
    .option('--skip-reason <text>', t('outage.opt.skipReason'));

/** The --no-notify pair as typed: notify false when --no-notify was given. */
export interface NotifyFlags {
  notify: boolean;
  skipReason?: string;
}

/** --no-notify / --skip-reason, as the per-ticket commands read them: the reason, asked if need be. */
export async function skipReason(ctx: Context, flags: NotifyFlags): Promise<string | undefined> {
  if (flags.notify) return undefined;
  const [reason] = await gather(ctx, [
    {
      flag: t('outage.missing.skipReason'),
      value: flags.skipReason?.trim() || undefined,
      ask: ask(t('outage.ask.skipReason')),
    },
  ]);
  return reason!.trim();
}

/** How a ticket's client hears of the change, for its event text (as hd eta … writes it). */
export function told(
  contact: Contact,
  skip: string | undefined,
  verb: string,
): { text: string; via: string | null } {
  if (skip !== undefined) return { text: noticeText({ skip }, verb), via: null };
  const via = contact.preferredChannel;
  if (via === 'phone' || !contact.email)
    return { text: `client not yet ${verb}: on the outage call list`, via: 'phone' };
  // Phone and e-mail: the e-mail queued now, the call still to make (was "call undefined").
  if (via === 'both') return { text: `client not yet ${verb}: e-mail queued, on the outage call list`, via };
  return { text: noticeText({ via }, verb), via };
}

/**
 * Why a ticket was skipped, in the interface language. The reasons are data (English in --json);
 * the ones hd gives itself are worded again here, times in the reader's form.
 */
export function skippedWords(ctx: Context, reason: string): string {
  const time = (ms: number) => at(ctx)(ms);
  if (reason === 'already has this ETA') return t('outage.skip.same');
  if (reason === 'has no ETA yet (hd outage eta gives it one)') return t('outage.skip.noEta');
  const own = /^has its own ETA (\d+) \(kept; hd outage extend moves it later\)$/.exec(reason);
  if (own) return t('outage.skip.own', { eta: time(Number(own[1])) });
  const later = /^has its own later ETA (\d+) \(kept\)$/.exec(reason);
  if (later) return t('outage.skip.later', { eta: time(Number(later[1])) });
  return reason;
}

/** The skip reasons as data: English, the time as epoch ms, worded for people by skippedWords. */
export const SKIP = {
  same: 'already has this ETA',
  noEta: 'has no ETA yet (hd outage eta gives it one)',
  own: (eta: number) => `has its own ETA ${eta} (kept; hd outage extend moves it later)`,
  later: (eta: number) => `has its own later ETA ${eta} (kept)`,
};

/** The ETA given to tickets linked by open or attach: who got it, who is still to be phoned. */
export function etaGivenJson(ctx: Context, r: CascadeResult | null) {
  if (!r) return null;
  return {
    tickets: r.tickets.map((x) => formatTicketNumber(x.ticket.id)),
    emailsQueued: r.queued.length,
    toCall: r.callList.map((c) => formatTicketNumber(c.ticketId)),
    skipped: r.skipped.map((k) => ({
      ticket: formatTicketNumber(k.ticketId),
      reason: skipJson(ctx, k.reason),
    })),
  };
}

/** A skip reason in --json: English, the time as hd wrote it before (2026-11-25 18:00 in HD_TZ). */
function skipJson(ctx: Context, reason: string): string {
  return reason.replace(/ETA (\d+) \(/, (_m, ms: string) => `ETA ${formatTime(Number(ms), ctx.timeZone)} (`);
}

export function etaGivenText(ctx: Context, r: CascadeResult | null, eta: string): string[] {
  if (!r || r.tickets.length + r.skipped.length === 0) return [];
  const tickets = r.tickets.map((x) => formatTicketNumber(x.ticket.id)).join(', ');
  const calls = r.callList.map((c) => formatTicketNumber(c.ticketId)).join(', ');
  return [
    t(r.tickets.length ? 'outage.etaGiven.some' : 'outage.etaGiven.none', {
      eta,
      count: r.tickets.length,
      tickets,
      queued: r.queued.length,
    }) +
      (calls ? t('outage.etaGiven.toPhone', { tickets: calls }) : '') +
      '.',
    ...r.skipped.map(
      (k) =>
        `  ${t('outage.skipped', { ticket: formatTicketNumber(k.ticketId), reason: sanitizeLine(skippedWords(ctx, k.reason)) })}`,
    ),
  ];
}

export function outageJson(o: Outage, elements: string[]) {
  return {
    number: formatOutageNumber(o.id),
    id: o.id,
    status: o.status,
    summary: o.summary,
    zone: o.zone,
    elements,
    startedAt: iso(o.startedAt),
    eta: iso(o.eta),
    openedAt: iso(o.openedAt),
    openedBy: o.openedBy,
    resolvedAt: iso(o.resolvedAt),
    resolution: o.resolution,
  };
}

/** What a cascade did: JSON, or a headline, the skipped tickets and the call list. */
export function report(ctx: Context, json: boolean, r: CascadeResult, headline: string): void {
  if (json) {
    printJson(ctx.io, {
      outage: {
        number: number(r.outage.id),
        summary: r.outage.summary,
        zone: r.outage.zone,
        status: r.outage.status,
        startedAt: iso(r.outage.startedAt),
        eta: iso(r.outage.eta),
        resolvedAt: iso(r.outage.resolvedAt),
        resolution: r.outage.resolution,
      },
      tickets: r.tickets.map((x) => ({
        ticket: formatTicketNumber(x.ticket.id),
        client: x.client.name,
        status: x.ticket.status,
        eta: iso(x.ticket.eta),
        events: x.events.map((e) => e.kind),
        email: x.email ? { outboxId: x.email.id, to: x.email.recipient, subject: x.email.subject } : null,
        toCall: x.call,
        clientNotYetTold: x.ticket.tellKind ? { kind: x.ticket.tellKind, due: iso(x.ticket.tellDue) } : null,
      })),
      callList: r.callList.map((c) => ({
        ticket: formatTicketNumber(c.ticketId),
        client: c.client,
        contact: c.contact,
        phone: c.phone,
        language: c.language,
        notice: c.notice,
        reason: c.reason,
      })),
      emailsQueued: r.queued.length,
      untouched: r.untouched,
      skipped: r.skipped.map((k) => ({
        ticket: formatTicketNumber(k.ticketId),
        reason: skipJson(ctx, k.reason),
      })),
    });
    return;
  }
  const out = ctx.io.stdout;
  const parts = [t('outage.report.updated', { count: r.tickets.length })];
  if (r.untouched) parts.push(t('outage.report.untouched', { count: r.untouched }));
  const queued = t('outage.report.queued', { count: r.queued.length });
  const phone = r.callList.length ? t('outage.report.toPhone', { count: r.callList.length }) : '';
  writeText(
    ctx.io,
    `${sanitizeLine(`${number(r.outage.id)}: ${headline}`)}: ${parts.join(', ')}; ${queued}${phone}.\n`,
  );
  for (const k of r.skipped)
    out.write(
      `  ${t('outage.skipped', { ticket: formatTicketNumber(k.ticketId), reason: sanitizeLine(skippedWords(ctx, k.reason)) })}\n`,
    );
  if (r.callList.length) {
    writeText(ctx.io, `${t('outage.report.callList')}\n`);
    // On a terminal a table fitted to its width; piped, tab-separated lines under a header.
    writeTable(
      ctx.io,
      [
        {
          header: 'Ticket',
          title: t('col.ticket'),
          value: (c: CallToMake) => formatTicketNumber(c.ticketId),
          trusted: true,
        },
        {
          header: 'Client',
          title: t('col.client'),
          value: (c: CallToMake) => c.client,
          flexible: true,
          min: 10,
        },
        {
          header: 'Contact',
          title: t('outage.col.contact'),
          value: (c: CallToMake) => c.contact,
          flexible: true,
          min: 10,
        },
        {
          header: 'Phone',
          title: t('outage.col.phone'),
          value: (c: CallToMake) => c.phone ?? t('outage.noPhone'),
        },
        {
          header: 'Language',
          title: t('outage.col.language'),
          value: (c: CallToMake) => c.language,
          trusted: true,
        },
        {
          header: 'Note',
          title: t('outage.col.note'),
          value: (c: CallToMake) => (c.reason === 'no e-mail on record' ? t('outage.noEmail') : ''),
          trusted: true,
          wrap: true,
        },
      ],
      r.callList,
      '  ',
    );
  }
  if (r.queued.length) ctx.io.stderr.write(`${t('outage.report.outbox', { count: r.queued.length })}\n`);
}

/**
 * The outage's ETA given to its linked tickets, as hd eta gives one: each ticket without an ETA
 * gets an eta event and a notice, and the ETA is owed to the client until heard. A ticket with
 * its own ETA keeps it and is skipped (named in the output): hd outage extend moves it later.
 * Used by hd outage eta, and by outage open and attach for the tickets they link.
 */
export function outageEtaStep(
  ctx: Context,
  eta: number,
  skip: string | undefined,
  check: (o: Outage) => void = (o) => assertActive(ctx, o),
): CascadeStep {
  return {
    statuses: WORKING,
    // An outage's ETA stands even with no ticket linked yet.
    check,
    skip: ({ ticket }) =>
      ticket.eta === null ? null : ticket.eta === eta ? SKIP.same : SKIP.own(ticket.eta),
    decide: ({ ticket, contact, now }) => {
      const how = told(contact, skip, 'told');
      return etaChange(ticket, eta, now, ctx.timeZone, `${how.text}`, how.via);
    },
    notice: { of: () => ({ kind: 'eta' }), skip, owes: true },
    outage: (_o, _now, tickets) => ({
      patch: { eta },
      event: {
        kind: 'eta',
        text: `ETA ${formatTime(eta, ctx.timeZone)} for ${tickets.length} linked ticket(s)`,
        payload: { eta: new Date(eta).toISOString(), tickets: tickets.map(formatTicketNumber) },
      },
    }),
  };
}

/** A cascade's options shared by every verb: --json. */
export const jsonOption = (c: Command, key: MessageKey = 'outage.opt.jsonCalls') =>
  c.option('--json', t(key));

/** Refuses a status step that would change no ticket at all. */
export function someTickets(ctx: Context, verb: MessageKey, statuses: readonly Status[]) {
  return (o: Outage, tickets: { ticket: { id: number } }[]) => {
    assertActive(ctx, o);
    if (tickets.length === 0)
      throw new RefusedError(
        t('outage.err.noneTo', {
          outage: number(o.id),
          statuses: statuses.map(statusWords).join(t('outage.or')),
          verb: t(verb),
        }),
      );
  };
}

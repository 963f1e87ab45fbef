// hd outage eta | extend | notify | log | pending | resume | resolve: one update for the outage and
// every linked ticket still being worked, in one transaction (src/app/outage-cascade.ts). Each
// ticket gets what its own per-ticket command would give it; clients who prefer the phone come
// out as a call list for the operator.
import {
  type CallToMake,
  type CascadeResult,
  type CascadeStep,
  cascade,
  WORKING,
} from '../app/outage-cascade.ts';
import {
  applyPatch,
  type Change,
  etaChange,
  extendChange,
  logChange,
  mergePatches,
  pendingChange,
  resolveChange,
  resumeChange,
  takeChange,
} from '../app/ticket-changes.ts';
import type { Context } from '../context.ts';
import { statusWords } from '../domain/lifecycle.ts';
import { formatOutageNumber, type Outage, parseOutageNumber } from '../domain/outage.ts';
import { oneOf } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment, parseDuration, parseWhen } from '../domain/time.ts';
import type { Contact, Status } from '../domain/types.ts';
import { RefusedError, UsageError } from '../errors.ts';
import type { NoticeKind } from '../notify.ts';
import { getOutage } from '../store/outages.ts';
import { printJson, writeTable, writeText } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, positiveInt, readText, requireText, str } from './common.ts';
import { checkZone, TEST_RESULTS } from './log.ts';
import { ask, gather, textFlag } from './mutate.ts';
import { noticeText } from './notice.ts';

const outageArg = (args: string[]) => {
  if (!args[0]) throw new UsageError('Missing the outage: hd outage <verb> OUT-000012 …');
  return parseOutageNumber(args[0]);
};

function assertActive(outage: Outage, timeZone: string): void {
  if (outage.status !== 'active')
    throw new RefusedError(
      `${formatOutageNumber(outage.id)} is ${outage.status}${outage.resolvedAt ? ` since ${formatTime(outage.resolvedAt, timeZone)}` : ''}; its tickets are handled one by one now.`,
    );
}

/** --no-notify / --skip-reason, as the per-ticket commands read them. */
async function skipReason(ctx: Context, opts: Opts): Promise<string | undefined> {
  if (opts.notify !== false) return undefined;
  const [reason] = await gather(ctx, [
    {
      flag: '--skip-reason TEXT (why the clients are not notified)',
      value: str(opts, 'skipReason')?.trim() || undefined,
      ask: ask('Why are the clients not notified?'),
    },
  ]);
  return reason!.trim();
}

/** How a ticket's client hears of the change, for its event text (as hd eta … writes it). */
function told(
  contact: Contact,
  skip: string | undefined,
  verb: string,
): { text: string; via: string | null } {
  if (skip !== undefined) return { text: noticeText({ skip }, verb), via: null };
  const via = contact.preferredChannel;
  if (via === 'phone' || !contact.email)
    return { text: `client not yet ${verb}: on the outage call list`, via: 'phone' };
  return { text: noticeText({ via }, verb), via };
}

const number = formatOutageNumber;

function result(ctx: Context, opts: Opts, r: CascadeResult, headline: string): void {
  if (bool(opts, 'json')) {
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
      tickets: r.tickets.map((t) => ({
        ticket: formatTicketNumber(t.ticket.id),
        client: t.client.name,
        status: t.ticket.status,
        eta: iso(t.ticket.eta),
        events: t.events.map((e) => e.kind),
        email: t.email ? { outboxId: t.email.id, to: t.email.recipient, subject: t.email.subject } : null,
        toCall: t.call,
        clientNotYetTold: t.ticket.tellKind ? { kind: t.ticket.tellKind, due: iso(t.ticket.tellDue) } : null,
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
      skipped: r.skipped.map((k) => ({ ticket: formatTicketNumber(k.ticketId), reason: k.reason })),
    });
    return;
  }
  const out = ctx.io.stdout;
  writeText(
    ctx.io,
    `${sanitizeLine(`${number(r.outage.id)}: ${headline}`)}: ${r.tickets.length} linked ticket(s) updated${r.untouched ? `, ${r.untouched} left alone` : ''}; ${r.queued.length} e-mail(s) queued${r.callList.length ? `, ${r.callList.length} client(s) to phone` : ''}.\n`,
  );
  for (const k of r.skipped)
    out.write(`  skipped ${formatTicketNumber(k.ticketId)}: ${sanitizeLine(k.reason)}\n`);
  if (r.callList.length) {
    out.write('Still to phone (record each call with: hd log TICKET call --outcome …):\n');
    // On a terminal a table fitted to its width; piped, tab-separated lines under a header.
    writeTable(
      ctx.io,
      [
        { header: 'Ticket', value: (c: CallToMake) => formatTicketNumber(c.ticketId), trusted: true },
        { header: 'Client', value: (c: CallToMake) => c.client, flexible: true, min: 10 },
        { header: 'Contact', value: (c: CallToMake) => c.contact, flexible: true, min: 10 },
        { header: 'Phone', value: (c: CallToMake) => c.phone ?? 'no phone on record' },
        { header: 'Language', value: (c: CallToMake) => c.language, trusted: true },
        {
          header: 'Note',
          value: (c: CallToMake) => (c.reason === 'no e-mail on record' ? 'no e-mail on record' : ''),
          trusted: true,
          wrap: true,
        },
      ],
      r.callList,
      '  ',
    );
  }
  if (r.queued.length)
    ctx.io.stderr.write(`E-mail queued in the outbox (${r.queued.length}); hd outbox send delivers it.\n`);
}

export async function runOutageEta(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const words = args.slice(1);
  if (words.length === 0)
    throw new UsageError(`Missing the time: hd outage eta ${args[0]} 18:30 (or "tomorrow 10:00", +3h, ISO).`);
  const now = ctx.now();
  const eta = parseWhen(words.join(' '), now, ctx.timeZone, 'moment').getTime();
  if (eta <= now.getTime())
    throw new RefusedError(
      `The ETA ${formatTime(eta, ctx.timeZone)} is in the past. Give a later time, e.g. +2h.`,
    );
  const outage = await getOutage(await ctx.store(), id);
  checkOutageEta(outage, eta, ctx.timeZone);
  const skip = await skipReason(ctx, opts);
  const step = outageEtaStep(ctx, eta, skip, (o) => checkOutageEta(o, eta, ctx.timeZone));
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, `ETA ${formatTime(eta, ctx.timeZone)}`);
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
  check: (o: Outage) => void = (o) => assertActive(o, ctx.timeZone),
): CascadeStep {
  return {
    statuses: WORKING,
    // An outage's ETA stands even with no ticket linked yet.
    check,
    skip: ({ ticket }) =>
      ticket.eta === null
        ? null
        : ticket.eta === eta
          ? 'already has this ETA'
          : `has its own ETA ${formatTime(ticket.eta, ctx.timeZone)} (kept; hd outage extend moves it later)`,
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

/** An outage's ETA is set once; given again (the same time) it reaches the linked tickets still
 *  without one. A different time is an extension. */
function checkOutageEta(o: Outage, eta: number, timeZone: string): void {
  assertActive(o, timeZone);
  if (o.eta !== null && o.eta !== eta)
    throw new RefusedError(
      `${number(o.id)} already has an ETA (${formatTime(o.eta, timeZone)}). To change it: hd outage extend ${number(o.id)} --to TIME --reason TEXT.`,
    );
}

export async function runOutageExtend(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const by = str(opts, 'by');
  const to = str(opts, 'to');
  if ((by === undefined) === (to === undefined))
    throw new UsageError('Give exactly one of --by DURATION (e.g. 2h) or --to TIME (e.g. 21:00).');
  const now = ctx.now();
  const byMs = by === undefined ? null : parseDuration(by);
  const toMs = to === undefined ? null : parseWhen(to, now, ctx.timeZone, 'moment').getTime();
  const outage = await getOutage(await ctx.store(), id);
  const planned = extendedOutageEta(outage, byMs, toMs, now.getTime(), ctx.timeZone);
  const [reason] = await gather(ctx, [
    { flag: '--reason TEXT', value: textFlag(opts, 'reason'), ask: ask('Why does it take longer?') },
  ]);
  const skip = await skipReason(ctx, opts);
  let target = planned;
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o) => {
      target = extendedOutageEta(o, byMs, toMs, now.getTime(), ctx.timeZone);
    },
    // A ticket with its own ETA at or after the new one keeps it.
    skip: ({ ticket }) =>
      ticket.eta !== null && ticket.eta >= target
        ? ticket.eta === target
          ? 'already has this ETA'
          : `has its own later ETA ${formatTime(ticket.eta, ctx.timeZone)} (kept)`
        : null,
    decide: ({ ticket, contact, now }): Change => {
      // A ticket linked after the ETA was told has none yet: it gets the ETA, the others the extension.
      if (ticket.eta === null) {
        const how = told(contact, skip, 'told');
        return etaChange(ticket, target, now, ctx.timeZone, how.text, how.via);
      }
      const how = told(contact, skip, 'told');
      const { previousEta: _, ...change } = extendChange(
        ticket,
        { byMs: null, toMs: target },
        now,
        ctx.timeZone,
        reason!,
        how.text,
        how.via,
      );
      return change;
    },
    notice: {
      of: (before) =>
        before.eta === null
          ? { kind: 'eta' }
          : { kind: 'extended', extra: { reason: reason!, previousEta: before.eta } },
      skip,
      owes: true,
    },
    outage: (o, _now, tickets) => ({
      patch: { eta: target },
      event: {
        kind: 'extended',
        text: `ETA extended ${formatTime(o.eta, ctx.timeZone)} → ${formatTime(target, ctx.timeZone)}: ${reason} (${tickets.length} linked ticket(s))`,
        payload: {
          from: new Date(o.eta!).toISOString(),
          to: new Date(target).toISOString(),
          reason,
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, `ETA extended to ${formatTime(target, ctx.timeZone)}`);
}

function extendedOutageEta(
  o: Outage,
  byMs: number | null,
  toMs: number | null,
  now: number,
  timeZone: string,
): number {
  assertActive(o, timeZone);
  if (o.eta === null)
    throw new RefusedError(
      `${number(o.id)} has no ETA yet; set one with hd outage eta ${number(o.id)} TIME.`,
    );
  const eta = checkMoment(byMs !== null ? o.eta + byMs : toMs!, timeZone, 'The new ETA');
  if (eta <= o.eta)
    throw new UsageError(
      `The new ETA ${formatTime(eta, timeZone)} is not later than the outage's current one (${formatTime(o.eta, timeZone)}).`,
    );
  if (eta <= now) throw new RefusedError(`The new ETA ${formatTime(eta, timeZone)} is already in the past.`);
  return eta;
}

const OUTAGE_NOTICES = ['update', 'eta'] as const;

export async function runOutageNotify(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  if (!args[1])
    throw new UsageError(`Missing the notice kind: hd outage notify ${args[0]} ${OUTAGE_NOTICES.join('|')}.`);
  const kind = oneOf(args[1], OUTAGE_NOTICES, 'notice kind', 'hd outage notify <outage>') as NoticeKind;
  assertActive(await getOutage(await ctx.store(), id), ctx.timeZone);
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o, tickets) => {
      assertActive(o, ctx.timeZone);
      if (kind === 'eta' && tickets.every((t) => t.ticket.eta === null))
        throw new RefusedError(
          `No linked ticket of ${number(o.id)} has an ETA yet (has no ETA yet): set one with hd outage eta first.`,
        );
    },
    skip: ({ ticket }) =>
      kind === 'eta' && ticket.eta === null ? 'has no ETA yet (hd outage eta gives it one)' : null,
    decide: () => ({ events: [] }),
    // As hd notify: the notice is sent as it stands, and owes nothing new.
    notice: { of: () => ({ kind }), owes: false },
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'notified',
        text: `Clients notified (${kind}) on ${tickets.length} linked ticket(s)`,
        payload: { notice: kind, tickets: tickets.map(formatTicketNumber) },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, `notice ${kind}`);
}

const OUTAGE_LOG_KINDS = ['test', 'action', 'note'] as const;

export async function runOutageLog(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const [, kindArg, ...words] = args;
  if (!kindArg)
    throw new UsageError(`Missing the entry kind: hd outage log ${args[0]} test|action|note "text".`);
  if (kindArg === 'call')
    throw new UsageError(
      'A call is with one client: log it on its ticket (hd log TICKET call …). The outage call list says who to phone.',
    );
  const kind = oneOf(kindArg, OUTAGE_LOG_KINDS, 'log kind', 'hd outage log <outage>');
  if (kind !== 'test' && str(opts, 'result') !== undefined)
    throw new UsageError(`--result is for "hd outage log … test", not ${kind}.`);
  const given = words.length ? words.join(' ') : undefined;
  const textGiven = given === '-' ? await readText(ctx, '-') : given;
  const minutes =
    str(opts, 'minutes') === undefined ? undefined : positiveInt(str(opts, 'minutes'), '--minutes', 0);
  const result0 = str(opts, 'result') && oneOf(str(opts, 'result')!, TEST_RESULTS, 'test result', '--result');
  assertActive(await getOutage(await ctx.store(), id), ctx.timeZone);
  const [text, testResult] = await gather(ctx, [
    { flag: 'the text (an argument, or - for stdin)', value: textGiven, ask: ask(`${kind}:`) },
    ...(kind === 'test'
      ? [
          {
            flag: '--result pass|fail|info',
            value: result0 || undefined,
            ask: ask('Result (pass, fail, info):'),
          },
        ]
      : []),
  ]);
  const body = requireText(text, 'The log text', 'the text argument');
  if (kind === 'test') oneOf(testResult!, TEST_RESULTS, 'test result', '--result');
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o) => assertActive(o, ctx.timeZone),
    decide: ({ ticket, calendar, now, contact }) =>
      logChange(ticket, calendar, now, contact, { kind, body, minutes, testResult }),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind,
        text: body,
        payload: {
          ...(minutes !== undefined ? { minutes } : {}),
          ...(kind === 'test' ? { result: testResult } : {}),
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, `${kind} logged`);
}

/** Refuses a status step that would change no ticket at all. */
function someTickets(verb: string, statuses: readonly Status[], timeZone: string) {
  return (o: Outage, tickets: { ticket: { id: number } }[]) => {
    assertActive(o, timeZone);
    if (tickets.length === 0)
      throw new RefusedError(
        `${number(o.id)} has no linked ticket ${statuses.map(statusWords).join(' or ')} to ${verb}.`,
      );
  };
}

export async function runOutagePending(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const now = ctx.now();
  const until = str(opts, 'until') ? parseWhen(str(opts, 'until')!, now, ctx.timeZone).getTime() : null;
  if (until !== null && until <= now.getTime())
    throw new UsageError(`--until ${str(opts, 'until')} is not in the future.`);
  assertActive(await getOutage(await ctx.store(), id), ctx.timeZone);
  const [reason] = await gather(ctx, [
    {
      flag: '--reason TEXT',
      value: textFlag(opts, 'reason'),
      ask: ask('What are we waiting for (carrier, power, site access …)?'),
    },
  ]);
  // Only a ticket in progress can wait (as hd pending); one not yet taken is left alone and said so.
  const statuses: Status[] = ['inProgress'];
  const step: CascadeStep = {
    statuses,
    check: someTickets('put on hold', statuses, ctx.timeZone),
    decide: ({ ticket, now }) => pendingChange(ticket, now, until, reason!, ctx.timeZone),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'pending',
        text: `Pending: ${reason}${until ? ` (until ${formatTime(until, ctx.timeZone)})` : ''}`,
        payload: {
          reason,
          until: until === null ? null : new Date(until).toISOString(),
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, `pending (${reason}); the deadlines still ahead are paused`);
}

export async function runOutageResume(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const note = textFlag(opts, 'note');
  assertActive(await getOutage(await ctx.store(), id), ctx.timeZone);
  const statuses: Status[] = ['pending'];
  const step: CascadeStep = {
    statuses,
    check: someTickets('resume', statuses, ctx.timeZone),
    decide: ({ ticket, calendar, now }) => resumeChange(ticket, calendar, now, note),
    notice: null,
    outage: (_o, _now, tickets) => ({
      event: {
        kind: 'resumed',
        text: `Resumed${note ? `: ${note}` : ''}`,
        payload: { note: note ?? null, tickets: tickets.map(formatTicketNumber) },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, 'back in progress');
}

export async function runOutageResolve(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = outageArg(args);
  const store = await ctx.store();
  const zoneGiven = str(opts, 'zone');
  if (zoneGiven) await checkZone(store, zoneGiven, '--zone');
  const now = ctx.now();
  const restoredAt = str(opts, 'restoredAt')
    ? parseWhen(str(opts, 'restoredAt')!, now, ctx.timeZone).getTime()
    : now.getTime();
  if (restoredAt > now.getTime())
    throw new UsageError('--restored-at is in the future; give the time the service came back.');
  const take = bool(opts, 'take');
  const outage = await getOutage(store, id);
  if (outage.status === 'resolved')
    throw new RefusedError(`${number(id)} is already resolved (${outage.resolution ?? ''}).`);
  assertActive(outage, ctx.timeZone);
  const [summary] = await gather(ctx, [
    {
      flag: '--summary TEXT',
      value: textFlag(opts, 'summary'),
      ask: ask('What was done to restore the service?'),
    },
  ]);
  const skip = await skipReason(ctx, opts);
  const step: CascadeStep = {
    statuses: WORKING,
    check: (o, tickets) => {
      if (o.status === 'resolved') throw new RefusedError(`${number(id)} is already resolved.`);
      assertActive(o, ctx.timeZone);
      const untaken = tickets.filter((t) => t.ticket.status === 'acknowledged');
      if (untaken.length && !take)
        throw new RefusedError(
          `${untaken.length} linked ticket(s) not taken yet (${untaken
            .slice(0, 5)
            .map((t) => formatTicketNumber(t.ticket.id))
            .join(
              ', ',
            )}${untaken.length > 5 ? ', …' : ''}): add --take to take them as you resolve, or take them first (hd take).`,
        );
    },
    decide: ({ ticket, calendar, profile, now, contact }) => {
      const how = told(contact, skip, 'informed');
      // The command's --zone, else the ticket's own zone, else the outage's.
      const zone = zoneGiven ?? (ticket.zone ? undefined : (outage.zone ?? undefined));
      // --take: a ticket not taken yet is taken first, as hd take would, then resolved.
      const taken: Change =
        ticket.status === 'acknowledged' ? takeChange(ticket, calendar, now, ctx.operator) : { events: [] };
      const base = applyPatch(ticket, taken.patch ?? {});
      const resolved = resolveChange(base, calendar, profile, now, {
        summary: summary!,
        zone,
        restoredAt,
        informed: how.text,
        via: how.via,
      });
      return {
        patch: mergePatches(taken.patch ?? {}, resolved.patch ?? {}),
        events: [...taken.events, ...resolved.events],
      };
    },
    notice: { of: () => ({ kind: 'restored', extra: { resolution: summary! } }), skip, owes: true },
    outage: (_o, at, tickets) => ({
      patch: {
        status: 'resolved',
        resolvedAt: at,
        resolution: summary!,
        ...(zoneGiven ? { zone: zoneGiven } : {}),
      },
      event: {
        kind: 'resolved',
        text: `Resolved: ${summary} (${tickets.length} linked ticket(s) resolved)`,
        payload: {
          summary,
          restoredAt: new Date(restoredAt).toISOString(),
          zone: zoneGiven ?? null,
          tickets: tickets.map(formatTicketNumber),
        },
      },
    }),
  };
  const r = await cascade(ctx, id, step);
  result(ctx, opts, r, 'resolved; each client is asked to confirm, then close each ticket with hd close');
}

// hd notify and hd outbox: telling the client by e-mail or phone, and the queue of outgoing mail.
import { hostname } from 'node:os';
import type { Context } from '../context.ts';
import { normalizeEmail } from '../domain/contact.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { oneOf } from '../domain/priority.ts';
import { tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { CallOutcome } from '../domain/types.ts';
import { HdError, RefusedError, UsageError } from '../errors.ts';
import {
  CLIENT_NOTICES,
  deliverQueued,
  deliverySummary,
  extraFromTimeline,
  type NoticeKind,
  notifyInTx,
  processAlive,
  releasedSummary,
  renderCallScript,
  renderNotice,
  type Via,
} from '../notify.ts';
import {
  getMessage,
  listMessages,
  type OutboxMessage,
  type OutboxStatus,
  outboxCounts,
  requeue,
} from '../store/outbox.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { sanitize, sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, NOT_PROMPTING, type Opts, positiveInt, str, ticketId } from './common.ts';
import { loadDetails } from './details.ts';
import { mutateTicket } from './mutate.ts';
import { askOutcome, OUTCOME_FLAG, outcomeFlag, showScript } from './notice.ts';

export async function runNotify(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const [ticketArg, kindArg] = args;
  if (!kindArg)
    throw new UsageError(
      `Missing the notice kind: hd notify ${ticketArg ?? '<ticket>'} ${CLIENT_NOTICES.join('|')}.`,
    );
  const kind = oneOf(kindArg, CLIENT_NOTICES, 'notice kind', 'hd notify <ticket>') as NoticeKind;
  const to = str(opts, 'to') ? normalizeEmail(str(opts, 'to')!) : undefined;
  const store = await ctx.store();
  const details = await loadDetails(store, ticketId(ticketArg));
  const t = details.ticket;
  if (!(kind === 'closed' && t.status === 'closed')) assertWritable(t.id, t.status);
  const via = (
    str(opts, 'via')
      ? oneOf(str(opts, 'via')!, ['phone', 'email', 'both'] as const, 'channel', '--via')
      : details.contact.preferredChannel
  ) as Via;
  if (to && via === 'phone')
    throw new UsageError('--to is an e-mail address; it goes with --via email or both.');
  let outcome = outcomeFlag(opts);
  if (outcome && via === 'email')
    throw new UsageError('--outcome is how a call went; it goes with --via phone or both.');
  const extra = extraFromTimeline(kind, t, details.events);
  const rendered = renderNotice(details, kind, extra);
  const script = renderCallScript(details, kind, extra, ctx.now().getTime());
  const out = ctx.io.stdout;
  const c = colours(ctx.io);
  const email = via !== 'phone';
  const phone = via !== 'email';
  if (email && !to && !details.contact.email) {
    throw new RefusedError(
      `${details.contact.name} has no e-mail address: use --via phone, give one with --to, or add it with hd client contact.`,
    );
  }
  // Without a person to say how the call went, refuse before showing or recording anything.
  if (phone && !outcome && !bool(opts, 'dryRun') && !ctx.io.isInteractive)
    throw new UsageError(`Missing ${OUTCOME_FLAG} for the call${NOT_PROMPTING}.`);
  if (bool(opts, 'dryRun') || !bool(opts, 'json')) {
    if (email)
      out.write(
        `${c.bold('E-mail')} to ${to ?? details.contact.email}\nSubject: ${sanitizeLine(rendered.subject)}\n\n${sanitize(rendered.body)}\n`,
      );
    if (phone)
      out.write(
        `${c.bold(`Call script for ${sanitizeLine(details.contact.name)} (${details.contact.phone ?? 'no phone on record'})`)}\n${sanitize(script).replace(/^/gm, '  │ ')}\n`,
      );
  }
  if (bool(opts, 'dryRun')) {
    ctx.io.stderr.write('Dry run: nothing was queued, sent or recorded.\n');
    return;
  }
  if (phone && !outcome) {
    // With --json the script is not on stdout: the operator still sees it before answering.
    if (bool(opts, 'json'))
      showScript(ctx, {
        ticketId: t.id,
        contact: details.contact.name,
        phone: details.contact.phone,
        body: script,
      });
    outcome = (await askOutcome('How did the call go?')(await ctx.prompter())) as CallOutcome;
  }
  const m = await mutateTicket(
    ctx,
    String(t.id),
    () => ({ events: [] }),
    async (ticket, { now, q }) =>
      notifyInTx(ctx, q, await loadDetails(q, ticket.id, ticket), {
        kind,
        via,
        to,
        outcome,
        extra,
        key: `${ticket.id}:${kind}:manual:${now}`,
        at: now,
      }),
  );
  const queued = m.notice?.queued ?? [];
  const report = await deliverQueued(
    ctx,
    store,
    queued.map((q) => q.id),
  );
  if (bool(opts, 'json')) {
    printJson(ctx.io, {
      ticket: formatTicketNumber(t.id),
      kind,
      via,
      outcome: outcome ?? null,
      messages: await Promise.all(queued.map(async (q) => messageJson(await getMessage(store, q.id)))),
    });
  }
  for (const line of deliverySummary(report, queued.length)) ctx.io.stderr.write(`${line}\n`);
  if (phone)
    ctx.io.stderr.write(
      `Call recorded: ${outcome}${tellsClient(outcome) ? ' (the client is told: counts as a client update)' : ' (an attempt: the client is not told yet, try again later)'}.\n`,
    );
  if (report.failed.length || report.retrying.length || report.uncertain.length)
    throw new HdError(
      `The e-mail was not ${report.uncertain.length ? 'confirmed ' : ''}delivered; it stays in the outbox (hd outbox list).`,
      1,
    );
}

export function messageJson(m: OutboxMessage) {
  return {
    id: m.id,
    ticket: m.ticketId === null ? null : formatTicketNumber(m.ticketId),
    kind: m.kind,
    to: m.recipient,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === 'queued' ? iso(m.nextAttemptAt) : null,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
    messageId: m.messageId,
    /** The last attempt that handed the whole message over without a reply: it may have arrived. */
    mayHaveBeenDeliveredAt: iso(m.uncertainAt),
    sendingBy:
      m.status === 'sending' ? { pid: m.claimPid, host: m.claimHost, since: iso(m.claimedAt) } : null,
  };
}

/** The status in words, with what is uncertain about it. */
function statusText(m: OutboxMessage): string {
  if (m.status === 'sending')
    return m.claimPid === null ? 'sending' : `sending (process ${m.claimPid} on ${m.claimHost})`;
  if (m.uncertainAt === null) return m.status;
  if (m.status === 'sent') return 'sent (an earlier try may have arrived too)';
  return `${m.status}, may have been delivered`;
}

const STATUSES: OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];

export async function runOutboxList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const status = str(opts, 'status')
    ? oneOf(str(opts, 'status')!, STATUSES, 'status', '--status')
    : undefined;
  const rows = await listMessages(store, {
    status,
    ticketId: str(opts, 'ticket') ? ticketId(str(opts, 'ticket')) : undefined,
    limit: positiveInt(str(opts, 'limit'), '--limit', 50),
  });
  if (bool(opts, 'json')) {
    printJson(ctx.io, rows.map(messageJson));
    return;
  }
  const counts = await outboxCounts(store);
  ctx.io.stderr.write(
    `Outbox: ${counts.queued} queued, ${counts.sending} sending, ${counts.sent} sent, ${counts.failed} failed${
      counts.uncertain ? `; ${counts.uncertain} not sent may have been delivered` : ''
    }.\n`,
  );
  if (rows.length === 0) return;
  await printTable(
    ctx.io,
    [
      { header: '#', value: (m: OutboxMessage) => String(m.id) },
      { header: 'Status', value: statusText },
      { header: 'Tries', value: (m: OutboxMessage) => String(m.attempts), drop: 2 },
      { header: 'Ticket', value: (m: OutboxMessage) => (m.ticketId ? formatTicketNumber(m.ticketId) : '') },
      { header: 'To', value: (m: OutboxMessage) => m.recipient, flexible: true, min: 16 },
      { header: 'Subject', value: (m: OutboxMessage) => m.subject, flexible: true },
      {
        header: 'Next try / sent',
        value: (m: OutboxMessage) =>
          m.status === 'sent'
            ? formatTime(m.sentAt, ctx.timeZone)
            : m.status === 'queued'
              ? formatTime(m.nextAttemptAt, ctx.timeZone)
              : '',
      },
      { header: 'Last error', value: (m: OutboxMessage) => m.lastError ?? '', wrap: true },
    ],
    rows,
  );
}

export async function runOutboxShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = positiveInt(args[0], 'the message number', 0);
  const m = await getMessage(await ctx.store(), id);
  if (bool(opts, 'json')) {
    printJson(ctx.io, { ...messageJson(m), body: m.body });
    return;
  }
  ctx.io.stdout.write(
    [
      `#${m.id} ${statusText(m)}, ${m.attempts} attempt(s)${m.lastError ? `, last error: ${sanitizeLine(m.lastError)}` : ''}`,
      ...(m.uncertainAt === null
        ? []
        : [
            `May have been delivered: at ${formatTime(m.uncertainAt, ctx.timeZone)} the whole message was handed to the server and no reply came; every try uses the same Message-ID.`,
          ]),
      `To: ${m.recipient}`,
      `Subject: ${sanitizeLine(m.subject)}`,
      `Message-ID: ${m.messageId}`,
      '',
      sanitize(m.body),
    ].join('\n'),
  );
}

const NOT_CONFIGURED =
  'HD_SMTP_URL is not set, so nothing can be sent. Set it like smtp://mail.example.by:587 (see hd outbox --help); queued mail waits safely.';

async function sendAndReport(ctx: Context, ids?: number[]): Promise<void> {
  const store = await ctx.store();
  const report = await deliverQueued(ctx, store, ids);
  if (!report.configured) throw new HdError(NOT_CONFIGURED);
  for (const line of releasedSummary(report)) ctx.io.stderr.write(`${line}\n`);
  const total =
    report.sent.length +
    report.retrying.length +
    report.failed.length +
    report.uncertain.length +
    report.lost.length;
  if (total === 0) ctx.io.stderr.write(`Nothing due to send via ${report.smtp}.\n`);
  for (const line of deliverySummary(report, total)) ctx.io.stderr.write(`${line}\n`);
  const unconfirmed = report.failed.length + report.retrying.length + report.uncertain.length;
  if (unconfirmed) {
    throw new HdError(
      `${unconfirmed} message(s) not confirmed delivered${report.uncertain.length ? ` (${report.uncertain.length} of them may have been)` : ''}; they stay in the outbox.`,
    );
  }
  if (report.lost.length)
    throw new HdError(
      `${report.lost.length} message(s) were taken over by another sender while this one worked on them; see above.`,
    );
}

export async function runOutboxSend(_args: string[], _opts: Opts, ctx: Context): Promise<void> {
  await sendAndReport(ctx);
}

export async function runOutboxRetry(args: string[], _opts: Opts, ctx: Context): Promise<void> {
  const id = positiveInt(args[0], 'the message number', 0);
  const store = await ctx.store();
  // Nothing can be tried without a server: refuse before the message is touched.
  if (!ctx.env.HD_SMTP_URL?.trim()) {
    await getMessage(store, id);
    throw new HdError(NOT_CONFIGURED);
  }
  const { released } = await store.tx((q) =>
    requeue(q, id, {
      now: ctx.now().getTime(),
      wallNow: Date.now(),
      host: hostname(),
      isAlive: processAlive,
    }),
  );
  if (released)
    ctx.io.stderr.write(
      `Message ${id} was claimed by ${released.pid === null ? 'a sender' : `process ${released.pid} on ${released.host}`}, which is no longer running; it is back in the queue${released.handedOver ? ' (that sender had handed the whole message to the server, so it may have been delivered already; it is sent again with the same Message-ID)' : ''}.\n`,
    );
  await sendAndReport(ctx, [id]);
}

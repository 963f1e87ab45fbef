// Keeping the client informed (steps 10-15): templates rendered in the client's language and
// time zone, e-mail through the outbox, phone calls as call scripts with a recorded outcome.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { crypto } from './builtin.ts';
import type { TicketDetails } from './commands/details.ts';
import type { Context } from './context.ts';
import { readData, zonesData } from './data.ts';
import { loadCalendar } from './domain/calendar.ts';
import { spokenAt } from './domain/callback.ts';
import { callMeetsResponse, clientUpdatePatch, responsePatch } from './domain/sla.ts';
import { deliveryTells, NOTHING_OWED, tellsClient } from './domain/tell.ts';
import { clientTime, parseTemplate, type Rendered, render, type Template } from './domain/template.ts';
import { formatTicketNumber } from './domain/ticket-number.ts';
import {
  CALL_OUTCOMES,
  type CallOutcome,
  type Language,
  type Ticket,
  type TicketEvent,
} from './domain/types.ts';
import { RefusedError, UsageError } from './errors.ts';
import { t } from './i18n.ts';
import type { Mailer, SendResult } from './mail/smtp.ts';
import { dataDir } from './paths.ts';
import {
  claimNext,
  enqueue,
  getMessage,
  markAttemptFailed,
  markHandedOver,
  markSent,
  type OutboxMessage,
  type ReleasedClaim,
  releaseStaleClaims,
  renewClaim,
  type SenderClaim,
} from './store/outbox.ts';
import type { Queryable, Store, Tx } from './store/port.ts';
import { profileById } from './store/reference.ts';
import { appendEvent, getTicket, type TicketPatch, updateTicket } from './store/tickets.ts';
import { mailErrorWords } from './ui/mail-error.ts';
import { sanitizeLine } from './ui/text.ts';

export const CLIENT_NOTICES = ['opened', 'update', 'eta', 'extended', 'restored', 'closed'] as const;
export type NoticeKind = (typeof CLIENT_NOTICES)[number] | 'jobsheet';

interface Helpdesk {
  name: Record<Language, string>;
  phone: string;
  email: string;
}
export const helpdesk = (): Helpdesk => readData<Helpdesk>('helpdesk.json');

export function loadTemplate(language: Language, kind: NoticeKind): Template {
  const file = join(dataDir(), 'templates', language, `${kind}.txt`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RefusedError(`There is no ${language} template for "${kind}" (${file}).`);
  }
  return parseTemplate(text, `${language}/${kind}.txt`);
}

const STATUS_TEXT: Record<Language, Record<string, string>> = {
  ru: {
    acknowledged: 'заявка принята',
    inProgress: 'ведутся работы',
    pending: 'ожидание (со стороны клиента или третьей стороны)',
    resolved: 'связь восстановлена, ждём вашего подтверждения',
    closed: 'заявка закрыта',
    cancelled: 'заявка отменена',
  },
  en: {
    acknowledged: 'received',
    inProgress: 'work in progress',
    pending: 'on hold (waiting for you or a third party)',
    resolved: 'service restored, waiting for your confirmation',
    closed: 'closed',
    cancelled: 'cancelled',
  },
};

export interface NoticeExtra {
  reason?: string;
  previousEta?: number | null;
  resolution?: string;
  confirmedBy?: string;
  job?: string;
  engineer?: string;
  onsiteDue?: number | null;
  spares?: string;
  note?: string;
}

/** Every value a template may use. Unknown placeholders are refused by render(). */
export function noticeValues(d: TicketDetails, extra: NoticeExtra = {}): Record<string, string> {
  const t = d.ticket;
  const lang = d.client.language;
  const tz = d.client.timezone;
  const none = lang === 'ru' ? 'не определено' : 'not set yet';
  const time = (ms: number | null | undefined) => clientTime(ms ?? null, lang, tz, none);
  const zone = zonesData().find((z) => z.code === t.zone);
  const h = helpdesk();
  return {
    number: formatTicketNumber(t.id),
    summary: t.summary,
    priority: t.priority,
    status: STATUS_TEXT[lang][t.status] ?? t.status,
    zone: zone ? (lang === 'ru' ? zone.nameRu : zone.name) : none,
    eta: time(t.eta),
    previousEta: time(extra.previousEta),
    reason: extra.reason ?? '',
    restoredAt: time(t.restoredAt),
    resolution: extra.resolution ?? '',
    confirmedBy: extra.confirmedBy ?? t.confirmedBy ?? '',
    callBackBy: time(t.deadlines.response),
    clientName: d.client.name,
    contractNo: d.client.contractNo,
    contactName: d.contact.name,
    contactPhone: d.contact.phone ?? '—',
    serviceId: d.service.serviceId,
    serviceKind: d.service.kind,
    address: d.service.address,
    cpeModel: d.service.cpeModel ?? '—',
    helpdeskName: h.name[lang],
    helpdeskPhone: h.phone,
    job: extra.job ?? '',
    engineer: extra.engineer ?? '',
    onsiteDue: time(extra.onsiteDue),
    spares: extra.spares || '—',
    note: extra.note || '—',
  };
}

export function renderNotice(d: TicketDetails, kind: NoticeKind, extra: NoticeExtra = {}): Rendered {
  const lang = d.client.language;
  return render(loadTemplate(lang, kind), noticeValues(d, extra), `${lang}/${kind}.txt`);
}

/**
 * A phone script: what the operator says, data/templates/<ru|en>/call/<kind>.txt — written for
 * speaking, apart from the e-mail (no subject, no "reply to this message", no signature).
 */
export function loadCallTemplate(language: Language, kind: NoticeKind): Template {
  const file = join(dataDir(), 'templates', language, 'call', `${kind}.txt`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RefusedError(`There is no ${language} phone script for "${kind}" (${file}).`);
  }
  return { subject: '', body: text.replace(/\r\n/g, '\n').replace(/\s+$/, '\n') };
}

/**
 * The call script in the client's language, with its times as said on the phone at `now`
 * ("сегодня в 18:30", "tomorrow at 10:00") rather than as written in a letter.
 */
export function renderCallScript(
  d: TicketDetails,
  kind: NoticeKind,
  extra: NoticeExtra,
  now: number,
): string {
  const lang = d.client.language;
  const none = lang === 'ru' ? 'пока не определено' : 'not known yet';
  const said = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? none : spokenAt(ms, now, lang, d.client.timezone);
  const t = d.ticket;
  const values = {
    ...noticeValues(d, extra),
    eta: said(t.eta),
    previousEta: said(extra.previousEta),
    restoredAt: said(t.restoredAt),
    callBackBy: said(t.deadlines.response),
    onsiteDue: said(extra.onsiteDue),
  };
  // Without the final newline: the script is shown indented line by line, and recorded as said.
  return render(loadCallTemplate(lang, kind), values, `${lang}/call/${kind}.txt`).body.trimEnd();
}

/** What earlier events say about a notice sent later by hand (hd notify). */
export function extraFromTimeline(kind: NoticeKind, t: Ticket, events: TicketEvent[]): NoticeExtra {
  const last = (k: string) => [...events].reverse().find((e) => e.kind === k);
  if (kind === 'eta' && t.eta === null)
    throw new RefusedError(`${formatTicketNumber(t.id)} has no ETA yet: set one with hd eta first.`);
  if (kind === 'extended') {
    const e = last('extended');
    if (!e) throw new RefusedError(`${formatTicketNumber(t.id)} was never extended: use hd extend.`);
    return { reason: String(e.payload.reason), previousEta: Date.parse(String(e.payload.from)) };
  }
  if (kind === 'restored') {
    const e = last('resolved');
    if (!e || t.status !== 'resolved')
      throw new RefusedError(`${formatTicketNumber(t.id)} is not resolved: use hd resolve.`);
    return { resolution: String(e.payload.summary) };
  }
  if (kind === 'closed' && t.status !== 'closed')
    throw new RefusedError(`${formatTicketNumber(t.id)} is not closed.`);
  return {};
}

export type Via = 'phone' | 'email' | 'both';

export interface NotifyPlan {
  kind: NoticeKind;
  via: Via;
  /** An e-mail address instead of the contact's. */
  to?: string;
  /** The outcome of the call, as the operator gave it; required when the plan includes the phone. */
  outcome?: CallOutcome;
  extra?: NoticeExtra;
  /** Makes a repeat of the same command queue nothing new. */
  key: string;
  /** The change's own time: the notice's events and the patch it adds (respondedAt …) must carry
   *  the same instant as the change they belong to, or hd verify finds them apart. */
  at?: number;
}

export interface NotifyResult {
  events: { kind: string; text: string; payload: Record<string, unknown> }[];
  patch: TicketPatch;
  queued: OutboxMessage[];
  script: string | null;
}

/**
 * Queues the e-mail and records the call, inside the caller's transaction: the notification
 * stands or falls with the change it reports. Nothing is sent over the network here.
 */
export async function notifyInTx(
  ctx: Context,
  store: Queryable,
  d: TicketDetails,
  plan: NotifyPlan,
): Promise<NotifyResult> {
  const now = plan.at ?? ctx.now().getTime();
  const result: NotifyResult = { events: [], patch: {}, queued: [], script: null };
  if (plan.via === 'email' || plan.via === 'both') {
    const rendered = renderNotice(d, plan.kind, plan.extra);
    const to = plan.to ?? d.contact.email;
    if (!to) {
      throw new RefusedError(
        `${d.contact.name} has no e-mail address: notify by phone (--via phone), give one with --to, or add it with hd client contact.`,
      );
    }
    const { message } = await enqueue(store, {
      ticketId: d.ticket.id,
      kind: plan.kind,
      key: `${plan.key}:email:${to}`,
      recipient: to,
      subject: rendered.subject,
      body: rendered.body,
      domain: 'hd.local',
      at: now,
      by: ctx.operator,
    });
    result.queued.push(message);
    result.events.push(queuedEvent(plan.kind, message));
  }
  if (plan.via === 'phone' || plan.via === 'both') {
    // Nobody may record a call's outcome for the operator: the caller asked, or --outcome said.
    const outcome = plan.outcome;
    if (!outcome) throw new UsageError(`Missing --outcome ${CALL_OUTCOMES.join('|')} for the call.`);
    const script = renderCallScript(d, plan.kind, plan.extra ?? {}, now);
    result.script = script;
    const payload: Record<string, unknown> = {
      direction: 'out',
      party: d.contact.name,
      outcome,
      notice: plan.kind,
      script,
    };
    result.events.push({
      kind: 'call',
      text: `Phone (${plan.kind}) to ${d.contact.name}: ${outcome}`,
      payload,
    });
    const calendar = await loadCalendar(d.profile.coverage);
    // Only a call that reached the client is the call-back; an attempt meets no response.
    if (callMeetsResponse('out', outcome))
      Object.assign(result.patch, responsePatch(d.ticket, now, calendar));
    if (tellsClient(outcome)) {
      Object.assign(
        result.patch,
        clientUpdatePatch(
          { ...d.ticket, respondedAt: result.patch.respondedAt ?? d.ticket.respondedAt },
          now,
          calendar,
        ),
      );
      // Whatever notice was owed, the client has now heard it.
      if (d.ticket.tellKind !== null) {
        Object.assign(result.patch, NOTHING_OWED);
        payload.told = d.ticket.tellKind;
      }
    }
  }
  return result;
}

/** The ticket's record of an e-mail notice queued in the outbox. */
export function queuedEvent(kind: NoticeKind, message: OutboxMessage) {
  return {
    kind: 'notification',
    text: `E-mail "${message.subject}" queued to ${message.recipient} (outbox #${message.id})`,
    payload: {
      channel: 'email',
      notice: kind,
      outboxId: message.id,
      to: message.recipient,
      subject: message.subject,
      status: 'queued',
    } as Record<string, unknown>,
  };
}

export function skippedEvent(kind: NoticeKind, reason: string) {
  return {
    kind: 'notification',
    text: `Client not notified (${kind}): ${reason}`,
    payload: { notice: kind, skipped: true, reason },
  };
}

// ---- delivery -----------------------------------------------------------------------------------

const BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480];

/** A claim lives this long unless its sender renews it, which a live sender does thrice as often. */
const CLAIM_MS = 10 * 60_000;

export interface DeliveryReport {
  configured: boolean;
  smtp: string | null;
  sent: OutboxMessage[];
  retrying: OutboxMessage[];
  failed: OutboxMessage[];
  /** Handed over whole, no reply: may have been delivered; retried with the same Message-ID. */
  uncertain: OutboxMessage[];
  /** Another sender took the claim meanwhile: this sender's outcome was not recorded. */
  lost: { message: OutboxMessage; delivered: boolean }[];
  /** Claims of senders that had died, returned to the queue. */
  released: ReleasedClaim[];
}

/** Whether a process exists on this host (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function senderClaim(ctx: Context): SenderClaim {
  const host = hostname();
  return { token: `${ctx.operator}@${host}:${process.pid}:${crypto().randomUUID()}`, pid: process.pid, host };
}

/**
 * Sends what is due (or the given messages) when HD_SMTP_URL is set, one message at a time: each
 * is claimed in its own short transaction (first returning to the queue the claims of senders
 * that died), sent outside any transaction while the claim is renewed, and its outcome recorded
 * only if the claim is still this sender's.
 */
export async function deliverQueued(ctx: Context, store: Store, ids?: number[]): Promise<DeliveryReport> {
  const { smtpSettings, createMailer } = await import('./mail/smtp.ts');
  const settings = smtpSettings(ctx.env, `${helpdesk().name.en} <${helpdesk().email}>`);
  const report: DeliveryReport = {
    configured: settings !== null,
    smtp: settings?.display ?? null,
    sent: [],
    retrying: [],
    failed: [],
    uncertain: [],
    lost: [],
    released: [],
  };
  if (!settings) return report;
  const claim = senderClaim(ctx);
  // Tests only: a claim period of milliseconds, to show that a slow sender keeps its claim.
  const claimMs = Number(ctx.env.HD_TEST_OUTBOX_CLAIM_MS) || CLAIM_MS;
  let mailer: Mailer | undefined;
  let after = 0;
  try {
    for (;;) {
      // Claims run on the real clock (process liveness), not on HD_NOW.
      const m = await store.tx(async (q) => {
        const released = await releaseStaleClaims(q, {
          wallNow: Date.now(),
          at: ctx.now().getTime(),
          host: claim.host,
          isAlive: processAlive,
        });
        report.released.push(...released);
        return claimNext(q, {
          claim,
          wallNow: Date.now(),
          claimMs,
          due: ctx.now().getTime(),
          after,
          ids,
        });
      });
      if (!m) break;
      after = m.id;
      mailer ??= await createMailer(settings);
      const outcome = await sendClaimed(store, mailer, m, claim.token, claimMs);
      await recordOutcome(ctx, store, m, claim.token, outcome, report);
    }
  } finally {
    mailer?.close();
  }
  return report;
}

async function sendClaimed(
  store: Queryable,
  mailer: Mailer,
  m: OutboxMessage,
  token: string,
  claimMs: number,
): Promise<SendResult> {
  const renew = setInterval(
    () => {
      renewClaim(store, m.id, token, Date.now() + claimMs).catch(() => {
        // The database is busy: the next tick renews it, well before the claim runs out.
      });
    },
    Math.max(10, Math.floor(claimMs / 3)),
  );
  try {
    return await mailer.send(
      { to: m.recipient, subject: m.subject, text: m.body, messageId: m.messageId },
      () => markHandedOver(store, m.id, token, Date.now()),
    );
  } finally {
    clearInterval(renew);
  }
}

async function recordOutcome(
  ctx: Context,
  store: Store,
  m: OutboxMessage,
  token: string,
  outcome: SendResult,
  report: DeliveryReport,
): Promise<void> {
  const now = ctx.now().getTime();
  if (outcome.ok) {
    if (await recordSent(ctx, store, m, token, now)) report.sent.push(await getMessage(store, m.id));
    else report.lost.push({ message: await getMessage(store, m.id), delivered: true });
    return;
  }
  const retryAt =
    !outcome.permanent && m.attempts + 1 < BACKOFF_MINUTES.length
      ? now + BACKOFF_MINUTES[m.attempts]! * 60_000
      : null;
  await store.tx(async (q) => {
    const after = await markAttemptFailed(q, m.id, token, {
      error: outcome.error,
      retryAt,
      uncertain: outcome.uncertain,
      now,
    });
    if (!after) {
      report.lost.push({ message: await getMessage(q, m.id), delivered: false });
      return;
    }
    (outcome.uncertain ? report.uncertain : retryAt === null ? report.failed : report.retrying).push(after);
    if (retryAt === null && m.ticketId !== null) {
      await appendEvent(q, {
        ticketId: m.ticketId,
        at: now,
        actor: ctx.operator,
        kind: 'notification',
        text: outcome.uncertain
          ? `E-mail to ${m.recipient} perhaps delivered, the server never confirmed it (outbox #${m.id}): ${outcome.error}`
          : `E-mail to ${m.recipient} NOT delivered (outbox #${m.id}): ${outcome.error}`,
        payload: {
          channel: 'email',
          outboxId: m.id,
          status: 'failed',
          error: outcome.error,
          ...(outcome.uncertain ? { uncertain: true } : {}),
        },
      });
    }
  });
}

/**
 * THE place an outbox message becomes sent: in one transaction, the claim's owner marks it sent
 * and the delivery is recorded on its ticket (event, client update). False, with nothing
 * written, when the claim was lost to another sender.
 */
async function recordSent(
  ctx: Context,
  store: Store,
  m: OutboxMessage,
  token: string,
  now: number,
): Promise<boolean> {
  return store.tx(async (q) => {
    if (!(await markSent(q, m.id, token, now))) return false;
    if (m.ticketId !== null) await recordDelivery(ctx, q, m, now);
    return true;
  });
}

/**
 * A delivered client notice is a client update for the SLA clock, and tells the client what was
 * owed when it was written after the notice became owed (domain/tell.ts). Runs in the
 * transaction that marks the message sent, so the record and the projection land together.
 */
async function recordDelivery(ctx: Context, store: Tx, m: OutboxMessage, now: number): Promise<void> {
  const ticket = await getTicket(store, m.ticketId!);
  const finished = ticket.status === 'closed' || ticket.status === 'cancelled';
  const tells = !finished && deliveryTells(ticket, m);
  await appendEvent(store, {
    ticketId: ticket.id,
    at: now,
    actor: ctx.operator,
    kind: 'notification',
    text: `E-mail "${m.subject}" delivered to ${m.recipient} (outbox #${m.id})`,
    payload: {
      channel: 'email',
      outboxId: m.id,
      notice: m.kind,
      status: 'sent',
      ...(tells ? { told: ticket.tellKind } : {}),
    },
  });
  if (m.kind === 'jobsheet' || finished) return;
  const calendar = await loadCalendar((await profileById(store, ticket.profileId)).coverage);
  await updateTicket(store, ticket.id, {
    ...clientUpdatePatch(ticket, now, calendar),
    ...(tells ? NOTHING_OWED : {}),
    updatedAt: now,
  });
}

/** One line per outcome, for the operator, in the interface language. */
export function deliverySummary(r: DeliveryReport, queued: number): string[] {
  if (queued === 0) return [];
  if (!r.configured) return [t('outbox.queuedNoSmtp', { queued })];
  return [
    ...r.sent.map((m) => t('outbox.sent', { to: m.recipient, id: m.id })),
    ...r.retrying.map((m) =>
      t('outbox.retrying', { to: m.recipient, id: m.id, error: mailErrorWords(m.lastError ?? '') }),
    ),
    ...r.failed.map((m) =>
      t('outbox.failed', { to: m.recipient, id: m.id, error: mailErrorWords(m.lastError ?? '') }),
    ),
    ...r.uncertain.map((m) =>
      t(m.status === 'queued' ? 'outbox.uncertainQueued' : 'outbox.uncertainStopped', {
        to: m.recipient,
        id: m.id,
        error: mailErrorWords(m.lastError ?? ''),
      }),
    ),
    ...r.lost.map(({ message: m, delivered }) =>
      t(delivered ? 'outbox.lostDelivered' : 'outbox.lost', { to: m.recipient, id: m.id }),
    ),
    // The server's reply is text from another system.
  ].map(sanitizeLine);
}

/** Claims of dead senders returned to the queue, for the operator. */
export function releasedSummary(r: DeliveryReport): string[] {
  return r.released.map((c) =>
    t(c.handedOver ? 'outbox.releasedHanded' : 'outbox.released', {
      id: c.id,
      sender: c.pid === null ? '' : t('outbox.sender', { pid: c.pid, host: c.host ?? '' }),
    }),
  );
}

/** The engineer's job sheet by e-mail, queued with the dispatch it describes. */
export async function queueJobSheet(
  ctx: Context,
  store: Queryable,
  d: TicketDetails,
  job: {
    id: string;
    engineer: string;
    email: string | null;
    onsiteDue: number | null;
    spares: string;
    note: string | null;
  },
): Promise<NotifyResult> {
  if (!job.email)
    throw new RefusedError(
      `${job.engineer} has no e-mail address: add one with hd engineer update, or leave out --email-sheet.`,
    );
  const rendered = renderNotice(d, 'jobsheet', {
    job: job.id,
    engineer: job.engineer,
    onsiteDue: job.onsiteDue,
    spares: job.spares,
    note: job.note ?? '',
  });
  const now = ctx.now().getTime();
  const { message } = await enqueue(store, {
    ticketId: d.ticket.id,
    kind: 'jobsheet',
    key: `${d.ticket.id}:jobsheet:${job.id}`,
    recipient: job.email,
    subject: rendered.subject,
    body: rendered.body,
    domain: 'hd.local',
    at: now,
    by: ctx.operator,
  });
  return {
    events: [
      {
        kind: 'notification',
        text: `Job sheet ${job.id} e-mailed to ${job.engineer} <${job.email}> (outbox #${message.id})`,
        payload: {
          channel: 'email',
          notice: 'jobsheet',
          outboxId: message.id,
          to: job.email,
          status: 'queued',
        },
      },
    ],
    patch: {},
    queued: [message],
    script: null,
  };
}

// Keeping the client informed (steps 10-15): templates rendered in the client's language and
// time zone, e-mail through the outbox, phone calls as call scripts with a recorded outcome.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TicketDetails } from './commands/details.ts';
import type { Context } from './context.ts';
import { readData, zonesData } from './data.ts';
import { loadCalendar } from './domain/calendar.ts';
import { clientUpdatePatch } from './domain/sla.ts';
import { clientTime, parseTemplate, type Rendered, render, type Template } from './domain/template.ts';
import { formatTicketNumber } from './domain/ticket-number.ts';
import type { CallOutcome, Language, Ticket, TicketEvent } from './domain/types.ts';
import { RefusedError } from './errors.ts';
import { dataDir } from './paths.ts';
import type { Store } from './store/db.ts';
import {
  claimDue,
  enqueue,
  getMessage,
  markAttemptFailed,
  markSent,
  type OutboxMessage,
} from './store/outbox.ts';
import { profileById } from './store/reference.ts';
import { appendEvent, getTicket, type TicketPatch, updateTicket } from './store/tickets.ts';
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
  /** The outcome of the call, when the plan includes the phone. */
  outcome?: CallOutcome;
  extra?: NoticeExtra;
  /** Makes a repeat of the same command queue nothing new. */
  key: string;
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
  store: Store,
  d: TicketDetails,
  plan: NotifyPlan,
): Promise<NotifyResult> {
  const rendered = renderNotice(d, plan.kind, plan.extra);
  const now = ctx.now().getTime();
  const result: NotifyResult = { events: [], patch: {}, queued: [], script: null };
  if (plan.via === 'email' || plan.via === 'both') {
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
    result.events.push({
      kind: 'notification',
      text: `E-mail "${rendered.subject}" queued to ${to} (outbox #${message.id})`,
      payload: {
        channel: 'email',
        notice: plan.kind,
        outboxId: message.id,
        to,
        subject: rendered.subject,
        status: 'queued',
      },
    });
  }
  if (plan.via === 'phone' || plan.via === 'both') {
    const outcome = plan.outcome ?? 'reached';
    result.script = rendered.body;
    result.events.push({
      kind: 'call',
      text: `Phone (${plan.kind}) to ${d.contact.name}: ${outcome}`,
      payload: { direction: 'out', party: d.contact.name, outcome, notice: plan.kind, script: rendered.body },
    });
    const calendar = await loadCalendar(d.profile.coverage);
    if (d.ticket.respondedAt === null) result.patch.respondedAt = now;
    if (outcome === 'reached') Object.assign(result.patch, clientUpdatePatch(d.ticket, now, calendar));
  }
  return result;
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

export interface DeliveryReport {
  configured: boolean;
  smtp: string | null;
  sent: OutboxMessage[];
  retrying: OutboxMessage[];
  failed: OutboxMessage[];
}

/**
 * Sends what is due (or the given messages) when HD_SMTP_URL is set. Each message is claimed in
 * a transaction first, so concurrent senders never deliver one twice; network I/O happens
 * outside any transaction; the outcome is recorded per message.
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
  };
  if (!settings) return report;
  const claimant = `${ctx.operator}@${process.pid}`;
  const claimed = await store.write(() => claimDue(store, ctx.now().getTime(), claimant, ids));
  if (claimed.length === 0) return report;
  const mailer = await createMailer(settings);
  try {
    for (const m of claimed) {
      const outcome = await mailer.send({
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        messageId: m.messageId,
      });
      const now = ctx.now().getTime();
      await store.write(async () => {
        if (outcome.ok) {
          await markSent(store, m.id, now);
          report.sent.push(await getMessage(store, m.id));
          if (m.ticketId !== null) await recordDelivery(ctx, store, m, now);
          return;
        }
        const retryAt =
          !outcome.permanent && m.attempts + 1 < BACKOFF_MINUTES.length
            ? now + BACKOFF_MINUTES[m.attempts]! * 60_000
            : null;
        const after = await markAttemptFailed(store, m.id, outcome.error, retryAt);
        (retryAt === null ? report.failed : report.retrying).push(after);
        if (retryAt === null && m.ticketId !== null) {
          await appendEvent(store, {
            ticketId: m.ticketId,
            at: now,
            actor: ctx.operator,
            kind: 'notification',
            text: `E-mail to ${m.recipient} NOT delivered (outbox #${m.id}): ${outcome.error}`,
            payload: { channel: 'email', outboxId: m.id, status: 'failed', error: outcome.error },
          });
        }
      });
    }
  } finally {
    mailer.close();
  }
  return report;
}

/** A delivered client notice is a client update for the SLA clock. */
async function recordDelivery(ctx: Context, store: Store, m: OutboxMessage, now: number): Promise<void> {
  const ticket = await getTicket(store, m.ticketId!);
  await appendEvent(store, {
    ticketId: ticket.id,
    at: now,
    actor: ctx.operator,
    kind: 'notification',
    text: `E-mail "${m.subject}" delivered to ${m.recipient} (outbox #${m.id})`,
    payload: { channel: 'email', outboxId: m.id, notice: m.kind, status: 'sent' },
  });
  if (m.kind === 'jobsheet' || ticket.status === 'closed' || ticket.status === 'cancelled') return;
  const calendar = await loadCalendar((await profileById(store, ticket.profileId)).coverage);
  await updateTicket(store, ticket.id, { ...clientUpdatePatch(ticket, now, calendar), updatedAt: now });
}

/** One line per outcome, for the operator. */
export function deliverySummary(r: DeliveryReport, queued: number): string[] {
  if (queued === 0) return [];
  if (!r.configured)
    return [
      `E-mail queued in the outbox (${queued}); HD_SMTP_URL is not set, so hd outbox send will deliver it once it is.`,
    ];
  return [
    ...r.sent.map((m) => `E-mail sent to ${m.recipient} (outbox #${m.id}).`),
    ...r.retrying.map(
      (m) =>
        `E-mail to ${m.recipient} not delivered yet (outbox #${m.id}): ${m.lastError}; it stays queued and is retried by hd outbox send.`,
    ),
    ...r.failed.map(
      (m) =>
        `E-mail to ${m.recipient} FAILED (outbox #${m.id}): ${m.lastError}. Fix it, then hd outbox retry ${m.id}.`,
    ),
    // The server's reply is text from another system.
  ].map(sanitizeLine);
}

/** The engineer's job sheet by e-mail, queued with the dispatch it describes. */
export async function queueJobSheet(
  ctx: Context,
  store: Store,
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

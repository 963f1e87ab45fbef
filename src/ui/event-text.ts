// A timeline entry's text for the person reading it (../shared/docs/architecture.md, "Events store
// facts"): the payload's facts in the interface language and the reader's time zone. English reads
// the text the event was written with (it is that rendering); Russian renders the payload, and
// falls back to the stored text where an event holds no facts to render (an engineer's own words
// in a test, action, call or note are never translated).

import type { TicketEvent } from '../domain/types.ts';
import { language, type MessageKey, t } from '../i18n.ts';
import type { TimeDisplay } from './time.ts';
import { formatSpan } from './time.ts';
import { zoneWords } from './words.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A word of hd's own vocabulary (a notice kind, an outcome …) in the interface language, else as stored. */
function word(prefix: string, value: unknown): string {
  const text = String(value ?? '');
  const key = `${prefix}.${text}` as MessageKey;
  const found = t(key);
  return found === key ? text : found;
}

/** The kind column of the timeline: `opened`, `eta` … in English, their words in Russian. */
export function eventKindWord(kind: string): string {
  return word('show.kind', kind);
}

/** The event's text for the reader. */
export function eventText(e: TicketEvent, times: TimeDisplay): string {
  if (language() === 'en') return e.text;
  return russian(e, times) ?? e.text;
}

function russian(e: TicketEvent, times: TimeDisplay): string | null {
  const p = e.payload;
  // A time stays on one line when the text is wrapped.
  const at = (v: unknown) => (str(v) ? times.at(Date.parse(v as string)).replace(' ', '\u00a0') : null);
  const tail = (v: unknown) => (str(v) ? `: ${v}` : '');
  switch (e.kind) {
    case 'assigned': {
      const to = str(p.to);
      if (!to) return null;
      const was = str(p.from) && p.from !== to ? t('show.event.was', { who: p.from as string }) : '';
      return t('status' in p ? 'show.event.taken' : 'show.event.assigned', { who: to }) + was;
    }
    case 'eta': {
      const eta = at(p.eta);
      if (!eta) return null;
      const outage = str(p.outage) ? t('show.event.ofOutage', { outage: p.outage as string }) : '';
      return t('show.event.eta', { at: eta }) + outage;
    }
    case 'extended': {
      const from = at(p.from ?? p.previousEta);
      const to = at(p.to);
      if (!from || !to) return null;
      return t('show.event.extended', { from, to }) + tail(p.reason);
    }
    case 'pending': {
      if (!str(p.reason)) return null;
      const until = at(p.until);
      return (
        t('show.event.pending', { reason: p.reason as string }) +
        (until ? t('show.event.until', { at: until }) : '')
      );
    }
    case 'resumed': {
      const paused =
        typeof p.pausedMs === 'number'
          ? t('show.event.resumedAfter', { span: formatSpan(p.pausedMs, 'ru').replace(/ /g, '\u00a0') })
          : '';
      return t('show.event.resumed') + paused + tail(p.note);
    }
    case 'zone': {
      if (!str(p.to)) return null;
      const outage = str(p.outage) ? t('show.event.ofOutage', { outage: p.outage as string }) : '';
      const zone = str(p.from)
        ? `${zoneWords(p.from as string)} → ${zoneWords(p.to as string)}`
        : zoneWords(p.to as string);
      return `${t('show.event.zone', { zone })}${outage}${tail(p.note)}`;
    }
    case 'resolved':
      return str(p.summary) ? t('show.event.resolved', { summary: p.summary as string }) : null;
    case 'closed':
      if (!str(p.confirmedBy)) return null;
      return (
        t('show.event.closed', { who: p.confirmedBy as string, via: word('show.via', p.via) }) +
        (str(p.note) ? `. ${p.note}` : '')
      );
    case 'reopened':
      return str(p.reason) ? t('show.event.reopened', { reason: p.reason as string }) : null;
    case 'cancelled':
      if (!str(p.reason)) return null;
      return (
        t('show.event.cancelled', { reason: p.reason as string }) +
        (str(p.duplicateOf) ? t('show.event.duplicateOf', { ticket: p.duplicateOf as string }) : '')
      );
    case 'priority':
      if (!str(p.from) || !str(p.to)) return null;
      return t('show.event.priority', { from: p.from as string, to: p.to as string }) + tail(p.reason);
    case 'duplicate':
      if (!str(p.openTicket)) return null;
      return t('show.event.duplicate', { ticket: p.openTicket as string }) + tail(p.reason);
    case 'related':
      return str(p.related) ? t('show.event.related', { ticket: p.related as string }) : null;
    case 'outage': {
      if (!str(p.outage)) return null;
      const summary = /: (.*)$/.exec(e.text)?.[1];
      const outage = { outage: p.outage as string };
      if (p.action === 'detached') return t('show.event.outageUnlinked', outage) + tail(summary);
      if (p.action !== 'attached') return null;
      const key = p.via === 'proactive' ? 'show.event.outageOpened' : 'show.event.outageLinked';
      return t(key, outage) + tail(summary);
    }
    case 'call':
      // A notice given by phone (hd notify, hd eta …): hd wrote its text; an engineer's call keeps theirs.
      if (!str(p.notice) || !str(p.party)) return null;
      return t('show.event.phoned', {
        notice: word('show.notice', p.notice),
        who: p.party as string,
        outcome: word('show.outcome', p.outcome),
      });
    case 'notification':
      return notification(e);
    case 'dispatch':
      return dispatch(e, at);
    case 'replace': {
      if (!str(p.sku) || !str(p.faultySerial) || !str(p.newSerial)) return null;
      // Events written before `reserved` was stored say where the unit came from in their text.
      const reserved =
        typeof p.reserved === 'boolean' ? p.reserved : /\(from the unit reserved for /.test(e.text);
      const from =
        reserved && str(p.job)
          ? t('show.event.replacedFromJob', { job: p.job as string })
          : str(p.depot)
            ? t('show.event.replacedFromDepot', { depot: p.depot as string })
            : '';
      return (
        t('show.event.replaced', {
          sku: p.sku as string,
          faulty: p.faultySerial as string,
          fresh: p.newSerial as string,
        }) + from
      );
    }
    default:
      return null;
  }
}

/**
 * A ticket's description for the reader: the sentence hd writes into a ticket opened with an
 * outage (hd outage open --proactive) in the interface language; any other as stored.
 */
export function descriptionText(description: string, events: readonly TicketEvent[]): string {
  if (language() === 'en') return description;
  const outage = /^Opened with outage (\S+) before the client called\.$/.exec(description)?.[1];
  const proactive = events.some(
    (e) => e.kind === 'outage' && e.payload.outage === outage && e.payload.via === 'proactive',
  );
  return outage && proactive ? t('show.description.proactive', { outage }) : description;
}

function notification(e: TicketEvent): string | null {
  const p = e.payload;
  const notice = word('show.notice', p.notice);
  if (p.skipped === true && str(p.reason))
    return t('show.event.notNotified', { notice, reason: p.reason as string });
  if (p.channel === 'phone' && p.status === 'to call') {
    const m = /^To call: (.*) on (.*) about the outage \(the (ETA|ticket)\)$/.exec(e.text);
    if (!m) return null;
    const phone = m[2] === 'no phone on record' ? t('show.event.noPhone') : m[2]!;
    return t('show.event.toCall', { who: m[1]!, phone, notice: word('show.notice', p.notice) });
  }
  // A linked ticket's call owed after an outage's cascade (eta, extend, notify …): its facts in the payload.
  if (p.channel === 'phone' && p.status === 'to-call' && str(p.party)) {
    const phone = str(p.phone) ?? t('show.event.noPhone');
    return t('show.event.toCall', { who: p.party as string, phone, notice: word('show.notice', p.notice) });
  }
  if (p.channel === 'phone' && p.status === 'told') {
    const who = /^Ticket number told to (.*) on the call$/.exec(e.text)?.[1];
    return who ? t('show.event.numberTold', { who }) : null;
  }
  if (p.channel !== 'email' || typeof p.outboxId !== 'number') return null;
  const id = p.outboxId;
  if (p.status === 'queued' && p.notice === 'jobsheet' && str(p.to))
    return t('show.event.jobsheet', { to: p.to as string, id });
  if (p.status === 'queued' && str(p.to) && str(p.subject))
    return t('show.event.queued', { subject: p.subject as string, to: p.to as string, id });
  if (p.status === 'sent') {
    const m = /^E-mail "(.*)" delivered to (.*) \(outbox #\d+\)$/.exec(e.text);
    return m ? t('show.event.delivered', { subject: m[1]!, to: m[2]!, id }) : null;
  }
  if (p.status === 'failed' && str(p.error)) {
    const to = /^E-mail to (.*?) (?:NOT delivered|perhaps delivered)/.exec(e.text)?.[1];
    if (!to) return null;
    return t(p.uncertain ? 'show.event.uncertain' : 'show.event.failed', {
      to,
      id,
      error: p.error as string,
    });
  }
  return null;
}

/** "1h56m" (domain/time.ts formatDuration) back to milliseconds; null for anything else. */
function durationMs(text: string): number | null {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  if (!m || !(m[1] || m[2] || m[3])) return null;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field job: sent (hd dispatch) or moved on (hd dispatch update), from its payload (or, for old events, its text). */
function dispatch(e: TicketEvent, at: (v: unknown) => string | null): string | null {
  const p = e.payload;
  const job = str(p.job);
  if (!job) return null;
  const status = str(p.status);
  if (!status) {
    if (!str(p.engineer)) return null;
    const due = at(p.onsiteDue);
    const spares = Array.isArray(p.spares)
      ? (p.spares as { sku?: unknown; quantity?: unknown }[]).map((w) => `${w.sku}×${w.quantity}`).join(', ')
      : '';
    return (
      t('show.event.dispatched', { job, engineer: p.engineer as string }) +
      (due ? t('show.event.onsiteBy', { at: due }) : '') +
      (spares && str(p.depot) ? t('show.event.spares', { spares, depot: p.depot as string }) : '') +
      (str(p.overrideReason) ? t('show.event.dispatchOverride', { reason: p.overrideReason as string }) : '')
    );
  }
  const statusWord = word('job.status', status);
  const note = str(p.note) ? `: ${p.note}` : '';
  // hd dispatch update writes the facts into the payload (engineer, early|late by marginMin,
  // spares returned); the reader's sentence is made from them.
  if (str(p.engineer)) {
    let text = t('show.event.jobStatus', { job, engineer: p.engineer as string, status: statusWord });
    if ((p.margin === 'early' || p.margin === 'late') && typeof p.marginMin === 'number')
      text += t(p.margin === 'late' ? 'dispatchUpdate.late' : 'dispatchUpdate.early', {
        span: formatSpan(p.marginMin * 60_000, 'ru').replace(/ /g, '\u00a0'),
      });
    if (Array.isArray(p.returned) && p.returned.length)
      text += t('dispatchUpdate.returned', { spares: p.returned.map(String).join(', ') });
    return text + note;
  }
  // Fallback for events written before the payload held the facts: the engineer's name and the
  // margin are read back from the English text ("J-000001: Ivan Petrov on-site, 1h56m early").
  const head = new RegExp(`^${escapeRe(job)}: (.+?) ${escapeRe(status)}(?=$|[,;:])`).exec(e.text);
  if (!head) return null;
  let text = t('show.event.jobStatus', { job, engineer: head[1]!, status: statusWord });
  const rest = e.text.slice(head[0].length);
  const margin = /^, (\S+) (late|early)/.exec(rest);
  const ms = margin ? durationMs(margin[1]!) : null;
  if (margin && ms !== null)
    text += t(margin[2] === 'late' ? 'dispatchUpdate.late' : 'dispatchUpdate.early', {
      span: formatSpan(ms, 'ru').replace(/ /g, '\u00a0'),
    });
  const returned = /; returned to stock: ([^:]+)/.exec(rest)?.[1];
  if (returned) text += t('dispatchUpdate.returned', { spares: returned });
  return text + note;
}

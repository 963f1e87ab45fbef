// An outage's timeline entry for the reader (../../../shared/docs/architecture.md, "Events store
// facts"): English reads the text the event was written with; Russian renders the payload's facts,
// and falls back to the stored text where an event holds none to render (an engineer's own words
// in a test, action or note, and the summary an outage was opened with, are never translated).
import { language, type MessageKey, t } from '../../i18n.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** The entry's text; `time` shows an instant (ms) to the reader. */
export function outageEventText(
  e: { kind: string; text: string; payload: string },
  time: (ms: number) => string,
): string {
  if (language() === 'en') return e.text;
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(e.payload) as Record<string, unknown>;
  } catch {
    return e.text;
  }
  return russian(e.kind, e.text, p ?? {}, time) ?? e.text;
}

function russian(
  kind: string,
  text: string,
  p: Record<string, unknown>,
  time: (ms: number) => string,
): string | null {
  const at = (v: unknown) => (str(v) ? time(Date.parse(v as string)).replace(' ', '\u00a0') : null);
  const tickets = list(p.tickets);
  const why = str(p.reason) ? ` (${p.reason})` : '';
  if (!tickets) return null;
  const count = tickets.length;
  const ids = tickets.join(', ');
  switch (kind) {
    case 'attached':
      return p.via === 'outage open'
        ? t('outage.event.attachedOpen', { tickets: ids })
        : t('outage.event.attached', { tickets: ids }) + why;
    case 'detached':
      return t('outage.event.detached', { tickets: ids }) + why;
    case 'proactive': {
      const calls = /; \d+ e-mail\(s\) queued, (\d+) client\(s\) to call$/.exec(text)?.[1];
      const emails = Array.isArray(p.emails) ? p.emails.length : null;
      if (calls === undefined || emails === null) return null;
      return t('outage.event.proactive', { tickets: ids, emails, calls: Number(calls) });
    }
    case 'eta': {
      const eta = at(p.eta);
      return eta ? t('outage.event.eta', { at: eta, count }) : null;
    }
    case 'extended': {
      const from = at(p.from);
      const to = at(p.to);
      if (!from || !to || !str(p.reason)) return null;
      return t('outage.event.extended', { from, to, reason: p.reason as string, count });
    }
    case 'notified': {
      if (!str(p.notice)) return null;
      const key = `show.notice.${p.notice}` as MessageKey;
      const notice = t(key) === key ? (p.notice as string) : t(key);
      return t('outage.event.notified', { notice, count });
    }
    case 'pending': {
      if (!str(p.reason)) return null;
      const until = at(p.until);
      return (
        t('outage.event.pending', { reason: p.reason as string }) +
        (until ? t('outage.event.until', { at: until }) : '')
      );
    }
    case 'resumed':
      return t('outage.event.resumed') + (str(p.note) ? `: ${p.note}` : '');
    case 'resolved':
      return str(p.summary) ? t('outage.event.resolved', { summary: p.summary as string, count }) : null;
    default:
      return null;
  }
}

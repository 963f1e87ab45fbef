// How a ticket looks: the JSON document (stable camelCase fields, ISO times) and the text view.
import type { TicketDetails } from '../commands/details.ts';
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { answerLabel, type Question, questionText } from '../domain/intake.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket, TicketEvent } from '../domain/types.ts';
import { type Lang, language, type MessageKey, t as tr } from '../i18n.ts';
import { descriptionText, eventKindWord, eventText } from './event-text.ts';
import { dispatchJson, jobNumber } from './jobsheet.ts';
import { colours } from './output.ts';
import { statusWords } from './status.ts';
import { textWidth, wrapWords } from './table.ts';
import { formatTarget } from './targets.ts';
import { sanitize, sanitizeLine } from './text.ts';
import { formatSpan, iso, timeDisplay } from './time.ts';
import { impactWords, jobStatusWords, urgencyWords, zoneWords } from './words.ts';

export function eventJson(e: TicketEvent) {
  return {
    id: e.id,
    ticket: formatTicketNumber(e.ticketId),
    at: iso(e.at),
    actor: e.actor,
    kind: e.kind,
    text: e.text,
    payload: e.payload,
  };
}

export function deadlinesJson(t: Ticket, now: number) {
  return Object.fromEntries(
    deadlineViews(t, now).map((v) => [
      v.kind,
      { due: iso(v.due), metAt: iso(v.metAt), state: v.state, marginMinutes: Math.round(v.margin / 60_000) },
    ]),
  );
}

/** The brief form used in lists and search results. */
export function ticketSummaryJson(t: Ticket, clientName: string, now: number) {
  return {
    number: formatTicketNumber(t.id),
    status: t.status,
    priority: t.priority,
    client: clientName,
    summary: t.summary,
    zone: t.zone,
    assignee: t.assignee,
    openedAt: iso(t.openedAt),
    eta: iso(t.eta),
    deadlines: deadlinesJson(t, now),
  };
}

export function ticketJson(d: TicketDetails, now: number) {
  const t = d.ticket;
  return {
    number: formatTicketNumber(t.id),
    id: t.id,
    status: t.status,
    priority: t.priority,
    matrixPriority: t.matrixPriority,
    priorityReason: t.priorityReason,
    impact: t.impact,
    urgency: t.urgency,
    channel: t.channel,
    outage: t.outageId == null ? null : formatOutageNumber(t.outageId),
    client: {
      id: d.client.id,
      name: d.client.name,
      contractNo: d.client.contractNo,
      language: d.client.language,
    },
    contact: {
      id: d.contact.id,
      name: d.contact.name,
      phone: d.contact.phone,
      email: d.contact.email,
      preferredChannel: d.contact.preferredChannel,
    },
    service: {
      serviceId: d.service.serviceId,
      kind: d.service.kind,
      address: d.service.address,
      cpeModel: d.service.cpeModel,
    },
    profile: { name: d.profile.name, version: d.profile.version, coverage: d.profile.coverage.type },
    zone: t.zone,
    summary: t.summary,
    description: t.description,
    answers: t.answers,
    assignee: t.assignee,
    eta: iso(t.eta),
    deadlines: deadlinesJson(t, now),
    pending: t.pendingSince
      ? { since: iso(t.pendingSince), until: iso(t.pendingUntil), reason: t.pendingReason }
      : null,
    pausedMinutes: Math.round(t.pausedMs / 60_000),
    openedAt: iso(t.openedAt),
    openedBy: t.openedBy,
    respondedAt: iso(t.respondedAt),
    lastClientUpdateAt: iso(t.lastUpdateAt),
    restoredAt: iso(t.restoredAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    confirmedBy: t.confirmedBy,
    confirmedVia: t.confirmedVia,
    relatedTo: t.relatedTo === null ? null : formatTicketNumber(t.relatedTo),
    related: d.related.map((r) => ({
      number: formatTicketNumber(r.id),
      status: r.status,
      summary: r.summary,
    })),
    fieldJobs: d.fieldJobs.map(dispatchJson),
    milestones: milestones(t, d.events),
    timeline: d.events.map(eventJson),
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A word of hd's own vocabulary (a channel, a test result …) in the interface language, else as stored. */
function word(prefix: string, value: unknown): string {
  const text = String(value ?? '');
  const key = `${prefix}.${text}` as MessageKey;
  const found = tr(key);
  return found === key ? text : found;
}

/**
 * The short bracket after a timeline entry: a test's result, a call's direction and outcome.
 * `text` is the entry's text as shown: what it already says is not said again.
 */
export function eventDetail(e: TicketEvent, text: string = e.text): string {
  const p = e.payload;
  const parts: string[] = [];
  const known = (v: unknown) => (v === null || v === undefined || v === '' ? [] : [String(v)]);
  if (e.kind === 'test')
    parts.push(
      ...known(p.result).map((r) => word('show.result', r)),
      ...(p.zoneHint ? [tr('show.detail.zoneHint', { zone: String(p.zoneHint) })] : []),
    );
  if (e.kind === 'call')
    parts.push(
      ...known(p.party).map((who) =>
        tr(p.direction === 'in' ? 'show.detail.from' : 'show.detail.to', { who }),
      ),
      ...known(p.outcome).map((o) => word('show.outcome', o)),
    );
  if (typeof p.minutes === 'number') parts.push(tr('show.detail.minutes', { n: p.minutes }));
  // What the event's text already says is not said again ("Phone (eta) to Sergei: no-answer").
  const fresh = parts.filter((part) => !text.includes(part));
  return fresh.length ? ` [${fresh.map(sanitizeLine).join(', ')}]` : '';
}

/** Durations between milestones and the history of ETAs told to the client. */
export function milestones(t: Ticket, events: TicketEvent[]) {
  const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));
  return {
    timeToResponseMinutes: minutes(t.respondedAt === null ? null : t.respondedAt - t.openedAt),
    pendingMinutes: minutes(t.pausedMs),
    timeToRestoreMinutes: minutes(t.restoredAt === null ? null : t.restoredAt - t.openedAt),
    timeToCloseMinutes: minutes(t.closedAt === null ? null : t.closedAt - t.openedAt),
    etaHistory: events
      .filter((e) => e.kind === 'eta' || e.kind === 'extended')
      .map((e) => ({
        at: iso(e.at),
        eta: (e.payload.eta ?? e.payload.to) as string,
        previous: (e.payload.from as string | undefined) ?? null,
        reason: (e.payload.reason as string | undefined) ?? null,
        via: e.payload.via as string,
      })),
  };
}

/** A question of data/questionnaire.json and a stored answer, in the interface language. */
const questionWords = (q: Question, lang: Lang): string => questionText(q, lang);
const answerWords = (q: Question | undefined, value: string, lang: Lang): string =>
  answerLabel(q, value, lang);

/** The width of the label column of `hd show`: the longest label of either language fits. */
const LABEL = 22;

export function renderTicket(ctx: Context, d: TicketDetails, extraSections: string[] = []): string {
  const c = colours(ctx.io);
  const t = d.ticket;
  const times = timeDisplay(ctx);
  const lang = times.lang;
  // Words (spans, labels) follow the interface language; dates follow the reader's display.
  const words = language();
  // In Russian a span or a time is kept on one line when the text is wrapped (7 ч 10 мин).
  const keep = (text: string) => (words === 'ru' ? text.replace(/ /g, '\u00a0') : text);
  const span = (ms: number) => keep(formatSpan(ms, words));
  const now = ctx.now().getTime();
  const labelWidth = words === 'ru' ? LABEL + 2 : LABEL;
  const line = (label: string, value: string) => `  ${c.dim(label.padEnd(labelWidth))}${value}`;
  const out: string[] = [];
  out.push(
    `${c.bold(formatTicketNumber(t.id))}  ${statusColour(c, t.status)}  ${priorityColour(c, t.priority)}  ${sanitizeLine(t.summary)}`,
  );
  out.push(
    line(
      tr('show.label.priority'),
      t.priorityReason
        ? tr('show.priority.override', {
            priority: t.priority,
            matrix: t.matrixPriority,
            reason: sanitizeLine(t.priorityReason),
          })
        : tr('show.priority.matrix', {
            priority: t.priority,
            impact: impactWords(t.impact),
            urgency: urgencyWords(t.urgency),
          }),
    ),
  );
  out.push(
    line(
      tr('show.label.client'),
      tr('show.client', {
        name: sanitizeLine(d.client.name),
        contract: sanitizeLine(d.client.contractNo),
        profile: d.profile.name,
        version: d.profile.version,
      }),
    ),
  );
  out.push(
    line(
      tr('show.label.contact'),
      [d.contact.name, d.contact.phone, d.contact.email]
        .filter(Boolean)
        .map((x) => sanitizeLine(x!))
        .join(' · ') +
        ` ${tr('show.prefers', { channel: word('show.channel', d.contact.preferredChannel) })}`,
    ),
  );
  out.push(
    line(
      tr('show.label.service'),
      `${sanitizeLine(d.service.serviceId)} · ${sanitizeLine(d.service.kind)} · ${sanitizeLine(d.service.address)}${d.service.cpeModel ? ` · CPE ${sanitizeLine(d.service.cpeModel)}` : ''}`,
    ),
  );
  if (t.outageId != null) out.push(line(tr('show.label.outage'), outageLine(t.outageId, d.events)));
  out.push(line(tr('show.label.zone'), t.zone ? zoneWords(t.zone) : c.dim(tr('show.zone.none'))));
  out.push(line(tr('show.label.assignee'), t.assignee ? sanitizeLine(t.assignee) : c.dim(tr('nobody'))));
  // Only a reached call or a delivered e-mail tells the client: until then the ETA is ours alone.
  const etaTold =
    t.tellKind === 'eta' || t.tellKind === 'extended'
      ? tr('show.eta.notTold')
      : t.tellKind === null
        ? tr('show.eta.told')
        : '';
  out.push(
    line(
      tr('show.label.eta'),
      t.eta ? `${times.at(t.eta)} (${times.relative(t.eta, now)}${etaTold})` : c.dim(tr('show.eta.none')),
    ),
  );
  out.push(
    line(
      tr('show.label.opened'),
      tr('show.opened', {
        at: times.at(t.openedAt),
        who: sanitizeLine(t.openedBy),
        channel: word('show.channel', t.channel),
      }),
    ),
  );
  if (t.status === 'pending') {
    const end = t.pendingUntil
      ? tr('show.pending.until', { at: times.at(t.pendingUntil) })
      : tr('show.pending.noEnd');
    out.push(
      line(
        tr('show.label.pending'),
        tr('show.pending', { since: times.at(t.pendingSince), end }) +
          (t.pendingReason ? `: ${sanitizeLine(t.pendingReason)}` : ''),
      ),
    );
  }
  if (t.closedAt && t.status === 'cancelled') {
    out.push(line(tr('show.label.cancelled'), times.at(t.closedAt)));
  } else if (t.closedAt) {
    const by = t.confirmedBy
      ? tr('show.closed.by', { who: sanitizeLine(t.confirmedBy) })
      : tr('show.closed.notRecorded');
    const via = t.confirmedVia ? tr('show.closed.via', { via: word('show.channel', t.confirmedVia) }) : '';
    out.push(line(tr('show.label.closed'), `${times.at(t.closedAt)}, ${by}${via}`));
  }
  if (t.relatedTo !== null || d.related.length > 0) {
    out.push(
      line(
        tr('show.label.related'),
        d.related
          .map((r) => `${formatTicketNumber(r.id)} (${statusWords(r.status)}) ${sanitizeLine(r.summary)}`)
          .join('; '),
      ),
    );
  }
  out.push('', c.bold(tr('show.sla')));
  const views = deadlineViews(t, now);
  if (views.length === 0) out.push(c.dim(`  ${tr('show.sla.none')}`));
  const width = Math.max(labelWidth, ...views.map((v) => v.label.length + 2));
  for (const v of views) {
    const when = keep(times.at(v.due));
    const state =
      v.state === 'met'
        ? c.green(tr('show.state.met', { at: keep(times.at(v.metAt)), span: span(v.margin) }))
        : v.state === 'missed'
          ? c.red(tr('show.state.missed', { at: keep(times.at(v.metAt)), span: span(v.margin) }))
          : v.state === 'overdue'
            ? c.red.bold(
                keep(tr('show.state.overdue', { span: span(v.margin) })) +
                  (t.status === 'pending' ? tr('show.state.pendingNoPause') : ''),
              )
            : v.state === 'paused'
              ? c.yellow(tr('show.state.paused', { span: span(v.margin) }))
              : tr('show.state.left', { span: span(v.margin) });
    out.push(`  ${c.dim(capital(v.label).padEnd(width))}${when}  ${state}`);
  }
  // What the contract promises for this priority, in its own time: working hours under business hours.
  const promised = d.profile.targets[t.priority];
  const targets = (
    [
      [tr('show.target.response'), promised.response],
      [tr('show.target.update'), promised.update],
      [tr('show.target.restore'), promised.restore],
      [tr('show.target.onsite'), promised.dispatch ? promised.onsite : null],
      [tr('show.target.hardware'), promised.hardware],
      [tr('show.target.confirm'), d.profile.confirmWithin],
    ] as const
  ).filter(([, ms]) => ms !== null);
  out.push(
    '',
    c.bold(
      tr('show.targets', {
        priority: t.priority,
        coverage: d.profile.coverage.type === '24x7' ? '24x7' : tr('show.coverage.business'),
      }),
    ),
  );
  for (const [label, ms] of targets) out.push(line(label, formatTarget(ms!, d.profile.coverage, lang)));
  const ms = milestones(t, d.events);
  const minutes = (m: number | null) => (m === null ? null : span(m * 60_000));
  const done = [
    [tr('show.milestone.response'), minutes(ms.timeToResponseMinutes)],
    [
      tr('show.milestone.pending'),
      t.pendingSince
        ? tr('show.milestone.pendingNow', {
            span: minutes(ms.pendingMinutes)!,
            at: times.at(t.pendingSince),
          })
        : t.pausedMs > 0
          ? minutes(ms.pendingMinutes)
          : null,
    ],
    [tr('show.milestone.restore'), minutes(ms.timeToRestoreMinutes)],
    [tr('show.milestone.close'), minutes(ms.timeToCloseMinutes)],
  ].filter(([, v]) => v !== null) as [string, string][];
  if (done.length) {
    out.push('', c.bold(tr('show.milestones')));
    for (const [label, value] of done) out.push(line(label, value));
  }
  if (ms.etaHistory.length) {
    out.push('', c.bold(tr('show.etaHistory')));
    for (const h of ms.etaHistory) {
      const eta = times.at(Date.parse(h.eta));
      const via = h.via ? tr('show.etaHistory.via', { via: sanitizeLine(word('show.via', h.via)) }) : '';
      out.push(
        `  ${times.at(Date.parse(h.at!))}  ${h.previous ? `${times.at(Date.parse(h.previous))} → ` : ''}${eta}${via}${h.reason ? `: ${sanitizeLine(h.reason)}` : ''}`,
      );
    }
  }
  if (d.fieldJobs.length) {
    out.push('', c.bold(tr('show.fieldJobs')));
    for (const j of d.fieldJobs) {
      const spares = j.spares
        .map((s) => `${s.sku}×${s.reserved}${s.used ? tr('show.job.used', { n: s.used }) : ''}`)
        .join(', ');
      out.push(
        `  ${jobNumber(j.id)}  ${sanitizeLine(j.engineerName)}  ${jobStatusWords(j.status)}  ${tr('show.job.onsiteBy', { at: times.at(j.onsiteDue) })}${j.onSiteAt ? tr('show.job.arrived', { at: times.at(j.onSiteAt) }) : ''}${spares ? `  ${tr('show.job.spares', { list: sanitizeLine(spares) })}` : ''}`,
      );
    }
  }
  out.push(...extraSections);
  // A ticket with no answers (opened through the API, imported) has no Intake heading either.
  if (Object.keys(t.answers).length > 0) out.push('', c.bold(tr('show.intake')));
  const questions = questionnaire();
  const intake = Object.entries(t.answers).map(([key, value]) => {
    const q = questions.find((item) => item.key === key);
    return [
      sanitizeLine(q ? questionWords(q, words) : key),
      sanitizeLine(answerWords(q, value, words)),
    ] as const;
  });
  // The answers in one column after the longest question; one that would pass 80 columns goes
  // under its question.
  const column = Math.min(56, Math.max(0, ...intake.map(([question]) => textWidth(question))) + 2);
  for (const [question, answer] of intake) {
    out.push(
      textWidth(question) < column && 2 + column + textWidth(answer) <= 80
        ? `  ${c.dim(question.padEnd(column))}${answer}`
        : `  ${c.dim(question)}\n      ${answer}`,
    );
  }
  if (t.description) {
    out.push('', c.bold(tr('show.description')));
    out.push(
      ...sanitize(descriptionText(t.description, d.events))
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  out.push('', c.bold(tr('show.timeline')));
  // On a narrow terminal an entry that does not fit its line goes on under it, the whole width
  // wide, rather than in a column of 36 characters beside the time, kind and actor.
  const columns = ctx.io.isTerminal ? ctx.io.columns : Number.POSITIVE_INFINITY;
  // The kind column as wide as its widest word here («открыта снова» is 13), at least 12.
  const kindWidth = Math.max(12, ...d.events.map((e) => textWidth(eventKindWord(e.kind))));
  for (const e of d.events) {
    const text = eventText(e, times);
    const detail = eventDetail(e, text);
    const kind = eventKindWord(e.kind).padEnd(kindWidth);
    const actor = sanitizeLine(e.actor).padEnd(12);
    const head = `  ${times.at(e.at)}  ${c.cyan(kind)} ${c.dim(actor)}`;
    const used = 2 + textWidth(times.at(e.at)) + 2 + textWidth(kind) + 1 + textWidth(actor) + 1;
    const body = sanitize(text);
    if (!body.includes('\n') && used + textWidth(body) + textWidth(detail) <= columns) {
      out.push(`${head} ${body}${c.dim(detail)}`);
    } else if (Number.isFinite(columns)) {
      out.push(head.trimEnd());
      for (const paragraph of `${body}${detail}`.split('\n'))
        out.push(...wrapWords(paragraph, columns - 6).map((l) => `      ${l}`));
    } else {
      out.push(`${head} ${body.replace(/\n/g, `\n${' '.repeat(44)}`)}${c.dim(detail)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

type C = ReturnType<typeof colours>;

export function statusColour(c: C, status: string): string {
  const colour = {
    acknowledged: c.yellow,
    inProgress: c.cyan,
    pending: c.magenta,
    resolved: c.green,
    closed: c.dim,
    cancelled: c.dim,
  }[status];
  return (colour ?? c.white)(statusWords(status));
}

export function priorityColour(c: C, priority: string): string {
  return priority === 'P1' ? c.red.bold(priority) : priority === 'P2' ? c.yellow(priority) : priority;
}

/**
 * "OUT-000001 (fibre cut on NODE-MSQ-17)": the outage a ticket follows, with what failed as its
 * link event recorded it ("Linked to outage OUT-…: summary"), so hd show reads nothing more.
 */
function outageLine(outageId: number, events: readonly TicketEvent[]): string {
  const number = formatOutageNumber(outageId);
  const link = [...events]
    .reverse()
    .find((e) => e.kind === 'outage' && e.payload.outage === number && e.payload.action === 'attached');
  const summary = link ? /: (.*?)(?: \([^)]*\))?$/.exec(link.text)?.[1] : undefined;
  return summary ? `${number} (${sanitizeLine(summary)})` : number;
}

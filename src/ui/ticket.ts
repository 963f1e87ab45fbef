// How a ticket looks: the JSON document (stable camelCase fields, ISO times) and the text view.
import type { TicketDetails } from '../commands/details.ts';
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { deadlineViews } from '../domain/deadlines.ts';
import { answerLabel } from '../domain/intake.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { formatDuration } from '../domain/time.ts';
import type { Ticket, TicketEvent } from '../domain/types.ts';
import { dispatchJson, jobNumber } from './jobsheet.ts';
import { interfaceLanguage } from './lang.ts';
import { colours } from './output.ts';
import { statusWords } from './status.ts';
import { formatTarget } from './targets.ts';
import { sanitize, sanitizeLine } from './text.ts';
import { iso, timeDisplay } from './time.ts';

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

/** The short bracket after a timeline entry: a test's result, a call's direction and outcome. */
export function eventDetail(e: TicketEvent): string {
  const p = e.payload;
  const parts: string[] = [];
  const known = (v: unknown) => (v === null || v === undefined || v === '' ? [] : [String(v)]);
  if (e.kind === 'test') parts.push(...known(p.result), ...(p.zoneHint ? [`zone hint ${p.zoneHint}`] : []));
  if (e.kind === 'call')
    parts.push(
      ...known(p.party).map((party) => `${p.direction === 'in' ? 'from' : 'to'} ${party}`),
      ...known(p.outcome),
    );
  if (typeof p.minutes === 'number') parts.push(`${p.minutes} min`);
  // What the event's text already says is not said again ("Phone (eta) to Sergei: no-answer").
  const fresh = parts.filter((part) => !e.text.includes(part));
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

export function renderTicket(ctx: Context, d: TicketDetails, extraSections: string[] = []): string {
  const c = colours(ctx.io);
  const t = d.ticket;
  const times = timeDisplay(ctx);
  const now = ctx.now().getTime();
  const line = (label: string, value: string) => `  ${c.dim(label.padEnd(22))}${value}`;
  const out: string[] = [];
  out.push(
    `${c.bold(formatTicketNumber(t.id))}  ${statusColour(c, t.status)}  ${priorityColour(c, t.priority)}  ${sanitizeLine(t.summary)}`,
  );
  out.push(
    line(
      'Priority',
      t.priorityReason
        ? `${t.priority} (override of ${t.matrixPriority}: ${sanitizeLine(t.priorityReason)})`
        : `${t.priority} (impact ${t.impact} × urgency ${t.urgency})`,
    ),
  );
  out.push(
    line(
      'Client',
      `${sanitizeLine(d.client.name)} · contract ${sanitizeLine(d.client.contractNo)} · ${d.profile.name} v${d.profile.version}`,
    ),
  );
  out.push(
    line(
      'Contact',
      [d.contact.name, d.contact.phone, d.contact.email]
        .filter(Boolean)
        .map((x) => sanitizeLine(x!))
        .join(' · ') + ` (prefers ${d.contact.preferredChannel})`,
    ),
  );
  out.push(
    line(
      'Service',
      `${sanitizeLine(d.service.serviceId)} · ${sanitizeLine(d.service.kind)} · ${sanitizeLine(d.service.address)}${d.service.cpeModel ? ` · CPE ${sanitizeLine(d.service.cpeModel)}` : ''}`,
    ),
  );
  if (t.outageId != null) out.push(line('Outage', outageLine(t.outageId, d.events)));
  out.push(line('Zone', t.zone ?? c.dim('not localised yet')));
  out.push(line('Assignee', t.assignee ? sanitizeLine(t.assignee) : c.dim('nobody')));
  // Only a reached call or a delivered e-mail tells the client: until then the ETA is ours alone.
  const etaTold =
    t.tellKind === 'eta' || t.tellKind === 'extended'
      ? ', not yet told'
      : t.tellKind === null
        ? ', told to the client'
        : '';
  out.push(
    line('ETA', t.eta ? `${times.at(t.eta)} (${times.relative(t.eta, now)}${etaTold})` : c.dim('not given')),
  );
  out.push(line('Opened', `${times.at(t.openedAt)} by ${sanitizeLine(t.openedBy)} via ${t.channel}`));
  if (t.status === 'pending') {
    out.push(
      line(
        'Pending',
        `waiting since ${times.at(t.pendingSince)}, ${t.pendingUntil ? `until ${times.at(t.pendingUntil)}` : 'no end date set'}${t.pendingReason ? `: ${sanitizeLine(t.pendingReason)}` : ''}`,
      ),
    );
  }
  if (t.closedAt && t.status === 'cancelled') {
    out.push(line('Cancelled', times.at(t.closedAt)));
  } else if (t.closedAt) {
    const by = t.confirmedBy ? `confirmed by ${sanitizeLine(t.confirmedBy)}` : 'confirmation not recorded';
    out.push(
      line('Closed', `${times.at(t.closedAt)}, ${by}${t.confirmedVia ? ` via ${t.confirmedVia}` : ''}`),
    );
  }
  if (t.relatedTo !== null || d.related.length > 0) {
    out.push(
      line(
        'Related',
        d.related
          .map((r) => `${formatTicketNumber(r.id)} (${statusWords(r.status)}) ${sanitizeLine(r.summary)}`)
          .join('; '),
      ),
    );
  }
  out.push('', c.bold('SLA'));
  const views = deadlineViews(t, now);
  if (views.length === 0) out.push(c.dim('  no open deadlines'));
  const width = Math.max(22, ...views.map((v) => v.label.length + 2));
  for (const v of views) {
    const when = times.at(v.due);
    const state =
      v.state === 'met'
        ? c.green(`met ${times.at(v.metAt)}, ${formatDuration(v.margin)} early`)
        : v.state === 'missed'
          ? c.red(`missed: met ${times.at(v.metAt)}, ${formatDuration(v.margin)} late`)
          : v.state === 'overdue'
            ? c.red.bold(
                `OVERDUE by ${formatDuration(v.margin)}${t.status === 'pending' ? ' (pending does not pause it)' : ''}`,
              )
            : v.state === 'paused'
              ? c.yellow(`paused while pending, ${formatDuration(v.margin)} left`)
              : `${formatDuration(v.margin)} left`;
    out.push(`  ${c.dim(capital(v.label).padEnd(width))}${when}  ${state}`);
  }
  // What the contract promises for this priority, in its own time: working hours under business hours.
  const lang = interfaceLanguage(ctx.env);
  const promised = d.profile.targets[t.priority];
  const targets = (
    [
      ['Response', promised.response],
      ['Update every', promised.update],
      ['Restore', promised.restore],
      ['On site', promised.dispatch ? promised.onsite : null],
      ['Hardware', promised.hardware],
      ['Client confirmation', d.profile.confirmWithin],
    ] as const
  ).filter(([, ms]) => ms !== null);
  out.push(
    '',
    c.bold(`Targets (${t.priority}, ${d.profile.coverage.type === '24x7' ? '24x7' : 'business hours'})`),
  );
  for (const [label, ms] of targets) out.push(line(label, formatTarget(ms!, d.profile.coverage, lang)));
  const ms = milestones(t, d.events);
  const span = (m: number | null) => (m === null ? null : formatDuration(m * 60_000));
  const done = [
    ['Time to response', span(ms.timeToResponseMinutes)],
    [
      'Time pending',
      t.pendingSince
        ? `${span(ms.pendingMinutes)} before this wait, which began ${times.at(t.pendingSince)}`
        : t.pausedMs > 0
          ? span(ms.pendingMinutes)
          : null,
    ],
    ['Time to restore', span(ms.timeToRestoreMinutes)],
    ['Time to close', span(ms.timeToCloseMinutes)],
  ].filter(([, v]) => v !== null) as [string, string][];
  if (done.length) {
    out.push('', c.bold('Milestones'));
    for (const [label, value] of done) out.push(line(label, value));
  }
  if (ms.etaHistory.length) {
    out.push('', c.bold('ETA history'));
    for (const h of ms.etaHistory) {
      const eta = times.at(Date.parse(h.eta));
      out.push(
        `  ${times.at(Date.parse(h.at!))}  ${h.previous ? `${times.at(Date.parse(h.previous))} → ` : ''}${eta}${h.via ? ` by ${sanitizeLine(h.via)}` : ''}${h.reason ? `: ${sanitizeLine(h.reason)}` : ''}`,
      );
    }
  }
  if (d.fieldJobs.length) {
    out.push('', c.bold('Field jobs'));
    for (const j of d.fieldJobs) {
      const spares = j.spares
        .map((s) => `${s.sku}×${s.reserved}${s.used ? ` (used ${s.used})` : ''}`)
        .join(', ');
      out.push(
        `  ${jobNumber(j.id)}  ${sanitizeLine(j.engineerName)}  ${j.status}  on site by ${times.at(j.onsiteDue)}${j.onSiteAt ? `, arrived ${times.at(j.onSiteAt)}` : ''}${spares ? `  spares ${sanitizeLine(spares)}` : ''}`,
      );
    }
  }
  out.push(...extraSections);
  out.push('', c.bold('Intake'));
  const questions = questionnaire();
  for (const [key, value] of Object.entries(t.answers)) {
    const q = questions.find((item) => item.key === key);
    out.push(
      `  ${c.dim(sanitizeLine(q?.question ?? key).padEnd(58))} ${sanitizeLine(answerLabel(q, value))}`,
    );
  }
  if (t.description) {
    out.push('', c.bold('Description'));
    out.push(
      ...sanitize(t.description)
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  out.push('', c.bold('Timeline'));
  for (const e of d.events) {
    out.push(
      `  ${times.at(e.at)}  ${c.cyan(e.kind.padEnd(12))} ${c.dim(sanitizeLine(e.actor).padEnd(12))} ${sanitize(e.text).replace(/\n/g, '\n' + ' '.repeat(44))}${c.dim(eventDetail(e))}`,
    );
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

// One update, every client (issue 14, points 4 and 5): an outage command applied to the outage and
// to each of its linked open tickets in ONE transaction. Each ticket gets the change its own
// per-ticket command would make (src/app/ticket-changes.ts, under its own contract's calendar),
// its own events, and its own notice in its client's language through its contact's channel:
// e-mail queued in the outbox, phone calls on a call list for the operator. A refusal on any one
// ticket refuses the whole command: nothing is written.
//
// Batched for hundreds of tickets: the outage and its tickets are read (locked in ticket order on
// PostgreSQL) in two statements, the e-mails are queued in three, the events of every ticket go
// in one INSERT; only the projection is written per ticket.
import type { Context } from '../context.ts';
import { assertNotBeforeOpening } from '../domain/audit.ts';
import { type Calendar, loadCalendar } from '../domain/calendar.ts';
import { formatOutageNumber, type Outage } from '../domain/outage.ts';
import { render, type Template } from '../domain/template.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { Client, Contact, RuleProfile, Status, Ticket, TicketEvent } from '../domain/types.ts';
import { HdError } from '../errors.ts';
import {
  loadTemplate,
  type NoticeExtra,
  type NoticeKind,
  noticeValues,
  queuedEvent,
  skippedEvent,
} from '../notify.ts';
import { linkedForChange, type TicketParties } from '../store/change.ts';
import { appendOutageEvents, type OutagePatch, outageForChange, updateOutage } from '../store/outages.ts';
import { enqueueMany, type NewMessage, type OutboxMessage } from '../store/outbox.ts';
import type { Tx } from '../store/port.ts';
import { appendEvents, type NewEvent, type TicketPatch, updateTickets } from '../store/tickets.ts';
import { withOwed } from './notice-owed.ts';
import { applyPatch, type Change, mergePatches } from './ticket-changes.ts';

/** Tickets a cascade may change: linked and not yet resolved, closed or cancelled. */
export const WORKING: readonly Status[] = ['acknowledged', 'inProgress', 'pending'];

export interface CascadeNotice {
  /** A ticket's notice: its kind and what it quotes (`before` is the ticket as it was). */
  of(before: Ticket, after: Ticket): { kind: NoticeKind; extra?: NoticeExtra };
  /** --no-notify: the reason recorded on each ticket instead of a notice. */
  skip?: string;
  /** An ETA, extension or restoration not yet heard becomes owed (the lifecycle commands do
   *  that; hd notify does not). */
  owes: boolean;
}

export interface TicketInCascade {
  ticket: Ticket;
  profile: RuleProfile;
  contact: Contact;
  client: Client;
  calendar: Calendar;
  now: number;
}

export interface CascadeStep {
  /** The statuses of the linked tickets this step changes (the others are left alone). */
  statuses: readonly Status[];
  /** Refuses the command on the outage as it stands (e.g. resolved already); before any ticket. */
  check(outage: Outage, tickets: TicketParties[]): void;
  /** Why this ticket is left out of the step (e.g. it has its own ETA), or null to change it.
   *  A skipped ticket does not stop the others; the result names it with the reason. */
  skip?(t: TicketInCascade): string | null;
  /** The change of one ticket: the same code as its per-ticket command. Throws to refuse. */
  decide(t: TicketInCascade): Change;
  /** The client notice each changed ticket gets; none when null. */
  notice: CascadeNotice | null;
  /** The outage's own record of the command: its patch and its timeline event. */
  outage(
    outage: Outage,
    now: number,
    tickets: number[],
  ): {
    patch?: Omit<OutagePatch, 'updatedAt'>;
    event: { kind: string; text: string; payload?: Record<string, unknown> };
  };
}

/** Who the operator still has to phone, with the number: a contact who prefers the phone. */
export interface CallToMake {
  ticketId: number;
  client: string;
  contact: string;
  phone: string | null;
  language: string;
  notice: NoticeKind;
  /** Why the phone: the contact prefers it, or has no e-mail address on record. */
  reason: 'prefers phone' | 'both' | 'no e-mail on record';
  script: string;
}

export interface CascadedTicket {
  ticket: Ticket;
  client: Client;
  contact: Contact;
  events: TicketEvent[];
  /** The e-mail queued for it, if any. */
  email: OutboxMessage | null;
  /** On the call list. */
  call: boolean;
}

export interface CascadeResult {
  outage: Outage;
  tickets: CascadedTicket[];
  callList: CallToMake[];
  queued: OutboxMessage[];
  /** Linked tickets this step left alone (already resolved, closed, cancelled, or not in its statuses). */
  untouched: number;
  /** Linked tickets in the step's statuses that it skipped, each with the reason. */
  skipped: { ticketId: number; reason: string }[];
}

/**
 * A calendar that remembers its answers: the tickets of one contract, changed at one `now`, ask
 * it the same questions (the response target from now, the confirmation window) hundreds of times.
 */
function memoised(c: Calendar): Calendar {
  const adds = new Map<string, number>();
  const betweens = new Map<string, number>();
  return {
    add(start, ms) {
      const key = `${start}:${ms}`;
      let v = adds.get(key);
      if (v === undefined) {
        v = c.add(start, ms);
        adds.set(key, v);
      }
      return v;
    },
    between(from, to) {
      const key = `${from}:${to}`;
      let v = betweens.get(key);
      if (v === undefined) {
        v = c.between(from, to);
        betweens.set(key, v);
      }
      return v;
    },
  };
}

/** A refusal about one ticket names it, so the operator knows which one stopped the command. */
function namedRefusal(error: unknown, ticketId: number): unknown {
  if (!(error instanceof HdError)) return error;
  const number = formatTicketNumber(ticketId);
  if (error.message.includes(number)) return error;
  error.message = `${number}: ${error.message}`;
  return error;
}

export async function cascade(ctx: Context, outageId: number, step: CascadeStep): Promise<CascadeResult> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  return store.tx((q) => cascadeInTx(ctx, q, outageId, step, now));
}

/**
 * The cascade inside a transaction the caller holds (hd outage open and attach give the outage's
 * ETA to the tickets they link in their own transaction). `only`: the tickets to consider.
 */
export async function cascadeInTx(
  ctx: Context,
  q: Tx,
  outageId: number,
  step: CascadeStep,
  now: number,
  only?: ReadonlySet<number>,
): Promise<CascadeResult> {
  const calendars = new Map<string, Promise<Calendar>>();
  const calendarOf = (p: RuleProfile) => {
    const key = JSON.stringify(p.coverage);
    let c = calendars.get(key);
    if (!c) {
      c = loadCalendar(p.coverage).then(memoised);
      calendars.set(key, c);
    }
    return c;
  };
  {
    const outage = await outageForChange(q, outageId);
    const all = (await linkedForChange(q, outageId, WORKING)).filter((p) => !only || only.has(p.ticket.id));
    const inStatus = all.filter((p) => step.statuses.includes(p.ticket.status));
    step.check(outage, inStatus);
    const number = formatOutageNumber(outageId);

    // Decide every ticket first: one refusal refuses the whole command before anything is written.
    const decided: { p: TicketParties; change: Change; after: Ticket; calendar: Calendar }[] = [];
    const skipped: { ticketId: number; reason: string }[] = [];
    const linked: TicketParties[] = [];
    for (const p of inStatus) {
      const calendar = await calendarOf(p.profile);
      try {
        const why = step.skip?.({ ...p, calendar, now }) ?? null;
        if (why !== null) {
          skipped.push({ ticketId: p.ticket.id, reason: why });
          continue;
        }
        linked.push(p);
        assertNotBeforeOpening(p.ticket, now);
        const change = step.decide({ ...p, calendar, now });
        decided.push({ p, change, calendar, after: applyPatch(p.ticket, change.patch ?? {}) });
      } catch (error) {
        throw namedRefusal(error, p.ticket.id);
      }
    }

    // The notices: every e-mail rendered in its client's language, then queued together.
    const notice = step.notice;
    const mails: NewMessage[] = [];
    const mailOf = new Map<number, number>();
    const callList: CallToMake[] = [];
    const kinds = new Map<number, NoticeKind>();
    const templates = new Map<string, Template>();
    if (notice && notice.skip === undefined) {
      for (const { p, after } of decided) {
        const { kind, extra } = notice.of(p.ticket, after);
        kinds.set(p.ticket.id, kind);
        const lang = p.client.language;
        const name = `${lang}/${kind}.txt`;
        let template = templates.get(name);
        if (!template) {
          template = loadTemplate(lang, kind);
          templates.set(name, template);
        }
        const values = noticeValues({ ...p, ticket: after, events: [], related: [], fieldJobs: [] }, extra);
        const rendered = render(template, values, name);
        const channel = p.contact.preferredChannel;
        const email = channel === 'email' || channel === 'both' ? p.contact.email : null;
        if (email) {
          mailOf.set(p.ticket.id, mails.length);
          mails.push({
            ticketId: p.ticket.id,
            kind: kind,
            key: `${p.ticket.id}:${kind}:${now}:email:${email}`,
            recipient: email,
            subject: rendered.subject,
            body: rendered.body,
            domain: 'hd.local',
            at: now,
            by: ctx.operator,
          });
        }
        if (channel !== 'email' || !email)
          callList.push({
            ticketId: p.ticket.id,
            client: p.client.name,
            contact: p.contact.name,
            phone: p.contact.phone,
            language: p.client.language,
            notice: kind,
            reason:
              channel === 'phone' ? 'prefers phone' : channel === 'both' ? 'both' : 'no e-mail on record',
            script: rendered.body,
          });
      }
    }
    const queued = await enqueueMany(q, mails);
    const calls = new Set(callList.map((c) => c.ticketId));

    const events: NewEvent[] = [];
    const patches: TicketPatch[] = [];
    for (const { p, change, after, calendar } of decided) {
      const id = p.ticket.id;
      const own: Change['events'] = [...change.events];
      let noticeEvents: { kind: string; text: string; payload: Record<string, unknown> }[] = [];
      let patch: TicketPatch = { ...(change.patch ?? {}), updatedAt: now };
      if (notice) {
        const kind = kinds.get(id) ?? notice.of(p.ticket, after).kind;
        if (notice.skip !== undefined) noticeEvents = [skippedEvent(kind, notice.skip)];
        else {
          const i = mailOf.get(id);
          if (i !== undefined) noticeEvents.push(queuedEvent(kind, queued[i]!));
          if (calls.has(id))
            noticeEvents.push({
              kind: 'notification',
              text: `To be phoned (${kind}, outage ${number}): ${p.contact.name} on ${p.contact.phone ?? 'no phone on record'}`,
              payload: {
                channel: 'phone',
                notice: kind,
                status: 'to-call',
                outage: number,
                party: p.contact.name,
                phone: p.contact.phone,
              },
            });
        }
        // Nobody reached the client yet: an ETA, extension or restoration is owed to them until a
        // reached call or a delivered e-mail tells them, exactly as after the per-ticket command.
        const owed = notice.owes
          ? withOwed(
              { events: noticeEvents, patch: {}, queued: [], script: null },
              after,
              kind,
              false,
              now,
              calendar,
            )
          : null;
        if (owed) patch = mergePatches(patch, owed.patch);
      }
      for (const e of [...own, ...noticeEvents])
        events.push({ ticketId: id, at: now, actor: ctx.operator, ...e });
      patches.push(patch);
    }
    const written = await appendEvents(q, events);
    const byTicket = new Map<number, TicketEvent[]>();
    for (const e of written) {
      const list = byTicket.get(e.ticketId) ?? [];
      list.push(e);
      byTicket.set(e.ticketId, list);
    }
    // Tickets of one contract and priority mostly end with the same patch: one UPDATE per patch.
    const groups = new Map<string, { patch: TicketPatch; ids: number[] }>();
    decided.forEach(({ p }, i) => {
      const key = JSON.stringify(patches[i]);
      const group = groups.get(key) ?? { patch: patches[i]!, ids: [] };
      group.ids.push(p.ticket.id);
      groups.set(key, group);
    });
    const rows = new Map<number, Ticket>();
    for (const { patch, ids } of groups.values())
      for (const t of await updateTickets(q, ids, patch)) rows.set(t.id, t);
    const tickets: CascadedTicket[] = decided.map(({ p }) => {
      const mail = mailOf.get(p.ticket.id);
      return {
        ticket: rows.get(p.ticket.id)!,
        client: p.client,
        contact: p.contact,
        events: byTicket.get(p.ticket.id) ?? [],
        email: mail === undefined ? null : queued[mail]!,
        call: calls.has(p.ticket.id),
      };
    });

    const { patch, event } = step.outage(
      outage,
      now,
      decided.map((d) => d.p.ticket.id),
    );
    const updated = await updateOutage(q, outageId, { ...patch, updatedAt: now });
    await appendOutageEvents(q, [{ outageId, at: now, actor: ctx.operator, ...event }]);
    return { outage: updated, tickets, callList, queued, untouched: all.length - inStatus.length, skipped };
  }
}

// hd open: the intake questionnaire an operator runs while the client is on the phone.
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { loadCalendar } from '../domain/calendar.ts';
import { callBackWhen } from '../domain/callback.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { foldKey, namesMatch } from '../domain/fold.ts';
import { missingAnswers, parseAnswerFlags, type Question } from '../domain/intake.ts';
import { decidePriority, oneOf, parseImpact, parsePriority, parseUrgency } from '../domain/priority.ts';
import { resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { checkMoment } from '../domain/time.ts';
import {
  CHANNELS,
  type Channel,
  type Client,
  type Contact,
  type Impact,
  PREFERRED_CHANNELS,
  type Priority,
  type Service,
  type Urgency,
} from '../domain/types.ts';
import { NotFoundError, RefusedError, UsageError } from '../errors.ts';
import type { NotifyResult } from '../notify.ts';
import { addContact, contactsOf, findClients, servicesOf } from '../store/clients.ts';
import { type Queryable, type Store, StoreBusy, StoreUnavailable } from '../store/port.ts';
import { profileForOpening } from '../store/reference.ts';
import {
  appendEvents,
  type ChainHead,
  getTicket,
  insertTicket,
  type NewEvent,
  type RelatedTicket,
} from '../store/tickets.ts';
import { colours, printJson } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { ticketJson } from '../ui/ticket.ts';
import { formatTime } from '../ui/time.ts';
import type { ContactInput } from './client.ts';
import {
  bool,
  NOT_PROMPTING,
  type Opts,
  readText,
  refuseMissing,
  requireText,
  resolveClient,
  str,
  ticketId,
} from './common.ts';
import type { TicketDetails } from './details.ts';
import { gather } from './mutate.ts';
import { finishNotice, type NoticeChoice, noticeHook, noticeNeeds } from './notice.ts';
import { interview } from './open-interview.ts';

/** Everything the questionnaire collects; filled from flags first, then by prompts. */
export interface Draft {
  client?: Client;
  contact?: Contact;
  newContact?: ContactInput;
  service?: Service;
  channel: Channel;
  impact?: Impact;
  urgency?: Urgency;
  priority?: Priority;
  priorityReason?: string;
  summary?: string;
  description?: string;
  answers: Record<string, string>;
  relatedTo: number | null;
  /** The related ticket as --related found it, for the details printed after the opening. */
  related?: RelatedTicket;
}

export async function runOpen(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const questions = questionnaire();
  const draft = await draftFromFlags(ctx, store, opts, questions);
  if (ctx.io.isInteractive) {
    const prompter = await ctx.prompter();
    await interview(ctx, store, prompter, draft, questions);
  } else {
    refuseMissing(missingFlags(draft, questions), NOT_PROMPTING);
  }
  // The caller hears the number on the phone; contacts who read e-mail also get it in writing.
  const prefers = (draft.contact ?? draft.newContact)!.preferredChannel;
  const notice = noticeNeeds(ctx, opts, prefers === 'phone' ? 'none' : 'email');
  const choice = notice.choose(await gather(ctx, notice.needed));
  // The details come from what the opening wrote: a new ticket needs no reading back.
  let saved: Awaited<ReturnType<typeof saveTicket>>;
  try {
    saved = await saveTicket(ctx, store, draft, choice);
  } catch (error) {
    // The database went away (or stayed locked) while the operator was on the phone: nothing
    // was written, and what they typed is not lost — it comes back as a command to run again.
    if (ctx.io.isInteractive && (error instanceof StoreUnavailable || error instanceof StoreBusy)) {
      error.message += `\nNothing was saved. Every answer, ready to run again once the database answers:\n  ${openCommand(draft)}`;
    }
    throw error;
  }
  const { details, notice: sent } = saved;
  const now = ctx.now().getTime();
  const t = details.ticket;
  if (bool(opts, 'json')) {
    printJson(ctx.io, ticketJson(details, now));
    // The e-mail goes out now, as with plain hd open; its report is chatter on stderr.
    if (sent) await finishNotice(ctx, { ticket: t, events: [], notice: sent });
    return;
  }
  const c = colours(ctx.io);
  const number = formatTicketNumber(t.id);
  const lang = details.client.language;
  // Said to the client, so in their time zone, naming the day unless it is their today.
  const callBack = callBackWhen(t.deadlines.response!, now, lang, details.client.timezone);
  const phrase =
    lang === 'ru'
      ? `«Номер вашей заявки ${number}. Мы перезвоним вам ${callBack}.»`
      : `"Your ticket number is ${number}. We will call you back ${callBack}."`;
  ctx.io.stdout.write(
    `${c.bold.green(number)} opened: ${t.priority}, ${sanitizeLine(details.client.name)}, ${sanitizeLine(details.service.serviceId)}.\n` +
      `Tell the client: ${c.bold(phrase)}\n` +
      `Call-back (response) due ${formatTime(t.deadlines.response, ctx.timeZone)}, restore due ${formatTime(t.deadlines.restore, ctx.timeZone)}.\n`,
  );
  if (sent) await finishNotice(ctx, { ticket: t, events: [], notice: sent });
}

/** A word for a POSIX shell, quoted only when it needs to be. */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);

/** `hd open` with every answer of the draft as flags: what the operator typed, to run again. */
export function openCommand(d: Draft): string {
  const words = ['hd', 'open'];
  const add = (flag: string, value: string | null | undefined) => {
    if (value !== undefined && value !== null && value !== '') words.push(flag, value);
  };
  add('--client', d.client?.contractNo);
  const contact = d.contact ?? d.newContact;
  add('--contact', contact?.name);
  if (d.newContact) {
    add('--phone', d.newContact.phone);
    add('--email', d.newContact.email);
    add('--prefer', d.newContact.preferredChannel);
  }
  add('--service', d.service?.serviceId);
  if (d.channel !== 'phone') add('--channel', d.channel);
  add('--impact', d.impact);
  add('--urgency', d.urgency);
  add('--priority', d.priority);
  add('--priority-reason', d.priorityReason);
  add('--summary', d.summary);
  add('--description', d.description);
  for (const [key, value] of Object.entries(d.answers)) add('--answer', `${key}=${value}`);
  if (d.relatedTo !== null) add('--related', String(d.relatedTo));
  return words.map(shellWord).join(' ');
}

/**
 * The contact an operator named, whatever its case and accents: the full name, or words of it that
 * only one contact's name holds; several such contacts are refused by name.
 */
function knownContact(contacts: Contact[], typed: string, clientName: string): Contact | undefined {
  const exact = contacts.find((k) => foldKey(k.name) === foldKey(typed));
  if (exact) return exact;
  const partial = contacts.filter((k) => namesMatch(typed, k.name));
  if (partial.length > 1) {
    throw new RefusedError(
      `"${typed}" names ${partial.length} contacts of ${clientName}: ${partial.map((k) => k.name).join(', ')}. Give the full name.`,
    );
  }
  return partial[0];
}

async function draftFromFlags(
  ctx: Context,
  store: Queryable,
  opts: Opts,
  questions: Question[],
): Promise<Draft> {
  const draft: Draft = {
    channel: oneOf(str(opts, 'channel') ?? 'phone', CHANNELS, 'channel', '--channel'),
    answers: parseAnswerFlags((opts.answer as string[] | undefined) ?? [], questions),
    relatedTo: null,
  };
  const flag = (name: string) => str(opts, name);
  if (flag('impact')) draft.impact = parseImpact(flag('impact')!);
  if (flag('urgency')) draft.urgency = parseUrgency(flag('urgency')!);
  if (flag('priority')) draft.priority = parsePriority(flag('priority')!);
  if (flag('priority-reason') !== undefined || flag('priorityReason') !== undefined) {
    draft.priorityReason = requireText(
      flag('priorityReason') ?? flag('priority-reason'),
      'The priority reason',
      '--priority-reason',
      500,
    );
  }
  if (draft.priority && !draft.priorityReason && !ctx.io.isInteractive) {
    throw new UsageError(
      `--priority ${draft.priority} overrides the matrix and needs a reason: add --priority-reason TEXT.`,
    );
  }
  if (flag('summary') !== undefined)
    draft.summary = requireText(flag('summary'), 'The summary', '--summary', 200);
  if (flag('description') !== undefined) {
    draft.description = requireText(
      await readText(ctx, flag('description')!),
      'The description',
      '--description',
    );
  }
  if (flag('related')) {
    const related = await getTicket(store, ticketId(flag('related')));
    draft.relatedTo = related.id;
    draft.related = { id: related.id, status: related.status, summary: related.summary };
  }
  const phone = flag('phone') ? await normalizePhone(flag('phone')!) : null;
  const email = flag('email') ? normalizeEmail(flag('email')!) : null;
  if (flag('client')) draft.client = await resolveClient(store, flag('client')!);
  else if (phone) {
    const byPhone = await findClients(store, phone, phone);
    if (byPhone.length === 1) draft.client = byPhone[0]!.client;
  }
  if (draft.client) {
    const contacts = await contactsOf(store, draft.client.id);
    const name = flag('contact')?.trim();
    const known =
      (name && knownContact(contacts, name, draft.client.name)) ||
      (!name && phone && contacts.find((k) => k.phone === phone)) ||
      undefined;
    if (known) draft.contact = known;
    else if (name) {
      if (!phone && !email) {
        throw new UsageError(
          `"${name}" is not a contact of ${draft.client.name}. To add the caller, give --phone and/or --email too (known contacts: ${contacts.map((k) => k.name).join(', ') || 'none'}).`,
        );
      }
      const prefer = oneOf(
        flag('prefer') ?? (phone ? 'phone' : 'email'),
        PREFERRED_CHANNELS,
        'channel',
        '--prefer',
      );
      draft.newContact = {
        name: requireText(name, 'The contact name', '--contact', 200),
        phone,
        email,
        preferredChannel: prefer,
      };
    } else if (phone && !ctx.io.isInteractive) {
      throw new UsageError(
        `No contact of ${draft.client.name} has the phone ${phone}. Give the caller's name with --contact.`,
      );
    }
    const services = await servicesOf(store, draft.client.id);
    if (flag('service')) {
      const wanted = foldKey(flag('service')!);
      draft.service = services.find((s) => foldKey(s.serviceId) === wanted);
      if (!draft.service) {
        throw new NotFoundError(
          `${draft.client.name} has no service "${flag('service')}". Its services: ${services.map((s) => s.serviceId).join(', ')}.`,
        );
      }
    } else if (services.length === 1 && !ctx.io.isInteractive) draft.service = services[0];
  } else if (flag('contact') || flag('service')) {
    if (!ctx.io.isInteractive) refuseMissing(['--client (to find the contact and service)'], NOT_PROMPTING);
  }
  return draft;
}

function missingFlags(d: Draft, questions: Question[]): string[] {
  const missing: string[] = [];
  if (!d.client) missing.push('--client');
  if (!d.contact && !d.newContact) missing.push('--contact');
  if (!d.service) missing.push('--service');
  if (!d.impact) missing.push('--impact');
  if (!d.urgency) missing.push('--urgency');
  if (!d.summary) missing.push('--summary');
  for (const q of missingAnswers(questions, d.answers)) missing.push(`--answer ${q.key}=…`);
  return missing;
}

// ---- saving -----------------------------------------------------------------------------------

async function saveTicket(
  ctx: Context,
  store: Store,
  d: Draft,
  choice: NoticeChoice,
): Promise<{ details: TicketDetails; notice: NotifyResult | null }> {
  const now = ctx.now().getTime();
  // The profile and the matrix in one statement: a central database costs a round trip each.
  const { profile, matrix } = await profileForOpening(store, d.client!.profile);
  const decision = decidePriority(matrix, d.impact!, d.urgency!, d.priority, d.priorityReason);
  const targets = profile.targets[decision.priority];
  const calendar = await loadCalendar(profile.coverage);
  const due = resolutionDeadlines({ openedAt: now, targets, pausedMs: 0 }, calendar);
  for (const [what, at] of [
    ['The response deadline', due.response],
    ['The restore deadline', due.restore],
  ] as const)
    if (at !== null) checkMoment(at, ctx.timeZone, what);
  return store.tx(async (q) => {
    const contact = d.contact ?? (await addContact(q, d.client!.id, d.newContact!, now));
    const ticket = await insertTicket(q, {
      clientId: d.client!.id,
      contactId: contact.id,
      serviceId: d.service!.id,
      relatedTo: d.relatedTo,
      channel: d.channel,
      impact: d.impact!,
      urgency: d.urgency!,
      priority: decision.priority,
      matrixPriority: decision.matrixPriority,
      priorityReason: decision.reason,
      summary: d.summary!,
      description: d.description ?? '',
      answers: d.answers,
      profileId: profile.id,
      targets,
      // On-site and hardware clocks start counting from the opening, but are set only when a
      // dispatch or a hardware fault makes them apply; the update clock starts with the response.
      deadlines: {
        response: due.response,
        restore: due.restore,
        update: null,
        onsite: null,
        hardware: null,
        confirm: null,
      },
      openedAt: now,
      openedBy: ctx.operator,
    });
    // The events are written together at the end, in this order, in one INSERT: the new ticket's
    // chain starts here; a related ticket's head is read with it.
    const events: NewEvent[] = [];
    events.push({
      ticketId: ticket.id,
      at: now,
      actor: ctx.operator,
      kind: 'opened',
      text: d.summary!,
      payload: {
        client: d.client!.contractNo,
        contact: { name: contact.name, phone: contact.phone, email: contact.email, new: !d.contact },
        service: d.service!.serviceId,
        channel: d.channel,
        impact: d.impact,
        urgency: d.urgency,
        priority: decision.priority,
        matrixPriority: decision.matrixPriority,
        priorityReason: decision.reason,
        answers: d.answers,
        description: d.description ?? '',
        profile: `${profile.name} v${profile.version}`,
        relatedTo: d.relatedTo === null ? null : formatTicketNumber(d.relatedTo),
      },
    });
    if (d.relatedTo !== null) {
      events.push({
        ticketId: d.relatedTo,
        at: now,
        actor: ctx.operator,
        kind: 'related',
        text: `Related ticket ${formatTicketNumber(ticket.id)} opened: ${d.summary}`,
        payload: { related: formatTicketNumber(ticket.id) },
      });
    }
    if (d.channel === 'phone') {
      events.push({
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'notification',
        text: `Ticket number told to ${contact.name} on the call`,
        payload: { channel: 'phone', notice: 'opened', status: 'told' },
      });
    }
    const notice = await noticeHook(
      ctx,
      'opened',
      choice,
    )(ticket, {
      ticket,
      profile,
      calendar,
      now,
      q,
      contact,
      openJobs: [],
    });
    for (const e of notice?.events ?? [])
      events.push({ ticketId: ticket.id, at: now, actor: ctx.operator, ...e });
    const heads = new Map<number, ChainHead>([[ticket.id, { openedAt: now, lastId: null, lastHash: null }]]);
    const written = await appendEvents(q, events, heads);
    const details: TicketDetails = {
      ticket,
      client: d.client!,
      contact,
      service: d.service!,
      profile,
      events: written.filter((e) => e.ticketId === ticket.id),
      related: d.related ? [d.related] : [],
      fieldJobs: [],
    };
    return { details, notice };
  });
}

// hd open: the intake questionnaire an operator runs while the client is on the phone.
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { loadCalendar } from '../domain/calendar.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { answerLabel, missingAnswers, parseAnswerFlags, type Question } from '../domain/intake.ts';
import { decidePriority, oneOf, parseImpact, parsePriority, parseUrgency } from '../domain/priority.ts';
import { resolutionDeadlines } from '../domain/sla.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import {
  CHANNELS,
  type Channel,
  type Client,
  type Contact,
  IMPACTS,
  type Impact,
  PREFERRED_CHANNELS,
  PRIORITIES,
  type Priority,
  type Service,
  URGENCIES,
  type Urgency,
} from '../domain/types.ts';
import { CancelledError, NotFoundError, RefusedError, UsageError } from '../errors.ts';
import type { NotifyResult } from '../notify.ts';
import { addContact, contactsOf, findClients, listClients, servicesOf } from '../store/clients.ts';
import type { Store } from '../store/db.ts';
import { currentProfile, defaultMatrix } from '../store/reference.ts';
import { appendEvent, getTicket, insertTicket } from '../store/tickets.ts';
import { colours, printJson } from '../ui/output.ts';
import type { Prompter } from '../ui/prompter.ts';
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
import { loadDetails } from './details.ts';
import { finishNotice, type NoticeChoice, noticeChoice, noticeHook } from './notice.ts';

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
  const choice = await noticeChoice(ctx, opts, prefers === 'phone' ? 'none' : 'email');
  const { id, notice } = await saveTicket(ctx, store, draft, choice);
  const details = await loadDetails(store, id);
  const now = ctx.now().getTime();
  if (bool(opts, 'json')) {
    printJson(ctx.io, ticketJson(details, now));
    return;
  }
  const c = colours(ctx.io);
  const t = details.ticket;
  const callBack = formatTime(t.deadlines.response, ctx.timeZone).slice(11);
  const number = formatTicketNumber(t.id);
  const phrase =
    details.client.language === 'ru'
      ? `«Номер вашей заявки ${number}. Мы перезвоним вам до ${callBack}.»`
      : `"Your ticket number is ${number}. We will call you back by ${callBack}."`;
  ctx.io.stdout.write(
    `${c.bold.green(number)} opened: ${t.priority}, ${sanitizeLine(details.client.name)}, ${sanitizeLine(details.service.serviceId)}.\n` +
      `Tell the client: ${c.bold(phrase)}\n` +
      `Call-back (response) due ${formatTime(t.deadlines.response, ctx.timeZone)}, restore due ${formatTime(t.deadlines.restore, ctx.timeZone)}.\n`,
  );
  if (notice) await finishNotice(ctx, { ticket: t, events: [], notice });
}

async function draftFromFlags(ctx: Context, store: Store, opts: Opts, questions: Question[]): Promise<Draft> {
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
      (name && contacts.find((k) => k.name.toLowerCase() === name.toLowerCase())) ||
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
      const wanted = flag('service')!.trim().toLowerCase();
      draft.service = services.find((s) => s.serviceId.toLowerCase() === wanted);
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

// ---- the interactive interview ------------------------------------------------------------

type Step = 'client' | 'contact' | 'service' | 'answers' | 'priority' | 'summary';

async function interview(
  ctx: Context,
  store: Store,
  p: Prompter,
  d: Draft,
  questions: Question[],
): Promise<void> {
  const steps: Record<Step, () => Promise<void>> = {
    client: () => askClient(store, p, d),
    contact: () => askContact(store, p, d),
    service: () => askService(ctx, store, p, d),
    answers: () => askAnswers(p, d, questions),
    priority: () => askPriority(store, p, d),
    summary: () => askSummary(p, d),
  };
  if (!d.client) await steps.client();
  if (!d.contact && !d.newContact) await steps.contact();
  if (!d.service) await steps.service();
  if (missingAnswers(questions, d.answers).length > 0 || Object.keys(d.answers).length < questions.length) {
    await askAnswers(p, d, questions, true);
  }
  if (!d.impact || !d.urgency) await steps.priority();
  if (!d.summary) await steps.summary();
  for (;;) {
    ctx.io.stderr.write(await reviewText(ctx, store, d, questions));
    const choice = await p.select<Step | 'save' | 'cancel'>({
      message: 'Save this ticket?',
      choices: [
        { value: 'save', name: 'Save and give the client the number' },
        { value: 'client', name: 'Change the client' },
        { value: 'contact', name: 'Change the caller' },
        { value: 'service', name: 'Change the service' },
        { value: 'answers', name: 'Change the intake answers' },
        { value: 'priority', name: 'Change impact / urgency / priority' },
        { value: 'summary', name: 'Change summary / description' },
        { value: 'cancel', name: 'Cancel: save nothing' },
      ],
    });
    if (choice === 'save') return;
    if (choice === 'cancel') throw new CancelledError();
    if (choice === 'client') {
      d.contact = undefined;
      d.newContact = undefined;
      d.service = undefined;
      await steps.client();
      await steps.contact();
      await steps.service();
    } else {
      await steps[choice]();
    }
  }
}

async function askClient(store: Store, p: Prompter, d: Draft): Promise<void> {
  d.client = await p.search<Client>({
    message: 'Client (name, contract, service ID or caller phone):',
    source: async (term) => {
      const text = term?.trim() ?? '';
      let phone: string | null = null;
      try {
        phone = text ? await normalizePhone(text) : null;
      } catch {}
      const matches = text
        ? await findClients(store, text, phone)
        : (await listClients(store)).slice(0, 30).map((client) => ({ client, via: 'name' }));
      return matches.map((m) => ({
        value: m.client,
        name: `${sanitizeLine(m.client.name)} · ${sanitizeLine(m.client.contractNo)}`,
        description: `profile ${m.client.profile}${m.via !== 'name' ? `, matched by ${m.via}` : ''}`,
      }));
    },
  });
}

async function askContact(store: Store, p: Prompter, d: Draft): Promise<void> {
  const contacts = await contactsOf(store, d.client!.id);
  const picked = await p.select<Contact | 'new'>({
    message: 'Who is calling?',
    choices: [
      ...contacts.map((k) => ({
        value: k,
        name: `${sanitizeLine(k.name)}${k.phone ? ` · ${k.phone}` : ''}${k.email ? ` · ${k.email}` : ''}`,
      })),
      { value: 'new' as const, name: 'Someone else: add a new contact' },
    ],
  });
  if (picked !== 'new') {
    d.contact = picked;
    d.newContact = undefined;
    return;
  }
  const name = (
    await p.input({ message: 'Caller name:', validate: (v) => (v.trim() ? true : 'Enter the name') })
  ).trim();
  const phone = await p.input({
    message: 'Phone (Enter to skip):',
    validate: (v) => validateOptional(v, normalizePhone),
  });
  const email = await p.input({
    message: 'E-mail (Enter to skip):',
    validate: (v) => validateOptional(v, normalizeEmail),
  });
  if (!phone.trim() && !email.trim())
    throw new RefusedError('A new contact needs a phone or an e-mail; nothing was saved.');
  const preferredChannel = await p.select({
    message: 'How should we inform them?',
    choices: PREFERRED_CHANNELS.filter((ch) =>
      ch === 'phone' ? phone.trim() : ch === 'email' ? email.trim() : phone.trim() && email.trim(),
    ).map((ch) => ({ value: ch, name: ch })),
  });
  d.contact = undefined;
  d.newContact = {
    name,
    phone: phone.trim() ? await normalizePhone(phone) : null,
    email: email.trim() ? normalizeEmail(email) : null,
    preferredChannel,
  };
}

async function validateOptional(
  value: string,
  check: (v: string) => string | Promise<string>,
): Promise<true | string> {
  if (!value.trim()) return true;
  try {
    await check(value);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

async function askService(ctx: Context, store: Store, p: Prompter, d: Draft): Promise<void> {
  const services = await servicesOf(store, d.client!.id);
  if (services.length === 0) {
    throw new RefusedError(
      `${d.client!.name} has no services on record. Add one with hd client service ${d.client!.contractNo} … first.`,
    );
  }
  if (services.length === 1) {
    d.service = services[0];
    ctx.io.stderr.write(`Service: ${sanitizeLine(d.service!.serviceId)} (the client's only service)\n`);
    return;
  }
  d.service = await p.select({
    message: 'Which service is affected?',
    choices: services.map((s) => ({
      value: s,
      name: `${sanitizeLine(s.serviceId)} · ${sanitizeLine(s.kind)}`,
      description: `${sanitizeLine(s.address)}${s.cpeModel ? ` · CPE ${sanitizeLine(s.cpeModel)}` : ''}`,
    })),
  });
}

async function askAnswers(p: Prompter, d: Draft, questions: Question[], onlyMissing = false): Promise<void> {
  for (const q of questions) {
    if (onlyMissing && d.answers[q.key] !== undefined) continue;
    let value: string;
    if (q.type === 'select') {
      value = await p.select({
        message: q.question,
        choices: [
          ...(q.choices ?? []).map((c) => ({ value: c.value, name: c.label })),
          ...(q.required ? [] : [{ value: '', name: '(skip)' }]),
        ],
        default: d.answers[q.key],
      });
    } else {
      value = await p.input({
        message: `${q.question}${q.hint ? ` (${q.hint})` : ''}${q.required ? '' : ' [Enter to skip]'}`,
        default: d.answers[q.key],
        validate: (v) => (q.required && !v.trim() ? 'This answer is required' : true),
      });
    }
    if (value.trim()) d.answers[q.key] = value.trim();
    else delete d.answers[q.key];
  }
}

async function askPriority(store: Store, p: Prompter, d: Draft): Promise<void> {
  d.impact = await p.select({
    message: 'Impact on the service:',
    choices: IMPACTS.map((i) => ({ value: i, name: i })),
    default: d.impact,
  });
  d.urgency = await p.select({
    message: 'Urgency for the client:',
    choices: URGENCIES.map((u) => ({ value: u, name: u })),
    default: d.urgency,
  });
  const matrix = (await currentProfile(store, d.client!.profile)).matrix ?? (await defaultMatrix(store));
  const fromMatrix = matrix[d.impact][d.urgency];
  const keep = await p.confirm({
    message: `Priority ${fromMatrix} from the matrix. Keep it?`,
    default: true,
  });
  if (keep) {
    d.priority = undefined;
    d.priorityReason = undefined;
    return;
  }
  d.priority = await p.select({
    message: 'Priority:',
    choices: PRIORITIES.filter((pr) => pr !== fromMatrix).map((pr) => ({ value: pr, name: pr })),
  });
  d.priorityReason = (
    await p.input({
      message: 'Why does it differ from the matrix?',
      validate: (v) => (v.trim() ? true : 'A reason is required'),
    })
  ).trim();
}

async function askSummary(p: Prompter, d: Draft): Promise<void> {
  d.summary = (
    await p.input({
      message: 'One-line summary:',
      default: d.summary,
      validate: (v) =>
        !v.trim() ? 'A summary is required' : v.trim().length > 200 ? 'Keep it under 200 characters' : true,
    })
  ).trim();
  const description = await p.input({
    message: 'Description (Enter to skip, ":e" for a multi-line editor):',
    default: d.description,
  });
  d.description =
    description.trim() === ':e'
      ? (await p.editor({ message: 'Description', default: d.description ?? '' })).trim()
      : description.trim();
}

async function reviewText(ctx: Context, store: Store, d: Draft, questions: Question[]): Promise<string> {
  const c = colours(ctx.io);
  const matrix = (await currentProfile(store, d.client!.profile)).matrix ?? (await defaultMatrix(store));
  const priority = d.priority ?? matrix[d.impact!][d.urgency!];
  const contact = d.contact ?? d.newContact!;
  const rows: [string, string][] = [
    ['Client', `${d.client!.name} · ${d.client!.contractNo} · ${d.client!.profile}`],
    [
      'Caller',
      `${contact.name}${contact.phone ? ` · ${contact.phone}` : ''}${contact.email ? ` · ${contact.email}` : ''}${d.newContact ? ' (new)' : ''}`,
    ],
    ['Service', `${d.service!.serviceId} · ${d.service!.address}`],
    ...questions
      .filter((q) => d.answers[q.key])
      .map((q): [string, string] => [q.key, answerLabel(q, d.answers[q.key]!)]),
    [
      'Impact × urgency',
      `${d.impact} × ${d.urgency} → ${priority}${d.priority ? ` (override: ${d.priorityReason})` : ''}`,
    ],
    ['Summary', d.summary!],
    ['Description', d.description || '—'],
  ];
  return `\n${c.bold('New ticket')}\n${rows.map(([k, v]) => `  ${c.dim(k.padEnd(18))}${sanitizeLine(v)}`).join('\n')}\n\n`;
}

// ---- saving -----------------------------------------------------------------------------------

async function saveTicket(
  ctx: Context,
  store: Store,
  d: Draft,
  choice: NoticeChoice,
): Promise<{ id: number; notice: NotifyResult | null }> {
  const now = ctx.now().getTime();
  const profile = await currentProfile(store, d.client!.profile);
  const matrix = profile.matrix ?? (await defaultMatrix(store));
  const decision = decidePriority(matrix, d.impact!, d.urgency!, d.priority, d.priorityReason);
  const targets = profile.targets[decision.priority];
  const calendar = await loadCalendar(profile.coverage);
  const due = resolutionDeadlines({ openedAt: now, targets, pausedMs: 0 }, calendar);
  return store.write(async () => {
    const contact = d.contact ?? (await addContact(store, d.client!.id, d.newContact!, now));
    const ticket = await insertTicket(store, {
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
    await appendEvent(store, {
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
      await appendEvent(store, {
        ticketId: d.relatedTo,
        at: now,
        actor: ctx.operator,
        kind: 'related',
        text: `Related ticket ${formatTicketNumber(ticket.id)} opened: ${d.summary}`,
        payload: { related: formatTicketNumber(ticket.id) },
      });
    }
    if (d.channel === 'phone') {
      await appendEvent(store, {
        ticketId: ticket.id,
        at: now,
        actor: ctx.operator,
        kind: 'notification',
        text: `Ticket number told to ${contact.name} on the call`,
        payload: { channel: 'phone', notice: 'opened', status: 'told' },
      });
    }
    const notice = await noticeHook(ctx, 'opened', choice)(ticket, { ticket, profile, calendar, now, store });
    for (const e of notice?.events ?? [])
      await appendEvent(store, { ticketId: ticket.id, at: now, actor: ctx.operator, ...e });
    return { id: ticket.id, notice };
  });
}

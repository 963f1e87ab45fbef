// hd open: the intake questionnaire an operator runs while the client is on the phone.
import { type Draft, saveTicket } from '../app/open.ts';
import { type Context, say } from '../context.ts';
import { questionnaire } from '../data.ts';
import { callBackWhen } from '../domain/callback.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { foldKey, namesMatch } from '../domain/fold.ts';
import { missingAnswers, parseAnswerFlags, type Question } from '../domain/intake.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { oneOf, parseImpact, parsePriority, parseUrgency } from '../domain/priority.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { CHANNELS, type Contact, PREFERRED_CHANNELS } from '../domain/types.ts';
import { CancelledError, NotFoundError, RefusedError, UsageError } from '../errors.ts';
import { contactsOf, findClients } from '../store/clients.ts';
import { servicesForIntake } from '../store/outages.ts';
import { type Queryable, StoreBusy, StoreUnavailable } from '../store/port.ts';
import { getTicket } from '../store/tickets.ts';
import { colours, printJson } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { ticketJson } from '../ui/ticket.ts';
import { formatTime } from '../ui/time.ts';
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
import { runLog } from './log.ts';
import { gather } from './mutate.ts';
import { finishNotice, noticeNeeds } from './notice.ts';
import { CallLogged, interview } from './open-interview.ts';

export type { Draft } from '../app/open.ts';

export async function runOpen(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const questions = questionnaire();
  const draft = await draftFromFlags(ctx, store, opts, questions);
  if (ctx.io.isInteractive) {
    const prompter = await ctx.prompter();
    // Told first: the outage and the open ticket, as soon as the service is known (given by a
    // flag, or at the service step of the questions), once per service picked.
    let checkedFor: number | null | undefined;
    const serviceKnown = async (): Promise<'open' | 'logged'> => {
      const id = draft.service?.id ?? null;
      if (id === checkedFor) return 'open';
      // Another service picked (from the summary screen): its reason to open a duplicate, if any,
      // is asked again.
      if (checkedFor !== undefined && str(opts, 'duplicateOk') === undefined)
        draft.duplicateReason = undefined;
      checkedFor = id;
      return intakeCheck(ctx, draft, opts);
    };
    if (draft.service && (await serviceKnown()) === 'logged') return;
    try {
      await interview(ctx, store, prompter, draft, questions, serviceKnown);
    } catch (error) {
      if (error instanceof CallLogged) return;
      throw error;
    }
    if ((await serviceKnown()) === 'logged') return;
  } else {
    refuseMissing(missingFlags(draft, questions), NOT_PROMPTING);
    await intakeCheck(ctx, draft, opts);
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
  if (phone) draft.callerPhone = { phone, digits: phone.replace(/\D/g, '').replace(/^375/, '') };
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
    const services = await servicesForIntake(store, draft.client.id);
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

/**
 * What the caller's service is in, said before anything is saved: the active outage (its number,
 * what failed, its ETA: the new ticket is linked to it), and an open ticket of the service, on
 * which the call is better logged than a duplicate opened. Without a terminal a duplicate is
 * refused unless --duplicate-ok gives the reason; on one the operator chooses.
 */
async function intakeCheck(ctx: Context, d: Draft, opts: Opts): Promise<'open' | 'logged'> {
  const service = d.service;
  const given = str(opts, 'duplicateOk');
  if (given !== undefined)
    d.duplicateReason = requireText(given, 'The reason to open a duplicate', '--duplicate-ok', 500);
  // A new client's service, entered on this call: no ticket of it yet, in no outage on record.
  if (!service) return 'open';
  if (service.outage) {
    const o = service.outage;
    say(
      ctx,
      `${formatOutageNumber(o.id)} is active on ${sanitizeLine(service.serviceId)}: ${sanitizeLine(o.summary)}.` +
        `${o.elements ? ` Failed: ${sanitizeLine(o.elements)}.` : ''} ETA ${o.eta === null ? 'not set yet' : formatTime(o.eta, ctx.timeZone)}.` +
        ' A ticket opened now is linked to it.',
    );
  }
  const open = service.openTicket;
  // --related naming that very ticket: the operator already knows of it.
  if (!open || d.duplicateReason || d.relatedTo === open.id) return 'open';
  const number = formatTicketNumber(open.id);
  const described = `${sanitizeLine(service.serviceId)} already has an open ticket: ${number} (${open.status}, ${open.priority}) "${sanitizeLine(open.summary)}"${open.outageId ? `, linked to ${formatOutageNumber(open.outageId)}` : ''}.`;
  if (!ctx.io.isInteractive)
    throw new RefusedError(
      `${described} Log this call on it: hd log ${number} call "…" --direction in --outcome reached; or open a new ticket anyway: --duplicate-ok "reason".`,
    );
  say(ctx, described);
  const prompter = await ctx.prompter();
  const choice = await prompter.select<'log' | 'open' | 'cancel'>({
    message: `Log this call on ${number} instead of opening a new ticket?`,
    choices: [
      { value: 'log', name: `Log the call on ${number}` },
      { value: 'open', name: 'Open a new ticket anyway (give the reason)' },
      { value: 'cancel', name: 'Cancel: save nothing' },
    ],
  });
  if (choice === 'cancel') throw new CancelledError();
  if (choice === 'open') {
    d.duplicateReason = requireText(
      await prompter.input({
        message: 'Why a new ticket beside it?',
        validate: (v) => (v.trim() ? true : 'A reason is required'),
      }),
      'The reason to open a duplicate',
      '--duplicate-ok',
      500,
    );
    return 'open';
  }
  const caller = d.contact?.name ?? d.newContact?.name;
  await runLog(
    {
      ticket: open.id,
      kind: 'call',
      text: `${caller ? `${caller} called` : 'The client called'}${d.summary ? `: ${d.summary}` : ' again'}`,
      direction: 'in',
      outcome: 'reached',
      ...(caller ? { party: caller } : {}),
      json: opts.json === true,
    },
    ctx,
  );
  return 'logged';
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

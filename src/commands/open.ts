// hd open: the intake questionnaire an operator runs while the client is on the phone.

import { Option } from 'commander';
import { type Draft, saveTicket } from '../app/open.ts';
import { examples } from '../cli/help.ts';
import { collect } from '../cli/shared.ts';
import type { Context } from '../context.ts';
import { questionnaire } from '../data.ts';
import { callBackWhen } from '../domain/callback.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { codesMatch, foldKey, namesMatch } from '../domain/fold.ts';
import { missingAnswers, parseAnswerFlags, type Question, questionText } from '../domain/intake.ts';
import { checkText, LIMITS } from '../domain/limits.ts';
import { formatOutageNumber } from '../domain/outage.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import {
  CHANNELS,
  type Channel,
  type Contact,
  IMPACTS,
  type Impact,
  PREFERRED_CHANNELS,
  PRIORITIES,
  type PreferredChannel,
  type Priority,
  URGENCIES,
  type Urgency,
} from '../domain/types.ts';
import { CancelledError, NotFoundError, RefusedError, UsageError } from '../errors.ts';
import { language, type MessageKey, t } from '../i18n.ts';
import { contactsOf, findClients } from '../store/clients.ts';
import { servicesForIntake } from '../store/outages.ts';
import { type Queryable, StoreBusy, StoreUnavailable } from '../store/port.ts';
import { getTicket } from '../store/tickets.ts';
import { colours, printJson, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { ticketJson } from '../ui/ticket.ts';
import { timeDisplay } from '../ui/time.ts';
import { readText, refuseMissing, resolveClient, ticketId } from './common.ts';
import { runLog } from './log.ts';
import { gather } from './mutate.ts';
import {
  finishNotice,
  type NoticeChoice,
  type NoticeFlags,
  noticeFlagsOf,
  noticeNeeds,
  oneOfFlag,
  tell,
} from './notice.ts';
import { CallLogged, interview } from './open/interview.ts';
import { unit } from './unit.ts';

export type { Draft } from '../app/open.ts';

export interface OpenOptions extends NoticeFlags {
  /** What identifies the client as typed: contract, service ID, a phone or the name. */
  client?: string;
  contact?: string;
  /** The caller's phone as typed: normalised when run (the phone library loads only then). */
  phone?: string;
  /** A checked e-mail address. */
  email?: string;
  prefer?: PreferredChannel;
  service?: string;
  channel: Channel;
  impact?: Impact;
  urgency?: Urgency;
  priority?: Priority;
  priorityReason?: string;
  summary?: string;
  /** The description as typed; "-" reads stdin when run. */
  description?: string;
  /** --answer KEY=VALUE as typed, checked against the questionnaire when run. */
  answers: string[];
  related?: number;
  duplicateOk?: string;
  json: boolean;
}

export const open = unit<OpenOptions>({
  declare: (parent) =>
    parent
      .command('open')
      .description(t('open.describe'))
      .option('--client <text>', t('open.opt.client'))
      .option('--contact <name>', t('open.opt.contact'))
      .option('--phone <phone>', t('open.opt.phone'))
      .option('--email <address>', t('open.opt.email'))
      .option('--prefer <phone|email|both>', t('open.opt.prefer'))
      .option('--service <id>', t('open.opt.service'))
      .addOption(new Option('--channel <how>', t('open.opt.channel')).choices(CHANNELS))
      .option('--impact <impact>', t('open.opt.impact'))
      .option('--urgency <urgency>', t('open.opt.urgency'))
      .option('--priority <P1..P4>', t('open.opt.priority'))
      .option('--priority-reason <text>', t('open.opt.priorityReason'))
      .option('--summary <text>', t('open.opt.summary'))
      .option('--description <text>', t('open.opt.description'))
      .option('--answer <key=value>', t('open.opt.answer'), collect)
      .option('--related <ticket>', t('open.opt.related'))
      .option('--duplicate-ok <reason>', t('open.opt.duplicateOk'))
      .option('--no-notify', t('eta.opt.noNotify'))
      .option('--skip-reason <text>', t('eta.opt.skipReason'))
      .option('--json', t('open.opt.json'))
      .addHelpText('after', () => openHelp()),
  options: (input) => {
    const text = (
      name: string,
      max: number,
      flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    ) => {
      const value = input.text(name);
      return value === undefined ? undefined : needText(value, flag, max);
    };
    const impact = input.text('impact');
    const urgency = input.text('urgency');
    const priority = input.text('priority');
    const prefer = input.text('prefer');
    const email = input.text('email');
    const related = input.text('related');
    const description = input.text('description');
    const fields = {
      client: input.text('client'),
      contact: input.text('contact'),
      phone: input.text('phone'),
      email: email === undefined ? undefined : normalizeEmail(email),
      prefer:
        prefer === undefined
          ? undefined
          : oneOfFlag(prefer, PREFERRED_CHANNELS, 'open.what.prefer', '--prefer'),
      service: input.text('service'),
      impact: impact === undefined ? undefined : oneOfFlag(impact, IMPACTS, 'open.what.impact', '--impact'),
      urgency:
        urgency === undefined ? undefined : oneOfFlag(urgency, URGENCIES, 'open.what.urgency', '--urgency'),
      priority:
        priority === undefined
          ? undefined
          : oneOfFlag(priority.toUpperCase(), PRIORITIES, 'open.what.priority', '--priority'),
      priorityReason: text('priorityReason', 500),
      summary: text('summary', LIMITS.summary),
      description:
        description === undefined || description === '-'
          ? description
          : needText(description, '--description', LIMITS.description),
      related: related === undefined ? undefined : ticketId(related),
      duplicateOk: text('duplicateOk', 500),
    };
    return {
      ...(Object.fromEntries(
        Object.entries(fields).filter(([, v]) => v !== undefined),
      ) as Partial<OpenOptions>),
      channel: oneOfFlag(input.text('channel') ?? 'phone', CHANNELS, 'open.what.channel', '--channel'),
      answers: input.list('answer'),
      ...noticeFlagsOf(input),
      json: input.flag('json'),
    };
  },
  run: runOpen,
});

/** What each text flag holds, for its refusals ("The summary cannot be empty …"). */
const FIELD: Record<string, MessageKey> = {
  '--priority-reason': 'open.what.priorityReason',
  '--summary': 'open.field.summary',
  '--description': 'open.field.description',
  '--duplicate-ok': 'open.what.duplicateOk',
  '--contact': 'open.what.contactName',
};

/** A text flag's value: not blank, within `max` characters and clean (domain/limits.ts). */
function needText(value: string, flag: string, max: number): string {
  const what = FIELD[flag] ? t(FIELD[flag]) : flag;
  if (!value.trim()) throw new UsageError(t('open.err.empty', { what, flag }));
  return checkText(value.trim(), `${what} (${flag})`, max);
}

/** The help after the flags: how the questionnaire behaves, and its questions for --answer. */
function openHelp(): string {
  const lang = language();
  let questions = '';
  try {
    // Read from data/questionnaire.json, so the help follows the questionnaire the helpdesk edits.
    questions = questionnaire()
      .map((q) => {
        const head = `  ${q.key.padEnd(12)} ${q.required ? `${t('open.help.required')} ` : ''}${questionText(q, lang)}`;
        const values = q.choices ? `\n${' '.repeat(15)}[${q.choices.map((c) => c.value).join(', ')}]` : '';
        return head + values;
      })
      .join('\n');
  } catch {
    questions = '  (data/questionnaire.json)';
  }
  return `\n${t('open.help.text')}\n\n${t('open.help.answers')}\n${questions}\n${examples(
    'hd open',
    `hd open --client C-2021-0147 --contact "Andrei Kovalenko" \\\n      --service MSK-IPVPN-00412 --impact down --urgency high \\\n      --summary "${t('open.example.summary')}"${language() === 'ru' ? ' \\\n     ' : ''} --description "${t('open.example.description')}" \\\n      --answer since="14:20" --answer symptom=no-service \\\n      --answer scope=one-site --no-input`,
  )}`;
}

export async function runOpen(opts: OpenOptions, ctx: Context): Promise<void> {
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
      if (checkedFor !== undefined && opts.duplicateOk === undefined) draft.duplicateReason = undefined;
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
    refuseMissing(missingFlags(draft, questions), t('open.notPrompting'));
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
      error.message += ` ${t('open.err.notSaved')}`;
      error.lines = [...(error.lines ?? []), `  ${openCommand(draft, choice)}`];
    }
    throw error;
  }
  const { details, notice: sent } = saved;
  const now = ctx.now().getTime();
  const ticket = details.ticket;
  if (opts.json) {
    printJson(ctx.io, ticketJson(details, now));
    // The e-mail goes out now, as with plain hd open; its report is chatter on stderr.
    if (sent) await finishNotice(ctx, { ticket, events: [], notice: sent });
    return;
  }
  const c = colours(ctx.io);
  const number = formatTicketNumber(ticket.id);
  const lang = details.client.language;
  // Said to the client, so in their time zone, naming the day unless it is their today.
  const callBack = callBackWhen(ticket.deadlines.response!, now, lang, details.client.timezone);
  const phrase =
    lang === 'ru'
      ? `«Номер вашей заявки ${number}. Мы перезвоним вам ${callBack}.»`
      : `"Your ticket number is ${number}. We will call you back ${callBack}."`;
  const at = timeDisplay(ctx).at;
  const lines = [
    t('open.done.opened', {
      n: c.bold.green(number),
      priority: ticket.priority,
      client: sanitizeLine(details.client.name),
      service: sanitizeLine(details.service.serviceId),
    }),
    t('open.done.tell', { phrase: c.bold(phrase) }),
    t('open.done.due', { response: at(ticket.deadlines.response), restore: at(ticket.deadlines.restore) }),
  ];
  writeText(ctx.io, `${lines.join('\n')}\n`);
  if (sent) await finishNotice(ctx, { ticket, events: [], notice: sent });
}

/** A word for a POSIX shell, quoted only when it needs to be. */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);

/** `hd open` with every answer of the draft as flags: what the operator typed, to run again. */
export function openCommand(d: Draft, notice?: NoticeChoice): string {
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
  add('--duplicate-ok', d.duplicateReason);
  if (notice && 'skip' in notice) {
    words.push('--no-notify');
    add('--skip-reason', notice.skip);
  }
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
      t('open.err.severalContacts', {
        typed,
        count: partial.length,
        client: clientName,
        names: partial.map((k) => k.name).join(', '),
      }),
    );
  }
  return partial[0];
}

async function draftFromFlags(
  ctx: Context,
  store: Queryable,
  opts: OpenOptions,
  questions: Question[],
): Promise<Draft> {
  const draft: Draft = {
    channel: opts.channel,
    answers: parseAnswerFlags(opts.answers, questions),
    relatedTo: null,
  };
  if (opts.impact) draft.impact = opts.impact;
  if (opts.urgency) draft.urgency = opts.urgency;
  if (opts.priority) draft.priority = opts.priority;
  if (opts.priorityReason !== undefined) draft.priorityReason = opts.priorityReason;
  if (draft.priority && !draft.priorityReason && !ctx.io.isInteractive)
    throw new UsageError(t('open.err.priorityReason', { priority: draft.priority }));
  if (opts.summary !== undefined) draft.summary = opts.summary;
  if (opts.description !== undefined)
    draft.description = needText(await readText(ctx, opts.description), '--description', LIMITS.description);
  if (opts.related !== undefined) {
    const related = await getTicket(store, opts.related);
    draft.relatedTo = related.id;
    draft.related = { id: related.id, status: related.status, summary: related.summary };
  }
  const phone = opts.phone ? await normalizePhone(opts.phone) : null;
  const email = opts.email ?? null;
  if (phone) draft.callerPhone = { phone, digits: phone.replace(/\D/g, '').replace(/^375/, '') };
  if (opts.client) draft.client = await resolveClient(store, opts.client);
  else if (phone) {
    const byPhone = await findClients(store, phone, phone);
    if (byPhone.length === 1) draft.client = byPhone[0]!.client;
  }
  if (draft.client) {
    // Asked together: on PostgreSQL one round trip (pipelined), not two.
    const [contacts, services] = await Promise.all([
      contactsOf(store, draft.client.id),
      servicesForIntake(store, draft.client.id),
    ]);
    const name = opts.contact?.trim();
    const known =
      (name && knownContact(contacts, name, draft.client.name)) ||
      (!name && phone && contacts.find((k) => k.phone === phone)) ||
      undefined;
    if (known) draft.contact = known;
    else if (name) {
      if (!phone && !email) {
        throw new UsageError(
          t('open.err.notContact', {
            name,
            client: draft.client.name,
            known: contacts.map((k) => k.name).join(', ') || t('open.none'),
          }),
        );
      }
      draft.newContact = {
        name: needText(name, '--contact', 200),
        phone,
        email,
        preferredChannel: opts.prefer ?? (phone ? 'phone' : 'email'),
      };
    } else if (phone && !ctx.io.isInteractive) {
      throw new UsageError(t('open.err.noSuchPhone', { client: draft.client.name, phone }));
    }
    if (opts.service) {
      const typed = opts.service;
      draft.service =
        services.find((s) => foldKey(s.serviceId) === foldKey(typed)) ??
        services.find((s) => codesMatch(typed, s.serviceId));
      if (!draft.service) {
        throw new NotFoundError(
          t('open.err.noSuchService', {
            client: draft.client.name,
            service: opts.service,
            services: services.map((s) => s.serviceId).join(', '),
          }),
        );
      }
    } else if (services.length === 1 && !ctx.io.isInteractive) draft.service = services[0];
  } else if (opts.contact || opts.service) {
    if (!ctx.io.isInteractive) refuseMissing([t('open.need.client')], t('open.notPrompting'));
  }
  return draft;
}

/**
 * What the caller's service is in, said before anything is saved: the active outage (its number,
 * what failed, its ETA: the new ticket is linked to it), and an open ticket of the service, on
 * which the call is better logged than a duplicate opened. Without a terminal a duplicate is
 * refused unless --duplicate-ok gives the reason; on one the operator chooses.
 */
async function intakeCheck(ctx: Context, d: Draft, opts: OpenOptions): Promise<'open' | 'logged'> {
  const service = d.service;
  if (opts.duplicateOk !== undefined) d.duplicateReason = opts.duplicateOk;
  // A new client's service, entered on this call: no ticket of it yet, in no outage on record.
  if (!service) return 'open';
  const at = timeDisplay(ctx).at;
  if (service.outage) {
    const o = service.outage;
    tell(
      ctx,
      [
        t('open.outage.active', {
          outage: formatOutageNumber(o.id),
          service: sanitizeLine(service.serviceId),
          summary: sanitizeLine(o.summary),
        }),
        ...(o.elements ? [t('open.outage.failed', { elements: sanitizeLine(o.elements) })] : []),
        o.eta === null ? t('open.outage.noEta') : t('open.outage.eta', { eta: at(o.eta) }),
        t('open.outage.linked'),
      ].join(' '),
    );
  }
  const already = service.openTicket;
  // --related naming that very ticket: the operator already knows of it.
  if (!already || d.duplicateReason || d.relatedTo === already.id) return 'open';
  const number = formatTicketNumber(already.id);
  const described = t(already.outageId ? 'open.dup.describedOutage' : 'open.dup.described', {
    service: sanitizeLine(service.serviceId),
    n: number,
    status: statusWords(already.status),
    priority: already.priority,
    summary: sanitizeLine(already.summary),
    outage: already.outageId ? formatOutageNumber(already.outageId) : '',
  });
  if (!ctx.io.isInteractive) throw new RefusedError(`${described} ${t('open.dup.refused', { n: number })}`);
  tell(ctx, described);
  const prompter = await ctx.prompter();
  const choice = await prompter.select<'log' | 'open' | 'cancel'>({
    message: t('open.dup.ask', { n: number }),
    choices: [
      { value: 'log', name: t('open.dup.log', { n: number }) },
      { value: 'open', name: t('open.dup.open') },
      { value: 'cancel', name: t('open.dup.cancel') },
    ],
  });
  if (choice === 'cancel') throw new CancelledError();
  if (choice === 'open') {
    d.duplicateReason = needText(
      await prompter.input({
        message: t('open.dup.why'),
        validate: (v) => (v.trim() ? true : t('open.q.reasonRequired')),
      }),
      '--duplicate-ok',
      500,
    );
    return 'open';
  }
  const caller = d.contact?.name ?? d.newContact?.name;
  const text = caller
    ? d.summary
      ? t('open.dup.callerSaid', { caller, summary: d.summary })
      : t('open.dup.callerAgain', { caller })
    : d.summary
      ? t('open.dup.clientSaid', { summary: d.summary })
      : t('open.dup.clientAgain');
  await runLog(
    {
      ticket: already.id,
      kind: 'call',
      text,
      direction: 'in',
      outcome: 'reached',
      ...(caller ? { party: caller } : {}),
      json: opts.json,
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

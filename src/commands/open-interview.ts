// The interactive part of hd open: the questions in the order an operator works, and the
// summary screen where any answer can be changed before saving.
import type { Context } from '../context.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { answerLabel, missingAnswers, type Question } from '../domain/intake.ts';
import { checkLine, checkText, LIMITS } from '../domain/limits.ts';
import {
  type Client,
  type Contact,
  IMPACTS,
  PREFERRED_CHANNELS,
  PRIORITIES,
  URGENCIES,
} from '../domain/types.ts';
import { CancelledError, RefusedError } from '../errors.ts';
import { contactsOf, findClients, listClients } from '../store/clients.ts';
import { servicesForIntake } from '../store/outages.ts';
import type { Queryable } from '../store/port.ts';
import { currentProfile, defaultMatrix } from '../store/reference.ts';
import { colours } from '../ui/output.ts';
import type { Prompter } from '../ui/prompter.ts';
import { sanitizeLine } from '../ui/text.ts';
import type { Draft } from './open.ts';

/** A prompt's answer held to the field's limit: true, or what to fix (the prompt asks again). */
function fits(value: string, field: string, limit: number, oneLine = false): true | string {
  try {
    if (oneLine) checkLine(value, field, limit);
    else checkText(value, field, limit);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

type Step = 'client' | 'contact' | 'service' | 'answers' | 'priority' | 'summary';

export async function interview(
  ctx: Context,
  store: Queryable,
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

async function askClient(store: Queryable, p: Prompter, d: Draft): Promise<void> {
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

async function askContact(store: Queryable, p: Prompter, d: Draft): Promise<void> {
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
    await p.input({
      message: 'Caller name:',
      validate: (v) => (v.trim() ? fits(v, 'The name', LIMITS.name, true) : 'Enter the name'),
    })
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

async function askService(ctx: Context, store: Queryable, p: Prompter, d: Draft): Promise<void> {
  const services = await servicesForIntake(store, d.client!.id);
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
        validate: (v) =>
          q.required && !v.trim() ? 'This answer is required' : fits(v, 'The answer', LIMITS.answer),
      });
    }
    if (value.trim()) d.answers[q.key] = value.trim();
    else delete d.answers[q.key];
  }
}

async function askPriority(store: Queryable, p: Prompter, d: Draft): Promise<void> {
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
      validate: (v) => (v.trim() ? fits(v, 'The reason', LIMITS.note) : 'A reason is required'),
    })
  ).trim();
}

async function askSummary(p: Prompter, d: Draft): Promise<void> {
  d.summary = (
    await p.input({
      message: 'One-line summary:',
      default: d.summary,
      validate: (v) => (!v.trim() ? 'A summary is required' : fits(v.trim(), 'The summary', LIMITS.summary)),
    })
  ).trim();
  const description = await p.input({
    message: 'Description (Enter to skip, ":e" for a multi-line editor):',
    default: d.description,
    validate: (v) => fits(v, 'The description', LIMITS.description),
  });
  d.description =
    description.trim() === ':e'
      ? checkText(
          (await p.editor({ message: 'Description', default: d.description ?? '' })).trim(),
          'The description',
          LIMITS.description,
        )
      : description.trim();
}

async function reviewText(ctx: Context, store: Queryable, d: Draft, questions: Question[]): Promise<string> {
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

// What the hd open questionnaire shows besides its questions: the client's open tickets before
// them, the summary screen after them, and which contact the caller's phone points to.
import type { Context } from '../../context.ts';
import { answerLabel, type Question, questionText } from '../../domain/intake.ts';
import { formatTicketNumber } from '../../domain/ticket-number.ts';
import type { Client, Contact, PriorityMatrix } from '../../domain/types.ts';
import { language } from '../../i18n.ts';
import type { Queryable } from '../../store/port.ts';
import { countTickets, listTickets } from '../../store/tickets.ts';
import { colours } from '../../ui/output.ts';
import { statusWords } from '../../ui/status.ts';
import { sanitizeLine, truncate } from '../../ui/text.ts';
import { impactWords, urgencyWords } from '../../ui/words.ts';
import type { Draft } from '../open.ts';
import { openText } from './text.ts';

/** The client as far as the intake knows it: on record, or being entered. */
export function clientOf(d: Draft): { name: string; contractNo: string; profile: string } {
  return d.client ?? d.newClient!.client;
}

/** The phone an operator searched by, to find which contact it belongs to. */
export function callerPhone(searched: { text: string; phone: string | null }): Draft['callerPhone'] {
  return { phone: searched.phone, digits: searched.text.replace(/\D/g, '').replace(/^(375|80|0)/, '') };
}

/** The one contact whose phone is the number the client was found by, if there is one. */
export function matchedContact(contacts: Contact[], by: Draft['callerPhone']): Contact | undefined {
  if (!by) return undefined;
  const exact = contacts.filter((k) => by.phone && k.phone === by.phone);
  if (exact.length === 1) return exact[0];
  const partial = contacts.filter((k) => by.digits.length >= 5 && k.phone?.includes(by.digits));
  return partial.length === 1 ? partial[0] : undefined;
}

/** Before the questions: what the client already has open, so a repeat call is seen as one. */
export async function showOpenTickets(ctx: Context, store: Queryable, client: Client): Promise<void> {
  const SHOWN = 5;
  const T = openText();
  const [open, count] = await Promise.all([
    listTickets(store, { openOnly: true, clientId: client.id, limit: SHOWN }),
    countTickets(store, { openOnly: true, clientId: client.id, limit: 0 }),
  ]);
  const c = colours(ctx.io);
  if (open.length === 0) {
    ctx.io.stderr.write(`${c.dim(T.noOpenTickets(sanitizeLine(client.name)))}\n`);
    return;
  }
  const width = Math.max(40, ctx.io.columns) - 1;
  const lines = open.map((t) =>
    truncate(
      `  ${formatTicketNumber(t.id)}  ${t.priority}  ${statusWords(t.status)}  ${sanitizeLine(t.summary)}`,
      width,
    ),
  );
  if (count > open.length) lines.push(`  ${T.moreOpenTickets(count - open.length)}`);
  ctx.io.stderr.write(`${c.bold(T.openTickets(sanitizeLine(client.name)))}\n${lines.join('\n')}\n`);
}

export async function priorityOf(
  d: Draft,
  matrixOf: (profile: string) => Promise<PriorityMatrix>,
): Promise<string> {
  return d.priority ?? (await matrixOf(clientOf(d).profile))[d.impact!][d.urgency!];
}

/**
 * The summary screen: each question in its own words with the answer as the operator chose it,
 * one line each within the terminal's width (a long answer is shortened here, kept whole).
 */
export function reviewText(ctx: Context, d: Draft, questions: Question[], priority: string): string {
  const T = openText();
  const lang = language();
  const c = colours(ctx.io);
  const width = Math.max(40, ctx.io.columns) - 1;
  const client = clientOf(d);
  const contact = d.contact ?? d.newContact!;
  const service = d.service ?? d.newClient!.service;
  const L = T.labels;
  const fixed: [string, string][] = [
    [
      L.client,
      // The mark of a new client before the profile, so that a long name cuts the profile first.
      `${client.name} · ${client.contractNo}${d.newClient ? ` ${L.newClient}` : ''} · ${client.profile}`,
    ],
    [
      L.caller,
      `${contact.name}${contact.phone ? ` · ${contact.phone}` : ''}${contact.email ? ` · ${contact.email}` : ''}${d.newContact ? ` ${L.newCaller}` : ''}`,
    ],
    [L.service, `${service.serviceId} · ${service.address}`],
  ];
  const LABEL = 18;
  const row = (label: string, value: string) =>
    `  ${c.dim(label.padEnd(LABEL))}${truncate(sanitizeLine(value), width - LABEL - 2)}`;
  const lines = fixed.map(([k, v]) => row(k, v));
  for (const q of questions) {
    const answer = d.answers[q.key];
    if (!answer) continue;
    const asked = sanitizeLine(questionText(q, lang));
    const said = sanitizeLine(answerLabel(q, answer, lang));
    // On one line when both fit; else the answer under its question.
    if (2 + asked.length + 2 + said.length <= width) lines.push(`  ${c.dim(asked)}  ${said}`);
    else lines.push(`  ${c.dim(truncate(asked, width - 2))}`, `      ${truncate(said, width - 6)}`);
  }
  lines.push(
    row(
      L.impactUrgency,
      `${impactWords(d.impact!)} × ${urgencyWords(d.urgency!)} → ${priority}${d.priority ? ` ${L.override(d.priorityReason ?? '')}` : ''}`,
    ),
    row(L.summary, d.summary!),
    row(L.description, d.description || T.none),
  );
  return `\n${c.bold(T.review)}\n${lines.join('\n')}\n\n`;
}

// Notification templates are data the helpdesk edits: "Subject: …", a blank line, then the
// body, with {{placeholders}}. A template naming a placeholder we do not know is reported, not sent.
import { RefusedError } from '../errors.ts';
import { t as tr } from '../i18n.ts';
import { sanitizeLine } from '../ui/text.ts';

export interface Template {
  subject: string;
  body: string;
}

export interface Rendered {
  subject: string;
  body: string;
}

export class TemplateError extends RefusedError {}

export function parseTemplate(text: string, name: string): Template {
  const normalised = text.replace(/\r\n/g, '\n');
  const match = /^Subject:[ \t]*(.+)\n\n([\s\S]*)$/.exec(normalised);
  if (!match) throw new TemplateError(tr('template.err.subject', { name }));
  return { subject: match[1]!.trim(), body: match[2]!.replace(/\s+$/, '\n') };
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

export function placeholdersOf(t: Template): string[] {
  return [...new Set([...`${t.subject}\n${t.body}`.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills the placeholders; refuses (naming them) if the template uses any we do not provide. */
export function render(t: Template, values: Record<string, string>, name: string): Rendered {
  const unknown = placeholdersOf(t).filter((p) => !(p in values));
  if (unknown.length) {
    throw new TemplateError(
      tr(unknown.length > 1 ? 'template.err.unknownMany' : 'template.err.unknown', {
        name,
        placeholders: unknown.map((u) => `{{${u}}}`).join(', '),
        known: Object.keys(values).sort().join(', '),
      }),
    );
  }
  // Each value is cleaned to one line: a name with a line break or an escape sequence cannot add
  // lines to the body or headers, nor act on the terminal that shows the message.
  const fill = (s: string) => s.replace(PLACEHOLDER, (_m, key: string) => sanitizeLine(values[key]!));
  // A subject is one line, whatever the template holds.
  return { subject: fill(t.subject).replace(/\s*\n\s*/g, ' '), body: fill(t.body) };
}

/** Dates for clients: their language, their time zone ("25 ноября 2026 г. в 18:30"). */
/** Formatters are costly to build and an outage renders hundreds of notices: one per language and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function clientTime(ms: number | null, language: 'ru' | 'en', timeZone: string, none: string): string {
  if (ms === null) return none;
  const key = `${language} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    });
    formatters.set(key, f);
  }
  return f.format(ms);
}

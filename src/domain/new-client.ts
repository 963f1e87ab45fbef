// What a new client, its first contact and its first service must be: one set of checks behind
// `hd client add` and the new client an operator enters during `hd open`. The caller names each
// field — the flag on the command line, the question's words on a terminal — so the messages
// say what to fix in the place the person typed it.
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { checkIdentifier, checkLine, checkText, LIMITS } from './limits.ts';
import type { PreferredChannel } from './types.ts';

/** How a refusal names the field: "The client name", and the flag that gives it, if any. */
export interface Field {
  what: string;
  flag?: string;
}

export interface ContactInput {
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: PreferredChannel;
}

export interface ServiceInput {
  serviceId: string;
  kind: string;
  address: string;
  cpeModel: string | null;
}

function nonEmpty(value: string | undefined, f: Field): string {
  const text = value?.trim() ?? '';
  if (!text)
    throw new UsageError(
      f.flag
        ? t('client.err.emptyGive', { what: f.what, flag: f.flag })
        : t('client.err.empty', { what: f.what }),
    );
  return text;
}

const named = (f: Field) => (f.flag ? `${f.what} (${f.flag})` : f.what);

/** Required one-line text (a name, an address, a service kind), within its limit. */
function requiredLine(value: string | undefined, f: Field, limit: number): string {
  const text = nonEmpty(value, f);
  checkText(text, named(f), limit);
  return checkLine(text, named(f), limit);
}

/** Required identifier (contract number, service ID): typed back exactly as stored. */
function requiredIdentifier(value: string | undefined, f: Field, limit: number): string {
  const text = nonEmpty(value, f);
  checkText(text, named(f), limit);
  return checkIdentifier(text, named(f));
}

export const clientName = (v: string | undefined, f: Field) => requiredLine(v, f, LIMITS.name);
export const contractNo = (v: string | undefined, f: Field) => requiredIdentifier(v, f, 50);
export const contactName = (v: string | undefined, f: Field) => requiredLine(v, f, LIMITS.name);
export const serviceId = (v: string | undefined, f: Field) => requiredIdentifier(v, f, 100);
export const serviceKind = (v: string | undefined, f: Field) => requiredLine(v, f, LIMITS.short);
export const siteAddress = (v: string | undefined, f: Field) => requiredLine(v, f, LIMITS.address);

/** The CPE model is optional: empty means none on record. */
export function cpeModel(value: string | undefined, f: Field): string | null {
  const text = value?.trim() ?? '';
  return text ? checkLine(text, named(f), LIMITS.short) : null;
}

/**
 * What a contact still lacks to be reached the way they want: a phone or an e-mail at all, the
 * e-mail for someone who prefers e-mail, the phone for someone who prefers calls.
 */
export type ContactGap = 'phoneOrEmail' | 'email' | 'phone';

export function contactGaps(c: {
  phone: string | null;
  email: string | null;
  preferredChannel: PreferredChannel;
}): ContactGap[] {
  if (!c.phone && !c.email) return ['phoneOrEmail'];
  const gaps: ContactGap[] = [];
  if (c.preferredChannel !== 'phone' && !c.email) gaps.push('email');
  if (c.preferredChannel !== 'email' && !c.phone) gaps.push('phone');
  return gaps;
}

/** The channels a contact can prefer with what is on record: a channel needs its address. */
export function possibleChannels(phone: string | null, email: string | null): PreferredChannel[] {
  return [
    ...(phone ? (['phone'] as const) : []),
    ...(email ? (['email'] as const) : []),
    ...(phone && email ? (['both'] as const) : []),
  ];
}

// HD_MAIL_FROM is typed by hand into a configuration file: exactly one sender address, with a
// display name if wanted, and nothing that could add a header line to every message sent.
import { UsageError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';

/** local-part@domain: the dot-atom form (no quoted local parts), a domain of labels. */
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)*[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** A display name: a quoted string, or words without the characters that separate addresses. */
const QUOTED_NAME = /^"(?:[^"\\]|\\.)*"$/;
const SPECIALS = /[<>@,;:"()[\]\\]/;

/** The sender as given, checked; refuses (naming HD_MAIL_FROM) anything but one address. */
export function parseMailFrom(raw: string): string {
  const refuse = (why: MessageKey, vars: Record<string, string> = {}) =>
    new UsageError(`HD_MAIL_FROM=${JSON.stringify(raw)} ${t(why, vars)}. ${t('mailFrom.example')}`);
  if (/[\r\n\u2028\u2029]/.test(raw)) throw refuse('mailFrom.err.lineBreak');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) throw refuse('mailFrom.err.control');
  const value = raw.trim();
  if (!value) throw refuse('mailFrom.err.empty');
  const angle = /^(.*?)\s*<([^<>]*)>$/.exec(value);
  const name = angle ? angle[1]!.trim() : '';
  const address = angle ? angle[2]!.trim() : value;
  if (name && !QUOTED_NAME.test(name) && SPECIALS.test(name)) {
    // A name that opens a quote it never closes (an escaped quote \" does not close it).
    if (name.startsWith('"') && !/^"(?:[^"\\]|\\.)*"/.test(name)) throw refuse('mailFrom.err.unclosed');
    throw refuse(/[,;<>@]/.test(name) ? 'mailFrom.err.several' : 'mailFrom.err.special');
  }
  if (/[,;]/.test(address) || (address.match(/@/g)?.length ?? 0) > 1) throw refuse('mailFrom.err.oneSender');
  if (!ADDRESS.test(address)) throw refuse('mailFrom.err.address', { address: JSON.stringify(address) });
  return value;
}

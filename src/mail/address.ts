// HD_MAIL_FROM is typed by hand into a configuration file: exactly one sender address, with a
// display name if wanted, and nothing that could add a header line to every message sent.
import { UsageError } from '../errors.ts';

const EXAMPLE = 'Write it like hd@example.by or "Helpdesk" <hd@example.by>.';

/** local-part@domain: the dot-atom form (no quoted local parts), a domain of labels. */
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)*[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** A display name: a quoted string, or words without the characters that separate addresses. */
const QUOTED_NAME = /^"(?:[^"\\]|\\.)*"$/;
const SPECIALS = /[<>@,;:"()[\]\\]/;

/** The sender as given, checked; refuses (naming HD_MAIL_FROM) anything but one address. */
export function parseMailFrom(raw: string): string {
  const refuse = (why: string) => new UsageError(`HD_MAIL_FROM=${JSON.stringify(raw)} ${why}. ${EXAMPLE}`);
  if (/[\r\n\u2028\u2029]/.test(raw)) throw refuse('contains a line break');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) throw refuse('contains a control character');
  const value = raw.trim();
  if (!value) throw refuse('is empty');
  const angle = /^(.*?)\s*<([^<>]*)>$/.exec(value);
  const name = angle ? angle[1]!.trim() : '';
  const address = angle ? angle[2]!.trim() : value;
  if (name && !QUOTED_NAME.test(name) && SPECIALS.test(name)) {
    // A name that opens a quote it never closes (an escaped quote \" does not close it).
    if (name.startsWith('"') && !/^"(?:[^"\\]|\\.)*"/.test(name))
      throw refuse('has a display name whose double quote is not closed: end the name with "');
    throw refuse(
      /[,;<>@]/.test(name)
        ? 'holds more than one address (or a display name with a comma: put the name in double quotes)'
        : 'has a display name with special characters: put the name in double quotes',
    );
  }
  if (/[,;]/.test(address) || (address.match(/@/g)?.length ?? 0) > 1)
    throw refuse('holds more than one address; give exactly one sender');
  if (!ADDRESS.test(address)) throw refuse(`has no valid e-mail address (${JSON.stringify(address)})`);
  return value;
}

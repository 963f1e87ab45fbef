import { UsageError } from '../errors.ts';

/** `HD-000123` for people; commands accept that, `hd-123` or plain `123`. */
export function formatTicketNumber(id: number): string {
  return `HD-${String(id).padStart(6, '0')}`;
}

export function parseTicketNumber(text: string): number {
  const match = /^\s*(?:hd-?)?0*(\d{1,12})\s*$/i.exec(text);
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`"${text}" is not a ticket number. Use the form HD-000123 or just 123.`);
  }
  return id;
}

// Numbers for people, in the interface language: Russian writes the decimal comma and groups
// thousands with a no-break space (97,5 %, 1 234 567), English 97.5% and 1,234,567. --json, CSV
// and piped tables keep the plain number (a piped table renders its cells in English). Written
// out rather than with Intl.NumberFormat: ICU's first use costs ~10 ms of a command's start.
import { language } from '../i18n.ts';

const NBSP = '\u00a0';

/** `1234.5` → `1,234.5` / `1 234,5`; `digits` fixes the decimals (toFixed), else as JavaScript prints it. */
export function decimal(n: number, digits?: number): string {
  const ru = language() === 'ru';
  const plain = digits === undefined ? String(n) : n.toFixed(digits);
  const [whole, fraction] = plain.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ru ? NBSP : ',');
  return fraction === undefined ? grouped : `${grouped}${ru ? ',' : '.'}${fraction}`;
}

/** A share in per cent: `97.5%` / `97,5 %` (Russian puts a no-break space before the sign). */
export function percent(n: number): string {
  return language() === 'ru' ? `${decimal(n)}${NBSP}%` : `${decimal(n)}%`;
}

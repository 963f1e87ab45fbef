// What the hd spares commands share: --qty read as a count, a stock line as JSON.
import { UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import type { Spare } from '../../store/spares.ts';

/** --qty: a whole number above 0, or (`signed`) a change like +3 or -2. */
export function quantity(text: string | undefined, signed: boolean): number {
  const n = Number(text);
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim()) || n === 0 || (!signed && n < 0)) {
    throw new UsageError(t(signed ? 'spares.err.qtySigned' : 'spares.err.qty', { text: text ?? '' }));
  }
  return n;
}

export const spareJson = (s: Spare) => ({ ...s, low: s.available < s.minimum });

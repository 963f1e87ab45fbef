// The machinery of the hd open questionnaire: questions walked in order, Back to the last one
// asked, and each prompt's answer checked where it is typed.
import { checkLine, checkText } from '../../domain/limits.ts';
import { GoBack } from '../../ui/prompter.ts';

/** A prompt's answer held to the field's limit: true, or what to fix (the prompt asks again). */
export function fits(value: string, field: string, limit: number, oneLine = false): true | string {
  return holds(() => (oneLine ? checkLine(value, field, limit) : checkText(value, field, limit)));
}

/** A check as a prompt's validate: true, or the refusal's message (the prompt asks again). */
export function holds(check: () => unknown): true | string {
  try {
    check();
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function validateOptional(
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

/** One question of the walk: resolves true if the operator was asked (Back returns to it). */
export type Ask = () => Promise<boolean>;

/** What the current prompt may offer: the back choice and Esc, when there is somewhere to go. */
export interface Nav {
  canBack: boolean;
}

/**
 * Runs the questions in order. GoBack returns to the last question that was asked (questions
 * filled by themselves, such as a client's only service, are passed over); from the first one
 * it leaves the walk when `backOut` (a change made from the summary screen), else asks again.
 */
export async function walk(steps: Ask[], nav: Nav, backOut: boolean): Promise<void> {
  const asked: number[] = [];
  let i = 0;
  while (i < steps.length) {
    nav.canBack = backOut || asked.length > 0;
    try {
      if (await steps[i]!()) asked.push(i);
      i++;
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
      const previous = asked.pop();
      if (previous !== undefined) i = previous;
      else if (backOut) throw error;
    }
  }
}

/** The value of a choice's neutral answer. */
export const NONE = Symbol('none');

import { GoBack, type MayGoBack, type PromptChoice, type Prompter } from '../../src/ui/prompter.ts';

/** What pressing Enter does: the prompt's default (or, in a select, its first choice). */
export const ENTER = Symbol('enter');
/** Esc: back to the previous question, where the prompt offers it; a test fails where it does not. */
export const BACK = Symbol('back');

/**
 * Scripted answers, in order. `ask` must match the question; any other question fails the test.
 * For select/search, a string answer picks the choice whose name contains it; `term` is what the
 * user types into a search prompt.
 */
export interface Step {
  ask: RegExp | string;
  answer: string | boolean | typeof ENTER | typeof BACK | ((choices: PromptChoice<unknown>[]) => unknown);
  term?: string;
  /** A term typed before `term` whose lookup answers only after it (its results are dropped). */
  superseded?: string;
}

export class ScriptedPrompter implements Prompter {
  asked: string[] = [];
  private steps: Step[] = [];

  constructor(steps: Step[]) {
    this.load(steps);
  }

  load(steps: Step[]): void {
    this.steps = [...steps];
    this.asked = [];
    this.selects = [];
    this.searches = [];
  }

  assertDone(): void {
    if (this.steps.length > 0) {
      throw new Error(`questions never asked: ${this.steps.map((s) => String(s.ask)).join(' | ')}`);
    }
  }

  private next(message: string, o: MayGoBack = {}): Step {
    this.asked.push(message);
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected question: "${message}"`);
    const matches = typeof step.ask === 'string' ? message.includes(step.ask) : step.ask.test(message);
    if (!matches)
      throw new Error(`unexpected question: "${message}" (the script expected ${String(step.ask)})`);
    if (step.answer === BACK) {
      if (!o.back) throw new Error(`"${message}" offers no way back, but the script pressed Esc`);
      throw new GoBack();
    }
    return step;
  }

  private pick<T>(step: Step, choices: PromptChoice<T>[], message: string, fallback?: T): T {
    if (typeof step.answer === 'function') return step.answer(choices as PromptChoice<unknown>[]) as T;
    if (step.answer === ENTER) {
      const active = choices.find((c) => fallback !== undefined && c.value === fallback) ?? choices[0];
      if (!active) throw new Error(`"${message}" has no choice to take with Enter`);
      return active.value;
    }
    const found = choices.find(
      (c) => c.value === step.answer || (typeof step.answer === 'string' && c.name.includes(step.answer)),
    );
    if (!found) {
      throw new Error(
        `"${String(step.answer)}" is not a choice of "${message}": ${choices.map((c) => c.name).join(' | ')}`,
      );
    }
    return found.value;
  }

  async input(
    o: {
      message: string;
      default?: string;
      validate?: (value: string) => true | string | Promise<true | string>;
    } & MayGoBack,
  ): Promise<string> {
    const step = this.next(o.message, o);
    const value = step.answer === ENTER ? (o.default ?? '') : String(step.answer);
    const valid = o.validate ? await o.validate(value) : true;
    if (valid !== true) throw new Error(`answer "${value}" to "${o.message}" rejected: ${valid}`);
    return value;
  }

  /** The choices each select offered, in order: what the operator saw (and where Enter lands). */
  selects: { message: string; choices: PromptChoice<unknown>[]; default?: unknown; loop?: boolean }[] = [];

  async select<T>(
    o: { message: string; choices: PromptChoice<T>[]; default?: T; loop?: boolean } & MayGoBack,
  ): Promise<T> {
    // As on a terminal, a select that may go back offers it as its last choice.
    const choices: PromptChoice<T | typeof BACK>[] = o.back
      ? [...o.choices, { value: BACK, name: o.back.label }]
      : o.choices;
    this.selects.push({ message: o.message, choices, default: o.default, loop: o.loop });
    const picked = this.pick(this.next(o.message, o), choices, o.message, o.default);
    if (picked === BACK) throw new GoBack();
    return picked as T;
  }

  /** The choices each search offered and the term it started with (on going back, the last one). */
  searches: { message: string; initialValue?: string; choices: PromptChoice<unknown>[] }[] = [];

  async search<T>(
    o: {
      message: string;
      source: (term: string | undefined, opts?: { signal?: AbortSignal }) => Promise<PromptChoice<T>[]>;
      initialValue?: string;
    } & MayGoBack,
  ): Promise<T> {
    const step = this.next(o.message, o);
    // As on a terminal: the term already in the line stays unless the step types another.
    const choices = await o.source(step.term ?? o.initialValue);
    if (step.superseded !== undefined) {
      const late = new AbortController();
      late.abort(); // as inquirer does when the next key changes the term
      await o.source(step.superseded, { signal: late.signal });
    }
    this.searches.push({ message: o.message, initialValue: o.initialValue, choices });
    return this.pick(step, choices, o.message);
  }

  async confirm(o: { message: string; default?: boolean } & MayGoBack): Promise<boolean> {
    const step = this.next(o.message, o);
    return step.answer === ENTER ? Boolean(o.default) : Boolean(step.answer);
  }

  async editor(o: { message: string }): Promise<string> {
    return String(this.next(o.message).answer);
  }
}

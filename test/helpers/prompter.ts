import type { PromptChoice, Prompter } from '../../src/ui/prompter.ts';

/**
 * Scripted answers, in order. `ask` must match the question; any other question fails the test.
 * For select/search, a string answer picks the choice whose name contains it; `term` is what the
 * user types into a search prompt.
 */
export interface Step {
  ask: RegExp | string;
  answer: string | boolean | ((choices: PromptChoice<unknown>[]) => unknown);
  term?: string;
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
  }

  assertDone(): void {
    if (this.steps.length > 0) {
      throw new Error(`questions never asked: ${this.steps.map((s) => String(s.ask)).join(' | ')}`);
    }
  }

  private next(message: string): Step {
    this.asked.push(message);
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected question: "${message}"`);
    const matches = typeof step.ask === 'string' ? message.includes(step.ask) : step.ask.test(message);
    if (!matches)
      throw new Error(`unexpected question: "${message}" (the script expected ${String(step.ask)})`);
    return step;
  }

  private pick<T>(step: Step, choices: PromptChoice<T>[], message: string): T {
    if (typeof step.answer === 'function') return step.answer(choices as PromptChoice<unknown>[]) as T;
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

  async input(o: {
    message: string;
    default?: string;
    validate?: (value: string) => true | string | Promise<true | string>;
  }): Promise<string> {
    const step = this.next(o.message);
    const value = String(step.answer);
    const valid = o.validate ? await o.validate(value) : true;
    if (valid !== true) throw new Error(`answer "${value}" to "${o.message}" rejected: ${valid}`);
    return value;
  }

  async select<T>(o: { message: string; choices: PromptChoice<T>[] }): Promise<T> {
    return this.pick(this.next(o.message), o.choices, o.message);
  }

  async search<T>(o: {
    message: string;
    source: (term: string | undefined) => Promise<PromptChoice<T>[]>;
  }): Promise<T> {
    const step = this.next(o.message);
    return this.pick(step, await o.source(step.term), o.message);
  }

  async confirm(o: { message: string }): Promise<boolean> {
    return Boolean(this.next(o.message).answer);
  }

  async editor(o: { message: string }): Promise<string> {
    return String(this.next(o.message).answer);
  }
}

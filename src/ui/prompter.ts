// The one place that knows about @inquirer/prompts. Commands talk to the Prompter interface, so
// tests can script answers and fail on any question they did not expect.
import { styleText } from 'node:util';
import { CancelledError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { sanitizeLine } from './text.ts';

export interface PromptChoice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  input(o: {
    message: string;
    default?: string;
    validate?: (value: string) => true | string | Promise<true | string>;
  }): Promise<string>;
  select<T>(o: { message: string; choices: PromptChoice<T>[]; default?: T }): Promise<T>;
  search<T>(o: {
    message: string;
    source: (term: string | undefined) => Promise<PromptChoice<T>[]>;
  }): Promise<T>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  editor(o: { message: string; default?: string }): Promise<string>;
}

function isPromptExit(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

/** Ctrl-C inside any prompt becomes a CancelledError: nothing is saved, exit 130. */
async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (isPromptExit(error)) throw new CancelledError();
    throw error;
  }
}

export async function inquirerPrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<Prompter> {
  const inquirer = await importExternal<typeof import('@inquirer/prompts')>('@inquirer/prompts');
  const context = { input, output, clearPromptOnDone: false } as never;
  // The prompts write to the terminal themselves, past hd's output cleaner: what is typed or
  // pasted (a bidi override, a C1 control) and stored names in choices are cleaned as they are
  // drawn, while typing and on the "✔ question answer" line left behind. The answer itself is
  // returned as typed and checked like a flag's value (cli/validate.ts).
  const echo = (value: string, { isFinal }: { isFinal: boolean }) =>
    isFinal ? styleText('cyan', sanitizeLine(value)) : sanitizeLine(value);
  const named = <T>(choices: PromptChoice<T>[]) =>
    choices.map((c) => ({
      ...c,
      name: sanitizeLine(c.name),
      ...(c.description === undefined ? {} : { description: sanitizeLine(c.description) }),
    }));
  return {
    input: (o) =>
      guard(() =>
        inquirer.input(
          { message: o.message, default: o.default, validate: o.validate, transformer: echo },
          context,
        ),
      ),
    select: (o) =>
      guard(() =>
        inquirer.select(
          { message: o.message, choices: named(o.choices), default: o.default, pageSize: 12 } as never,
          context,
        ),
      ),
    search: (o) =>
      guard(() =>
        inquirer.search(
          {
            message: o.message,
            source: async (term: string | undefined) => named(await o.source(term)),
            pageSize: 10,
          } as never,
          context,
        ),
      ),
    confirm: (o) => guard(() => inquirer.confirm({ message: o.message, default: o.default }, context)),
    editor: (o) =>
      guard(() =>
        inquirer.editor(
          { message: o.message, default: o.default, waitForUserInput: false } as never,
          context,
        ),
      ),
  };
}

// The one place that knows about @inquirer/prompts. Commands talk to the Prompter interface, so
// tests can script answers and fail on any question they did not expect.
import { CancelledError } from '../errors.ts';
import { importExternal } from '../external.ts';

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
  return {
    input: (o) =>
      guard(() => inquirer.input({ message: o.message, default: o.default, validate: o.validate }, context)),
    select: (o) =>
      guard(() =>
        inquirer.select(
          { message: o.message, choices: o.choices, default: o.default, pageSize: 12 } as never,
          context,
        ),
      ),
    search: (o) =>
      guard(() => inquirer.search({ message: o.message, source: o.source, pageSize: 10 } as never, context)),
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

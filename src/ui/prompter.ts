// The one place that knows about @inquirer/prompts. Commands talk to the Prompter interface, so
// tests can script answers and fail on any question they did not expect.
import { styleText } from 'node:util';
import { CancelledError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { type MessageKey, t } from '../i18n.ts';
import { sanitizeLine, truncate, truncateKeepingCode } from './text.ts';

export interface PromptChoice<T> {
  value: T;
  name: string;
  description?: string;
}

/**
 * Asked of a prompt that may step back: Esc (or the back choice of a select) rejects it with
 * GoBack, and the questionnaire returns to the previous question. Without it, Esc does nothing.
 */
export interface MayGoBack {
  back?: { label: string };
}

export interface Prompter {
  input(
    o: {
      message: string;
      default?: string;
      validate?: (value: string) => true | string | Promise<true | string>;
    } & MayGoBack,
  ): Promise<string>;
  /** `loop: false` keeps ↑ on the first choice from wrapping round to the last one. */
  select<T>(
    o: { message: string; choices: PromptChoice<T>[]; default?: T; loop?: boolean } & MayGoBack,
  ): Promise<T>;
  /**
   * `initialValue` is the term already typed (the one an answer was found by, on going back).
   * `signal` is aborted once a newer term is typed: that lookup's answer is dropped, however late.
   */
  search<T>(
    o: {
      message: string;
      source: (term: string | undefined, opts?: { signal?: AbortSignal }) => Promise<PromptChoice<T>[]>;
      initialValue?: string;
      /** Choices end in " · CODE" (a client's contract): shortened, a choice keeps its code whole. */
      keepCode?: boolean;
    } & MayGoBack,
  ): Promise<T>;
  confirm(o: { message: string; default?: boolean } & MayGoBack): Promise<boolean>;
  editor(o: { message: string; default?: string }): Promise<string>;
}

/** The operator stepped back (Esc, or the back choice): not an answer, not a cancel. */
export class GoBack extends Error {
  constructor() {
    super(t('prompt.wentBack'));
    this.name = 'GoBack';
  }
}

/** The value of the back choice a select offers; never a value of the caller's choices. */
const BACK = Symbol('back');

function isPromptExit(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

/**
 * Ctrl-C inside any prompt becomes a CancelledError: nothing is saved, exit 130. With `back`, Esc
 * aborts the prompt through its AbortSignal (inquirer has no key of its own for it) and the
 * abort becomes GoBack.
 */
async function guard<T>(
  input: NodeJS.ReadableStream,
  back: MayGoBack['back'],
  ask: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const esc = back ? new AbortController() : undefined;
  // readline (which every prompt starts) emits a lone Esc as the key "escape", after a short
  // wait that tells it from the start of an arrow key's sequence.
  const onKey = (_: unknown, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') esc?.abort();
  };
  if (esc) input.on('keypress', onKey);
  try {
    return await ask(esc?.signal);
  } catch (error) {
    if (esc?.signal.aborted && (error as Error)?.name === 'AbortPromptError') throw new GoBack();
    if (isPromptExit(error)) throw new CancelledError();
    throw error;
  } finally {
    if (esc) input.removeListener('keypress', onKey);
  }
}

/** inquirer's own words (key hints, yes/no, its errors) in the interface language. */
const KEY_WORDS: Record<string, MessageKey> = { navigate: 'prompt.navigate', select: 'prompt.select' };
const ERRORS: Record<string, MessageKey> = {
  'No results found': 'prompt.noResults',
  'You must provide a valid value': 'prompt.invalid',
};

/**
 * The prompt's theme. With `shorten`, the "✔ question answer" line a prompt leaves behind is kept
 * within the terminal: a long answer (a client's name and contract) is shortened there, kept whole.
 */
function theme(shorten?: (answer: string) => string) {
  return {
    style: {
      ...(shorten ? { answer: (text: string) => styleText('cyan', shorten(text)) } : {}),
      keysHelpTip: (keys: [string, string][]) =>
        keys
          .map(
            ([key, action]) =>
              `${styleText('bold', key)} ${styleText('dim', KEY_WORDS[action] ? t(KEY_WORDS[action]) : action)}`,
          )
          .join(styleText('dim', ' • ')),
      error: (text: string) => styleText('red', `> ${ERRORS[text] ? t(ERRORS[text]) : text}`),
    },
  };
}

function confirmTheme(shorten?: (answer: string) => string) {
  return {
    ...theme(shorten),
    keywords: {
      yes: t('prompt.yes'),
      no: t('prompt.no'),
      error: ({ yes, no }: { yes: string; no: string }) => t('prompt.yesOrNo', { yes, no }),
    },
  };
}

export async function inquirerPrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<Prompter> {
  const inquirer = await importExternal<typeof import('@inquirer/prompts')>('@inquirer/prompts');
  const context = (signal: AbortSignal | undefined) =>
    ({ input, output, clearPromptOnDone: false, signal }) as never;
  // The prompts write to the terminal themselves, past hd's output cleaner: what is typed or
  // pasted (a bidi override, a C1 control) and stored names in choices are cleaned as they are
  // drawn, while typing and on the "✔ question answer" line left behind. The answer itself is
  // returned as typed and checked like a flag's value (cli/validate.ts).
  const columns = () => (output as NodeJS.WriteStream).columns || 80;
  /** An answer shortened to the room its question leaves on the line ("✔ " + question + " "). */
  const fitTo =
    (message: string, keepCode = false) =>
    (answer: string) =>
      (keepCode ? truncateKeepingCode : truncate)(
        answer,
        Math.max(4, columns() - 1 - [...`✔ ${message} `].length),
      );
  const echo =
    (message: string) =>
    (value: string, { isFinal }: { isFinal: boolean }) =>
      isFinal ? styleText('cyan', fitTo(message)(sanitizeLine(value))) : sanitizeLine(value);
  const named = <T>(choices: PromptChoice<T>[], keepCode = false) =>
    choices.map((c) => ({
      ...c,
      // A choice on one line of the terminal ("❯ " before it), its description under the list.
      name: (keepCode ? truncateKeepingCode : truncate)(sanitizeLine(c.name), columns() - 3),
      ...(c.description === undefined
        ? {}
        : { description: truncate(sanitizeLine(c.description), columns() - 1) }),
    }));
  return {
    input: (o) =>
      guard(input, o.back, (signal) =>
        inquirer.input(
          {
            message: o.message,
            default: o.default,
            validate: o.validate,
            transformer: echo(o.message),
            theme: theme(),
          },
          context(signal),
        ),
      ),
    select: async <T>(o: Parameters<Prompter['select']>[0] & { choices: PromptChoice<T>[] }) => {
      const choices: PromptChoice<T | typeof BACK>[] = [...o.choices];
      if (o.back) choices.push({ value: BACK, name: o.back.label });
      const picked = await guard(input, o.back, (signal) =>
        inquirer.select(
          {
            message: o.message,
            choices: named(choices),
            default: o.default,
            loop: o.loop ?? true,
            pageSize: 12,
            theme: theme(fitTo(o.message)),
          } as never,
          context(signal),
        ),
      );
      if (picked === BACK) throw new GoBack();
      return picked as T;
    },
    search: (o) =>
      guard(input, o.back, (signal) =>
        inquirer.search(
          {
            message: o.message,
            source: async (term: string | undefined, opts?: { signal?: AbortSignal }) =>
              named(await o.source(term, opts), o.keepCode),
            ...(o.initialValue ? { initialValue: o.initialValue } : {}),
            pageSize: 10,
            theme: theme(fitTo(o.message, o.keepCode)),
          } as never,
          context(signal),
        ),
      ),
    confirm: (o) =>
      guard(input, o.back, (signal) =>
        inquirer.confirm(
          { message: o.message, default: o.default, theme: confirmTheme(fitTo(o.message)) },
          context(signal),
        ),
      ),
    editor: (o) =>
      guard(input, undefined, (signal) =>
        inquirer.editor(
          { message: o.message, default: o.default, waitForUserInput: false } as never,
          context(signal),
        ),
      ),
  };
}

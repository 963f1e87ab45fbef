// Shell completion (issue 15, point 7): `hd completion bash|zsh` prints a script; the script asks
// `hd __complete WORD…` for the candidates of the last word. Commands and flags come from the
// commander tree (so a new command completes without touching this file); ticket numbers, client
// references, zones, profiles, engineers and SKUs from the database, one small read each.
import type { Argument, Command, Option } from 'commander';
import type { Context } from '../context.ts';
import { formatJobNumber } from '../domain/field-job.ts';
import { PRIORITIES, STATUSES } from '../domain/types.ts';
import type { Queryable } from '../store/port.ts';

type Source = (q: Queryable, current: string) => Promise<string[]>;

const store = () => import('../store/completion.ts');

/** Database sources, by the name of an argument (`<ticket>`) or of a flag's value (`--zone <zone>`). */
const SOURCES: Record<string, Source> = {
  ticket: async (q, current) => {
    const digits = /^\d+$/.test(current) ? current : '';
    const ids = await (await store()).openTicketIds(q, digits);
    return ids.map((id) => (digits ? String(id) : `HD-${String(id).padStart(6, '0')}`));
  },
  client: async (q) => (await store()).clientReferences(q),
  zone: async (q) => (await store()).zoneCodes(q),
  profile: async (q) => (await store()).profileNames(q),
  engineer: async (q) => (await store()).engineerNames(q),
  name: async (q) => (await store()).engineerNames(q),
  sku: async (q) => (await store()).spareSkus(q),
  depot: async (q) => (await store()).depotNames(q),
  job: async (q) => (await store()).openJobIds(q).then((ids) => ids.map(formatJobNumber)),
};

/** A command's own source for an argument whose name means something else elsewhere. */
const BY_COMMAND: Record<string, Source> = {
  'token revoke name': async (q) => (await store()).tokenNames(q),
};

/** Fixed values, where neither the flag (`<a|b>`) nor its description (`a | b`) lists them. */
const FIXED: Record<string, readonly string[]> = {
  priority: PRIORITIES,
  status: STATUSES,
  outages: ['include', 'exclude', 'only'],
  format: ['tmf621'],
};

/** The values a flag's placeholder lists: `--via <phone|email>` → phone, email. */
function placeholderValues(flags: string): string[] {
  const match = /<([\w.-]+(?:\|[\w.-]+)+)>/.exec(flags);
  return match ? match[1]!.split('|') : [];
}

/** `token revoke` for the revoke command under token. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** "test | action | call | note" or "… : reached | no-answer | busy" in a help text: those values. */
export function listedValues(description: string): string[] {
  const match = /([\w.-]+(?: \| [\w.-]+)+)/.exec(description);
  return match ? match[1]!.split(' | ') : [];
}

const GLOBAL_FLAGS = ['--db', '--no-input', '--no-color', '--help', '--version'];

function subcommands(command: Command): Command[] {
  return command.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
}

function findOption(command: Command, flag: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const found = c.options.find((o) => o.long === flag || o.short === flag);
    if (found) return found;
  }
  return undefined;
}

/** The candidates for the last of `words` (the words after `hd`; the last may be empty). */
export async function complete(program: Command, words: string[], ctx: Context): Promise<string[]> {
  const current = words.at(-1) ?? '';
  let command = program;
  let positional = 0;
  let awaiting: Option | undefined;
  for (const word of words.slice(0, -1)) {
    if (awaiting) {
      awaiting = undefined;
      continue;
    }
    if (word === '--') continue;
    if (word.startsWith('-')) {
      const option = findOption(command, word.split('=')[0]!);
      if (option && (option.required || option.optional) && !word.includes('=')) awaiting = option;
      continue;
    }
    const sub =
      positional === 0
        ? subcommands(command).find((c) => c.name() === word || c.aliases().includes(word))
        : undefined;
    if (sub) {
      command = sub;
      continue;
    }
    positional++;
  }
  const candidates = await candidatesFor(command, awaiting, positional, current, ctx);
  return [...new Set(candidates)].filter((c) => c.startsWith(current));
}

async function candidatesFor(
  command: Command,
  awaiting: Option | undefined,
  positional: number,
  current: string,
  ctx: Context,
): Promise<string[]> {
  if (awaiting) {
    const listed = placeholderValues(awaiting.flags);
    if (listed.length > 0) return listed;
    return valuesFor(awaiting.attributeName(), awaiting.argChoices, awaiting.description, current, ctx);
  }
  if (current.startsWith('-')) {
    const own = command.options.filter((o) => !o.hidden).flatMap((o) => (o.long ? [o.long] : []));
    return [...own, ...GLOBAL_FLAGS];
  }
  const subs = positional === 0 ? subcommands(command).map((c) => c.name()) : [];
  if (subs.length > 0) return subs;
  const args = command.registeredArguments;
  const argument: Argument | undefined =
    args[positional] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  if (!argument) return [];
  const own = BY_COMMAND[`${pathOf(command)} ${argument.name()}`];
  return valuesFor(argument.name(), argument.argChoices, argument.description, current, ctx, own);
}

async function valuesFor(
  name: string,
  choices: string[] | undefined,
  description: string,
  current: string,
  ctx: Context,
  own?: Source,
): Promise<string[]> {
  if (choices) return choices;
  const listed = listedValues(description);
  if (listed.length > 0) return listed;
  if (FIXED[name]) return [...FIXED[name]];
  const source = own ?? SOURCES[name];
  if (!source) return [];
  // Never create, migrate or fill a database by pressing Tab: one that is not there (a file, or a
  // central database without hd's schema) has nothing to offer.
  if (ctx.dbPath === ':memory:') return source(await ctx.store(), current);
  const { openExisting } = await import('../setup.ts');
  const store = await openExisting(ctx.dbPath, {
    stderr: ctx.io.stderr,
    env: ctx.env,
    now: ctx.now().getTime(),
  });
  if (!store) return [];
  try {
    return await source(store, current);
  } finally {
    await store.close();
  }
}

/** The bash script: `eval "$(hd completion bash)"` in ~/.bashrc. */
export function bashScript(): string {
  return `# hd completion for bash. Load it with:  eval "$(hd completion bash)"   (e.g. in ~/.bashrc)
# Candidates with spaces ("Ivan Petrov") are inserted escaped (Ivan\\ Petrov), or as they are after
# an opening quote ('Iv<Tab> → 'Ivan Petrov'); the word being typed reaches hd without its quoting.
_hd_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" quoted= c q cands
  case $cur in
    [\\'\\"]*) quoted=1; cur="\${cur:1}" ;;
    *) cur="\${cur//\\\\/}" ;;
  esac
  local words=("\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur")
  COMPREPLY=()
  mapfile -t cands < <("\${COMP_WORDS[0]}" __complete "\${words[@]}" 2>/dev/null)
  for c in "\${cands[@]}"; do
    if [[ -n $quoted ]]; then COMPREPLY+=("$c"); continue; fi
    printf -v q '%q' "$c"
    [[ $q == \\$\\'* ]] && q="\${c// /\\\\ }"
    COMPREPLY+=("$q")
  done
}
complete -o default -F _hd_complete hd
`;
}

/** The zsh script: `eval "$(hd completion zsh)"` in ~/.zshrc (after compinit). */
export function zshScript(): string {
  return `#compdef hd
# hd completion for zsh. Load it with:  eval "$(hd completion zsh)"   (in ~/.zshrc, after compinit)
_hd() {
  local -a candidates
  candidates=("\${(@f)$("\${words[1]}" __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- "\${candidates[@]}"
}
compdef _hd hd
`;
}

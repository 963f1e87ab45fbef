// Commander wiring: global options, every command unit (src/cli/commands.ts lists them; each
// lives in src/commands/), and usage errors in the interface language.
import { Command, CommanderError } from 'commander';
import { mountCommands } from './cli/commands.ts';
import { examples, translateHelp, usageMessage } from './cli/help.ts';
import type { Mount } from './cli/shared.ts';
import { checkInput } from './cli/validate.ts';
import { isGroup, Parsed } from './commands/unit.ts';
import type { Context } from './context.ts';
import { UsageError } from './errors.ts';
import { setLanguage, t } from './i18n.ts';
import type { GlobalOptions } from './main.ts';

export async function runCli(argvTyped: string[], makeContext: (g: GlobalOptions) => Context): Promise<void> {
  // `hd help sla report` is `hd sla report --help` (commander's help command reads one word).
  const argv =
    argvTyped[0] === 'help' && argvTyped.length > 2 && argvTyped.slice(1).every((w) => !w.startsWith('-'))
      ? [...argvTyped.slice(1), '--help']
      : argvTyped;
  const program = new Command('hd');
  let ctx: Context | undefined;
  const context = () => {
    ctx ??= makeContext(program.opts() as GlobalOptions);
    return ctx;
  };

  /** Declares a command unit under `parent` and runs it with its typed options (src/commands/unit.ts). */
  const mount: Mount = (parent, u) => {
    if (isGroup(u)) {
      const group = u.declare(parent);
      for (const member of u.units) mount(group, member);
      group.hook('preSubcommand', refuseMistypedDefault);
      return;
    }
    u.declare(parent).action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      refuseMistypedSubcommand(command);
      const flags = command.optsWithGlobals();
      checkInput(command, flags);
      await u.run(u.options(new Parsed(flags, command.processedArgs)), context());
    });
  };

  // Help in the interface language; the completion scripts read flag values listed in the English
  // help ("down | degraded"), so `hd __complete` declares the commands in English.
  if (argv[0] === '__complete') setLanguage('en');
  translateHelp(program);
  program
    .description(t('hd.describe'))
    .version('0.1.0', '-V, --version', t('help.version'))
    .option('--db <path>', t('hd.opt.db'))
    .option('--no-input', t('hd.opt.noInput'))
    .option('--no-color', t('hd.opt.noColor'))
    .addHelpText(
      'after',
      `\n${t('hd.environment')}\n${examples('hd init --demo', 'hd open', 'hd list', 'hd show HD-000123', 'hd sla --overdue')}`,
    );

  await mountCommands(program, mount, argv[0] === '__complete' ? undefined : firstWord(argv));

  const groupHelp: string[] = [];
  const output = {
    writeOut: (text: string) => context().io.stdout.write(text),
    // Help wraps to the terminal (80 columns when piped, as commander does).
    getOutHelpWidth: () => (context().io.isTerminal ? context().io.columns : 80),
    // Usage errors are rethrown below as UsageError, so main.ts prints them like every other error;
    // what else commander writes to stderr is a group's help, when no subcommand was named.
    writeErr: (text: string) => groupHelp.push(text),
  };
  // Subcommands copy these settings when created, so set them on every command explicitly.
  for (const command of [program, ...allCommands(program)]) {
    // A command that runs on its own and has subcommands (`hd sla`, `hd dispatch`): `hd sla help
    // report` is help, and a word it takes no argument for reaches its action, which tells a
    // mistyped subcommand (refuseMistypedSubcommand) instead of commander's "too many arguments".
    if (command.commands.length > 0 && runsOnItsOwn(command))
      command.helpCommand('help [command]', t('help.command')).allowExcessArguments(true);
    command.exitOverride();
    command.configureOutput(output);
  }
  // The completion scripts ask for the candidates of the word being typed (src/cli/completion.ts).
  if (argv[0] === '__complete') {
    const { complete } = await import('./cli/completion.ts');
    const found = await complete(program, argv.slice(1), context());
    context().io.stdout.write(found.map((c) => `${c}\n`).join(''));
    return;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return;
      // `hd client`: the group's help, then what is missing.
      if (error.code === 'commander.help') {
        context().io.stderr.write(groupHelp.join(''));
        throw new UsageError(t('usage.subcommand'));
      }
      // The help of the command typed, down to its subcommand (`hd sla report --help`), if it is
      // one: `hd bogus` points to hd --help, not to `hd bogus --help`, which would fail the same way.
      throw new UsageError(
        `${usageMessage(error)} ${t('help.seeHelp', { command: commandTyped(program, argv) })}`,
      );
    }
    throw error;
  }
}

/** True for a command with an action of its own (`hd sla`), not a group's (`hd client`). */
function runsOnItsOwn(command: Command): boolean {
  return (command as unknown as { _actionHandler: unknown })._actionHandler != null;
}

/** commander's "unknown command 'reprot' (Did you mean report?)" for the first word of `command`. */
function unknownCommand(command: Command): never {
  (command as unknown as { unknownCommand(): void }).unknownCommand();
  throw new Error('unreachable: commander.unknownCommand returns only by throwing');
}

/**
 * `hd sla reprot`, `hd dispatch updat`: the word is a mistyped subcommand when the command takes
 * no argument, or takes a ticket or job number and the word has no digit in it (every ticket and
 * job number has one). Else the arguments are counted as commander counts them.
 */
function refuseMistypedSubcommand(command: Command): void {
  if (command.commands.length === 0 || command.args.length === 0) return;
  const declared = command.registeredArguments;
  if (declared.length === 0 || !/\d/.test(command.args[0]!)) unknownCommand(command);
  if (!declared.at(-1)!.variadic && command.args.length > declared.length) {
    const s = declared.length === 1 ? '' : 's';
    command.error(
      `error: too many arguments for '${command.name()}'. Expected ${declared.length} argument${s} but got ${command.args.length}.`,
      { code: 'commander.excessArguments' },
    );
  }
}

/**
 * `hd outbox snd`: a group with a default subcommand (`hd outbox` lists) hands the words it does
 * not know to that subcommand; when it takes no arguments, the word was a mistyped subcommand.
 */
function refuseMistypedDefault(group: Command, sub: Command): void {
  const word = group.args[0];
  if (word === undefined || word.startsWith('-') || sub.name() === word || sub.aliases().includes(word))
    return;
  if (sub.registeredArguments.length === 0) unknownCommand(group);
}

/** `hd sla report` for `sla report --by foo`: the words of argv that name commands, from the top. */
function commandTyped(program: Command, argv: readonly string[]): string {
  const path = ['hd'];
  let at = program;
  for (const [i, word] of argv.entries()) {
    if (word.startsWith('-')) continue;
    const sub = at.commands.find((c) => c.name() === word || c.aliases().includes(word));
    // Before the first command a word may be a global flag's value (`--db x`); else an argument.
    if (!sub) {
      if (at === program && argv[i - 1]?.startsWith('-')) continue;
      break;
    }
    path.push(sub.name());
    at = sub;
  }
  return path.join(' ');
}

/** The first word of argv that is not a flag or the value of the global `--db` (`--db x list` → list). */
function firstWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') i++;
    else if (!argv[i]!.startsWith('-')) return argv[i];
  }
  return undefined;
}

function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

// argv → a command unit's typed options, with nothing run: the first of the two test layers of
// ../shared/docs/style.md (GitHub CLI). Errors are what the user would see (UsageError …).
import { Command, CommanderError } from 'commander';
import { type CommandUnit, Parsed } from '../../src/commands/unit.ts';
import { UsageError } from '../../src/errors.ts';

export async function optionsOf<O>(u: CommandUnit<O>, argv: string[]): Promise<O> {
  const program = new Command('hd')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  program.option('--db <path>').option('--no-input').option('--no-color');
  let parsed: O | undefined;
  u.declare(program)
    .exitOverride()
    .action((...args: unknown[]) => {
      const command = args.at(-1) as Command;
      parsed = u.options(new Parsed(command.optsWithGlobals(), command.processedArgs));
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw new UsageError(error.message);
    throw error;
  }
  if (parsed === undefined) throw new Error(`${argv.join(' ')} did not reach the command`);
  return parsed;
}

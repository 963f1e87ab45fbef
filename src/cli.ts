// Commander wiring: global options, the command groups (src/cli/*.ts: flags, help text with
// examples, a lazy import of the module that runs each command), and usage errors.
import { Command, CommanderError } from 'commander';
import { defineAuditCommands } from './cli/audit.ts';
import { defineClientCommands } from './cli/clients.ts';
import { defineCompletionCommand, defineDbCommands } from './cli/db.ts';
import { defineFieldCommands } from './cli/field.ts';
import { defineLifecycleCommands } from './cli/lifecycle.ts';
import { defineNotifyCommands } from './cli/notify.ts';
import { defineOutageCommands } from './cli/outage.ts';
import { defineOutageCascadeCommands } from './cli/outage-cascade.ts';
import { defineServeCommands } from './cli/serve.ts';
import { type Action, examples, type Runner } from './cli/shared.ts';
import { defineSlaCommands } from './cli/sla.ts';
import { defineTicketCommands } from './cli/tickets.ts';
import { defineTmfCommands } from './cli/tmf.ts';
import { checkInput } from './cli/validate.ts';
import type { Context } from './context.ts';
import { UsageError } from './errors.ts';
import type { GlobalOptions } from './main.ts';

export async function runCli(argv: string[], makeContext: (g: GlobalOptions) => Context): Promise<void> {
  const program = new Command('hd');
  let ctx: Context | undefined;
  const context = () => {
    ctx ??= makeContext(program.opts() as GlobalOptions);
    return ctx;
  };

  /** Runs a command module's exported function, loaded only when the command is used. */
  const action: Action =
    (load: () => Promise<Runner>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      // Merged with the parents' options: commander gives `hd sla report --json` to `sla`.
      const opts = command.optsWithGlobals();
      checkInput(command, opts);
      const positional = command.processedArgs.filter((a) => a !== undefined).flat() as string[];
      const run = await load();
      await run(positional, opts, context());
    };

  program
    .description('Trouble tickets for a 24x7 telecom helpdesk: take the call, log the work, keep the SLA.')
    .version('0.1.0', '-V, --version')
    .option('--db <path>', 'database file or postgres:// URL (default: $HD_DB or ~/.local/share/hd/hd.db)')
    .option('--no-input', 'never prompt; a missing value is an error naming its flag')
    .option('--no-color', 'plain output even on a terminal')
    .addHelpText(
      'after',
      `
Environment:
  HD_DB        file or postgres:// URL  HD_OPERATOR  your name on every event (default: OS user)
  HD_TZ        time zone for display    HD_NOW       fixed "now" (ISO), for training and tests
  HD_DEBUG=1   stack traces on errors   NO_COLOR / FORCE_COLOR  colour control
  HD_LANG      ru or en (else from LANG: ru_* is Russian; dates then 25.11.2026 14:00)
  HD_SMTP_URL  smtp://host:587 or smtps://user:pass@host:465 (else e-mail waits in the outbox)
  HD_SMTP_USER, HD_SMTP_PASS, HD_MAIL_FROM  SMTP login and sender
${examples('hd init --demo', 'hd open', 'hd list', 'hd show HD-000123', 'hd sla --overdue')}`,
    );

  defineClientCommands(program, action);
  defineTicketCommands(program, action);
  defineLifecycleCommands(program, action);
  defineSlaCommands(program, action);
  defineFieldCommands(program, action);
  defineNotifyCommands(program, action);
  defineOutageCommands(program, action);
  defineOutageCascadeCommands(program, action);
  defineAuditCommands(program, action);
  defineDbCommands(program, action);
  defineServeCommands(program, action);
  defineTmfCommands(program, action);
  defineCompletionCommand(program, action);

  const output = {
    writeOut: (text: string) => context().io.stdout.write(text),
    // Usage errors are rethrown below as UsageError, so main.ts prints them like every other error.
    writeErr: () => {},
  };
  // Subcommands copy these settings when created, so set them on every command explicitly.
  for (const command of [program, ...allCommands(program)]) {
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
      // The help of the command typed, if it is one: `hd bogus` points to hd --help, not to
      // `hd bogus --help`, which would fail the same way.
      const first = argv.find((a) => !a.startsWith('-')) ?? '';
      const known = program.commands.some((c) => c.name() === first || c.aliases().includes(first));
      const command = known ? first : '';
      throw new UsageError(
        `${error.message.replace(/^error: /, '')} (see hd ${command} --help)`.replace('hd  --', 'hd --'),
      );
    }
    throw error;
  }
}

function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

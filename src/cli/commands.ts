// Every command of hd, in the order `hd --help` lists them. Each is a unit (src/commands/unit.ts):
// its flags, typed options and run function live in its own file under src/commands/.
import type { Command } from 'commander';
import type { CommandGroup, CommandUnit } from '../commands/unit.ts';
import type { Mount } from './shared.ts';

// biome-ignore lint/suspicious/noExplicitAny: a list of units of different option types
type AnyUnit = CommandUnit<any> | CommandGroup;

/** A command's unit, then its subcommands' (`hd sla report`), loaded when the command is declared. */
type Load = () => Promise<readonly [AnyUnit, ...AnyUnit[]]>;

/**
 * Every command by the name typed, in the order `hd --help` lists them, each with the import of
 * its unit: a run initialises only the modules of the command typed (in the bundle, esbuild keeps
 * an imported module's top level in a function run on first import), so `hd list` neither runs
 * nor compiles the other forty commands' code, their libraries and their constants.
 */
export const COMMANDS: readonly (readonly [string, Load])[] = [
  // Taking the call and finding tickets.
  ['init', () => import('../commands/init.ts').then((m) => [m.init])],
  ['client', () => import('../commands/client/index.ts').then((m) => [m.client])],
  ['open', () => import('../commands/open.ts').then((m) => [m.open])],
  ['show', () => import('../commands/show.ts').then((m) => [m.show])],
  ['list', () => import('../commands/list.ts').then((m) => [m.list])],
  ['search', () => import('../commands/search.ts').then((m) => [m.search])],
  // Working a ticket.
  ['log', () => import('../commands/log.ts').then((m) => [m.log])],
  ['zone', () => import('../commands/zone.ts').then((m) => [m.zone])],
  ['take', () => import('../commands/take.ts').then((m) => [m.take])],
  ['assign', () => import('../commands/assign.ts').then((m) => [m.assign])],
  ['pending', () => import('../commands/pending.ts').then((m) => [m.pending])],
  ['resume', () => import('../commands/resume.ts').then((m) => [m.resume])],
  ['eta', () => import('../commands/eta.ts').then((m) => [m.eta])],
  ['extend', () => import('../commands/extend.ts').then((m) => [m.extend])],
  ['resolve', () => import('../commands/resolve.ts').then((m) => [m.resolve])],
  ['close', () => import('../commands/close.ts').then((m) => [m.close])],
  ['reopen', () => import('../commands/reopen.ts').then((m) => [m.reopen])],
  ['cancel', () => import('../commands/cancel.ts').then((m) => [m.cancel])],
  // Deadlines and the shift.
  [
    'sla',
    () =>
      Promise.all([import('../commands/sla.ts'), import('../commands/report.ts')]).then(([a, b]) => [
        a.sla,
        b.report,
      ]),
  ],
  ['handover', () => import('../commands/handover.ts').then((m) => [m.handover])],
  ['rules', () => import('../commands/rules/index.ts').then((m) => [m.rules])],
  ['priority', () => import('../commands/priority.ts').then((m) => [m.priority])],
  ['engineer', () => import('../commands/engineer/index.ts').then((m) => [m.engineer])],
  [
    'dispatch',
    () => import('../commands/dispatch/index.ts').then((m) => [m.dispatch, m.dispatchUpdate, m.dispatchList]),
  ],
  ['replace', () => import('../commands/replace.ts').then((m) => [m.replace])],
  ['spares', () => import('../commands/spares/index.ts').then((m) => [m.spares])],
  ['notify', () => import('../commands/notify.ts').then((m) => [m.notify])],
  ['outbox', () => import('../commands/outbox/index.ts').then((m) => [m.outbox])],
  ['outage', () => import('../commands/outage/index.ts').then((m) => [m.outage])],
  ['verify', () => import('../commands/verify.ts').then((m) => [m.verify])],
  ['db', () => import('../commands/db/index.ts').then((m) => [m.db])],
  ['agent', () => import('../commands/agent/index.ts').then((m) => [m.agent])],
  ['serve', () => import('../commands/serve.ts').then((m) => [m.serve])],
  ['token', () => import('../commands/token/index.ts').then((m) => [m.token])],
  ['export', () => import('../commands/tmf-units.ts').then((m) => [m.exportTickets])],
  ['import', () => import('../commands/tmf-units.ts').then((m) => [m.importTickets])],
  ['completion', () => import('../commands/completion.ts').then((m) => [m.completion])],
];

/**
 * Declares the commands: only `typed` when it names one (a command run declares itself alone, not
 * the 40-odd others with their translated help), else all of them (`hd --help`, `hd help`, a
 * mistyped command that commander suggests a name for).
 */
export async function mountCommands(program: Command, mount: Mount, typed?: string): Promise<void> {
  const one = COMMANDS.find(([name]) => name === typed);
  const chosen = one ? [one] : COMMANDS;
  const loaded = await Promise.all(chosen.map(([, load]) => load()));
  for (const [unit, ...subcommands] of loaded) {
    mount(program, unit);
    const parent = program.commands.at(-1)!;
    for (const sub of subcommands) mount(parent, sub);
  }
}

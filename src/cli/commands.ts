// Every command of hd, in the order `hd --help` lists them. Each is a unit (src/commands/unit.ts):
// its flags, typed options and run function live in its own file under src/commands/.
import type { Command } from 'commander';
import { agent } from '../commands/agent/index.ts';
import { assign } from '../commands/assign.ts';
import { cancel } from '../commands/cancel.ts';
import { client } from '../commands/client/index.ts';
import { close } from '../commands/close.ts';
import { completion } from '../commands/completion.ts';
import { db } from '../commands/db/index.ts';
import { dispatch, dispatchList, dispatchUpdate } from '../commands/dispatch/index.ts';
import { engineer } from '../commands/engineer/index.ts';
import { eta } from '../commands/eta.ts';
import { extend } from '../commands/extend.ts';
import { handover } from '../commands/handover.ts';
import { init } from '../commands/init.ts';
import { list } from '../commands/list.ts';
import { log } from '../commands/log.ts';
import { notify } from '../commands/notify.ts';
import { open } from '../commands/open.ts';
import { outage } from '../commands/outage/index.ts';
import { outbox } from '../commands/outbox/index.ts';
import { pending } from '../commands/pending.ts';
import { priority } from '../commands/priority.ts';
import { reopen } from '../commands/reopen.ts';
import { replace } from '../commands/replace.ts';
import { report } from '../commands/report.ts';
import { resolve } from '../commands/resolve.ts';
import { resume } from '../commands/resume.ts';
import { rules } from '../commands/rules/index.ts';
import { search } from '../commands/search.ts';
import { serve } from '../commands/serve.ts';
import { show } from '../commands/show.ts';
import { sla } from '../commands/sla.ts';
import { spares } from '../commands/spares/index.ts';
import { take } from '../commands/take.ts';
import { exportTickets, importTickets } from '../commands/tmf-units.ts';
import { token } from '../commands/token/index.ts';
import type { CommandGroup, CommandUnit } from '../commands/unit.ts';
import { verify } from '../commands/verify.ts';
import { zone } from '../commands/zone.ts';
import type { Mount } from './shared.ts';

// biome-ignore lint/suspicious/noExplicitAny: a list of units of different option types
type AnyUnit = CommandUnit<any> | CommandGroup;

/**
 * Every command by the name typed, in the order `hd --help` lists them; a command that runs on its
 * own may have subcommands after it (`hd sla report`, `hd dispatch update|list`).
 */
export const COMMANDS: readonly (readonly [string, AnyUnit, ...AnyUnit[]])[] = [
  // Taking the call and finding tickets.
  ['init', init],
  ['client', client],
  ['open', open],
  ['show', show],
  ['list', list],
  ['search', search],
  // Working a ticket.
  ['log', log],
  ['zone', zone],
  ['take', take],
  ['assign', assign],
  ['pending', pending],
  ['resume', resume],
  ['eta', eta],
  ['extend', extend],
  ['resolve', resolve],
  ['close', close],
  ['reopen', reopen],
  ['cancel', cancel],
  // Deadlines and the shift.
  ['sla', sla, report],
  ['handover', handover],
  ['rules', rules],
  ['priority', priority],
  ['engineer', engineer],
  ['dispatch', dispatch, dispatchUpdate, dispatchList],
  ['replace', replace],
  ['spares', spares],
  ['notify', notify],
  ['outbox', outbox],
  ['outage', outage],
  ['verify', verify],
  ['db', db],
  ['agent', agent],
  ['serve', serve],
  ['token', token],
  ['export', exportTickets],
  ['import', importTickets],
  ['completion', completion],
];

/**
 * Declares the commands: only `typed` when it names one (a command run declares itself alone, not
 * the 40-odd others with their translated help: a few milliseconds of every run), else all of
 * them (`hd --help`, `hd help`, a mistyped command that commander suggests a name for).
 */
export function mountCommands(program: Command, mount: Mount, typed?: string): void {
  const one = COMMANDS.find(([name]) => name === typed);
  for (const [, unit, ...subcommands] of one ? [one] : COMMANDS) {
    mount(program, unit);
    const parent = program.commands.at(-1)!;
    for (const sub of subcommands) mount(parent, sub);
  }
}

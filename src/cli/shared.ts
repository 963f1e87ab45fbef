// What every part of the CLI wiring uses.
import type { Command } from 'commander';
import type { CommandGroup, CommandUnit } from '../commands/unit.ts';
import type { Context } from '../context.ts';

export type Opts = Record<string, unknown>;
export type Runner = (args: string[], opts: Opts, ctx: Context) => Promise<void>;
/** Declares a command unit (or a group of them) under a parent command and wires its run function. */
// biome-ignore lint/suspicious/noExplicitAny: units of every option type mount the same way
export type Mount = (parent: Command, unit: CommandUnit<any> | CommandGroup) => void;
/** Wraps a command module's run function, loaded only when the command is used. */
export type Action = (load: () => Promise<Runner>) => (...args: unknown[]) => Promise<void>;

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * All command modules load together, once, when a command runs: one chunk compiles faster than
 * two dozen small ones. Heavy libraries (inquirer, nodemailer, date-holidays, libphonenumber,
 * pg, fastify) stay out of it, loaded only by the code that needs them.
 */
export const commands = () => import('../commands/index.ts');

export { examples } from './help.ts';

// What every part of the CLI wiring uses.
import type { Command } from 'commander';
import type { CommandGroup, CommandUnit } from '../commands/unit.ts';

/** Declares a command unit (or a group of them) under a parent command and wires its run function. */
// biome-ignore lint/suspicious/noExplicitAny: units of every option type mount the same way
export type Mount = (parent: Command, unit: CommandUnit<any> | CommandGroup) => void;
export const collect = (value: string, previous: string[] = []) => [...previous, value];

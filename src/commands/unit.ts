// A command unit (issue 15, point 9; ../shared/docs/architecture.md): one command's commander
// declaration, its typed options and its run function, in one file. src/cli.ts mounts the units;
// `options` is the one place a flag is read, so the run function takes a typed struct, never the
// `Record<string, unknown>` commander hands over.
import type { Command } from 'commander';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';

/** What commander parsed for one command: positional arguments and flags (the parents' included). */
export class Parsed {
  constructor(
    private readonly flags: Readonly<Record<string, unknown>>,
    private readonly positional: readonly unknown[] = [],
  ) {}

  /** A flag's value as typed, or undefined when it was not given (`--client ACME` → "ACME"). */
  text(name: string): string | undefined {
    const value = this.flags[name];
    if (value === undefined || value === false) return undefined;
    if (typeof value !== 'string') throw new UsageError(`--${kebab(name)} needs a value.`);
    return value;
  }

  /** A switch: true when given (`--json`), or the value of a `--no-…` pair (`--no-notify` → false). */
  flag(name: string): boolean {
    return this.flags[name] === true;
  }

  /** A repeatable flag's values, in the order typed (`--answer a=1 --answer b=2`). */
  list(name: string): string[] {
    const value = this.flags[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  }

  /** The positional argument at `index`, or undefined. */
  arg(index: number): string | undefined {
    const value = this.positional[index];
    return typeof value === 'string' ? value : undefined;
  }

  /** A variadic positional argument (`<text...>`) at `index`: every word, in order. */
  words(index: number): string[] {
    const value = this.positional[index];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  }
}

export interface CommandUnit<O> {
  /** Declares the command under `parent`: name, arguments, flags and help, in the interface language. */
  declare(parent: Command): Command;
  /** The parsed command line → the typed options. No side effects: tested on its own. */
  options(input: Parsed): O;
  /** Does the work. */
  run(opts: O, ctx: Context): Promise<void>;
}

/** A command with subcommands (`hd client add|list|…`): the group's own declaration, then its units. */
export interface CommandGroup {
  declare(parent: Command): Command;
  // biome-ignore lint/suspicious/noExplicitAny: a group holds units of different option types
  units: readonly (CommandUnit<any> | CommandGroup)[];
}

/** Identity, for the type checker: `export const show = unit<ShowOptions>({ … })`. */
export const unit = <O>(u: CommandUnit<O>): CommandUnit<O> => u;

export const isGroup = (u: CommandUnit<unknown> | CommandGroup): u is CommandGroup => 'units' in u;

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

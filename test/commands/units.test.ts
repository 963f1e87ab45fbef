// Command units: argv → typed options, nothing run (src/commands/unit.ts).
import { describe, expect, it } from 'vitest';
import { show } from '../../src/commands/show.ts';
import { UsageError } from '../../src/errors.ts';
import { optionsOf } from '../helpers/unit.ts';

describe('command units read the command line into typed options', () => {
  it('hd show: the ticket number in either form, and --json', async () => {
    expect(await optionsOf(show, ['show', 'HD-000123'])).toEqual({ ticket: 123, json: false });
    expect(await optionsOf(show, ['show', '7', '--json'])).toEqual({ ticket: 7, json: true });
  });

  it('hd show: a ticket number that is not one, or none, is a usage error', async () => {
    await expect(optionsOf(show, ['show', 'HD-12x'])).rejects.toThrow(/HD-000123/);
    await expect(optionsOf(show, ['show'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the command list (src/cli/commands.ts)', () => {
  it('names each command as it declares itself, in the order hd --help lists them', async () => {
    const { Command } = await import('commander');
    const { COMMANDS, mountCommands } = await import('../../src/cli/commands.ts');
    const program = new Command('hd');
    await mountCommands(program, (parent, u) => {
      if ('units' in u) {
        const group = u.declare(parent);
        for (const member of u.units) member.declare(group);
      } else u.declare(parent);
    });
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map(([name]) => name));
    expect(program.commands.find((c) => c.name() === 'sla')!.commands.map((c) => c.name())).toEqual([
      'report',
    ]);
  });

  it('declares only the command typed, or every one when the word names none', async () => {
    const { Command } = await import('commander');
    const { mountCommands } = await import('../../src/cli/commands.ts');
    const names = async (typed: string | undefined) => {
      const program = new Command('hd');
      await mountCommands(program, (parent, u) => void u.declare(parent), typed);
      return program.commands.map((c) => c.name());
    };
    expect(await names('list')).toEqual(['list']);
    expect(await names('dispatch')).toEqual(['dispatch']);
    expect((await names('lsit')).length).toBeGreaterThan(30);
    expect(await names(undefined)).toContain('completion');
  });
});

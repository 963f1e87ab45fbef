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

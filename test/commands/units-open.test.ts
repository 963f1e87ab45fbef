// Command units of the intake and notice area: argv → typed options, nothing run.
import { describe, expect, it } from 'vitest';
import { log } from '../../src/commands/log.ts';
import { zone } from '../../src/commands/zone.ts';
import { UsageError } from '../../src/errors.ts';
import { optionsOf } from '../helpers/unit.ts';

describe('hd log and hd zone read the command line into typed options', () => {
  it('hd log: kind, words joined, typed flags', async () => {
    expect(
      await optionsOf(log, [
        'log',
        'HD-000012',
        'test',
        'ping',
        'loss',
        '--result',
        'fail',
        '--minutes',
        '5',
      ]),
    ).toEqual({ ticket: 12, kind: 'test', text: 'ping loss', result: 'fail', minutes: 5, json: false });
    expect(
      await optionsOf(log, ['log', '3', 'call', 'told', '--direction', 'in', '--outcome', 'busy', '--json']),
    ).toEqual({ ticket: 3, kind: 'call', text: 'told', direction: 'in', outcome: 'busy', json: true });
    expect(await optionsOf(log, ['log', '3', 'note'])).toEqual({ ticket: 3, kind: 'note', json: false });
  });

  it('hd log: a bad kind, result, outcome, minutes or a flag of another kind is a usage error', async () => {
    await expect(optionsOf(log, ['log', '3', 'memo', 'x'])).rejects.toThrow(/test, action, call, note/);
    await expect(optionsOf(log, ['log', '3', 'test', 'x', '--result', 'ok'])).rejects.toThrow(/--result/);
    await expect(optionsOf(log, ['log', '3', 'call', 'x', '--outcome', 'maybe'])).rejects.toThrow(
      /no-answer/,
    );
    await expect(optionsOf(log, ['log', '3', 'note', 'x', '--minutes', '0'])).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(optionsOf(log, ['log', '3', 'note', 'x', '--outcome', 'reached'])).rejects.toThrow(
      /--outcome is for "hd log … call"/,
    );
    await expect(optionsOf(log, ['log', '3', 'call', 'x', '--party', '  '])).rejects.toThrow(/--party/);
  });

  it('hd zone: the zone and note; the zone is optional (run lists them)', async () => {
    expect(await optionsOf(zone, ['zone', '7', 'cpe', '--note', ' power '])).toEqual({
      ticket: 7,
      zone: 'cpe',
      note: 'power',
      json: false,
    });
    expect(await optionsOf(zone, ['zone', '7'])).toEqual({ ticket: 7, json: false });
    await expect(optionsOf(zone, ['zone', 'x7'])).rejects.toBeInstanceOf(UsageError);
  });
});

// Command units of the lifecycle and field work: argv → typed options, nothing run.
import { describe, expect, it } from 'vitest';
import { assign } from '../../src/commands/assign.ts';
import { cancel } from '../../src/commands/cancel.ts';
import { close } from '../../src/commands/close.ts';
import { pending } from '../../src/commands/pending.ts';
import { priority } from '../../src/commands/priority.ts';
import { reopen } from '../../src/commands/reopen.ts';
import { resolve } from '../../src/commands/resolve.ts';
import { resume } from '../../src/commands/resume.ts';
import { take } from '../../src/commands/take.ts';
import { UsageError } from '../../src/errors.ts';
import { setLanguage } from '../../src/i18n.ts';
import { optionsOf } from '../helpers/unit.ts';

setLanguage('en');

describe('lifecycle units read the command line into typed options', () => {
  it('hd take: the ticket in either form, --over and --json', async () => {
    expect(await optionsOf(take, ['take', 'HD-000042'])).toEqual({ ticket: 42, over: false, json: false });
    expect(await optionsOf(take, ['take', '42', '--over', '--json'])).toEqual({
      ticket: 42,
      over: true,
      json: true,
    });
    await expect(optionsOf(take, ['take', 'HD-4x'])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd assign: --to trimmed; a blank one is a usage error', async () => {
    expect(await optionsOf(assign, ['assign', '7', '--to', ' NOC L2 '])).toEqual({
      ticket: 7,
      to: 'NOC L2',
      json: false,
    });
    expect((await optionsOf(assign, ['assign', '7'])).to).toBeUndefined();
    await expect(optionsOf(assign, ['assign', '7', '--to', '  '])).rejects.toThrow(/--to cannot be empty/);
  });

  it('hd pending: --until stays as typed (read against the clock when run)', async () => {
    expect(
      await optionsOf(pending, ['pending', '3', '--reason', 'guard', '--until', 'завтра 10:00']),
    ).toEqual({
      ticket: 3,
      reason: 'guard',
      until: 'завтра 10:00',
      json: false,
    });
    await expect(optionsOf(pending, ['pending', '3', '--reason', ''])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd resume: --note', async () => {
    expect(await optionsOf(resume, ['resume', '3', '--note', 'access granted'])).toEqual({
      ticket: 3,
      note: 'access granted',
      json: false,
    });
  });

  it('hd resolve: channel and outcome typed, --no-notify as notify false', async () => {
    expect(
      await optionsOf(resolve, [
        'resolve',
        '5',
        '--summary',
        'PSU replaced',
        '--zone',
        'cpe',
        '--via',
        'both',
        '--outcome',
        'busy',
        '--restored-at',
        'сегодня 14:20',
      ]),
    ).toEqual({
      ticket: 5,
      summary: 'PSU replaced',
      zone: 'cpe',
      restoredAt: 'сегодня 14:20',
      via: 'both',
      notify: true,
      skipReason: undefined,
      outcome: 'busy',
      json: false,
    });
    const skipped = await optionsOf(resolve, ['resolve', '5', '--no-notify', '--skip-reason', 'on site']);
    expect(skipped.notify).toBe(false);
    expect(skipped.skipReason).toBe('on site');
    await expect(optionsOf(resolve, ['resolve', '5', '--via', 'fax'])).rejects.toThrow(
      /--via takes one of: phone, email, both/,
    );
    await expect(optionsOf(resolve, ['resolve', '5', '--outcome', 'maybe'])).rejects.toThrow(
      /Unknown call outcome "maybe"/,
    );
  });

  it('hd close: --via is phone or email only', async () => {
    expect(await optionsOf(close, ['close', '9', '--confirmed-by', 'Andrei', '--via', 'phone'])).toEqual({
      ticket: 9,
      confirmedBy: 'Andrei',
      via: 'phone',
      note: undefined,
      notify: true,
      skipReason: undefined,
      json: false,
    });
    await expect(optionsOf(close, ['close', '9', '--via', 'both'])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd reopen and cancel: the reason, and the duplicate as a ticket number', async () => {
    expect(await optionsOf(reopen, ['reopen', '9', '--reason', 'drops again'])).toEqual({
      ticket: 9,
      reason: 'drops again',
      json: false,
    });
    expect(
      await optionsOf(cancel, ['cancel', '124', '--reason', 'twice', '--duplicate-of', 'HD-000123']),
    ).toEqual({
      ticket: 124,
      reason: 'twice',
      duplicateOf: 123,
      json: false,
    });
    await expect(optionsOf(cancel, ['cancel', '124', '--duplicate-of', 'x'])).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it('hd priority: the priority in any case; an unknown one is a usage error', async () => {
    expect(await optionsOf(priority, ['priority', '12', 'p1', '--reason', 'whole branch'])).toEqual({
      ticket: 12,
      priority: 'P1',
      reason: 'whole branch',
      json: false,
    });
    await expect(optionsOf(priority, ['priority', '12', 'P7'])).rejects.toThrow(/--priority takes one of/);
    await expect(optionsOf(priority, ['priority', '12'])).rejects.toBeInstanceOf(UsageError);
  });
});

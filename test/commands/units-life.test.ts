// Command units of the lifecycle and field work: argv → typed options, nothing run.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { assign } from '../../src/commands/assign.ts';
import { cancel } from '../../src/commands/cancel.ts';
import { close } from '../../src/commands/close.ts';
import { dispatch, dispatchList, dispatchUpdate } from '../../src/commands/dispatch/index.ts';
import { engineer } from '../../src/commands/engineer/index.ts';
import { pending } from '../../src/commands/pending.ts';
import { priority } from '../../src/commands/priority.ts';
import { reopen } from '../../src/commands/reopen.ts';
import { replace } from '../../src/commands/replace.ts';
import { resolve } from '../../src/commands/resolve.ts';
import { resume } from '../../src/commands/resume.ts';
import { spares } from '../../src/commands/spares/index.ts';
import { take } from '../../src/commands/take.ts';
import type { CommandUnit } from '../../src/commands/unit.ts';
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
    await expect(optionsOf(priority, ['priority', '12', 'P7'])).rejects.toThrow(
      /hd priority 12 takes one of/,
    );
    await expect(optionsOf(priority, ['priority', '12'])).rejects.toBeInstanceOf(UsageError);
  });
});

/** A member of a command group, by name: `hd engineer add` is member('add') of engineer. */
// biome-ignore lint/suspicious/noExplicitAny: units of every option type
function member(group: { units: readonly unknown[] }, name: string): CommandUnit<any> {
  for (const u of group.units as CommandUnit<unknown>[]) {
    const probe = new Command('probe');
    if (u.declare(probe).name() === name) return u;
  }
  throw new Error(`no ${name}`);
}

describe('field units read the command line into typed options', () => {
  it('hd engineer add: required flags named together; skills split and lower-cased', async () => {
    const add = member(engineer, 'add');
    expect(
      await optionsOf(add, [
        'add',
        '--name',
        'Ivan Petrov',
        '--phone',
        '029 500-11-01',
        '--depot',
        'minsk-central',
        '--region',
        'Minsk',
        '--skills',
        'Cisco, fibre',
        '--off-duty',
      ]),
    ).toEqual({
      name: 'Ivan Petrov',
      phone: '029 500-11-01',
      email: undefined,
      depot: 'minsk-central',
      region: 'Minsk',
      skills: ['cisco', 'fibre'],
      onDuty: false,
      json: false,
    });
    await expect(optionsOf(add, ['add', '--name', 'X'])).rejects.toThrow(
      /Missing --depot, --region, --phone \(the dispatcher must be able to call the engineer\)/,
    );
  });

  it('hd engineer update: duty as a tri-state; both duty flags, or nothing to change, are usage errors', async () => {
    const update = member(engineer, 'update');
    expect(await optionsOf(update, ['update', 'Maria Sokol', '--on-duty'])).toMatchObject({
      name: 'Maria Sokol',
      onDuty: true,
      skills: undefined,
    });
    await expect(optionsOf(update, ['update', 'M', '--on-duty', '--off-duty'])).rejects.toThrow(/Choose one/);
    await expect(optionsOf(update, ['update', 'M'])).rejects.toThrow(/Missing one of --on-duty/);
  });

  it('hd dispatch: spares summed per part, the ticket required', async () => {
    expect(
      await optionsOf(dispatch, [
        'dispatch',
        'HD-000001',
        '--engineer',
        'Ivan Petrov',
        '--spare',
        'sfp-1g-lx',
        '--spare',
        'SFP-1G-LX:2',
        '--spare',
        'CISCO-ISR4331',
        '--email-sheet',
      ]),
    ).toEqual({
      ticket: 1,
      engineer: 'Ivan Petrov',
      spares: [
        { sku: 'SFP-1G-LX', quantity: 3 },
        { sku: 'CISCO-ISR4331', quantity: 1 },
      ],
      note: null,
      overrideReason: null,
      emailSheet: true,
      json: false,
    });
    await expect(optionsOf(dispatch, ['dispatch', '--engineer', 'X'])).rejects.toThrow(/Missing the ticket/);
    await expect(optionsOf(dispatch, ['dispatch', '1'])).rejects.toThrow(/Missing --engineer NAME/);
    await expect(
      optionsOf(dispatch, ['dispatch', '1', '--engineer', 'X', '--spare', 'A:0']),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('hd dispatch update and list: the job status and --limit typed', async () => {
    expect(await optionsOf(dispatchUpdate, ['update', 'J-000004', 'on-site', '--note', 'ok'])).toEqual({
      job: 'J-000004',
      status: 'on-site',
      note: 'ok',
      json: false,
    });
    await expect(optionsOf(dispatchUpdate, ['update', '1', 'teleported'])).rejects.toThrow(
      /Unknown job status "teleported"/,
    );
    expect(await optionsOf(dispatchList, ['list', '--open', '--limit', '5'])).toEqual({
      engineer: undefined,
      open: true,
      limit: 5,
      json: false,
    });
    expect((await optionsOf(dispatchList, ['list'])).limit).toBe(50);
    await expect(optionsOf(dispatchList, ['list', '--limit', '0'])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd replace: the part upper-cased; the same serial twice is refused', async () => {
    expect(
      await optionsOf(replace, [
        'replace',
        '1',
        '--part',
        'cisco-isr4331',
        '--faulty-serial',
        'A1',
        '--new-serial',
        'B1',
      ]),
    ).toEqual({
      ticket: 1,
      part: 'CISCO-ISR4331',
      faultySerial: 'A1',
      newSerial: 'B1',
      depot: undefined,
      json: false,
    });
    await expect(optionsOf(replace, ['replace', '1', '--part', 'X'])).rejects.toThrow(
      /Missing --faulty-serial, --new-serial/,
    );
    await expect(
      optionsOf(replace, ['replace', '1', '--part', 'X', '--faulty-serial', 'A1', '--new-serial', 'a1']),
    ).rejects.toThrow(/the same/);
  });

  it('hd spares: quantities as numbers, signed for adjust', async () => {
    expect(
      await optionsOf(member(spares, 'receive'), [
        'receive',
        'sfp-1g-lx',
        '--qty',
        '10',
        '--depot',
        'minsk-central',
      ]),
    ).toMatchObject({ sku: 'SFP-1G-LX', qty: 10, depot: 'minsk-central', minimum: undefined });
    expect(
      await optionsOf(member(spares, 'adjust'), ['adjust', 'PSU', '--qty', '-1', '--reason', 'damaged']),
    ).toEqual({ sku: 'PSU', qty: -1, reason: 'damaged', depot: undefined, json: false });
    await expect(
      optionsOf(member(spares, 'receive'), ['receive', 'X', '--qty', '-1', '--depot', 'd']),
    ).rejects.toThrow(/--qty takes a whole number above 0/);
    await expect(optionsOf(member(spares, 'adjust'), ['adjust', 'X'])).rejects.toThrow(/Missing --qty ±N/);
    expect(await optionsOf(member(spares, 'list'), ['list', '--low'])).toEqual({
      depot: undefined,
      low: true,
      json: false,
    });
    expect(await optionsOf(member(spares, 'faulty'), ['faulty', '--all'])).toEqual({
      all: true,
      json: false,
    });
    expect(await optionsOf(member(spares, 'returned'), ['returned', 'FDO1'])).toEqual({
      serial: 'FDO1',
      json: false,
    });
    expect(await optionsOf(member(spares, 'history'), ['history', 'x1'])).toEqual({ sku: 'X1', json: false });
  });
});

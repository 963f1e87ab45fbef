// Command units of the intake and notice area: argv → typed options, nothing run.
import { describe, expect, it } from 'vitest';
import { eta } from '../../src/commands/eta.ts';
import { extend } from '../../src/commands/extend.ts';
import { log } from '../../src/commands/log.ts';
import { notify } from '../../src/commands/notify.ts';
import { open } from '../../src/commands/open.ts';
import { outbox } from '../../src/commands/outbox/index.ts';
import { outboxList } from '../../src/commands/outbox/list.ts';
import { outboxRetry } from '../../src/commands/outbox/retry.ts';
import { outboxShow } from '../../src/commands/outbox/show.ts';
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

describe('hd eta and hd extend read the command line into typed options', () => {
  it('hd eta: the time words as typed, the channel and the notice flags', async () => {
    expect(
      await optionsOf(eta, ['eta', '5', 'завтра', '10:00', '--via', 'phone', '--outcome', 'reached']),
    ).toEqual({
      ticket: 5,
      when: 'завтра 10:00',
      via: 'phone',
      notify: true,
      outcome: 'reached',
      json: false,
    });
    expect(await optionsOf(eta, ['eta', '5', '+3h', '--no-notify', '--skip-reason', 'on site'])).toEqual({
      ticket: 5,
      when: '+3h',
      notify: false,
      skipReason: 'on site',
      json: false,
    });
  });

  it('hd eta: no time, a bad channel or outcome is a usage error', async () => {
    await expect(optionsOf(eta, ['eta', '5'])).rejects.toThrow(/завтра 10:00/);
    await expect(optionsOf(eta, ['eta', '5', '18:30', '--via', 'fax'])).rejects.toThrow(/phone, email, both/);
    await expect(optionsOf(eta, ['eta', '5', '18:30', '--outcome', 'ok'])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd extend: --by as milliseconds or --to as typed, never both', async () => {
    expect(await optionsOf(extend, ['extend', '5', '--by', '1,5ч', '--reason', 'parts'])).toEqual({
      ticket: 5,
      byMs: 90 * 60_000,
      reason: 'parts',
      notify: true,
      json: false,
    });
    expect(await optionsOf(extend, ['extend', '5', '--to', 'пт 10:00', '--via', 'email'])).toMatchObject({
      to: 'пт 10:00',
      via: 'email',
    });
    await expect(optionsOf(extend, ['extend', '5'])).rejects.toThrow(/exactly one of --by/);
    await expect(optionsOf(extend, ['extend', '5', '--by', '2h', '--to', '21:00'])).rejects.toThrow(/--by/);
    await expect(optionsOf(extend, ['extend', '5', '--by', 'soon'])).rejects.toBeInstanceOf(UsageError);
    await expect(optionsOf(extend, ['extend', '5', '--by', '2h', '--reason', ' '])).rejects.toThrow(
      /--reason/,
    );
  });
});

describe('hd notify and hd outbox read the command line into typed options', () => {
  it('hd notify: kind, channel, a checked address, the outcome and --dry-run', async () => {
    expect(
      await optionsOf(notify, [
        'notify',
        '4',
        'update',
        '--via',
        'both',
        '--to',
        'Ops@Example.BY',
        '--dry-run',
      ]),
    ).toMatchObject({ ticket: 4, kind: 'update', via: 'both', dryRun: true, json: false });
    expect(
      await optionsOf(notify, ['notify', '4', 'eta', '--via', 'phone', '--outcome', 'voicemail']),
    ).toEqual({ ticket: 4, kind: 'eta', via: 'phone', outcome: 'voicemail', dryRun: false, json: false });
  });

  it('hd notify: no kind, an unknown kind or address is a usage error', async () => {
    await expect(optionsOf(notify, ['notify', '4'])).rejects.toThrow(/opened\|update/);
    await expect(optionsOf(notify, ['notify', '4', 'hello'])).rejects.toThrow(/notice kind/);
    await expect(optionsOf(notify, ['notify', '4', 'update', '--to', 'not-an-address'])).rejects.toThrow();
  });

  it('hd outbox list|show|retry: status, ticket and limit typed; message numbers whole', async () => {
    const list = outbox.units[0] as typeof outboxList;
    expect(await optionsOf(list, ['list', '--status', 'failed', '--ticket', 'HD-000009'])).toEqual({
      status: 'failed',
      ticket: 9,
      limit: 50,
      json: false,
    });
    await expect(optionsOf(outboxList, ['list', '--status', 'lost'])).rejects.toThrow(/queued, sending/);
    await expect(optionsOf(outboxList, ['list', '--limit', 'x'])).rejects.toBeInstanceOf(UsageError);
    expect(await optionsOf(outboxShow, ['show', '12', '--json'])).toEqual({ id: 12, json: true });
    expect(await optionsOf(outboxRetry, ['retry', '3'])).toEqual({ id: 3 });
    await expect(optionsOf(outboxRetry, ['retry', '-3'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd open reads the command line into typed options', () => {
  it('every flag typed: enums checked, priority upper-cased, the related ticket parsed, answers as typed', async () => {
    expect(
      await optionsOf(open, [
        'open',
        '--client',
        'C-2021-0147',
        '--contact',
        'Andrei Kovalenko',
        '--email',
        'Andrei@Example.BY',
        '--prefer',
        'email',
        '--service',
        'MSK-IPVPN-00412',
        '--channel',
        'monitoring',
        '--impact',
        'down',
        '--urgency',
        'high',
        '--priority',
        'p2',
        '--priority-reason',
        ' contract ',
        '--summary',
        'VPN down',
        '--answer',
        'since=14:20',
        '--answer',
        'scope=one-site',
        '--related',
        'HD-000007',
        '--no-notify',
        '--skip-reason',
        'told on the call',
        '--json',
      ]),
    ).toEqual({
      client: 'C-2021-0147',
      contact: 'Andrei Kovalenko',
      email: 'andrei@example.by',
      prefer: 'email',
      service: 'MSK-IPVPN-00412',
      channel: 'monitoring',
      impact: 'down',
      urgency: 'high',
      priority: 'P2',
      priorityReason: 'contract',
      summary: 'VPN down',
      answers: ['since=14:20', 'scope=one-site'],
      related: 7,
      notify: false,
      skipReason: 'told on the call',
      json: true,
    });
  });

  it('nothing given: the phone channel, no answers, notify on (the questionnaire asks the rest)', async () => {
    expect(await optionsOf(open, ['open'])).toEqual({
      channel: 'phone',
      answers: [],
      notify: true,
      json: false,
    });
    expect(await optionsOf(open, ['open', '--description', '-'])).toMatchObject({ description: '-' });
  });

  it('a bad impact, urgency, priority, channel or blank summary is a usage error before any question', async () => {
    await expect(optionsOf(open, ['open', '--impact', 'bad'])).rejects.toThrow(
      /down, degraded, intermittent, none/,
    );
    await expect(optionsOf(open, ['open', '--urgency', 'now'])).rejects.toThrow(/--urgency/);
    await expect(optionsOf(open, ['open', '--priority', 'P9'])).rejects.toThrow(/P1, P2, P3, P4/);
    await expect(optionsOf(open, ['open', '--channel', 'pigeon'])).rejects.toThrow(/Allowed choices/);
    await expect(optionsOf(open, ['open', '--summary', '   '])).rejects.toThrow(
      /The summary cannot be empty: give --summary TEXT/,
    );
    await expect(optionsOf(open, ['open', '--related', 'HD-x'])).rejects.toBeInstanceOf(UsageError);
  });
});

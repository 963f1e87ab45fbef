// The read commands' units: argv → typed options, nothing run (src/commands/unit.ts): hd sla,
// sla report, handover, list, search, rules list|show|import, verify.
import { describe, expect, it } from 'vitest';
import { handover } from '../../src/commands/handover.ts';
import { list } from '../../src/commands/list.ts';
import { report } from '../../src/commands/report.ts';
import { rulesImport } from '../../src/commands/rules/import.ts';
import { rulesList } from '../../src/commands/rules/list.ts';
import { rulesShow } from '../../src/commands/rules/show.ts';
import { search } from '../../src/commands/search.ts';
import { sla } from '../../src/commands/sla.ts';
import { verify } from '../../src/commands/verify.ts';
import { UsageError } from '../../src/errors.ts';
import { optionsOf } from '../helpers/unit.ts';

describe('hd sla', () => {
  it('reads the view, the filters, the limit and the watch interval into typed options', async () => {
    expect(await optionsOf(sla, ['sla'])).toEqual({
      overdue: false,
      expand: false,
      dueWithinMs: 0,
      priorities: undefined,
      client: undefined,
      assignee: undefined,
      mine: false,
      limit: null,
      watch: null,
      failOnOverdue: false,
      json: false,
    });
    expect(
      await optionsOf(sla, [
        'sla',
        '--overdue',
        '--due-within',
        '1h',
        '--priority',
        'P1,P2',
        '--mine',
        '--limit',
        '0',
        '--fail-on-overdue',
        '--json',
      ]),
    ).toMatchObject({
      overdue: true,
      dueWithinMs: 3_600_000,
      priorities: ['P1', 'P2'],
      mine: true,
      limit: 0,
      failOnOverdue: true,
      json: true,
    });
    expect((await optionsOf(sla, ['sla', '--overdue', '--watch'])).watch).toBe(30);
    expect((await optionsOf(sla, ['sla', '--overdue', '--watch', '10'])).watch).toBe(10);
    expect((await optionsOf(sla, ['sla', '--due-within', '2ч'])).dueWithinMs).toBe(7_200_000);
  });

  it('refuses a limit, a duration, a priority or a watch interval that is not one', async () => {
    await expect(optionsOf(sla, ['sla', '--overdue', '--limit', 'ten'])).rejects.toThrow(
      /--limit takes a whole number/,
    );
    await expect(optionsOf(sla, ['sla', '--due-within', 'soon'])).rejects.toBeInstanceOf(UsageError);
    await expect(optionsOf(sla, ['sla', '--priority', 'P9'])).rejects.toBeInstanceOf(UsageError);
    await expect(optionsOf(sla, ['sla', '--watch', '0'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd handover', () => {
  it('reads the shift, the format and --all', async () => {
    expect(await optionsOf(handover, ['handover'])).toEqual({
      sinceMs: 12 * 3_600_000,
      format: 'text',
      all: false,
    });
    expect(await optionsOf(handover, ['handover', '--since', '8ч', '--markdown', '--all'])).toEqual({
      sinceMs: 8 * 3_600_000,
      format: 'markdown',
      all: true,
    });
    expect((await optionsOf(handover, ['handover', '--json'])).format).toBe('json');
  });

  it('refuses both --json and --markdown, and a shift that is not a duration', async () => {
    await expect(optionsOf(handover, ['handover', '--json', '--markdown'])).rejects.toThrow(
      'Choose one of --json or --markdown.',
    );
    await expect(optionsOf(handover, ['handover', '--since', 'lunch'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd list', () => {
  it('reads statuses in words or TMF names, priorities, the limit (0: all) and keeps --since as typed', async () => {
    expect(await optionsOf(list, ['list'])).toEqual({
      statuses: undefined,
      priorities: undefined,
      client: undefined,
      assignee: undefined,
      mine: false,
      all: false,
      since: undefined,
      limit: 50,
      expand: false,
      json: false,
    });
    expect(
      await optionsOf(list, [
        'list',
        '--status',
        'in progress,pending',
        '--priority',
        'P1,P2',
        '--limit',
        '0',
        '--since',
        'вчера',
      ]),
    ).toMatchObject({
      statuses: ['inProgress', 'pending'],
      priorities: ['P1', 'P2'],
      limit: -1,
      since: 'вчера',
    });
    expect(
      await optionsOf(list, ['list', '--mine', '--all', '--expand', '--json', '--limit', '5']),
    ).toMatchObject({
      mine: true,
      all: true,
      expand: true,
      json: true,
      limit: 5,
    });
  });

  it('refuses an empty filter, an unknown status and a limit that is not a number', async () => {
    await expect(optionsOf(list, ['list', '--client', ''])).rejects.toThrow(/--client is empty/);
    await expect(optionsOf(list, ['list', '--status', 'open'])).rejects.toThrow(/Unknown status "open"/);
    await expect(optionsOf(list, ['list', '--limit', 'ten'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd search', () => {
  it('joins the words and reads the limit', async () => {
    expect(await optionsOf(search, ['search', 'ping', 'loss'])).toEqual({
      text: 'ping loss',
      limit: 20,
      json: false,
    });
    expect(await optionsOf(search, ['search', 'Zhukova', '--limit', '5', '--json'])).toEqual({
      text: 'Zhukova',
      limit: 5,
      json: true,
    });
  });

  it('refuses blank words and a limit below 1', async () => {
    await expect(optionsOf(search, ['search', ' '])).rejects.toThrow(/Give the words to search for/);
    await expect(optionsOf(search, ['search', 'x', '--limit', '0'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd sla report', () => {
  it('keeps the period as typed, reads the grouping, the outage scope and the format', async () => {
    expect(await optionsOf(report, ['report', '--from', '01.11.2026'])).toEqual({
      from: '01.11.2026',
      to: undefined,
      client: undefined,
      by: 'priority',
      outages: 'include',
      format: 'text',
    });
    expect(
      await optionsOf(report, [
        'report',
        '--from',
        'yesterday',
        '--to',
        'now',
        '--by',
        'zone',
        '--outages',
        'only',
        '--csv',
      ]),
    ).toMatchObject({ from: 'yesterday', to: 'now', by: 'zone', outages: 'only', format: 'csv' });
  });

  it('refuses no --from, both --json and --csv, and an unknown grouping or scope', async () => {
    await expect(optionsOf(report, ['report'])).rejects.toThrow('Missing --from DATE');
    await expect(optionsOf(report, ['report', '--from', 'x', '--json', '--csv'])).rejects.toThrow(
      'Choose one of --json or --csv.',
    );
    await expect(optionsOf(report, ['report', '--from', 'x', '--by', 'engineer'])).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(optionsOf(report, ['report', '--from', 'x', '--outages', 'some'])).rejects.toThrow(
      /--outages/,
    );
  });
});

describe('hd rules list|show|import', () => {
  it('read the profile, the file and --json', async () => {
    expect(await optionsOf(rulesList, ['list', '--json'])).toEqual({ json: true });
    expect(await optionsOf(rulesShow, ['show', 'business-8x5'])).toEqual({
      profile: 'business-8x5',
      json: false,
    });
    expect(await optionsOf(rulesImport, ['import', 'gold.json', '--json'])).toEqual({
      file: 'gold.json',
      json: true,
    });
  });

  it('refuse a blank profile name and a missing file', async () => {
    await expect(optionsOf(rulesShow, ['show', ' '])).rejects.toThrow(/Missing the profile name/);
    await expect(optionsOf(rulesImport, ['import'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('hd verify', () => {
  it('reads --json', async () => {
    expect(await optionsOf(verify, ['verify'])).toEqual({ json: false });
    expect(await optionsOf(verify, ['verify', '--json'])).toEqual({ json: true });
  });
});

// Readable at 80 columns (issue 15, point 3): no line of any command's terminal output is wider
// than the terminal, at 80 and at 120 columns.
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { BANK, EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';

const LONG =
  'Internet down at the concert hall box office since the evening performance, card payments failing at every till';

const COMMANDS = [
  ['list'],
  ['list', '--all'],
  ['list', '--expand'],
  ['show', '1'],
  ['show', '2'],
  ['search', 'internet'],
  ['sla'],
  ['sla', '--overdue'],
  ['sla', '--overdue', '--limit', '0'],
  ['sla', '--overdue', '--expand'],
  ['outage', 'list'],
  ['outage', 'show', 'OUT-000001'],
  ['sla', 'report', '--from', '2026-11-01', '--to', '2026-11-30'],
  ['handover'],
  ['client', 'list'],
  ['client', 'show', 'C-2021-0147'],
  ['engineer', 'list'],
  ['spares', 'list'],
  ['rules', 'list'],
  ['rules', 'show', 'premium-24x7'],
  ['outbox', 'list'],
  ['dispatch', 'list'],
];

describe.each([80, 120])('every command at %i columns', (width) => {
  it('prints no line wider than the terminal', async () => {
    const h = await harness({ terminal: width, now: '2026-11-25T06:00:00Z' });
    expect(await h.run(openArgs(BANK, LONG))).toBe(0);
    expect(await h.run(openArgs(EVROOPT, 'Warehouse L2 link down, the whole Borisov depot is offline'))).toBe(
      0,
    );
    expect(await h.run(openArgs(NORDIC, 'Slow DNS answers from the resolver', { impact: 'degraded' }))).toBe(
      0,
    );
    expect(await h.run(['take', '2'])).toBe(0);
    expect(
      await h.run([
        'log',
        '1',
        'test',
        'ping from the PE router to the CPE: 100% loss over ten minutes',
        '--result',
        'fail',
      ]),
    ).toBe(0);
    // A fibre cut behind the bank's and Nordic's services: their tickets group under it.
    expect(
      await h.run([
        'outage',
        'open',
        '--summary',
        'Fibre cut on the trunk between the Nezavisimosti node and the Uruchye exchange',
        '--elements',
        'NODE-MSQ-17',
        '--eta',
        '18:00',
      ]),
    ).toBe(0);
    h.setNow('2026-11-25T14:00:00Z');
    const wide: string[] = [];
    for (const args of COMMANDS) {
      const code = await h.run(args);
      expect(code, `${args.join(' ')}: ${h.stderr()}`).toBe(0);
      for (const line of h.stdout().split('\n'))
        if ([...line].length > width) wide.push(`hd ${args.join(' ')}: ${[...line].length}: ${line}`);
    }
    expect(wide).toEqual([]);
  });
});

describe('the console in Russian', () => {
  it('lists and the overdue view read in Russian, fit 80 columns, and --json stays English', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z' });
    expect(await h.run(openArgs(BANK, LONG))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    h.setNow('2026-11-25T14:00:00Z');
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout()).toContain('Заявка');
    expect(h.stdout()).toContain('в работе');
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    const overdue = h.stdout();
    expect(overdue).toContain('Просрочено');
    expect(overdue).toContain('эскалировать: срок восстановления истёк');
    for (const line of overdue.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    const json = JSON.parse(h.stdout());
    const restore = json.breaches.find((b: { kind: string }) => b.kind === 'restore');
    expect(restore.what).toBe('restore');
    expect(restore.nextAction).toMatch(/^escalate: the restore was due/);
  });
});

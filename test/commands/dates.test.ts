// Times typed as in Minsk reach the commands that read a time: ETA, extend, pending, resolve, list, report.
import { describe, expect, it } from 'vitest';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { EVROOPT, openArgs } from '../helpers/fixtures.ts';

/** HD-000001 opened on Wednesday 25.11.2026 at 12:00 Minsk (09:00 UTC), standard-24x7 P1. */
async function opened(): Promise<TestHarness> {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan' });
  expect(await h.run(openArgs(EVROOPT, 'Warehouse link down', { since: '09:00' }))).toBe(0);
  return h;
}

async function ticket(h: TestHarness) {
  expect(await h.run(['show', '1', '--json'])).toBe(0);
  return JSON.parse(h.stdout());
}

const told = ['--via', 'phone', '--outcome', 'reached'];

describe('times written in Russian', () => {
  it('hd eta завтра 10:00, then hd extend --to "пт 10:00", then --by 1,5ч', async () => {
    const h = await opened();
    expect(await h.run(['eta', '1', 'завтра', '10:00', ...told])).toBe(0);
    expect((await ticket(h)).eta).toBe('2026-11-26T07:00:00.000Z');
    expect(await h.run(['extend', '1', '--to', 'пт 10:00', '--reason', 'нужна бригада', ...told])).toBe(0);
    expect((await ticket(h)).eta).toBe('2026-11-27T07:00:00.000Z');
    expect(await h.run(['extend', '1', '--by', '1,5ч', '--reason', 'ещё нужна бригада', ...told])).toBe(0);
    expect((await ticket(h)).eta).toBe('2026-11-27T08:30:00.000Z');
  });

  it.each([
    [
      ['eta', '1', 'завтра', ...told],
      '"завтра" is a day without a time of day, and here a time is needed: "завтра 10:00"',
    ],
    [['eta', '1', '27.11', ...told], 'a time is needed: "27.11 10:00"'],
    [['eta', '1', 'tomorrow', ...told], 'a time is needed: "tomorrow 10:00"'],
    [['eta', '1', '2026-11-27', ...told], 'a time is needed: "2026-11-27 10:00"'],
    [
      ['pending', '1', '--reason', 'нет доступа', '--until', 'послезавтра'],
      'a time is needed: "послезавтра 10:00"',
    ],
    [
      ['resolve', '1', '--summary', 'x', '--restored-at', 'сегодня', '--no-input'],
      'a time is needed: "сегодня 10:00"',
    ],
    [['eta', '1', 'завтра', '25:00', ...told], 'the hour 25 is past 23'],
  ])('hd %j is refused, nothing changed', async (args, message) => {
    const h = await opened();
    const before = await countRows(h.store);
    const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
    expect(await h.run(args)).toBe(2);
    expect(h.stderr()).toContain(message);
    expect(await countRows(h.store)).toEqual(before);
    expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
  });

  it('hd pending --until "завтра 9:00" and resolve --restored-at "сегодня 12.30"', async () => {
    const h = await opened();
    expect(await h.run(['take', '1'])).toBe(0);
    expect(
      await h.run(['pending', '1', '--reason', 'нет доступа', '--until', 'завтра 9:00']),
      h.stderr(),
    ).toBe(0);
    expect((await ticket(h)).pending.until).toBe('2026-11-26T06:00:00.000Z');
    expect(await h.run(['resume', '1']), h.stderr()).toBe(0);
    h.setNow('2026-11-25T10:00:00Z');
    expect(
      await h.run([
        'resolve',
        '1',
        '--summary',
        'заменили SFP',
        '--zone',
        'cpe',
        '--restored-at',
        'сегодня 12.30',
        ...told,
      ]),
      h.stderr(),
    ).toBe(0);
    expect((await ticket(h)).restoredAt).toBe('2026-11-25T09:30:00.000Z');
  });

  it('hd list --since вчера / 7д, and hd sla report --from 01.11. --to 01.12.2026', async () => {
    const h = await opened();
    expect(await h.run(['list', '--since', 'вчера', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toHaveLength(1);
    expect(await h.run(['list', '--since', '7д', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toHaveLength(1);
    expect(await h.run(['list', '--since', 'через 2 часа'])).toBe(2);
    expect(h.stderr()).toContain('is in the future');
    expect(await h.run(['sla', 'report', '--from', '01.11.', '--to', '01.12.2026', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      from: '2026-10-31T21:00:00.000Z',
      to: '2026-11-30T21:00:00.000Z',
    });
  });
});

describe('dates shown in Russian when the interface language is Russian', () => {
  it('show, list, sla and the hand-over write 25.11.2026 14:00; --json stays ISO', async () => {
    const h = await opened();
    expect(await h.run(['eta', '1', 'завтра', '10:00', ...told])).toBe(0);
    h.ctx.env.LANG = 'ru_RU.UTF-8';
    expect(await h.run(['show', '1'])).toBe(0);
    const shown = h.stdout();
    expect(shown).toMatch(/ETA\s+26\.11\.2026 10:00 \(через 22 ч, told to the client\)/);
    expect(shown).toMatch(/Opened\s+25\.11\.2026 12:00 by ivan/);
    expect(shown).toMatch(/ETA given to the client\s+26\.11\.2026 10:00 {2}22h left/);
    // The timeline's own times; an event's text keeps the words it was written with.
    expect(shown).toMatch(/\n {2}25\.11\.2026 12:00 {2}eta /);
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({ eta: '2026-11-26T07:00:00.000Z' });

    h.setNow('2026-11-25T11:00:00Z'); // 14:00: the P1 restore (4h from 12:00) is still ahead
    expect(await h.run(['sla'])).toBe(0);
    expect(h.stdout()).toContain('SLA at 25.11.2026 14:00');
    h.setNow('2026-11-25T20:00:00Z'); // 23:00: the ETA falls in the next shift
    expect(await h.run(['handover'])).toBe(0);
    expect(h.stdout()).toContain('Shift hand-over 25.11.2026 11:00 → 25.11.2026 23:00');
    expect(h.stdout()).toContain('26.11.2026 10:00 HD-000001');
    h.setNow('2026-11-25T11:00:00Z');

    h.ctx.io.isTerminal = true;
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout()).toMatch(/ {2}2 ч назад\n/); // opened two hours ago, the last column
    expect(h.stdout()).toContain('client update overdue, 1 ч назад');
    h.ctx.io.isTerminal = false;
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout()).toContain('2026-11-25T09:00:00.000Z'); // piped: ISO, whatever the language

    h.ctx.env.HD_LANG = 'en'; // HD_LANG over the locale
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/ETA\s+2026-11-26 10:00 \(in 20h, told to the client\)/);
  });
});

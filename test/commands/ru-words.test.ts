// hd's own values in the Russian console: outcomes, test results, directions, impact, urgency,
// zones and field jobs read as words, not as the English values stored (issue 15, a tester's
// findings). English keeps the values as typed.
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

async function desk(lang: 'ru' | 'en') {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan', lang, terminal: 80 });
  const ok = async (args: string[]) => {
    expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
    // One line, without the harness's marks: the words are checked, wrapping is width.test.ts's.
    return (h.stdout() + h.stderr()).replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ');
  };
  await ok(openArgs(BANK, 'HQ router dead'));
  await ok(['take', '1']);
  return { h, ok };
}

describe('the Russian console names the values in words', () => {
  it('hd log, hd extend, hd resolve and hd show', async () => {
    const { h, ok } = await desk('ru');
    expect(await ok(['log', '1', 'test', 'ping: 100% loss', '--result', 'fail'])).toContain(
      'проверка записана (не прошла)',
    );
    expect(
      await ok(['log', '1', 'call', 'told them', '--direction', 'out', '--outcome', 'reached']),
    ).toContain('записан исходящий звонок, дозвонились');
    await ok(['eta', '1', '+3h', '--outcome', 'reached']);
    expect(
      await ok([
        'extend',
        '1',
        '--by',
        '1h',
        '--reason',
        'traffic',
        '--via',
        'phone',
        '--outcome',
        'no-answer',
      ]),
    ).toContain('звонок: не ответили; клиенту ещё не сообщено');
    const resolved = await ok([
      'resolve',
      '1',
      '--zone',
      'client-config',
      '--summary',
      'fixed the routes',
      '--outcome',
      'reached',
    ]);
    expect(resolved).toContain('устранена (зона Настройки на стороне клиента, клиенту сообщено по телефону');
    expect(resolved).not.toMatch(/client informed|client-config/);
    const shown = await ok(['show', '1']);
    expect(shown).toContain('влияние нет услуги × срочность высокая');
    expect(shown).toMatch(/Зона +Настройки на стороне клиента/);
    expect(shown).not.toContain('down × high');
    expect(await h.run(['show', '1'])).toBe(0);
    for (const line of h.stdout().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('the timeline of a field job: sent, en route, on site early', async () => {
    const { h, ok } = await desk('ru');
    await ok(['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'CISCO-ISR4331']);
    h.setNow('2026-11-25T09:30:00Z');
    await ok(['dispatch', 'update', 'J-000001', 'en-route']);
    h.setNow('2026-11-25T10:04:00Z');
    await ok(['dispatch', 'update', 'J-000001', 'on-site']);
    const shown = await ok(['show', '1']);
    expect(shown).toContain('J-000001: выезд, инженер Ivan Petrov, на месте к');
    expect(shown).toContain('ЗИП CISCO-ISR4331×1 со склада minsk-central');
    expect(shown).toContain('J-000001: Ivan Petrov — в пути');
    expect(shown).toMatch(/J-000001: Ivan Petrov — на месте, раньше срока на 56 мин/);
    expect(shown).toMatch(/J-000001 Ivan Petrov на месте срок прибытия 25\.11\.2026 14:00/); // the jobs list
    expect(shown).not.toContain('на месте на месте');
    expect(shown).not.toMatch(/dispatched|en-route|on-site|early/);
  });

  it('English keeps the values as typed', async () => {
    const { ok } = await desk('en');
    expect(await ok(['log', '1', 'test', 'ping: 100% loss', '--result', 'fail'])).toContain(
      'test logged (fail)',
    );
    await ok(['eta', '1', '+3h', '--outcome', 'reached']);
    expect(
      await ok([
        'extend',
        '1',
        '--by',
        '1h',
        '--reason',
        'traffic',
        '--via',
        'phone',
        '--outcome',
        'no-answer',
      ]),
    ).toContain('call no-answer: client not yet told');
    expect(
      await ok(['resolve', '1', '--zone', 'client-config', '--summary', 'fixed', '--outcome', 'reached']),
    ).toContain('resolved (zone client-config, client informed by phone');
    const shown = await ok(['show', '1']);
    expect(shown).toContain('impact down × urgency high');
  });
});

// What hd outage open and hd client service accept: element lists and the outage's times.
import { describe, expect, it } from 'vitest';
import { checkOutageTimes, parseElements } from '../../src/domain/outage.ts';

describe('parseElements', () => {
  it.each([
    ['POP-MSQ-1,NODE-MSQ-17', ['POP-MSQ-1', 'NODE-MSQ-17']],
    [' SW-17-3 , CAB-17-3A,  sw-17-3,', ['SW-17-3', 'CAB-17-3A']],
    ['ОДФ-12/4#2', ['ОДФ-12/4#2']],
    ['', []],
  ])('%j → %j', (text, elements) => {
    expect(parseElements([text], '--elements').map((e) => e.element)).toEqual(elements);
  });

  it('folds the keys: case and accents do not make two elements', () => {
    expect(parseElements(['Node-Café-1', 'NODE-CAFE-1'], '--elements')).toEqual([
      { element: 'Node-Café-1', key: 'node-cafe-1' },
    ]);
  });

  it.each(['-NODE', 'NODE$1', 'a'.repeat(65), 'x\u001b[31m', 'POP MSQ 1,NODE;17', 'SW-17-3 CAB-17-3A'])(
    'refuses %j naming the flag',
    (text) => {
      expect(() => parseElements([text], '--elements')).toThrow(
        /\(--elements\) is not a network element identifier/,
      );
    },
  );
});

describe('checkOutageTimes', () => {
  const now = Date.parse('2026-11-25T09:00:00Z');
  const min = 60_000;
  it.each([
    ['started now, no ETA', now, null, null],
    ['started an hour ago, ETA in two', now - 60 * min, now + 120 * min, null],
    ['a start a few seconds ahead (clocks differ)', now + 30_000, null, null],
    ['a start in the future', now + 10 * min, null, /cannot start in the future/],
    ['an ETA now', now - min, now, /has already passed/],
    ['an ETA passed', now - 60 * min, now - min, /has already passed/],
  ] as const)('%s', (_, started, eta, error) => {
    const check = () => checkOutageTimes(started, eta, now);
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });
});

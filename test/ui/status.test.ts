// Counts of tickets by status agree with the number in Russian (issue 15, fresh-eyes test).
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n.ts';
import { statusCount } from '../../src/ui/status.ts';

afterEach(() => setLanguage('en'));

describe('statusCount', () => {
  it.each([
    [1, 'acknowledged', '1 принята'],
    [4, 'acknowledged', '4 приняты'],
    [5, 'acknowledged', '5 принятых'],
    [11, 'acknowledged', '11 принятых'],
    [21, 'acknowledged', '21 принята'],
    [22, 'resolved', '22 устранены'],
    [12, 'closed', '12 закрытых'],
    [3, 'cancelled', '3 отменены'],
    [2, 'inProgress', '2 в работе'],
    [1, 'pending', '1 в ожидании'],
    [7, 'pending', '7 в ожидании'],
  ])('%i %s in Russian: %s', (n, status, words) => {
    setLanguage('ru');
    expect(statusCount(n, status)).toBe(words);
  });

  it('reads as before in English', () => {
    expect(statusCount(4, 'acknowledged')).toBe('4 acknowledged');
    expect(statusCount(1, 'inProgress')).toBe('1 in progress');
  });
});

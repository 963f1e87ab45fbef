import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { BANK, NORDIC, openArgs } from '../helpers/fixtures.ts';

interface Opened {
  priority: string;
  deadlines: Record<string, { due: string }>;
}

// 31 December 2025 is a Wednesday; 1 and 2 January 2026 are public holidays (2 January since 2020,
// data/holidays.json), then a weekend: business hours resume on Monday 5 January, 09:00 Minsk (06:00Z).
describe('a ticket opened on 31 December late in the afternoon', () => {
  it('business hours: every deadline skips 1 and 2 January and the weekend', async () => {
    const h = await harness({ now: '2025-12-31T14:30:00Z' }); // 17:30 in Minsk
    expect(await h.run([...openArgs(NORDIC, 'Link down before New Year'), '--json'])).toBe(0);
    const opened = JSON.parse(h.stdout()) as Opened;
    expect(opened.priority).toBe('P1');
    // Response 1 h: 30 min on 31 December, 30 min on Monday.
    expect(opened.deadlines.response?.due).toBe('2026-01-05T06:30:00.000Z');
    // Restore 8 h: 30 min on 31 December, 7 h 30 min on Monday.
    expect(opened.deadlines.restore?.due).toBe('2026-01-05T13:30:00.000Z');

    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const shown = JSON.parse(h.stdout()) as Opened;
    expect(shown.deadlines.response?.due).toBe('2026-01-05T06:30:00.000Z');
    expect(shown.deadlines.restore?.due).toBe('2026-01-05T13:30:00.000Z');
  });

  it('24x7: counts the holidays like any other hours', async () => {
    const h = await harness({ now: '2025-12-31T14:30:00Z' });
    expect(
      await h.run([
        ...openArgs(BANK, 'Slow reports portal', { impact: 'none', urgency: 'medium' }),
        '--json',
      ]),
    ).toBe(0);
    const opened = JSON.parse(h.stdout()) as Opened;
    expect(opened.priority).toBe('P4');
    // Premium P4: response 4 h, restore 2 days, straight through 1 and 2 January.
    expect(opened.deadlines.response?.due).toBe('2025-12-31T18:30:00.000Z');
    expect(opened.deadlines.restore?.due).toBe('2026-01-02T14:30:00.000Z');
  });
});

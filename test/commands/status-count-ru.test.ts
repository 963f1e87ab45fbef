// Counts by status agree with the number in Russian (issue 15, fresh-eyes test): hd outage show,
// the outage's line in hd list and hd handover say "2 приняты", not "2 принята".
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { BANK, NORDIC, openArgs } from '../helpers/fixtures.ts';

describe('counts by status in Russian', () => {
  it('agree with the number in hd outage show, hd list and hd handover', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z' });
    const ok = async (args: string[]) =>
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
    await ok(openArgs(BANK, 'Internet down at the box office'));
    await ok(openArgs(NORDIC, 'Slow DNS answers', { impact: 'degraded' }));
    await ok(['outage', 'open', '--summary', 'Fibre cut on the trunk', '--elements', 'NODE-MSQ-17']);
    await ok(['outage', 'show', 'OUT-000001']);
    expect(h.stdout()).toContain('2 приняты');
    expect(h.stdout()).not.toContain('2 принята');
    await ok(['list']);
    expect(h.stdout()).toContain('2 приняты');
    await ok(['handover']);
    expect(h.stdout()).toContain('2 приняты');
  });
});

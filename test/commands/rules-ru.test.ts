// hd rules show in the Russian console: the profile's title in Russian (data/profiles.json
// titleRu), English as written (issue 15, a tester's finding).
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';

async function shown(lang: 'ru' | 'en', profile: string) {
  const h = await harness({ now: '2026-11-25T09:00:00Z', lang, terminal: 80 });
  expect(await h.run(['rules', 'show', profile]), h.stderr()).toBe(0);
  return h.stdout().replace(/\x1b\[[0-9;]*m/g, '');
}

describe('a profile in the Russian console', () => {
  it.each([
    ['business-8x5', 'Рабочее время, пн–пт 09:00–18:00 (Минск), кроме государственных праздников Беларуси'],
    ['standard-24x7', 'Стандартный, круглосуточно'],
    ['premium-24x7', 'Премиум, круглосуточно'],
  ])('hd rules show %s reads its title in Russian', async (profile, title) => {
    const out = await shown('ru', profile);
    expect(out.replace(/\s+/g, ' ')).toContain(title);
    expect(out).not.toMatch(/Business hours|Standard|Premium|holidays excluded/);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('English reads the title as written, and --json names both', async () => {
    const out = await shown('en', 'business-8x5');
    expect(out.replace(/\s+/g, ' ')).toContain(
      'Business hours, Mon-Fri 09:00-18:00 (Minsk), Belarus public holidays excluded',
    );
    const h = await harness({ now: '2026-11-25T09:00:00Z', lang: 'ru' });
    expect(await h.run(['rules', 'show', 'premium-24x7', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      title: 'Premium, 24x7',
      titleRu: 'Премиум, круглосуточно',
    });
  });
});

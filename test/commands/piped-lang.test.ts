// Piped output is ISO and English whatever the interface language (README; issue 15, fresh-eyes
// test): every list's tab-separated lines are byte-identical with LANG=ru and LANG=en.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { harness } from '../helpers/context.ts';
import { BANK, EVROOPT, HOSPITAL, NORDIC, openArgs } from '../helpers/fixtures.ts';

const PIPED = [
  ['list'],
  ['list', '--all'],
  ['sla', '--overdue'],
  ['sla', '--overdue', '--limit', '0'],
  ['sla', '--overdue', '--due-within', '2d'],
  ['search', 'down'],
  ['outage', 'list'],
  ['spares', 'list'],
  ['dispatch', 'list'],
];

async function piped(lang: Lang): Promise<Map<string, string>> {
  const h = await harness({ lang, now: '2026-11-25T06:00:00Z' });
  const ok = async (args: string[]) => expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
  await ok(openArgs(BANK, 'Internet down at the box office'));
  await ok(openArgs(EVROOPT, 'Warehouse L2 link down'));
  await ok(openArgs(NORDIC, 'Slow DNS answers', { impact: 'degraded' }));
  await ok(openArgs(HOSPITAL, 'Плохое качество голоса', { impact: 'degraded', urgency: 'medium' }));
  await ok(['take', '2']);
  await ok(['take', '3']);
  await ok(['eta', '4', '2026-11-25T13:00:00Z', '--via', 'phone', '--outcome', 'no-answer']);
  await ok(['pending', '3', '--reason', 'the client asks to wait', '--until', '2026-11-27T16:00:00Z']);
  await ok([
    'outage',
    'open',
    '--summary',
    'Fibre cut on the trunk',
    '--elements',
    'NODE-MSQ-17',
    '--eta',
    '18:00',
  ]);
  h.setNow('2026-11-26T14:00:00Z');
  const out = new Map<string, string>();
  for (const args of PIPED) {
    await ok(args);
    out.set(args.join(' '), h.stdout());
  }
  return out;
}

describe('piped output', () => {
  it('is the same bytes in Russian and in English: English values, ISO times', async () => {
    const [ru, en] = [await piped('ru'), await piped('en')];
    for (const [args, text] of en) {
      if (!args.startsWith('dispatch')) expect(text.length, args).toBeGreaterThan(0);
      expect(ru.get(args), `hd ${args}`).toBe(text);
    }
    expect(en.get('sla --overdue')).toContain('\t2026-11-25 09:15\t');
    expect(en.get('list')).toMatch(/\tin progress\t|\taccepted\t/);
  });
});

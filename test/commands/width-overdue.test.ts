// hd sla --overdue at 80 columns in both languages (issue 15, fresh-eyes test): a ticket whose ETA
// was not told (the longest deadline label, "не сообщено: срок восстановления") and whose
// deadlines fall on other days (full dates in Due) — every row fits, the next action is never cut.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { harness } from '../helpers/context.ts';
import { HOSPITAL, openArgs } from '../helpers/fixtures.ts';

async function tester(lang: Lang) {
  const h = await harness({ terminal: 80, lang, now: '2026-11-25T07:00:00Z' });
  const ok = async (args: string[]) => expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
  await ok(openArgs(HOSPITAL, 'Плохое качество голоса', { impact: 'degraded', urgency: 'medium' }));
  h.setNow('2026-11-25T08:00:00Z');
  await ok(['eta', '1', '2026-11-25T13:00:00Z', '--via', 'phone', '--outcome', 'no-answer']);
  return h;
}

const wide = (text: string) => text.split('\n').filter((l) => [...l].length > 80);

describe.each(['ru', 'en'] as const)('hd sla --overdue at 80 columns (%s)', (lang) => {
  it('keeps every row to 80 columns, the next action whole, a day later and two days later', async () => {
    const h = await tester(lang);
    for (const now of ['2026-11-26T07:00:00Z', '2026-11-27T08:00:00Z']) {
      h.setNow(now);
      expect(await h.run(['sla', '--overdue']), h.stderr()).toBe(0);
      const out = h.stdout();
      expect(wide(out), out).toEqual([]);
      // The next action, under its row, whole: its words and its command.
      const joined = out.replace(/\n {4}/g, ' ');
      expect(joined).toContain('hd notify 1 … / hd log 1 call … --outcome reached)');
      expect(joined).toContain(
        lang === 'ru'
          ? 'позвонить клиенту и сообщить срок восстановления'
          : 'call the client to tell them the ETA',
      );
    }
  });

  it('keeps the rows about to breach to 80 columns too (--due-within)', async () => {
    const h = await tester(lang);
    h.setNow('2026-11-25T08:30:00Z');
    expect(await h.run(['sla', '--overdue', '--due-within', '2d']), h.stderr()).toBe(0);
    expect(h.stdout()).toContain(lang === 'ru' ? 'через 2ч30м' : 'in 2h30m');
    expect(wide(h.stdout()), h.stdout()).toEqual([]);
  });

  it('shows a deadline of another day without its year, this year', async () => {
    const h = await tester(lang);
    h.setNow('2026-11-26T07:00:00Z');
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    expect(h.stdout()).toContain(lang === 'ru' ? '25.11 ' : '11-25 ');
    expect(h.stdout()).not.toContain(lang === 'ru' ? '25.11.2026' : '2026-11-25 ');
  });
});

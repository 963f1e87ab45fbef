// Contractual targets as the contract means them: working hours under business hours (#15, point 6).
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { NORDIC, openArgs } from '../helpers/fixtures.ts';

describe('targets in words', () => {
  it('hd rules show: business-8x5 in working hours and days, in both languages; --json keeps the durations', async () => {
    const h = await harness();
    expect(await h.run(['rules', 'show', 'business-8x5'])).toBe(0);
    const rows = h.stdout().split('\n');
    expect(rows).toContain(
      'P3\t4 working hours\t9 working hours (1 working day)\t27 working hours (3 working days)\t—\t45 working hours (5 working days)\tno',
    );
    expect(h.stdout()).toContain(
      'Client confirmation expected within 48 working hours (5 working days and 3 working hours) of resolution',
    );
    expect(h.stdout()).not.toContain('1d3h');
    h.ctx.env.LANG = 'ru_RU.UTF-8';
    expect(await h.run(['rules', 'show', 'business-8x5'])).toBe(0);
    expect(h.stdout().split('\n')).toContain(
      'P3\t4 рабочих часа\t9 рабочих часов (1 рабочий день)\t27 рабочих часов (3 рабочих дня)\t—\t45 рабочих часов (5 рабочих дней)\tno',
    );
    expect(await h.run(['rules', 'show', 'business-8x5', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).targets.P3).toMatchObject({ restore: '1d3h', response: '4h' });
  });

  it('on a terminal each priority is a block that fits 80 columns', async () => {
    const h = await harness();
    h.ctx.io.isTerminal = true;
    h.ctx.env.HD_LANG = 'ru';
    expect(await h.run(['rules', 'show', 'business-8x5'])).toBe(0);
    const out = h.stdout();
    expect(out).toMatch(/\n {2}P3 {2}no dispatch\n {4}Response {6}4 рабочих часа\n/);
    expect(out).toContain('    Restore       27 рабочих часов (3 рабочих дня)\n');
    for (const line of out.split('\n').slice(3)) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('hd rules list: 24x7 targets as hours', async () => {
    const h = await harness();
    expect(await h.run(['rules', 'list'])).toBe(0);
    expect(h.stdout()).toContain('standard-24x7\t1\t24x7 (Europe/Minsk)\t30 minutes\t4 hours\t4 hours');
    expect(h.stdout()).toContain('\t1 working hour\t8 working hours\t6 working hours');
  });

  it("hd show: the ticket's targets under its contract, in the reader's language", async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(openArgs(NORDIC, 'Internet slow', { impact: 'degraded', urgency: 'low' }))).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    const en = h.stdout();
    const priority = /^HD-000001 {2}\S+ {2}(P\d)/.exec(en)![1];
    expect(priority).toBe('P3');
    expect(en).toMatch(/\nTargets \(P3, business hours\)\n {2}Response +4 working hours\n/);
    expect(en).toMatch(/\n {2}Restore +27 working hours \(3 working days\)\n/);
    expect(en).not.toMatch(/\n {2}On site +/); // P3 under business-8x5 sends nobody
    h.ctx.env.HD_LANG = 'ru';
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(/\n {2}Restore +27 рабочих часов \(3 рабочих дня\)\n/);
    expect(h.stdout()).toMatch(/\n {2}Hardware +45 рабочих часов \(5 рабочих дней\)\n/);
  });
});

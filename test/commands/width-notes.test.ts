// Notes on stderr fit the terminal (issue 15, fresh-eyes test): the empty-database hint and
// "no tickets found" are broken at spaces to 80 columns in both languages; piped, one line each.
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';

const wide = (text: string) => text.split('\n').filter((l) => [...l].length > 80);

describe.each(['ru', 'en'] as const)('notes at 80 columns (%s)', (lang) => {
  it('wraps the empty-database hint, keeping its commands whole', async () => {
    const h = await harness({ terminal: 80, lang, demo: false });
    expect(await h.run(['list'])).toBe(0);
    const note = h.stderr();
    expect(note).toContain('init --demo');
    expect(note.trim().split('\n').length).toBeGreaterThan(1);
    expect(wide(note), note).toEqual([]);
    expect(note.replace(/\n {4}/g, ' ')).toContain('client add');
  });

  it('wraps "no tickets found" once there are clients', async () => {
    const h = await harness({ terminal: 80, lang, demo: true });
    expect(await h.run(['list'])).toBe(0);
    const note = h.stderr();
    expect(note).toContain(lang === 'ru' ? 'Заявок не найдено' : 'No tickets');
    expect(wide(note), note).toEqual([]);
  });

  it('leaves a piped note on one line', async () => {
    const h = await harness({ lang, demo: false });
    expect(await h.run(['list'])).toBe(0);
    expect(h.stderr().trim().split('\n')).toHaveLength(1);
  });
});

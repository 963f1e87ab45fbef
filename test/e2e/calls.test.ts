import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd } from '../helpers/e2e.ts';
import { NORDIC, openArgs } from '../helpers/fixtures.ts';

describe('hd open tells the client when we call back', () => {
  it('a Friday-evening ticket on a business-hours contract is called back on Monday (HD_NOW)', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const friday = { HD_NOW: '2026-11-27T16:00:00Z' }; // 19:00 in Minsk
    const en = hd(db, openArgs(NORDIC, 'Internet down in the office'), { env: friday });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('We will call you back on Monday by 10:00.');
    const cafe = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak', '--service', 'MSK-BB-10442'];
    const ru = hd(db, openArgs(cafe, 'Нет интернета в кафе'), { env: friday });
    expect(ru.code).toBe(0);
    expect(ru.stdout).toContain('Мы перезвоним вам в понедельник до 10:00.');
  });
});

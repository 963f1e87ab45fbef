// Readable at 80 columns (issue 15, point 3) in both languages: the admin area's commands, their
// output and their --help, no line wider than 80, the Russian words there in Russian.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { harness, type TestHarness } from '../helpers/context.ts';

const HELP = [
  ['init'],
  ['client'],
  ['client', 'add'],
  ['client', 'contact'],
  ['client', 'service'],
  ['client', 'update'],
  ['client', 'list'],
  ['client', 'show'],
];

const wider = (h: TestHarness, args: string[], out: string) =>
  out
    .split('\n')
    .filter((line) => [...line].length > 80)
    .map((line) => `hd ${args.join(' ')}: ${[...line].length}: ${line}`);

describe.each(['en', 'ru'] as Lang[])('the admin commands in %s at 80 columns', (lang) => {
  it('--help of every command fits', async () => {
    const h = await harness({ terminal: 80, lang });
    const wide: string[] = [];
    for (const args of HELP) {
      expect(await h.run([...args, '--help']), args.join(' ')).toBe(0);
      wide.push(...wider(h, args, h.stdout()));
    }
    expect(wide).toEqual([]);
  });

  it('client and init output fits', async () => {
    const h = await harness({ terminal: 80, lang });
    const wide: string[] = [];
    const run = async (args: string[], code = 0) => {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(code);
      wide.push(...wider(h, args, h.stdout()), ...wider(h, args, h.stderr()));
    };
    await run([
      'client',
      'add',
      '--name',
      'Минская хлебопекарня «Колос»',
      '--contract',
      'C-2026-0001',
      '--contact',
      'Иван Иванов',
      '--phone',
      '029 123-45-67',
      '--service',
      'MSK-DIA-09001',
      '--kind',
      'Выделенный интернет 100 Мбит/с',
      '--address',
      'Минск, ул. Ленина, 1',
      '--elements',
      'POP-MSQ-1,NODE-MSQ-17,SW-17-3',
    ]);
    await run(['client', 'list']);
    await run(['client', 'show', 'C-2021-0147']);
    await run(['client', 'show', 'C-2026-0001']);
    await run(['client', 'contact', 'C-2026-0001', '--name', 'Ольга', '--phone', '+375 17 218-55-40']);
    await run(['client', 'service', 'C-2026-0001', '--service', 'MSK-DIA-09001', '--elements', 'POP-MSQ-1']);
    await run(['init']);
    expect(wide).toEqual([]);
    if (lang === 'ru') {
      expect(await h.run(['client', 'show', 'C-2026-0001'])).toBe(0);
      expect(h.stdout()).toMatch(/договор C-2026-0001/);
      expect(h.stdout()).toMatch(/Контактные лица[\s\S]*Услуги[\s\S]*Открытые заявки/);
      expect(await h.run(['client', 'list'])).toBe(0);
      expect(h.stdout()).toMatch(/Договор\s+Клиент\s+Профиль\s+Язык/);
      expect(await h.run(['init'])).toBe(0);
      expect(h.stderr()).toMatch(/Профили правил: .*\nЗоны неисправности/);
      expect(await h.run(['client', 'add', '--help'])).toBe(0);
      expect(h.stdout()).toMatch(/завести клиента/);
    }
  });
});

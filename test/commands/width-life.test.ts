// The lifecycle and field commands at 80 columns, in Russian and English (issue 15, points 1 and 3):
// their --help and their output have no line wider than 80, and the Russian reads Russian.
import { describe, expect, it } from 'vitest';
import { harness, type TestHarness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const HELP = [
  ['take'],
  ['assign'],
  ['pending'],
  ['resume'],
  ['resolve'],
  ['close'],
  ['reopen'],
  ['cancel'],
  ['priority'],
];

/** Lines of stdout wider than 80 (errors are printed by src/main.ts, notices by the notify code). */
function wideLines(h: TestHarness, label: string): string[] {
  return h
    .stdout()
    .split('\n')
    .filter((line) => [...line].length > 80)
    .map((line) => `${label}: ${[...line].length}: ${line}`);
}

describe.each(['en', 'ru'] as const)('lifecycle and field commands in %s at 80 columns', (lang) => {
  it('--help of each command fits 80 columns', async () => {
    const h = await harness({ terminal: 80, lang });
    const wide: string[] = [];
    for (const args of HELP) {
      expect(await h.run([...args, '--help'])).toBe(0);
      expect(h.stdout()).toContain(lang === 'ru' ? 'Параметры:' : 'Options:');
      wide.push(...wideLines(h, `hd ${args.join(' ')} --help`));
    }
    expect(wide).toEqual([]);
  });
});

describe('a ticket worked through in Russian', () => {
  it('take, pending until завтра 10:00, resume, resolve, close, and a refused move, each line ≤ 80', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z' });
    expect(await h.run(openArgs(BANK, 'Internet down at the branch'))).toBe(0);
    const wide: string[] = [];
    const step = async (args: string[], code = 0) => {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(code);
      wide.push(...wideLines(h, `hd ${args.join(' ')}`));
      return `${h.stdout()}${h.stderr()}`.replace(/\s+/g, ' ');
    };
    expect(await step(['take', '1'])).toContain('HD-000001: взята в работу (olga), в работе.');
    expect(await step(['take', '1'])).toContain('HD-000001 уже ваша (в работе); ничего не изменено.');
    expect(
      await step(['pending', '1', '--reason', 'нет доступа на объект', '--until', 'завтра 10:00']),
    ).toContain('HD-000001: ожидание (нет доступа на объект); сроки, которые ещё не наступили, на паузе');
    expect(await step(['pending', '1', '--reason', 'снова'], 1)).toContain(
      'HD-000001 в статусе «ожидание», перевести в «ожидание» нельзя.',
    );
    h.setNow('2026-11-25T08:00:00Z');
    expect(await step(['resume', '1', '--note', 'доступ получен'])).toMatch(
      /HD-000001: снова в работе; восстановить до \d\d\.\d\d\.2026 \d\d:\d\d\./,
    );
    expect(await step(['close', '1', '--confirmed-by', 'Андрей', '--via', 'phone'], 1)).toContain(
      'HD-000001 в статусе «в работе», перевести в «закрыта» нельзя. Из статуса «в работе» можно перейти:',
    );
    expect(
      await step([
        'resolve',
        '1',
        '--summary',
        'заменили блок питания',
        '--zone',
        'cpe',
        '--via',
        'email',
        '--restored-at',
        'сегодня 10:50',
      ]),
    ).toContain('HD-000001: устранена (зона cpe');
    expect(await step(['close', '1', '--confirmed-by', 'Андрей', '--via', 'phone'])).toContain(
      'HD-000001: закрыта, подтвердил(а) Андрей (по телефону).',
    );
    expect(await step(['reopen', '1', '--reason', 'опять'], 1)).toContain('окончательная');
    expect(await step(['assign', '1', '--to', 'NOC'], 1)).toContain(
      'HD-000001 закрыта, её журнал окончательный.',
    );
    expect(wide).toEqual([]);
  });

  it('a missing value is named in Russian, and English stays as it was', async () => {
    const ru = await harness({ lang: 'ru' });
    expect(await ru.run(openArgs(BANK, 'Internet down at the branch'))).toBe(0);
    expect(await ru.run(['reopen', '1'])).toBe(2);
    expect(ru.stderr()).toContain('Не указано: --reason TEXT (вопросы не задаются');
    const en = await harness({ lang: 'en' });
    expect(await en.run(openArgs(BANK, 'Internet down at the branch'))).toBe(0);
    expect(await en.run(['reopen', '1'])).toBe(2);
    expect(en.stderr()).toContain('Missing --reason TEXT (not prompting: no terminal, or --no-input).');
  });
});

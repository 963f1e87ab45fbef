// Readable at 80 columns (issue 15, point 3) in both languages: the admin area's commands, their
// output and their --help, no line wider than 80, the Russian words there in Russian.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { harness } from '../helpers/context.ts';

const HELP = [
  ['init'],
  ['client'],
  ['client', 'add'],
  ['client', 'contact'],
  ['client', 'service'],
  ['client', 'update'],
  ['client', 'list'],
  ['client', 'show'],
  ['outage'],
  ['serve'],
  ['token'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
  ['db'],
  ['db', 'copy'],
  ['completion'],
  ...[
    'open',
    'list',
    'show',
    'attach',
    'detach',
    'eta',
    'extend',
    'notify',
    'log',
    'pending',
    'resume',
    'resolve',
  ].map((verb) => ['outage', verb]),
];

const wider = (args: string[], out: string) =>
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
      wide.push(...wider(args, h.stdout()));
    }
    expect(wide).toEqual([]);
  });

  it('client and init output fits', async () => {
    const h = await harness({ terminal: 80, lang });
    const wide: string[] = [];
    const run = async (args: string[], code = 0) => {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(code);
      wide.push(...wider(args, h.stdout()), ...wider(args, h.stderr()));
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
    await run(['token', 'create', '--name', 'noc', '--scope', 'write']);
    await run(['token', 'list']);
    await run(['token', 'revoke', 'noc']);
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
      expect(await h.run(['token', 'list'])).toBe(0);
      expect(h.stdout()).toMatch(/Имя\s+Доступ\s+Создан\s+Автор|Имя\s+Доступ\s+Создан/);
      expect(await h.run(['token', 'revoke', 'noc'])).toBe(1);
      expect(h.stderr()).toMatch(/Действующего токена noc нет/);
    }
  });
});

describe.each(['en', 'ru'] as Lang[])('an outage in %s at 80 columns', (lang) => {
  it('open, list, show, eta, extend, log, pending, resume, resolve fit, in the language', async () => {
    const h = await harness({ terminal: 80, lang, now: '2026-11-25T06:00:00Z' });
    const wide: string[] = [];
    const run = async (args: string[]) => {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
      wide.push(...wider(args, h.stdout()), ...wider(args, h.stderr()));
      return h.stdout() + h.stderr();
    };
    const opened = await run([
      'outage',
      'open',
      '--summary',
      'Обрыв ВОЛС на магистрали между узлом Независимости и АТС Уручье',
      '--elements',
      'NODE-MSQ-17',
      '--proactive',
    ]);
    const listed = await run(['outage', 'list']);
    const eta = await run(['outage', 'eta', '1', lang === 'ru' ? 'завтра 10:00' : 'tomorrow 10:00']);
    await run(['outage', 'extend', '1', '--by', '2h', '--reason', 'storm']);
    await run(['outage', 'log', '1', 'action', 'splicing crew on site']);
    const shown = await run(['outage', 'show', '1']);
    const resolved = await run([
      'outage',
      'resolve',
      '1',
      '--summary',
      'spliced',
      '--take',
      '--zone',
      'operator-network',
    ]);
    expect(wide).toEqual([]);
    if (lang === 'ru') {
      expect(opened).toMatch(/OUT-000001 открыта: Обрыв ВОЛС/);
      expect(listed).toMatch(/Авария\s+Статус/);
      expect(eta).toMatch(/срок восстановления 26\.11\.2026 10:00/);
      expect(shown).toMatch(/Пострадавшие услуги[\s\S]*Привязанные заявки[\s\S]*История/);
      expect(resolved).toMatch(/устранена, клиентов просят подтвердить/);
    } else {
      expect(opened).toMatch(/OUT-000001 opened: /);
      expect(eta).toMatch(/ETA 2026-11-26 10:00/);
    }
  });

  it('refusals in the language', async () => {
    const h = await harness({ lang });
    expect(await h.run(['outage', 'show', '99'])).toBe(1);
    expect(h.stderr()).toMatch(lang === 'ru' ? /Аварии OUT-000099 нет/ : /No outage OUT-000099/);
    expect(await h.run(['outage', 'open', '--summary', 'x', '--elements', 'NODE-NOWHERE'])).toBe(1);
    expect(h.stderr()).toMatch(
      lang === 'ru' ? /Авария не открыта: ни одна услуга не зависит/ : /Nothing opened/,
    );
    expect(
      await h.run([
        'outage',
        'open',
        '--summary',
        'x',
        '--elements',
        'NODE-MSQ-17',
        '--eta',
        '2026-11-24T10:00',
      ]),
    ).toBe(1);
    expect(h.stderr()).toMatch(
      lang === 'ru' ? /Срок восстановления 24\.11\.2026 10:00 уже прошёл/ : /has already passed/,
    );
    expect(await h.run(['outage', 'open', '--summary', 'x'])).toBe(2);
    expect(h.stderr()).toMatch(
      lang === 'ru' ? /Не хватает: --elements \(что отказало\)/ : /Missing --elements/,
    );
  });
});

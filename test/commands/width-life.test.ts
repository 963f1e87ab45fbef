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
  ['engineer'],
  ['engineer', 'add'],
  ['engineer', 'list'],
  ['engineer', 'show'],
  ['engineer', 'update'],
  ['dispatch'],
  ['dispatch', 'update'],
  ['dispatch', 'list'],
  ['replace'],
  ['spares'],
  ['spares', 'list'],
  ['spares', 'receive'],
  ['spares', 'adjust'],
  ['spares', 'history'],
  ['spares', 'faulty'],
  ['spares', 'returned'],
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
      expect(h.stdout(), args.join(' ')).toMatch(lang === 'ru' ? /Параметры:/ : /Options:/);
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
    expect(await step(['take', '1'])).toContain('HD-000001: исполнитель — olga, в работе.');
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
    ).toContain('HD-000001: устранена (зона Помещение клиента / CPE, клиенту');
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
    expect(ru.stderr()).toContain('Не указано: --reason ТЕКСТ (вопросы не задаются');
    const en = await harness({ lang: 'en' });
    expect(await en.run(openArgs(BANK, 'Internet down at the branch'))).toBe(0);
    expect(await en.run(['reopen', '1'])).toBe(2);
    expect(en.stderr()).toContain('Missing --reason TEXT (not prompting: no terminal, or --no-input).');
  });
});

describe('field work in Russian at 80 columns', () => {
  it('engineers, a dispatch with its job sheet, progress, a replacement and the spares read Russian', async () => {
    const h = await harness({ terminal: 80, lang: 'ru', now: '2026-11-25T06:00:00Z' });
    expect(await h.run(openArgs(BANK, 'HQ router dead'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    const wide: string[] = [];
    const step = async (args: string[], code = 0) => {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(code);
      wide.push(...wideLines(h, `hd ${args.join(' ')}`));
      return `${h.stdout()}${h.stderr()}`.replace(/\s+/g, ' ');
    };
    expect(await step(['engineer', 'list'])).toContain('Инженер');
    expect(await step(['engineer', 'show', 'Ivan Petrov'])).toContain('Текущие выезды: нет');
    const sheet = await step([
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'CISCO-ISR4331',
      '--spare',
      'SFP-1G-LX:2',
    ]);
    expect(sheet).toContain('ВЫЕЗД J-000001 по заявке HD-000001 (P1)');
    expect(sheet).toMatch(/На месте до 25\.11\.2026 \d\d:\d\d \(через 2 ч\)/);
    expect(sheet).toContain('CISCO-ISR4331 × 1 (со склада minsk-central)');
    expect(await step(['dispatch', 'list'])).toContain('назначен');
    h.setNow('2026-11-25T07:00:00Z');
    expect(await step(['dispatch', 'update', '1', 'on-site'])).toContain(
      'HD-000001 J-000001: выезд на месте, инженер — Ivan Petrov, раньше срока на 1 ч.',
    );
    expect(await step(['dispatch', 'update', '1', 'en-route'], 1)).toContain(
      'J-000001: статус «на месте»; можно перевести в: done, cancelled.',
    );
    expect(
      await step([
        'replace',
        '1',
        '--part',
        'CISCO-ISR4331',
        '--faulty-serial',
        'FDO1',
        '--new-serial',
        'FDO2',
      ]),
    ).toContain('HD-000001: CISCO-ISR4331 заменён в срок замены оборудования');
    expect(await step(['dispatch', 'update', 'J-000001', 'done'])).toContain(
      'возвращено на склад: SFP-1G-LX×2',
    );
    expect(await step(['dispatch', 'list'])).toContain('выполнен');
    expect(await step(['spares', 'list'])).toContain('Своб.');
    expect(await step(['spares', 'history', 'SFP-1G-LX'])).toContain('снят резерв');
    expect(await step(['spares', 'faulty'])).toContain('ждёт возврата');
    expect(
      await step(['spares', 'receive', 'SFP-1G-LX', '--qty', '5', '--depot', 'minsk-central']),
    ).toContain('SFP-1G-LX на складе minsk-central: +5');
    expect(
      await step([
        'spares',
        'adjust',
        'SFP-1G-LX',
        '--qty',
        '-1',
        '--reason',
        'повреждён',
        '--depot',
        'minsk-central',
      ]),
    ).toContain('(повреждён), теперь всего');
    expect(await step(['spares', 'returned', 'FDO1'])).toContain('отмечен как возвращённый');
    expect(await step(['dispatch', '1', '--engineer', 'Nobody'], 1)).toContain('Инженера «Nobody» нет.');
    expect(wide).toEqual([]);
  });

  it('piped, the tables keep their English headers and values', async () => {
    const h = await harness({ lang: 'ru', now: '2026-11-25T06:00:00Z' });
    expect(await h.run(['spares', 'list'])).toBe(0);
    expect(h.stdout().split('\n')[0]).toBe('SKU\tDepot\tDescription\tStock\tReserved\tAvailable\tMin\t');
    expect(await h.run(['engineer', 'list'])).toBe(0);
    expect(h.stdout()).toMatch(/^Engineer\tDuty\t/);
    expect(h.stdout()).toMatch(/\t(on|off)\t/);
  });
});

describe('field work in English at 80 columns', () => {
  it('the same commands fit, and say what they said before', async () => {
    const h = await harness({ terminal: 80, now: '2026-11-25T06:00:00Z' });
    expect(await h.run(openArgs(BANK, 'HQ router dead'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    const wide: string[] = [];
    const runs: [string[], number?][] = [
      [['engineer', 'list']],
      [['engineer', 'show', 'Ivan Petrov']],
      [['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'CISCO-ISR4331', '--spare', 'SFP-1G-LX:2']],
      [['dispatch', 'list']],
      [['dispatch', 'update', '1', 'on-site']],
      [['replace', '1', '--part', 'CISCO-ISR4331', '--faulty-serial', 'FDO1', '--new-serial', 'FDO2']],
      [['dispatch', 'update', 'J-000001', 'done']],
      [['spares', 'list']],
      [['spares', 'history', 'SFP-1G-LX']],
      [['spares', 'faulty']],
      [['spares', 'faulty', '--all']],
    ];
    let out = '';
    for (const [args, code = 0] of runs) {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(code);
      wide.push(...wideLines(h, `hd ${args.join(' ')}`));
      out += h.stdout();
    }
    expect(out).toContain('FIELD JOB J-000001 for HD-000001 (P1)');
    expect(out).toContain('HD-000001 J-000001: Ivan Petrov on-site');
    expect(out).toContain('awaiting return');
    expect(wide).toEqual([]);
  });
});

// Readable at 80 columns in both languages (issue 15, points 1 and 3): hd open, log, zone, eta,
// extend, notify and outbox — their output and their --help — have no line wider than 80, and
// in Russian they speak Russian.
import { describe, expect, it } from 'vitest';
import { harness, tempDbPath } from '../helpers/context.ts';
import { hd } from '../helpers/e2e.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const LONG =
  'Internet down at the concert hall box office since the evening performance, card payments failing at every till';

const wide = (text: string, width = 80) => text.split('\n').filter((line) => [...line].length > width);

const HELP: [string[], RegExp][] = [
  [['open'], /анкета|Вопросы анкеты/],
  [['log'], /записать проверку/],
  [['zone'], /зону неисправности/],
  [['eta'], /срок восстановления/],
  [['extend'], /продлении срока/],
  [['notify'], /уведомить клиента/],
  [['outbox'], /исходящие письма/],
  [['outbox', 'list'], /новые сверху/],
  [['outbox', 'show'], /номер письма/],
  [['outbox', 'send'], /отправить всё/],
  [['outbox', 'retry'], /вернуть неудачное письмо/],
];

describe('--help of the intake and notice commands at 80 columns', () => {
  const db = tempDbPath();
  it.each(HELP)('hd %s --help', (args, russian) => {
    for (const lang of ['en', 'ru']) {
      const r = hd(db, [...args, '--help'], { env: { COLUMNS: '80', HD_LANG: lang } });
      expect(r.code, r.stderr).toBe(0);
      expect(wide(r.stdout), `${lang}: hd ${args.join(' ')} --help`).toEqual([]);
      if (lang === 'ru') expect(r.stdout).toMatch(russian);
      else expect(r.stdout).not.toMatch(/[а-я]{4}/i.test(args.join('')) ? /$^/ : /Использование/);
    }
  });
});

describe.each(['en', 'ru'] as const)('the commands’ output at 80 columns in %s', (lang) => {
  it('open, log, zone, eta, extend, notify and outbox print no line wider than 80', async () => {
    const h = await harness({ terminal: 80, lang, now: '2026-11-25T06:00:00Z' });
    const runs: [string[], RegExp | null][] = [
      [openArgs(BANK, LONG), /открыта: P1.*\n.*Скажите клиенту/],
      [
        [
          'log',
          '1',
          'test',
          'ping from the PE router to the CPE: 100% loss over ten minutes',
          '--result',
          'fail',
          '--zone',
          'last-mile',
        ],
        /проверка записана/,
      ],
      [
        ['log', '1', 'call', 'told Andrei we are testing the line', '--outcome', 'no-answer'],
        /записан исходящий звонок/,
      ],
      [['zone', '1', 'last-mile', '--note', 'loss on the copper pair'], /зона last-mile/],
      [
        ['eta', '1', 'завтра', '10:00', '--via', 'phone', '--outcome', 'reached'],
        /срок восстановления 26\.11\.2026 10:00/,
      ],
      [
        ['extend', '1', '--by', '1,5ч', '--reason', LONG, '--via', 'phone', '--outcome', 'busy'],
        /срок продлён до 26\.11\.2026 11:30/,
      ],
      [['notify', '1', 'update', '--via', 'both', '--dry-run'], /Письмо для/],
      [['notify', '1', 'update', '--via', 'email'], null],
      [['outbox', 'list'], /Статус/],
      [['outbox', 'show', '1'], /Кому:/],
    ];
    const found: string[] = [];
    for (const [args, russian] of runs) {
      const code = await h.run(args);
      expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
      for (const line of [...wide(h.stdout()), ...wide(h.stderr())]) found.push(`hd ${args[0]}: ${line}`);
      if (lang === 'ru' && russian) expect(h.stdout() + h.stderr(), args.join(' ')).toMatch(russian);
    }
    expect(found).toEqual([]);
  });

  it('refusals read in the interface language', async () => {
    const h = await harness({ terminal: 80, lang });
    expect(await h.run(openArgs(BANK, 'VPN down'))).toBe(0);
    expect(await h.run(['eta', '1', 'завтра'])).toBe(2);
    expect(h.stderr()).toMatch(
      lang === 'ru'
        ? /день без времени, а здесь нужно время: "завтра 10:00"/
        : /a time is needed: "завтра 10:00"/,
    );
    expect(await h.run(['zone', '1'])).toBe(2);
    expect(h.stderr()).toMatch(
      lang === 'ru' ? /Не указана зона\. Зоны: cpe \(Помещение клиента/ : /Missing the zone/,
    );
    expect(await h.run(['log', '1', 'note', 'x', '--outcome', 'reached'])).toBe(2);
    expect(h.stderr()).toMatch(lang === 'ru' ? /относится к «hd log … call»/ : /is for "hd log … call"/);
  });
});

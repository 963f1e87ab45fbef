// The read commands in both interface languages at 80 columns (issue 15, points 1 and 3): hd show,
// list, search, sla (summary, --overdue, report), handover, rules, verify and their --help — no
// line wider than 80, and in Russian the Russian words a reader looks for.
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { harness } from '../helpers/context.ts';
import { BANK, EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';

const LONG =
  'Internet down at the concert hall box office since the evening performance, card payments failing at every till';

/** Three tickets, one with a long timeline, seen at 14:00 when most deadlines are past. */
async function desk(lang: Lang) {
  const h = await harness({ terminal: 80, lang, now: '2026-11-25T06:00:00Z' });
  const ok = async (args: string[]) => expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
  await ok(openArgs(BANK, LONG));
  await ok(openArgs(EVROOPT, 'Warehouse L2 link down, the whole Borisov depot is offline'));
  await ok(openArgs(NORDIC, 'Slow DNS answers from the resolver', { impact: 'degraded' }));
  h.setNow('2026-11-25T06:20:00Z');
  await ok(['take', '1']);
  await ok([
    'log',
    '1',
    'test',
    'ping from the PE router to the CPE: 100% loss over ten minutes',
    '--result',
    'fail',
  ]);
  await ok(['log', '1', 'call', 'told the client we are testing the last mile', '--outcome', 'reached']);
  await ok(['zone', '1', 'last-mile']);
  await ok(['eta', '1', '2026-11-25T10:00:00Z', '--no-notify', '--skip-reason', 'told on the call']);
  h.setNow('2026-11-25T09:30:00Z');
  await ok([
    'extend',
    '1',
    '--by',
    '2h',
    '--reason',
    'the splice crew is stuck in traffic',
    '--no-notify',
    '--skip-reason',
    'will call',
  ]);
  await ok(['take', '3']);
  await ok([
    'pending',
    '3',
    '--reason',
    'the client asks to wait for their IT on site',
    '--until',
    '2026-11-25T16:00:00Z',
  ]);
  await ok(['assign', '2', '--to', 'ivan']);
  h.setNow('2026-11-25T14:00:00Z');
  return h;
}

const READS: string[][] = [
  ['show', '1'],
  ['show', '3'],
  ['list'],
  ['search', 'internet'],
  ['sla'],
  ['sla', '--overdue'],
  ['sla', '--overdue', '--limit', '0'],
  ['sla', 'report', '--from', '2026-11-01', '--to', '2026-11-30'],
  ['handover'],
  ['rules', 'list'],
  ['rules', 'show', 'business-8x5'],
  ['verify'],
];

const HELPS: string[][] = [
  ['show'],
  ['list'],
  ['search'],
  ['sla'],
  ['sla', 'report'],
  ['handover'],
  ['rules'],
  ['rules', 'list'],
  ['rules', 'show'],
  ['rules', 'import'],
  ['verify'],
];

const wider = (args: string[], out: string) =>
  out
    .split('\n')
    .filter((line) => [...line].length > 80)
    .map((line) => `hd ${args.join(' ')}: ${[...line].length}: ${line}`);

describe.each(['en', 'ru'] as const)('the read commands in %s at 80 columns', (lang) => {
  it('print no line wider than 80, their --help included', async () => {
    const h = await desk(lang);
    const wide: string[] = [];
    for (const args of READS) {
      expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
      wide.push(...wider(args, h.stdout()), ...wider(args, h.stderr()));
    }
    for (const args of HELPS) {
      expect(await h.run([...args, '--help'])).toBe(0);
      wide.push(...wider([...args, '--help'], h.stdout()));
    }
    expect(wide).toEqual([]);
  });
});

describe('hd show in Russian', () => {
  it('labels, deadlines, targets and the timeline read in Russian; an engineer’s words stay as typed', async () => {
    const h = await desk('ru');
    expect(await h.run(['show', '1'])).toBe(0);
    const out = h.stdout();
    // Wrapped at word boundaries: a phrase may go on on the next line.
    const flat = out.replace(/\s+/g, ' ');
    for (const word of [
      'Приоритет',
      'Контактное лицо',
      'Срок восстановления',
      'Сроки SLA',
      'ПРОСРОЧЕН',
      'Нормативы договора',
      'История',
      'Взята в работу',
      'Срок восстановления продлён',
      'the splice crew is stuck in traffic',
      'ping from the PE router',
      'неуспешно',
      'дозвонились',
    ])
      expect(flat).toContain(word);
    // Dates as people here write them; no English label left.
    expect(out).toContain('25.11.2026');
    for (const english of ['Priority', 'Timeline', 'OVERDUE', 'Taken by', 'ETA extended', 'Targets'])
      expect(out).not.toContain(english);
    // A span is never cut in the middle ("7 ч" / "10 мин").
    expect(out).not.toMatch(/\d ч\n/);
    expect(await h.run(['show', '3'])).toBe(0);
    expect(h.stdout()).toContain('Ожидание');
    expect(h.stdout()).toContain('ждём с');
  });

  it('--json keeps the English event texts and keys', async () => {
    const h = await desk('ru');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const json = JSON.parse(h.stdout());
    expect(json.timeline.map((e: { text: string }) => e.text)).toContain('Taken by olga');
    expect(json.status).toBe('inProgress');
  });
});

describe('hd sla in Russian', () => {
  it('the overdue view keeps the due time and the next action whole at 80 columns; spans in Russian', async () => {
    const h = await desk('ru');
    expect(await h.run(['sla', '--overdue'])).toBe(0);
    const out = h.stdout();
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(out.split('\n')[0]).toMatch(/^Заявка +Пр +Клиент +Просрочено +На +(Исполнит\S* +)?Срок$/);
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'срок ответа истёк 7 ч 30 мин назад (hd take 2 или hd log 2 call … --outcome reached)',
    );
    expect(out).toMatch(/HD-000002 {2}P1 .* 7ч30м {2}(ivan +)?09:30/);
    expect(await h.run(['sla'])).toBe(0);
    expect(h.stdout()).toContain('SLA на 25.11.2026 17:00: просрочено:');
    expect(h.stdout()).toContain('Подробно: hd sla --overdue');
    expect(await h.run(['sla', '--overdue', '--fail-on-overdue'])).toBe(3);
    expect(h.stderr()).toMatch(/Просрочено сроков: \d+\./);
  });
});

describe('hd handover in Russian', () => {
  it('reads in Russian at 80 columns, wrapped between words; Markdown headings too', async () => {
    const h = await desk('ru');
    expect(await h.run(['handover'])).toBe(0);
    const out = h.stdout();
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const flat = out.replace(/\s+/g, ' ');
    for (const words of [
      'Передача смены 25.11.2026 05:00 → 25.11.2026 17:00 (olga)',
      'Открытые заявки',
      'Просрочки (',
      'ответ (перезвон) — просрочено на 7 ч 30 мин · Evroopt Logistics · ivan →',
      'Ждут звонка',
      'В ожидании (сроки приостановлены) (1)',
      'Открыты за смену (3)',
    ])
      expect(flat).toContain(words);
    // Every wrapped line goes on under its item, never cutting a word.
    expect(out).not.toMatch(/\S…\n/);
    expect(await h.run(['handover', '--markdown'])).toBe(0);
    expect(h.stdout()).toContain('## Ждут звонка');
    expect(await h.run(['handover', '--json'])).toBe(0);
    expect(Object.keys(JSON.parse(h.stdout()))).toContain('waitingForCallBack');
  });
});

describe('hd list and hd search in Russian', () => {
  it('headers, statuses, deadlines and where a word was found read in Russian', async () => {
    const h = await desk('ru');
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout().split('\n')[0]).toMatch(/^Заявка +Пр +Статус +Клиент +Суть/);
    expect(h.stdout()).toContain('ответ (перезвон): просрочено, 7 ч 30 мин назад');
    expect(await h.run(['search', 'traffic'])).toBe(0);
    expect(h.stdout()).toContain('продление:');
    expect(await h.run(['search', 'nothing-like-this'])).toBe(0);
    expect(h.stderr()).toContain('Ничего не найдено по запросу «nothing-like-this»');
    expect(await h.run(['list', '--status', 'bogus'])).toBe(2);
    expect(h.stderr()).toContain('Неизвестный статус «bogus»');
    expect(h.stderr()).toContain('принята, в работе, ожидание');
  });

  it('--status takes the Russian words the table shows, as well as the English and TMF names', async () => {
    const h = await desk('ru');
    const numbers = async (status: string) => {
      expect(await h.run(['list', '--status', status, '--json']), h.stderr()).toBe(0);
      return (JSON.parse(h.stdout()) as { id: string }[]).map((x) => x.id);
    };
    const working = await numbers('inProgress');
    const waiting = await numbers('acknowledged');
    expect(working.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    expect(await numbers('в работе')).toEqual(working);
    expect(await numbers('В работе')).toEqual(working);
    expect(await numbers('in progress')).toEqual(working);
    expect(await numbers('принята')).toEqual(waiting);
    expect((await numbers('принята,в работе')).length).toBe(working.length + waiting.length);
    expect(await h.run(['export', '--format', 'tmf621', '--status', 'в работе']), h.stderr()).toBe(0);
    expect(h.stdout().trim().split('\n')).toHaveLength(working.length); // one ticket a line
  });
});

describe('hd sla report in Russian', () => {
  it('the title, columns, bars and breaches read in Russian; CSV keeps its English header', async () => {
    const h = await desk('ru');
    expect(await h.run(['sla', 'report', '--from', '01.11.2026'])).toBe(0);
    const out = h.stdout();
    expect(out).toContain('Отчёт SLA 01.11.2026 → сейчас · заявок: 3');
    expect(out).toMatch(/^Приоритет +Заявок +Ответ/m);
    expect(out).toMatch(/^все +3 /m);
    expect(out).toContain('Восстановление в срок');
    expect(out).toContain('позже на 7 ч 30 мин (ещё открыта)');
    expect(out.replace(/\s+/g, ' ')).toContain('Отчёт не учитывает сроки «новости клиенту');
    expect(await h.run(['sla', 'report', '--from', '01.11.2026', '--by', 'zone', '--csv'])).toBe(0);
    expect(h.stdout()).toMatch(/^group,tickets,responseMetPct/);
    expect(h.stdout()).toContain('(no zone),');
    expect(await h.run(['sla', 'report'])).toBe(2);
    expect(h.stderr()).toContain('Не указан --from');
  });
});

describe('hd rules in Russian', () => {
  it('lists and shows a profile with its targets as the contract means them; a refused import says so in Russian', async () => {
    const h = await desk('ru');
    expect(await h.run(['rules', 'list'])).toBe(0);
    expect(h.stdout()).toMatch(/^Профиль +Вер\. +P1 ответ +P1 восст\. +P1 выезд$/m);
    expect(h.stdout()).toContain('пн-пт 09:00-18:00 Europe/Minsk, праздники BY — выходные');
    expect(await h.run(['rules', 'show', 'business-8x5'])).toBe(0);
    const out = h.stdout().replace(/\s+/g, ' ');
    expect(out).toContain('Время обслуживания: пн-пт');
    expect(out).toContain('Восстановление 27 рабочих часов (3 рабочих дня)');
    expect(out).toContain('без выезда');
    expect(await h.run(['rules', 'import', '/nonexistent/gold.json'])).toBe(1);
    expect(h.stderr()).toContain(
      '/nonexistent/gold.json не найден (нет такого файла); проверьте путь. Ничего не импортировано.',
    );
  });
});

describe('hd verify in Russian', () => {
  it('counts tickets and events with the right word forms', async () => {
    const h = await desk('ru');
    expect(await h.run(['verify'])).toBe(0);
    expect(h.stdout().replace(/\n(?!$)\s*/g, ' ')).toMatch(
      /^Все цепочки хешей целы, каждая заявка совпадает со своими событиями: 3 заявки и \d+ событи(е|я|й) проверены за [\d,]+ с\.\n$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.ts';
import { sql } from '../../src/store/port.ts';
import { harness, type TestHarness } from '../helpers/context.ts';
import { answers } from '../helpers/fixtures.ts';
import type { Step } from '../helpers/prompter.ts';

// Lookups fold case and accents in every script (domain/fold.ts): each entry point that takes a
// client or an engineer finds them by what an operator types on either keyboard layout.

const DAIRY = 'Минский молочный завод';

/** The demo set, plus a client and an engineer written in Cyrillic. */
async function setup(interactive = false): Promise<TestHarness> {
  const h = await harness({ now: '2026-11-25T07:00:00Z', operator: 'olga', interactive });
  const client = [
    'client',
    'add',
    '--name',
    DAIRY,
    '--contract',
    'Д-2025-0042',
    '--profile',
    'business-8x5',
    '--contact',
    'Иванов Сергей Петрович',
    '--phone',
    '+375 29 555-12-34',
    '--service',
    'МСК-ИНТ-00077',
    '--kind',
    'Интернет 100 Мбит/с',
    '--address',
    'Минск, ул. Тимирязева 5',
  ];
  expect(await h.run(client)).toBe(0);
  const engineer = ['engineer', 'add', '--name', 'Иванов Пётр', '--phone', '+375 29 555-00-01'];
  expect(
    await h.run([...engineer, '--depot', 'minsk-central', '--region', 'minsk', '--skills', 'fibre']),
  ).toBe(0);
  return h;
}

async function json<T>(h: TestHarness, args: string[]): Promise<T> {
  const code = await h.run([...args, '--json']);
  expect(code, h.stderr()).toBe(0);
  return JSON.parse(h.stdout()) as T;
}

describe('--client finds a client whatever the case and accents', () => {
  it.each([
    ['минский', DAIRY],
    ['МИНСКИЙ', DAIRY],
    ['Минский  МОЛОЧНЫЙ', DAIRY],
    ['д-2025-0042', DAIRY],
    ['Д–2025–0042', DAIRY], // en dashes, as a word processor writes them
    ['д-2025', DAIRY],
    ['мск-инт-00077', DAIRY],
    ['иванов', DAIRY], // a contact's name
    ['ИВАНОВ СЕРГЕЙ', DAIRY],
    ['cafe', 'Café Lido Network'],
    ['CAFÉ LIDO', 'Café Lido Network'],
    ['c-2024-0760', 'Café Lido Network'],
    ['msk-bb-10443', 'Café Lido Network'],
    // Typed on a Russian layout: Cyrillic letters that look like the Latin ones (codeKey).
    ['\u0441-2024-0760', 'Café Lido Network'], // Cyrillic с
    ['\u0421-2024-0760', 'Café Lido Network'], // Cyrillic С
    ['\u043cs\u043a-\u0432\u0432-10443', 'Café Lido Network'], // мsк-вв: Cyrillic м, к, в
    ['\u0441-2024', 'Café Lido Network'], // a fragment too
  ])('hd client show %s → %s', async (typed, name) => {
    const h = await setup();
    expect((await json<{ name: string }>(h, ['client', 'show', typed])).name).toBe(name);
  });

  it('a fragment no client holds is still refused, and by the text typed', async () => {
    const h = await setup();
    expect(await h.run(['client', 'show', 'гомельский'])).toBe(1);
    expect(h.stderr()).toContain('No client matches "гомельский"');
  });

  it('a contract number differing only in case is refused as the same contract', async () => {
    const h = await setup();
    const again = ['client', 'add', '--name', 'Другой', '--contract', 'д-2025-0042', '--contact', 'Кто-то'];
    expect(
      await h.run([
        ...again,
        '--phone',
        '+375295550002',
        '--service',
        'X-1',
        '--kind',
        'k',
        '--address',
        'a',
      ]),
    ).toBe(1);
    expect(h.stderr()).toContain('A client with contract number Д-2025-0042 already exists');
  });
});

describe('every entry point', () => {
  async function opened(h: TestHarness) {
    const args = ['open', '--client', 'МИНСКИЙ', '--contact', 'иванов', '--service', 'мск-инт-00077'];
    const t = await json<{ number: string; client: { name: string }; contact: { name: string } }>(h, [
      ...args,
      ...['--impact', 'down', '--urgency', 'high', '--summary', 'Нет связи на складе', ...answers()],
    ]);
    expect(t.client.name).toBe(DAIRY);
    expect(t.contact.name).toBe('Иванов Сергей Петрович');
    return t;
  }

  it('hd open --client/--contact/--service, hd list --client, hd sla report --client', async () => {
    const h = await setup();
    const t = await opened(h);
    expect(
      await h.run([
        'open',
        '--client',
        'cafe',
        '--contact',
        'PAVEL RUDAK',
        '--service',
        '\u043cs\u043a-\u0432\u0432-10442', // мsк-вв: Cyrillic м, к, в (S has no Cyrillic twin)
        ...answers(),
        '--impact',
        'down',
        '--urgency',
        'low',
        '--summary',
        'Wi-Fi down',
      ]),
    ).toBe(0);

    for (const typed of ['минский', 'МИНСКИЙ', 'д-2025-0042']) {
      const rows = await json<{ number: string; client: string }[]>(h, ['list', '--client', typed]);
      expect(rows.map((r) => [r.number, r.client])).toEqual([[t.number, DAIRY]]);
    }
    // A ticket number typed with a Cyrillic Н.
    expect((await json<{ number: string }>(h, ['show', `\u041d${t.number.slice(1)}`])).number).toBe(t.number);
    const cafe = await json<{ client: string }[]>(h, ['list', '--client', 'CAFE']);
    expect(cafe.map((r) => r.client)).toEqual(['Café Lido Network']);

    h.setNow('2026-11-25T12:00:00Z');
    for (const typed of ['минский', 'Д-2025-0042']) {
      const report = await json<{ total: { tickets: number }; groups: { group: string }[] }>(h, [
        ...['sla', 'report', '--client', typed, '--from', '2026-11-01', '--by', 'client'],
      ]);
      expect(report.total.tickets).toBe(1);
      expect(report.groups.map((g) => g.group)).toEqual([DAIRY]);
    }
  });

  it('a contact word held by two contacts is refused by name, not guessed', async () => {
    const h = await setup();
    const add = ['client', 'contact', 'д-2025-0042', '--name', 'Иванова Мария', '--phone', '+375295550003'];
    expect(await h.run(add)).toBe(0);
    // "иванова" is a whole word of one contact only.
    const one = await json<{ contact: { name: string } }>(h, [
      ...['open', '--client', 'минский', '--contact', 'ИВАНОВА', '--service', 'мск-инт-00077'],
      ...['--impact', 'down', '--urgency', 'high', '--summary', 'x', ...answers()],
    ]);
    expect(one.contact.name).toBe('Иванова Мария');
    const add2 = ['client', 'contact', 'д-2025-0042', '--name', 'Иванов Олег', '--phone', '+375295550004'];
    expect(await h.run(add2)).toBe(0);
    expect(
      await h.run([
        ...['open', '--client', 'минский', '--contact', 'иванов', '--service', 'мск-инт-00077'],
        ...['--impact', 'down', '--urgency', 'high', '--summary', 'x', ...answers()],
      ]),
    ).toBe(1);
    expect(h.stderr()).toContain('"иванов" names 2 contacts of Минский молочный завод');
  });

  it('a contact name stored with control characters is picked as it reads; new ones are refused', async () => {
    const h = await setup();
    // A row from an import or an older hd, written past the input checks.
    await h.store.tx((q) =>
      q.run(
        sql`UPDATE contacts SET name = ${'Bad\u001b[31mGuy\u202e'} WHERE name = 'Иванов Сергей Петрович'`,
      ),
    );
    const t = await json<{ contact: { name: string } }>(h, [
      ...['open', '--client', 'минский', '--contact', 'BadGuy', '--service', 'мск-инт-00077'],
      ...['--impact', 'down', '--urgency', 'high', '--summary', 'x', ...answers()],
    ]);
    expect(t.contact.name).toBe('Bad\u001b[31mGuy\u202e');
    const add = [
      'client',
      'contact',
      'д-2025-0042',
      '--name',
      'Evil\u001b[2JGuy',
      '--phone',
      '+375295550003',
    ];
    expect(await h.run(add)).toBe(2);
    expect(h.stderr()).toContain('--name contains a control character (U+001B)');
  });

  it('the hd open type-ahead lists clients by folded name, contract and service', async () => {
    for (const [term, pick] of [
      ['МИНСКИЙ', DAIRY],
      ['д-2025', DAIRY],
      ['cafe lido', 'Café Lido'],
      ['\u0441-2024-07', 'Café Lido'], // Cyrillic с
    ] as const) {
      const h = await setup(true);
      const offered: string[] = [];
      // What the list offers is the point: Ctrl-C once it is shown.
      const script: Step[] = [
        {
          ask: 'Client',
          term,
          answer: (choices) => {
            offered.push(...choices.map((c) => c.name));
            throw new CancelledError();
          },
        },
      ];
      expect(await h.run(['open'], { script })).toBe(130);
      // The one match, then the way to enter a caller who is not a client yet.
      expect(offered, term).toEqual([expect.stringContaining(pick), 'New client: not on record yet']);
    }
  });

  it('hd engineer show and hd dispatch --engineer', async () => {
    const h = await setup();
    for (const typed of ['иванов', 'ИВАНОВ', 'иванов петр', 'Иванов Пётр', 'ИВАНОВ  ПЁТР']) {
      expect((await json<{ name: string }>(h, ['engineer', 'show', typed])).name).toBe('Иванов Пётр');
    }
    const t = await opened(h);
    expect(await h.run(['take', t.number])).toBe(0);
    const job = await json<{ engineer: string } & Record<string, unknown>>(h, [
      ...['dispatch', t.number, '--engineer', 'ИВАНОВ'],
    ]);
    expect(JSON.stringify(job)).toContain('Иванов Пётр');
    expect(await h.run(['dispatch', 'list', '--engineer', 'иванов петр', '--json'])).toBe(0);
    expect(h.stdout()).toContain(t.number);
  });

  it('engineer names match by whole words; a word two engineers share is refused, naming both', async () => {
    const h = await setup();
    const add = (name: string, phone: string) =>
      h.run([
        'engineer',
        'add',
        '--name',
        name,
        '--phone',
        phone,
        '--depot',
        'minsk-central',
        '--region',
        'minsk',
      ]);
    expect(await add('Иванова Анна', '+375 29 555-00-09')).toBe(0);
    expect((await json<{ name: string }>(h, ['engineer', 'show', 'иванов'])).name).toBe('Иванов Пётр');
    expect((await json<{ name: string }>(h, ['engineer', 'show', 'ИВАНОВА'])).name).toBe('Иванова Анна');
    expect(await add('Пётр Лис', '+375 29 555-00-08')).toBe(0);
    expect(await h.run(['engineer', 'show', 'петр'])).toBe(1);
    expect(h.stderr()).toContain('"петр" matches 2 engineers: Иванов Пётр, Пётр Лис. Give the full name.');
    expect(await add('ИВАНОВ ПЕТР', '+375 29 555-00-07')).toBe(1);
    expect(h.stderr()).toContain('An engineer named "Иванов Пётр" already exists');
  });
});

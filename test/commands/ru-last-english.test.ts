// The last English in a Russian session (issue 15, the testers' findings): hd search's snippets of
// text hd wrote, a field job's facts in its event, the engineer's card, the decimal comma of the
// SLA report, and the help a usage error points to. English stays as it was.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbRow, harness } from '../helpers/context.ts';
import { BANK, EVROOPT, openArgs } from '../helpers/fixtures.ts';

async function desk(lang: 'ru' | 'en') {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan', lang, terminal: 80 });
  const ok = async (args: string[]) => {
    h.reset();
    expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
    return h.stdout();
  };
  await ok(openArgs(BANK, 'HQ router dead'));
  await ok(['take', '1']);
  return { h, ok };
}

/** Output as one line: the words are checked here, the wrapping by the width tests. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** The snippet line under a ticket's line in hd search's output. */
const under = (out: string, ticket: string) => {
  const lines = out.split('\n');
  return lines[lines.findIndex((l) => l.startsWith(ticket)) + 1] ?? '';
};

describe('hd search quotes text hd wrote in the reader’s language', () => {
  it('ru: an ETA and an extension read as the timeline reads them; the words typed marked where they occur', async () => {
    const { h, ok } = await desk('ru');
    await ok(['eta', '1', '+3h', '--outcome', 'reached']);
    // Not in the reader's text (the stored "ETA … (client told by phone)"): shown unmarked.
    const eta = under(await ok(['search', 'told', 'phone']), 'HD-000001');
    expect(eta).toBe('    срок: Срок восстановления 25.11.2026 15:00');
    await ok(['extend', '1', '--by', '1h', '--reason', 'crew stuck in traffic', '--outcome', 'reached']);
    // The engineer's reason is in the reader's text too: marked there.
    const extended = under(await ok(['search', 'traffic']), 'HD-000001');
    expect(extended).toContain('[traffic]');
    expect(extended).toContain('16:00');
    expect(extended).not.toMatch(/ETA|extended|told/);
    // An engineer's own words stay as typed, marked.
    await ok(['log', '1', 'test', 'ping from the PE: 100% loss', '--result', 'fail']);
    expect(under(await ok(['search', 'ping']), 'HD-000001')).toBe(
      '    проверка: [ping] from the PE: 100% loss',
    );
    // --json keeps the stored text.
    const json = JSON.parse(await ok(['search', 'told', 'phone', '--json'])) as { snippet: string }[];
    expect(json[0]?.snippet).toBe('…2026-11-25 15:00 (client told by phone and e-mail)');
    expect(h.stderr()).toBe('');
  });

  it('en: the stored text, marked, as before', async () => {
    const { ok } = await desk('en');
    await ok(['eta', '1', '+3h', '--outcome', 'reached']);
    expect(under(await ok(['search', 'told', 'phone']), 'HD-000001')).toBe(
      '    eta: …2026-11-25 15:00 (client [told] by [phone] and e-mail)',
    );
  });
});

describe('a field job’s progress stores its facts', () => {
  it('the payload holds the engineer, the margin and the spares returned; the Russian timeline reads them', async () => {
    const { h, ok } = await desk('ru');
    await ok(['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'CISCO-ISR4331']);
    h.setNow('2026-11-25T10:04:00Z');
    await ok(['dispatch', 'update', 'J-000001', 'on-site']);
    const onSite = await dbRow(
      h.store,
      "SELECT payload FROM events WHERE kind = 'dispatch' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(onSite!.payload as string)).toEqual({
      job: 'J-000001',
      status: 'on-site',
      note: null,
      engineer: 'Ivan Petrov',
      margin: 'early',
      marginMin: 56,
    });
    await ok(['dispatch', 'update', 'J-000001', 'done', '--note', 'router swapped']);
    const done = await dbRow(
      h.store,
      "SELECT payload FROM events WHERE kind = 'dispatch' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(done!.payload as string)).toMatchObject({ engineer: 'Ivan Petrov', status: 'done' });
    const shown = (await ok(['show', '1'])).replace(/\s+/g, ' ');
    expect(shown).toContain('J-000001: Ivan Petrov — на месте, раньше срока на 56 мин');
    expect(shown).toContain('J-000001: Ivan Petrov — выполнен');
    expect(shown).toContain('router swapped');
  });
});

describe('the engineer’s card in Russian', () => {
  it('names the job’s status once, then its deadline', async () => {
    const { ok } = await desk('ru');
    await ok(['dispatch', '1', '--engineer', 'ivan petrov']);
    await ok(['dispatch', 'update', 'J-000001', 'on-site']);
    const card = await ok(['engineer', 'show', 'Ivan Petrov']);
    expect(card).toMatch(/J-000001 HD-000001 на месте, срок прибытия \d\d\.\d\d\.2026 \d\d:\d\d/);
    expect(card).not.toContain('на месте, на месте');
  });
});

describe('hd sla report writes decimals as the reader does', () => {
  async function history(lang: 'ru' | 'en') {
    const h = await harness({ now: '2026-11-02T08:00:00Z', operator: 'ivan', lang, terminal: 100 });
    // Three tickets, one taken in time: 33.3 % of responses met.
    for (const [i, at] of ['2026-11-02T08', '2026-11-03T08', '2026-11-04T08'].entries()) {
      h.setNow(`${at}:00:00Z`);
      expect(await h.run(openArgs(EVROOPT, `link down ${i}`))).toBe(0);
    }
    h.setNow('2026-11-04T08:10:00Z');
    expect(await h.run(['take', '3'])).toBe(0);
    h.setNow('2026-11-05T08:00:00Z');
    h.reset();
    return h;
  }

  it('ru: 33,3 % in the table; --json and --csv keep the point', async () => {
    const h = await history('ru');
    expect(await h.run(['sla', 'report', '--from', '2026-11-01'])).toBe(0);
    expect(h.stdout()).toContain('33,3\u00a0% (1/3)');
    expect(h.stdout()).not.toContain('33.3');
    h.reset();
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--csv'])).toBe(0);
    expect(h.stdout()).toMatch(/^all,3,33\.3,/m);
    h.reset();
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).total.targets.response.pct).toBe(33.3);
  });

  it('en: 33.3%', async () => {
    const h = await history('en');
    expect(await h.run(['sla', 'report', '--from', '2026-11-01'])).toBe(0);
    expect(h.stdout()).toContain('33.3% (1/3)');
  });
});

describe('a usage error names the help of the subcommand typed', () => {
  const cases: [string[], string][] = [
    [['sla', 'report', '--from', '2026-11-01', '--by', 'foo'], '(see hd sla report --help)'],
    [['dispatch', 'update', 'J-000001', 'on-site', '--bogus'], '(see hd dispatch update --help)'],
    [['client', 'add', '--bogus'], '(see hd client add --help)'],
    [['--db', 'x.db', 'sla', '--bogus'], '(see hd sla --help)'],
    [['frobnicate', 'list'], '(see hd --help)'],
  ];
  it.each(cases)('%j', async (args, expected) => {
    const h = await harness();
    expect(await h.run(args)).toBe(2);
    expect(h.stderr()).toContain(expected);
  });

  it('ru: the same command, in Russian', async () => {
    const h = await harness({ lang: 'ru' });
    expect(await h.run(['sla', 'report', '--from', '2026-11-01', '--by', 'foo'])).toBe(2);
    expect(h.stderr()).toContain('hd sla report --help');
  });
});

describe('the sweep: what else a Russian session read in English', () => {
  it('a bad ticket number, and a required flag left out', async () => {
    const h = await harness({ lang: 'ru' });
    expect(await h.run(['show', 'abc'])).toBe(2);
    expect(h.stderr()).toContain('«abc» — не номер заявки. Пишите HD-000123 или просто 123.');
    h.reset();
    expect(await h.run(['db', 'copy'])).toBe(2);
    expect(h.stderr()).toContain('не указан обязательный параметр «--to <target>» (см. hd db copy --help)');
    const en = await harness();
    expect(await en.run(['db', 'copy'])).toBe(2);
    expect(en.stderr()).toContain("required option '--to <target>' not specified (see hd db copy --help)");
  });

  it('hd export and hd import', async () => {
    const { h, ok } = await desk('ru');
    const file = join(mkdtempSync(join(tmpdir(), 'hd-ru6-')), 'out.jsonl');
    await ok(['export', '--format', 'tmf621', '--output', file]);
    expect(oneLine(h.stderr())).toContain(
      `Выгружена 1 заявка в ${file} (TMF621 TroubleTicket, по одной в строке).`,
    );
    const other = await harness({ lang: 'ru' });
    expect(await other.run(['import', '--format', 'tmf621', file])).toBe(0);
    expect(other.stdout()).toBe('Загружена 1 заявка (HD-000001); пропущено уже загруженных: 0.\n');
    other.reset();
    expect(await other.run(['import', '--format', 'tmf621', `${file}.missing`])).toBe(1);
    expect(other.stderr()).toContain('файла нет; проверьте путь. Ничего не загружено.');
    other.reset();
    expect(await other.run(['import', '--format', 'xml', file])).toBe(2);
    expect(other.stderr()).toContain('--format «xml»: такого формата hd import не знает');
  });

  it('a replaced part in the timeline and in the spares history; the call outcome of hd notify', async () => {
    const { h, ok } = await desk('ru');
    await ok(['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'CISCO-ISR4331']);
    await ok(['replace', '1', '--part', 'CISCO-ISR4331', '--faulty-serial', 'FDO1', '--new-serial', 'FDO2']);
    expect(oneLine(await ok(['show', '1']))).toContain(
      'Замена CISCO-ISR4331: снят неисправный FDO1, установлен FDO2 (из резерва выезда J-000001)',
    );
    expect(oneLine(await ok(['spares', 'history', 'CISCO-ISR4331']))).toContain('замена, снят FDO1');
    await ok(['notify', '1', 'update', '--via', 'phone', '--outcome', 'reached']);
    expect(h.stdout() + h.stderr()).toContain('Звонок записан: дозвонились (клиенту сообщено');
    const replaced = await dbRow(h.store, "SELECT payload FROM events WHERE kind = 'replace'");
    expect(JSON.parse(replaced!.payload as string)).toMatchObject({ job: 'J-000001', reserved: true });
  });
});

describe('an outage’s entries in Russian', () => {
  it('hd outage log and notify name the entry and the notice in words; the call owed reads in Russian', async () => {
    const { h, ok } = await desk('ru');
    await ok([
      'outage',
      'open',
      '--summary',
      'обрыв',
      '--zone',
      'operator-network',
      '--elements',
      'NODE-MSQ-17',
    ]);
    expect(oneLine(await ok(['outage', 'log', 'OUT-000001', 'note', 'бригада на месте']))).toContain(
      'записано: заметка',
    );
    const notified = oneLine((await ok(['outage', 'notify', 'OUT-000001', 'update'])) + h.stderr());
    expect(notified).toContain('уведомление «новости»');
    expect(oneLine(await ok(['show', '1']))).not.toContain('To be phoned');
  });
});

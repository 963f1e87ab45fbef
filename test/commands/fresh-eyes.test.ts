// A fresh-eyes tester's findings, both languages: an import line's unknown client in Russian, the
// default note of hd spares receive in Russian, hd export's write errors in words (not ENOENT),
// and hd spares receive refusing a mistyped depot unless --new-depot opens it.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows, harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const UNKNOWN_CLIENT = JSON.stringify({
  '@type': 'TroubleTicket',
  id: 'OLD-1',
  description: 'old fault',
  severity: 'Minor',
  ticketType: 'incident',
  creationDate: '2026-10-01T08:00:00Z',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2021-9999' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
});

describe('hd import: a line whose client is unknown', () => {
  it.each([
    ['en', 'line 1: No client has the contract number "C-2021-9999" (relatedParty customer id)'],
    ['ru', 'строка 1: Нет клиента с номером договора «C-2021-9999» (relatedParty customer id)'],
  ] as const)('%s', async (lang, want) => {
    const h = await harness({ lang });
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: UNKNOWN_CLIENT })).toBe(1);
    expect(oneLine(h.stderr())).toContain(want);
  });
});

describe('hd spares history: the note hd spares receive writes when none is given', () => {
  it.each([
    ['en', 'received'],
    ['ru', 'получено'],
  ] as const)('%s', async (lang, want) => {
    const h = await harness({ lang, terminal: 120 });
    expect(await h.run(['spares', 'receive', 'SFP-1G-LX', '--qty', '2', '--depot', 'grodno'])).toBe(0);
    h.reset();
    expect(await h.run(['spares', 'history', 'SFP-1G-LX'])).toBe(0);
    expect(h.stdout()).toContain(want);
    if (lang === 'ru') expect(h.stdout()).not.toMatch(/\breceived\b/);
  });
});

describe('hd export --output where it cannot be written: the reason in words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-export-'));
  mkdirSync(join(dir, 'folder.jsonl'));
  it.each([
    [
      'en',
      join(dir, 'no', 'x.jsonl'),
      `the folder ${join(dir, 'no')} is not there (no such folder); check the path.`,
    ],
    ['ru', join(dir, 'no', 'x.jsonl'), `каталога ${join(dir, 'no')} нет; проверьте путь.`],
    ['en', join(dir, 'folder.jsonl'), 'it is a folder; give a file name.'],
    ['ru', join(dir, 'folder.jsonl'), 'это каталог; укажите имя файла.'],
  ] as const)('%s %s', async (lang, path, want) => {
    const h = await harness({ lang });
    expect(await h.run(['export', '--format', 'tmf621', '--output', path])).toBe(1);
    const err = oneLine(h.stderr());
    expect(err).toContain(want);
    expect(err).not.toMatch(/ENOENT|EISDIR|EBADF/);
  });
});

describe('hd spares receive: a depot hd does not know', () => {
  it.each([
    [
      'en',
      'hd knows no depot "MSQ"; the depots: grodno, minsk-central, minsk-east. Give one of them, or add --new-depot',
    ],
    [
      'ru',
      'Склада «MSQ» нет; склады: grodno, minsk-central, minsk-east. Укажите один из них или добавьте --new-depot',
    ],
  ] as const)('is refused as a typo (%s), nothing changed', async (lang, want) => {
    const h = await harness({ lang });
    const before = await countRows(h.store);
    expect(await h.run(['spares', 'receive', 'SFP-1G-LX', '--qty', '3', '--depot', 'MSQ'])).toBe(1);
    expect(oneLine(h.stderr())).toContain(want);
    expect(await countRows(h.store)).toEqual(before);
  });

  it('a known depot in other letters keeps its spelling; --new-depot opens a new one', async () => {
    const h = await harness();
    expect(await h.run(['spares', 'receive', 'SFP-1G-LX', '--qty', '2', '--depot', 'Minsk-East'])).toBe(0);
    expect(
      await h.run(['spares', 'receive', 'SFP-1G-LX', '--qty', '2', '--depot', 'brest', '--new-depot']),
    ).toBe(0);
    h.reset();
    expect(await h.run(['spares', 'list', '--json'])).toBe(0);
    const depots = (JSON.parse(h.stdout()) as { sku: string; depot: string }[])
      .filter((s) => s.sku === 'SFP-1G-LX')
      .map((s) => s.depot);
    expect(depots.sort()).toEqual(['brest', 'grodno', 'minsk-central', 'minsk-east']);
  });

  it('an engineer based at a depot makes it known; an empty desk needs --new-depot', async () => {
    const h = await harness({ demo: false });
    const receive = [
      'spares',
      'receive',
      'SFP-1G-LX',
      '--qty',
      '1',
      '--description',
      'SFP',
      '--depot',
      'minsk',
    ];
    expect(await h.run(receive)).toBe(1);
    expect(oneLine(h.stderr())).toContain('hd has no depots yet: add --new-depot to open the depot "minsk".');
    expect(await h.run([...receive, '--new-depot'])).toBe(0);
    const engineer = ['engineer', 'add', '--name', 'Ivan Petrov', '--phone', '+375295001101'];
    expect(await h.run([...engineer, '--depot', 'gomel', '--region', 'Gomel']), h.stderr()).toBe(0);
    expect(await h.run([...receive.slice(0, -1), 'gomel']), h.stderr()).toBe(0);
  });
});

describe('hd search: a code typed with Cyrillic look-alikes', () => {
  it.each([
    ['\u041eU\u0422-000001', 'OUT-000001'], // Cyrillic О and Т, as a Russian layout types them
    ['\u041eU\u0422-000001 fibre', 'OUT-000001 fibre'],
    ['\u041dD-000001', 'HD-000001'], // Cyrillic Н
  ])('%s finds what %s finds', async (typed, latin) => {
    const h = await harness();
    expect(await h.run(openArgs(BANK, 'Fibre cut, part of OUT-000001'))).toBe(0);
    expect(await h.run(openArgs(BANK, 'Second office down, see HD-000001', { duplicateOk: true }))).toBe(0);
    const found = async (words: string) => {
      h.reset();
      expect(await h.run(['search', ...words.split(' '), '--json']), h.stderr()).toBe(0);
      return (JSON.parse(h.stdout()) as { number: string }[]).map((r) => r.number);
    };
    const wanted = await found(latin);
    expect(wanted.length).toBeGreaterThan(0);
    expect(await found(typed)).toEqual(wanted);
  });
});

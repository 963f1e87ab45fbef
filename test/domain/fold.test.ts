import { describe, expect, it } from 'vitest';
import { codeKey, codeKeys, codesMatch, foldCodeWords, foldKey, namesMatch } from '../../src/domain/fold.ts';
import { parseOutageNumber } from '../../src/domain/outage.ts';
import { parseTicketNumber } from '../../src/domain/ticket-number.ts';

describe('foldKey: the lookup key of names and identifiers', () => {
  it.each([
    ['Минский молочный завод', 'минский молочный завод'],
    ['МИНСКИЙ', 'минский'],
    ['минский', 'минский'],
    ['ИВАНОВ', 'иванов'],
    ['Д-2025-0042', 'д-2025-0042'],
    ['Д–2025—0042', 'д-2025-0042'], // en and em dash
    ['Д\u20112025\u22120042', 'д-2025-0042'], // non-breaking hyphen, minus sign
    ['Café Lido', 'cafe lido'],
    ['CAFÉ', 'cafe'],
    ['Cafe\u0301', 'cafe'], // decomposed accent
    ['Пётр', 'петр'],
    ['ЁЛКА', 'елка'],
    ['Ўладзімір', 'уладзімір'], // Belarusian ў; і stays і
    ['Йошкар-Ола', 'йошкар-ола'], // й is a letter, not и with an accent
    ['Андрей', 'андрей'],
    ['Zürich Straße', 'zurich straße'],
    ['İstanbul', 'istanbul'],
    ['Ｃ－２０２１', 'c-2021'], // full-width
    ['Больница № 6', 'больница no 6'],
    ['  two\u00a0\tspaces  ', 'two spaces'],
    ['ΑΘΗΝΑ', 'αθηνα'],
    ['Bad\u001b[31mGuy\u202e', 'badguy'], // escapes and bidi marks, as the screen shows the name
    ['Bad\u0007\u0085Guy', 'badguy'],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(foldKey(text)).toBe(key);
  });

  it('is idempotent: a key folds to itself', () => {
    for (const text of ['Минский', 'Café', 'Йошкар-Ола', 'Пётр', 'Д–2025']) {
      expect(foldKey(foldKey(text))).toBe(foldKey(text));
    }
  });
});

describe('namesMatch: the name an operator meant', () => {
  it.each([
    ['иванов', 'Иванов Сергей Петрович', true],
    ['СЕРГЕЙ ИВАНОВ', 'Иванов Сергей Петрович', true],
    ['Иванов Сергей Петрович', 'Иванов Сергей Петрович', true],
    ['иванов', 'Иванова Мария', false],
    ['иван', 'Иванов Сергей', false],
    ['петр', 'Иванов Пётр', true],
    ['pavel rudak', 'Pavel Rudak', true],
    ['  ', 'Pavel Rudak', false],
  ])('%j names %j: %s', (typed, name, expected) => {
    expect(namesMatch(typed, name)).toBe(expected);
  });
});

describe('codeKey: codes typed on a Russian layout', () => {
  it.each([
    ['\u0441-2021-0147', 'c-2021-0147'], // Cyrillic с
    ['\u0421-2021-0147', 'c-2021-0147'], // Cyrillic С
    ['C-2021-0147', 'c-2021-0147'],
    ['\u041c\u0421\u041a-\u0412\u0412-10442', 'mck-bb-10442'], // МСК-ВВ: each a homoglyph
    ['\u0430\u0432\u0435\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0443\u0445', 'abekmhopctyx'],
    ['\u0414-2025-0042', 'д-2025-0042'], // Д has no Latin twin: stays
    ['\u0418\u041d\u0422', 'иht'],
  ])('%s → %s', (typed, key) => expect(codeKey(typed)).toBe(key));

  it('lookups try the folded key first, then the Latin one; names are never matched this way', () => {
    expect(codeKeys('МСК-ИНТ-00077')).toEqual(['мск-инт-00077', 'mck-иht-00077']);
    expect(codeKeys('C-2021-0147')).toEqual(['c-2021-0147']);
    expect(codesMatch('\u0441-2021-0147', 'C-2021-0147')).toBe(true);
    expect(codesMatch('МСК-ИНТ-00077', 'МСК-ИНТ-00077')).toBe(true);
    expect(codesMatch('\u0441-2021-0148', 'C-2021-0147')).toBe(false);
    expect(namesMatch('Иван Петров', 'Ivan Petrov')).toBe(false);
  });

  it('ticket and outage numbers take a Cyrillic Н, О, Т in their prefix', () => {
    expect(parseTicketNumber('\u041dD-000012')).toBe(12);
    expect(parseTicketNumber(' hd-7 ')).toBe(7);
    expect(parseOutageNumber('\u041eU\u0422-000003')).toBe(3); // Cyrillic О and Т
    expect(() => parseOutageNumber('\u041e\u0423\u0422-000003')).toThrow(); // У is a y, not a u
  });
});

describe('foldCodeWords: a search word that is a code typed with Cyrillic look-alikes', () => {
  it.each([
    ['\u041eU\u0422-000001', 'out-000001'], // Cyrillic О and Т
    ['\u041dD-000012 ping', 'hd-000012 ping'], // Cyrillic Н
    ['\u0408-000004', '\u0408-000004'], // Ј (Serbian) has no twin in the table: stays
    ['\u0441-2021-0147', 'c-2021-0147'], // a contract, Cyrillic с alone
    ['OUT-000001', 'OUT-000001'], // Latin: as typed
    ['BR\u0421-L2-00098', 'brc-l2-00098'], // mixed scripts in a service ID
    ['\u041c\u0421\u041a-12', '\u041c\u0421\u041a-12'], // a code registered in Cyrillic: as typed
    ['\u0440\u043e\u0443\u0442\u0435\u0440 \u0441\u0442\u043e\u043a', 'роутер сток'], // Russian words
    ['\u0422-34', '\u0422-34'], // no shape of hd's numbers, one script: as typed
  ])('%s → %s', (typed, folded) => expect(foldCodeWords(typed)).toBe(folded));
});

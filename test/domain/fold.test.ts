import { describe, expect, it } from 'vitest';
import { foldKey, namesMatch } from '../../src/domain/fold.ts';

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

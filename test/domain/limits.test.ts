import { describe, expect, it } from 'vitest';
import {
  checkIdentifier,
  checkLine,
  checkText,
  decodeUtf8,
  LIMITS,
  MAX_COUNT,
  parseWhole,
} from '../../src/domain/limits.ts';

describe('checkText', () => {
  it('keeps text up to the limit, including Cyrillic and controls the output sanitiser cleans', () => {
    expect(checkText('Связь пропала \u001b[31m', '--note', LIMITS.note)).toBe('Связь пропала \u001b[31m');
    expect(checkText('x'.repeat(LIMITS.summary), '--summary', LIMITS.summary)).toHaveLength(200);
  });

  it.each([
    ['x'.repeat(201), /--summary is 201 characters long; the limit is 200\. Shorten it/],
    ['a\u0000b', /--summary contains a NUL byte/],
    ['bad \uFFFD byte', /--summary is not valid UTF-8 text; .*iconv/],
    ['lone \uD800 surrogate', /--summary is not valid UTF-8 text/],
  ])('refuses %j naming the field, the rule and the fix', (value, message) => {
    expect(() => checkText(value, '--summary', LIMITS.summary)).toThrow(message);
  });
});

describe('checkLine', () => {
  it('keeps plain one-line text', () => {
    expect(checkLine('Иванов Сергей', '--name', LIMITS.name)).toBe('Иванов Сергей');
  });

  it.each([
    ['Bad\u001b[31mGuy', 'U+001B'],
    ['two\nlines', 'U+000A'],
    ['tab\there', 'U+0009'],
    ['c1 \u009b', 'U+009B'],
    ['bidi \u202e', 'U+202E'],
    ['isolate \u2066', 'U+2066'],
  ])('refuses %j naming the character', (value, code) => {
    expect(() => checkLine(value, '--name', LIMITS.name)).toThrow(
      `--name contains a control character (${code})`,
    );
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and refuses cp1251 bytes and NUL', () => {
    expect(decodeUtf8(Buffer.from('Привет'), 'stdin')).toBe('Привет');
    expect(() => decodeUtf8(Buffer.from([0xcf, 0xf0, 0xe8]), 'notes.txt')).toThrow(
      /notes\.txt is not valid UTF-8 text; convert it first/,
    );
    expect(() => decodeUtf8(Buffer.from('a\u0000b'), 'stdin')).toThrow(/stdin contains a NUL byte/);
  });
});

describe('checkIdentifier', () => {
  it.each([
    'MSK-DIA-09001',
    'C-2021-0147',
    'minsk-central',
    'SFP-1G-LX',
    'Д-2026/01',
    'fw_v1.2',
    'x'.repeat(64),
  ])('takes %s', (id) => expect(checkIdentifier(id, '--service')).toBe(id));

  it.each([
    ['C 1', /--contract "C 1" is not an identifier: use letters, digits and - _ \. \/ only/],
    ['-C1', /is not an identifier/],
    ['/etc', /is not an identifier/],
    ['a\tb', /is not an identifier/],
    ['💥', /is not an identifier/],
    ['x'.repeat(65), /an identifier has at most 64/],
  ])('refuses %j', (id, message) => expect(() => checkIdentifier(id, '--contract')).toThrow(message));
});

describe('parseWhole', () => {
  const count = { min: 1, max: MAX_COUNT };
  it.each([
    ['1', 1],
    ['+7', 7],
    ['1000000000', MAX_COUNT],
  ])('takes %s', (text, n) => expect(parseWhole(text, '--limit', count)).toBe(n));

  it.each(['1e3', '0x10', '1.5', ' 3', '3 ', '', '-1', 'Infinity', '１'])(
    'refuses %j as not digits',
    (text) => {
      expect(() => parseWhole(text, '--limit', count)).toThrow(/--limit takes a whole number above 0, not "/);
    },
  );

  it('refuses out of range by name', () => {
    expect(() => parseWhole('0', '--limit', count)).toThrow('--limit takes a whole number above 0, not "0".');
    expect(() => parseWhole('99999999999999999999', '--limit', count)).toThrow(
      /must be from 1 to 1000000000/,
    );
  });

  it('takes a sign when asked to', () => {
    expect(parseWhole('-2', '--qty', { min: -5, max: 5, signed: true })).toBe(-2);
    expect(() => parseWhole('-9', '--qty', { min: -5, max: 5, signed: true })).toThrow(/from -5 to 5/);
  });
});

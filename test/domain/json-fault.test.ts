import { describe, expect, it } from 'vitest';
import { jsonFault } from '../../src/domain/json-fault.ts';

describe('jsonFault: where a text stops being JSON', () => {
  it.each([
    ['not json', 1, 2, 'o'],
    ['{"bad":1}x', 1, 10, 'x'],
    ['{"a":1,}', 1, 8, '}'],
    ['{\n  a: 1}', 2, 3, 'a'],
    ['[1 2]', 1, 4, '2'],
    ['{"a": tru}', 1, 10, '}'],
    ['{"a": -}', 1, 7, '-'],
    ['"tab\there"', 1, 5, '\t'],
  ])('%j → line %i, column %i at %j', (text, line, column, found) => {
    expect(jsonFault(text)).toEqual({ line, column, end: false, found });
  });

  it('a text that ends too soon, and JSON that parses', () => {
    expect(jsonFault('{"a":')).toEqual({ line: 1, column: 6, end: true });
    expect(jsonFault('{"a": [1, 2.5e3, "x\\u00e9", true, false, null], "b": {}}')).toBeNull();
    expect(jsonFault(' 0 ')).toBeNull();
  });
});

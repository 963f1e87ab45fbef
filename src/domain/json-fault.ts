// Where a text stops being JSON: the parser's own message names no position for some faults
// ("Unexpected token 'o', "not json" is not valid JSON"), so hd finds the place itself to say
// "line 1, column 2" in any language.

export interface JsonFault {
  /** Line and column of the fault, from 1 (a column counts UTF-16 units, as editors mostly do). */
  line: number;
  column: number;
  /** The text ended before the JSON value did. */
  end: boolean;
  /** The character found where it does not belong (undefined at the end). */
  found?: string;
}

class Fault {
  constructor(readonly offset: number) {}
}

/** The first place `text` is not JSON; null when JSON.parse would accept it. */
export function jsonFault(text: string): JsonFault | null {
  const offset = faultOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset).split('\n');
  return {
    line: before.length,
    column: before.at(-1)!.length + 1,
    end: offset >= text.length,
    ...(offset < text.length ? { found: text[offset]! } : {}),
  };
}

function faultOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Fault(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const word = (w: string) => {
    for (const c of w) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const str = () => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else fail();
        continue;
      }
      i++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') str();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Fault) return error.offset;
    if (error instanceof RangeError) return null; // nested past the stack: the parser's word stands
    throw error;
  }
}

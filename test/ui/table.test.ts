import { describe, expect, it } from 'vitest';
import { fitColumns, renderTable, wrapForTerminal, wrapWords } from '../../src/ui/table.ts';

const COLUMNS = [
  { header: 'Ticket' },
  { header: 'Client', flexible: true, min: 6 },
  { header: 'Assignee', drop: 1 },
  { header: 'Next action', wrap: true },
];
const CELLS = [
  [
    'HD-000001',
    'Belarusian State Philharmonic',
    'nobody',
    'call the client back: the response was due 7h ago',
  ],
];

describe('fitting a table to the terminal', () => {
  it('keeps every column at its natural width when there is room', () => {
    const { lines, dropped } = renderTable(COLUMNS, CELLS, 120);
    expect(lines).toEqual([
      'Ticket     Client                         Assignee  Next action',
      'HD-000001  Belarusian State Philharmonic  nobody    call the client back: the response was due 7h ago',
    ]);
    expect(dropped).toEqual([]);
  });

  it('shortens the flexible column, then moves the never-cut column under the row', () => {
    const { lines } = renderTable(COLUMNS, CELLS, 60);
    expect(lines).toEqual([
      'Ticket     Client                         Assignee',
      'HD-000001  Belarusian State Philharmonic  nobody',
      '    call the client back: the response was due 7h ago',
    ]);
  });

  it('drops the low-value column last of all, and says which', () => {
    const { lines, dropped } = renderTable(COLUMNS, CELLS, 20);
    expect(dropped).toEqual(['Assignee']);
    expect(lines[1]).toBe('HD-000001  Belarusi…');
    expect(lines.slice(2)).toEqual([
      '    call the client',
      '    back: the',
      '    response was due',
      '    7h ago',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('a layout never wider than asked while anything can give way', () => {
    for (const width of [30, 40, 50, 80]) {
      const layout = fitColumns(COLUMNS, CELLS, width);
      const total = layout.shown.reduce((a, c) => a + c.width, 0) + 2 * (layout.shown.length - 1);
      expect(total).toBeLessThanOrEqual(width);
    }
  });
});

describe('wrapping text at word boundaries', () => {
  it('breaks between words, cutting only a word longer than the line', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('https://example.com/a/very/long/path ok', 10)).toEqual(['https://e…', 'ok']);
  });

  it('goes on under the last field of a timeline entry, keeping the spacing of the first line', () => {
    const line =
      '  2026-11-25 09:00  opened       olga         Internet down at the concert hall box office since the evening';
    expect(wrapForTerminal(line, 80).split('\n')).toEqual([
      '  2026-11-25 09:00  opened       olga         Internet down at the concert hall',
      '                                              box office since the evening',
    ]);
  });

  it('wraps before a command hint, not inside it; a command wider than the line breaks as words', () => {
    const line = 'P1 просрочено на 2 ч, сообщите новый срок (hd extend 2 --by 2ч --reason ТЕКСТ) сейчас';
    expect(wrapForTerminal(line, 60).split('\n')).toEqual([
      'P1 просрочено на 2 ч, сообщите новый срок',
      '  (hd extend 2 --by 2ч --reason ТЕКСТ) сейчас',
    ]);
    expect(wrapForTerminal('Закройте: hd close 1 --confirmed-by ИМЯ', 32).split('\n')).toEqual([
      'Закройте:',
      '  hd close 1 --confirmed-by ИМЯ',
    ]);
    const long = wrapForTerminal('x hd extend 2 --by 2h --reason "a long one"', 20).split('\n');
    for (const l of long) expect(l.length).toBeLessThanOrEqual(20);
    expect(long.join(' ')).not.toContain('…');
  });

  it('counts colour codes as no width and leaves short lines alone', () => {
    const red = '\u001b[31mP1\u001b[39m';
    expect(wrapForTerminal(`${red} short`, 10)).toBe(`${red} short`);
    const wrapped = wrapForTerminal(`HD-1  ${red}  one two three four five six`, 20).split('\n');
    expect(wrapped[0]).toBe(`HD-1  ${red}  one two`);
    for (const l of wrapped) expect(l.replace(/\u001b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(20);
  });
});

// rowToTicket is written out field by field (for speed): it must read every column of TICKET_SQL,
// each into its field, so that a column added to FIELDS and forgotten there fails here.
import { describe, expect, it } from 'vitest';
import { rowToTicket, TICKET_COLUMNS, ticketFromValues } from '../../src/store/tickets.ts';

const camel = (column: string) => column.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

describe('rowToTicket', () => {
  it('reads every ticket column into its field, the JSON ones parsed, the deadlines grouped', () => {
    const columns = TICKET_COLUMNS.split(', ').map((c) => c.replace(/^t\./, ''));
    const row: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    const deadlines: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const json = column === 'answers' || column === 'targets';
      row[column] = json ? JSON.stringify({ n: i }) : `value ${i}`;
      if (column.endsWith('_due') && column !== 'tell_due')
        deadlines[column.replace(/_due$/, '')] = `value ${i}`;
      else fields[camel(column)] = json ? { n: i } : `value ${i}`;
    });
    const ticket = rowToTicket(row) as unknown as Record<string, unknown>;
    expect(ticket).toEqual({ ...fields, deadlines });
    expect(Object.keys(ticket)).toEqual([...Object.keys(fields), 'deadlines']);
    expect(Object.keys(deadlines)).toEqual([
      'response',
      'update',
      'restore',
      'onsite',
      'hardware',
      'confirm',
    ]);
  });

  it('a deadline column that is absent reads as null', () => {
    const ticket = rowToTicket({ answers: '{}', targets: '{}' });
    expect(ticket.deadlines).toEqual({
      response: null,
      update: null,
      restore: null,
      onsite: null,
      hardware: null,
      confirm: null,
    });
  });

  it('ticketFromValues reads the same ticket from a row of values, from any position', () => {
    const columns = TICKET_COLUMNS.split(', ').map((c) => c.replace(/^t\./, ''));
    const values = columns.map((c, i) =>
      c === 'answers' || c === 'targets' ? `{"n":${i}}` : i % 3 ? i : null,
    );
    const row = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
    expect(ticketFromValues(values)).toEqual(rowToTicket(row));
    expect(Object.keys(ticketFromValues(['x', ...values], 1))).toEqual(Object.keys(rowToTicket(row)));
    expect(ticketFromValues(['x', ...values, 'y'], 1)).toEqual(rowToTicket(row));
  });
});

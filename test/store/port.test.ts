import { describe, expect, it } from 'vitest';
import { sql } from '../../src/store/port.ts';

describe('the sql tag', () => {
  it('binds every value and renders the placeholders of each engine', () => {
    const id = 7;
    const status = "closed'; DROP TABLE tickets; --";
    const q = sql`SELECT id FROM tickets WHERE id = ${id} AND status <> ${status}`;
    expect(q.render('sqlite')).toEqual({
      text: 'SELECT id FROM tickets WHERE id = ? AND status <> ?',
      values: [7, status],
    });
    expect(q.render('postgres').text).toBe('SELECT id FROM tickets WHERE id = $1 AND status <> $2');
  });

  it('splices fragments with their own values, numbered in order', () => {
    const filters = [sql`priority = ${'P1'}`, sql`client_id = ${3}`];
    const q = sql`SELECT * FROM tickets WHERE opened_at > ${100} AND ${sql.join(filters, ' AND ')} LIMIT ${50}`;
    expect(q.render('postgres')).toEqual({
      text: 'SELECT * FROM tickets WHERE opened_at > $1 AND priority = $2 AND client_id = $3 LIMIT $4',
      values: [100, 'P1', 3, 50],
    });
  });

  it('lists values for IN, and an empty list matches nothing', () => {
    expect(sql`status IN ${sql.list(['a', 'b'])}`.render('postgres')).toEqual({
      text: 'status IN ($1, $2)',
      values: ['a', 'b'],
    });
    expect(sql`status IN ${sql.list([])}`.render('sqlite')).toEqual({ text: 'status IN (NULL)', values: [] });
  });

  it('raw text is spliced as it is, and an empty join is empty', () => {
    expect(sql`SELECT ${sql.raw('restore_due')} FROM t${sql.join([])}`.render('sqlite')).toEqual({
      text: 'SELECT restore_due FROM t',
      values: [],
    });
  });
});

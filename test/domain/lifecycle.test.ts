import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  assertMove,
  assertWritable,
  parseStatusWords,
  statusWords,
} from '../../src/domain/lifecycle.ts';
import { STATUSES, type Status } from '../../src/domain/types.ts';

const allowed: [Status, Status][] = [
  ['acknowledged', 'inProgress'],
  ['acknowledged', 'cancelled'],
  ['inProgress', 'pending'],
  ['inProgress', 'resolved'],
  ['inProgress', 'cancelled'],
  ['pending', 'inProgress'],
  ['pending', 'resolved'],
  ['pending', 'cancelled'],
  ['resolved', 'closed'],
  ['resolved', 'inProgress'],
];

describe('ticket state machine', () => {
  it.each(allowed)('%s → %s is allowed', (from, to) => expect(() => assertMove(1, from, to)).not.toThrow());

  const refused = STATUSES.flatMap((from) =>
    STATUSES.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as const,
    ),
  );
  it.each(refused)('%s → %s is refused and names the allowed moves', (from, to) => {
    const moves = allowedMoves(from);
    expect(() => assertMove(7, from, to)).toThrow(
      moves.length
        ? new RegExp(`HD-000007 is ${statusWords(from)}.*can go to: ${statusWords(moves[0]!)}`)
        : /is final/,
    );
  });

  it('suggests a related ticket when a closed one is reopened', () => {
    expect(() => assertMove(12, 'closed', 'inProgress')).toThrow('hd open --related HD-000012');
  });

  it('refuses log entries on finished tickets', () => {
    expect(() => assertWritable(3, 'closed')).toThrow(/closed; its log is final/);
    expect(() => assertWritable(3, 'cancelled')).toThrow(/cancelled/);
    expect(() => assertWritable(3, 'pending')).not.toThrow();
  });
});

describe('a status as people write it', () => {
  it.each([
    ['inProgress', 'inProgress'],
    ['in progress', 'inProgress'],
    ['in-progress', 'inProgress'],
    ['In Progress', 'inProgress'],
    ['in_progress', 'inProgress'],
    ['pending', 'pending'],
    [' Cancelled ', 'cancelled'],
    ['в работе', 'inProgress'],
    ['В работе', 'inProgress'],
    ['в-работе', 'inProgress'],
    ['принята', 'acknowledged'],
    ['ожидание', 'pending'],
    ['устранена', 'resolved'],
    ['закрыта', 'closed'],
    ['отменена', 'cancelled'],
    ['в работ', null],
    ['', null],
    ['in progres', null],
    ['open', null],
  ])('%j → %s', (text, status) => {
    expect(parseStatusWords(text)).toBe(status);
  });

  it('every status reads back from its words', () => {
    for (const s of STATUSES) expect(parseStatusWords(statusWords(s))).toBe(s);
  });
});

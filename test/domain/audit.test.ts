import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assertNotBeforeOpening,
  CHAIN_START,
  chainHead,
  eventHash,
  rowIsFinal,
  type StoredEvent,
  TicketAudit,
  type TicketRow,
} from '../../src/domain/audit.ts';
import { assertJobTicketOpen, assertNoOpenJobs } from '../../src/domain/field-job.ts';

const T0 = Date.parse('2026-11-25T09:00:00Z');
const MIN = 60_000;

/** Events as hd writes them, chained. */
function chained(raw: Omit<StoredEvent, 'hash' | 'ticketId' | 'id'>[], ticketId = 1): StoredEvent[] {
  let prev = CHAIN_START;
  return raw.map((e, i) => {
    const event = { ...e, id: i + 1, ticketId, hash: '' };
    event.hash = eventHash(prev, event);
    prev = event.hash;
    return event;
  });
}

const OPENED = { at: T0, actor: 'olga', kind: 'opened', text: 'VPN down', payload: '{"priority":"P1"}' };
const history = () =>
  chained([
    OPENED,
    {
      at: T0 + MIN,
      actor: 'ivan',
      kind: 'assigned',
      text: 'Taken',
      payload: '{"from":null,"to":"ivan","status":"inProgress"}',
    },
    {
      at: T0 + 2 * MIN,
      actor: 'ivan',
      kind: 'eta',
      text: 'ETA',
      payload: '{"eta":"2026-11-25T12:00:00.000Z"}',
    },
    {
      at: T0 + 3 * MIN,
      actor: 'ivan',
      kind: 'pending',
      text: 'Pending',
      payload: '{"reason":"access","until":null}',
    },
    { at: T0 + 4 * MIN, actor: 'ivan', kind: 'resumed', text: 'Resumed', payload: '{"pausedMs":60000}' },
    {
      at: T0 + 5 * MIN,
      actor: 'ivan',
      kind: 'resolved',
      text: 'Resolved',
      payload: '{"zone":"cpe","restoredAt":"2026-11-25T09:04:30.000Z"}',
    },
    {
      at: T0 + 6 * MIN,
      actor: 'olga',
      kind: 'closed',
      text: 'Closed',
      payload: '{"confirmedBy":"Andrei","via":"phone"}',
    },
  ]);

const ROW: TicketRow = {
  id: 1,
  status: 'closed',
  priority: 'P1',
  assignee: 'ivan',
  zone: 'cpe',
  eta: Date.parse('2026-11-25T12:00:00Z'),
  openedAt: T0,
  openedBy: 'olga',
  respondedAt: T0 + MIN,
  restoredAt: Date.parse('2026-11-25T09:04:30Z'),
  resolvedAt: T0 + 5 * MIN,
  closedAt: T0 + 6 * MIN,
  confirmedBy: 'Andrei',
  confirmedVia: 'phone',
  pendingSince: null,
  pendingUntil: null,
  pendingReason: null,
  onsiteAt: null,
  hardwareAt: null,
};

function audit(events: StoredEvent[], row: TicketRow | null = ROW) {
  const a = new TicketAudit(1);
  for (const e of events) a.event(e);
  return a.finish(row);
}

describe('the event hash', () => {
  it('is SHA-256 over the previous hash and the canonical fields', () => {
    const e = { ticketId: 7, at: T0, actor: 'olga', kind: 'note', text: 'a', payload: '{}' };
    const expected = createHash('sha256')
      .update(`abc\n${JSON.stringify([7, T0, 'olga', 'note', 'a', '{}'])}`)
      .digest('hex');
    expect(eventHash('abc', e)).toBe(expected);
    // Every field counts, and fields cannot run into each other.
    expect(eventHash('abc', { ...e, text: 'b' })).not.toBe(expected);
    expect(eventHash('abd', e)).not.toBe(expected);
    expect(eventHash('', { ...e, actor: 'olga', kind: 'note' })).not.toBe(
      eventHash('', { ...e, actor: 'olgan', kind: 'ote' }),
    );
  });

  it('chains on from the last stored hash, hashing unhashed (older) events on the way', () => {
    const events = history();
    expect(chainHead(events)).toBe(events.at(-1)!.hash);
    const legacy = events.map((e) => ({ ...e, hash: null }));
    expect(chainHead(legacy)).toBe(events.at(-1)!.hash);
    expect(chainHead([])).toBe(CHAIN_START);
  });
});

describe('TicketAudit', () => {
  it('finds nothing when the chain and the row agree with the events', () => {
    expect(audit(history())).toEqual([]);
  });

  it('names an event whose fields were changed after it was hashed, and only that one', () => {
    const events = history();
    events[2] = { ...events[2]!, text: 'ETA (forged)' };
    expect(audit(events)).toEqual([
      expect.objectContaining({ ticketId: 1, eventId: 3, field: 'hash', found: events[2]!.hash }),
    ]);
  });

  it('names an event without a hash after the chain has started', () => {
    const events = history();
    events[6] = { ...events[6]!, hash: null };
    expect(audit(events)).toEqual([expect.objectContaining({ eventId: 7, field: 'hash', found: null })]);
  });

  it('counts events from before the chain, sealed by the first hash after them', () => {
    const events = history();
    const a = new TicketAudit(1);
    for (const e of events.map((e, i) => (i < 4 ? { ...e, hash: null } : e))) a.event(e);
    expect(a.finish(ROW)).toEqual([]);
    expect(a.unhashed).toBe(4);
  });

  it.each([
    ['status', { status: 'inProgress' }, 7, 'closed', 'inProgress'],
    ['priority', { priority: 'P4' }, 1, 'P1', 'P4'],
    ['assignee', { assignee: 'petr' }, 2, 'ivan', 'petr'],
    ['zone', { zone: 'last-mile' }, 6, 'cpe', 'last-mile'],
    ['eta', { eta: null }, 3, '2026-11-25T12:00:00.000Z', null],
    ['restoredAt', { restoredAt: T0 }, 6, '2026-11-25T09:04:30.000Z', '2026-11-25T09:00:00.000Z'],
    ['resolvedAt', { resolvedAt: null }, 6, '2026-11-25T09:05:00.000Z', null],
    ['closedAt', { closedAt: T0 + 9 * MIN }, 7, '2026-11-25T09:06:00.000Z', '2026-11-25T09:09:00.000Z'],
    ['confirmedBy', { confirmedBy: 'nobody' }, 7, 'Andrei', 'nobody'],
    ['pendingSince', { pendingSince: T0 }, 6, null, '2026-11-25T09:00:00.000Z'],
    ['openedAt', { openedAt: T0 - MIN }, 1, '2026-11-25T09:00:00.000Z', '2026-11-25T08:59:00.000Z'],
    ['onsiteAt', { onsiteAt: T0 }, 1, null, '2026-11-25T09:00:00.000Z'],
  ] as const)(
    'names a row whose %s disagrees with the event that set it',
    (field, patch, eventId, expected, found) => {
      expect(audit(history(), { ...ROW, ...patch } as TicketRow)).toEqual([
        { ticketId: 1, eventId, field, expected, found },
      ]);
    },
  );

  it('checks the response time against the take and the times of events', () => {
    expect(audit(history(), { ...ROW, respondedAt: null })).toEqual([
      expect.objectContaining({ field: 'respondedAt', eventId: 2, found: null }),
    ]);
    expect(audit(history(), { ...ROW, respondedAt: T0 + 30_000 })).toEqual([
      expect.objectContaining({ field: 'respondedAt', eventId: 2, found: '2026-11-25T09:00:30.000Z' }),
    ]);
    // Any other event's time is not the response either.
    expect(audit(history(), { ...ROW, respondedAt: T0 })).toEqual([
      expect.objectContaining({ field: 'respondedAt', eventId: 2, expected: '2026-11-25T09:01:00.000Z' }),
    ]);
  });

  it('holds the response to the first take or reached outbound call, and to none without either', () => {
    const row = {
      ...ROW,
      status: 'acknowledged',
      assignee: null,
      zone: null,
      eta: null,
      restoredAt: null,
      resolvedAt: null,
      closedAt: null,
      confirmedBy: null,
      confirmedVia: null,
    } as const;
    const call = (at: number, direction: string, outcome: string) => ({
      at,
      actor: 'ivan',
      kind: 'call',
      text: 'call',
      payload: JSON.stringify({ direction, outcome, party: 'Andrei' }),
    });
    const note = { at: T0 + MIN, actor: 'ivan', kind: 'note', text: 'x', payload: '{}' };
    // Never taken, no reached outbound call: a response time is forged, even the opening's.
    const none = chained([
      OPENED,
      note,
      call(T0 + 2 * MIN, 'in', 'reached'),
      call(T0 + 3 * MIN, 'out', 'no-answer'),
    ]);
    expect(audit(none, { ...row, respondedAt: null })).toEqual([]);
    expect(audit(none, { ...row, respondedAt: T0 })).toEqual([
      expect.objectContaining({
        field: 'respondedAt',
        eventId: null,
        expected: expect.stringMatching(/^none/),
      }),
    ]);
    // A reached outbound call before any take is the response.
    const called = chained([OPENED, call(T0 + MIN, 'out', 'reached'), call(T0 + 2 * MIN, 'out', 'reached')]);
    expect(audit(called, { ...row, respondedAt: T0 + MIN })).toEqual([]);
    expect(audit(called, { ...row, respondedAt: T0 + 2 * MIN })).toEqual([
      expect.objectContaining({ field: 'respondedAt', eventId: 2 }),
    ]);
    expect(audit(called, { ...row, respondedAt: null })).toEqual([
      expect.objectContaining({ field: 'respondedAt', eventId: 2, found: null }),
    ]);
  });

  it('derives on-site and hardware times from the first on-site visit and replacement', () => {
    const events = chained([
      OPENED,
      {
        at: T0 + MIN,
        actor: 'i',
        kind: 'dispatch',
        text: 'on site',
        payload: '{"job":"J-000001","status":"on-site"}',
      },
      { at: T0 + 2 * MIN, actor: 'i', kind: 'replace', text: 'swap', payload: '{}' },
      { at: T0 + 3 * MIN, actor: 'i', kind: 'replace', text: 'swap again', payload: '{}' },
    ]);
    const open = {
      ...ROW,
      status: 'acknowledged',
      assignee: null,
      zone: null,
      eta: null,
      respondedAt: null,
    } as const;
    const row = {
      ...open,
      restoredAt: null,
      resolvedAt: null,
      closedAt: null,
      confirmedBy: null,
      confirmedVia: null,
    };
    expect(audit(events, { ...row, onsiteAt: T0 + MIN, hardwareAt: T0 + 2 * MIN })).toEqual([]);
    expect(audit(events, { ...row, onsiteAt: T0 + MIN, hardwareAt: T0 + 3 * MIN })).toEqual([
      expect.objectContaining({ field: 'hardwareAt', eventId: 3 }),
    ]);
  });

  it('sets no baseline from an opening without its facts (bulk-loaded history)', () => {
    const events = chained([
      { ...OPENED, payload: '{}' },
      { at: T0 + MIN, actor: 'ivan', kind: 'assigned', text: 'Taken by ivan', payload: '{}' },
    ]);
    const row = {
      ...ROW,
      status: 'inProgress',
      zone: 'cpe',
      restoredAt: null,
      resolvedAt: null,
      closedAt: null,
    } as const;
    expect(audit(events, row)).toEqual([]);
  });

  it('names a first event that is not the opening, an event before the opening, a ticket without events or row', () => {
    const events = history();
    const early = chained([OPENED, { at: T0 - MIN, actor: 'x', kind: 'note', text: 'n', payload: '{}' }]);
    expect(audit(early, { ...ROW, status: 'acknowledged' })).toContainEqual(
      expect.objectContaining({ eventId: 2, field: 'at', found: '2026-11-25T08:59:00.000Z' }),
    );
    expect(audit(chained(events.slice(1)))).toContainEqual(
      expect.objectContaining({ eventId: 1, field: 'kind', found: 'assigned' }),
    );
    expect(audit([])).toEqual([expect.objectContaining({ field: 'events', found: 'no events' })]);
    expect(audit(events, null)).toEqual([expect.objectContaining({ field: 'ticket', found: null })]);
  });
});

describe('time and field-job rules', () => {
  it('leaves a final row alone, and refuses a change to it', () => {
    expect(rowIsFinal({ id: 1, status: 'resolved' }, { status: 'closed' })).toBe(false);
    expect(rowIsFinal({ id: 1, status: 'closed' }, {})).toBe(true);
    expect(rowIsFinal({ id: 1, status: 'cancelled' }, undefined)).toBe(true);
    expect(() => rowIsFinal({ id: 1, status: 'closed' }, { assignee: 'x' })).toThrow(/HD-000001 is closed/);
  });

  it('refuses an event dated before the opening, naming both times', () => {
    expect(() => assertNotBeforeOpening({ id: 3, openedAt: T0 }, T0 - 1)).toThrow(
      /HD-000003 was opened at 2026-11-25T09:00:00.000Z; nothing can be recorded on it at 2026-11-25T08:59:59.999Z/,
    );
    expect(() => assertNotBeforeOpening({ id: 3, openedAt: T0 }, T0)).not.toThrow();
  });

  it('refuses to close with an open job, naming it and how to finish or cancel it', () => {
    expect(() =>
      assertNoOpenJobs(1, [
        { id: 1, status: 'done' },
        { id: 2, status: 'on-site' },
      ]),
    ).toThrow(
      /HD-000001 still has an open field job: J-000002 \(on-site\)\. Finish it with hd dispatch update J-000002 done, or cancel it with hd dispatch update J-000002 cancelled/,
    );
    expect(() => assertNoOpenJobs(1, [{ id: 1, status: 'cancelled' }])).not.toThrow();
  });

  it.each(['closed', 'cancelled'] as const)('refuses to update a job of a %s ticket', (status) => {
    expect(() => assertJobTicketOpen(4, 9, status)).toThrow(
      `J-000004 belongs to HD-000009, which is ${status}`,
    );
    expect(() => assertJobTicketOpen(4, 9, 'resolved')).not.toThrow();
  });
});

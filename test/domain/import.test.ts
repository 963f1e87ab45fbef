// domain/import.ts: the moves hd makes of another system's history, and the row they project to —
// checked by the same audit hd verify runs (a fixed clock, no database).
import { describe, expect, it } from 'vitest';
import {
  CHAIN_START,
  eventHash,
  type StoredEvent,
  TicketAudit,
  type TicketRow,
} from '../../src/domain/audit.ts';
import {
  type ImportedHistory,
  ImportRefused,
  importedTimeline,
  lifecyclePath,
} from '../../src/domain/import.ts';

const T0 = Date.parse('2026-10-01T08:00:00Z');
const MIN = 60_000;

describe('lifecyclePath', () => {
  it.each([
    ['acknowledged', 'inProgress', ['inProgress']],
    ['acknowledged', 'resolved', ['inProgress', 'resolved']],
    ['acknowledged', 'closed', ['inProgress', 'resolved', 'closed']],
    ['acknowledged', 'pending', ['inProgress', 'pending']],
    ['acknowledged', 'cancelled', ['cancelled']],
    ['pending', 'closed', ['resolved', 'closed']],
    ['resolved', 'pending', ['inProgress', 'pending']],
    ['inProgress', 'inProgress', []],
    ['closed', 'inProgress', null],
    ['cancelled', 'resolved', null],
  ] as const)('%s → %s', (from, to, path) => {
    expect(lifecyclePath(from, to)).toEqual(path);
  });
});

const history = (h: Partial<ImportedHistory>): ImportedHistory => ({
  openedAt: T0,
  moves: [],
  status: 'acknowledged',
  statusAt: T0,
  statusReason: '',
  assignee: null,
  zone: null,
  eta: null,
  restoredAt: null,
  confirmedBy: null,
  confirmedVia: null,
  notes: [],
  source: 'remedy',
  externalId: 'INC-1',
  lastUpdate: null,
  ...h,
});

/** The findings hd verify would report for a ticket opened at T0 with these imported events. */
function audit(h: ImportedHistory): { findings: unknown[]; row: ReturnType<typeof importedTimeline>['row'] } {
  const { events, row } = importedTimeline(h, 'migration');
  const all = [
    { at: T0, actor: 'migration', kind: 'opened', text: 'x', payload: { priority: 'P2' } },
    ...events,
  ];
  let prev = CHAIN_START;
  const a = new TicketAudit(1);
  all.forEach((e, i) => {
    const stored: Omit<StoredEvent, 'hash'> = {
      id: i + 1,
      ticketId: 1,
      ...e,
      payload: JSON.stringify(e.payload),
    };
    const hash = eventHash(prev, stored);
    prev = hash;
    a.event({ ...stored, hash });
  });
  const tRow: TicketRow = {
    id: 1,
    priority: 'P2',
    openedAt: T0,
    openedBy: 'migration',
    onsiteAt: null,
    hardwareAt: null,
    ...row,
  };
  return { findings: a.finish(tRow), row };
}

describe('importedTimeline', () => {
  it('a ticket resolved straight from acknowledged: taken at that moment (implied), the restoration kept', () => {
    const h = history({
      status: 'resolved',
      statusAt: T0 + 60 * MIN,
      statusReason: 'splice repaired',
      restoredAt: T0 + 50 * MIN,
      zone: 'last-mile',
      assignee: 'Field team 2',
    });
    const { events } = importedTimeline(h, 'migration');
    expect(events.map((e) => [e.kind, e.at - T0, e.payload.implied ?? false])).toEqual([
      ['imported', 0, false],
      ['zone', 0, false],
      ['assigned', 60 * MIN, true],
      ['resolved', 60 * MIN, false],
    ]);
    const { findings, row } = audit(h);
    expect(findings).toEqual([]);
    expect(row).toMatchObject({
      status: 'resolved',
      assignee: 'Field team 2',
      respondedAt: T0 + 60 * MIN,
      resolvedAt: T0 + 60 * MIN,
      restoredAt: T0 + 50 * MIN,
      zone: 'last-mile',
      updatedAt: T0 + 60 * MIN,
    });
  });

  it('pending, resumed, resolved, reopened, closed: the pause counted, the last resolution’s time kept', () => {
    const h = history({
      moves: [
        { status: 'inProgress', at: T0 + 10 * MIN, reason: '' },
        { status: 'pending', at: T0 + 20 * MIN, reason: 'site access' },
        { status: 'inProgress', at: T0 + 80 * MIN, reason: 'access granted' },
        { status: 'resolved', at: T0 + 90 * MIN, reason: 'fixed' },
        { status: 'inProgress', at: T0 + 100 * MIN, reason: 'drops again' },
        { status: 'resolved', at: T0 + 120 * MIN, reason: 'fixed for real' },
      ],
      status: 'closed',
      statusAt: T0 + 180 * MIN,
      confirmedBy: 'Olga',
      confirmedVia: 'phone',
      restoredAt: T0 + 115 * MIN,
      notes: [{ at: T0 + 20 * MIN, author: 'dispatcher', text: 'no key to the cabinet' }],
    });
    const { findings, row } = audit(h);
    expect(findings).toEqual([]);
    expect(row).toMatchObject({
      status: 'closed',
      respondedAt: T0 + 10 * MIN,
      pausedMs: 60 * MIN,
      resolvedAt: T0 + 120 * MIN,
      restoredAt: T0 + 115 * MIN,
      closedAt: T0 + 180 * MIN,
      confirmedBy: 'Olga',
      confirmedVia: 'phone',
      pendingSince: null,
    });
    // The note before the move at the same moment, under its author.
    const { events } = importedTimeline(h, 'migration');
    const at20 = events.filter((e) => e.at === T0 + 20 * MIN).map((e) => [e.kind, e.actor]);
    expect(at20).toEqual([
      ['note', 'dispatcher'],
      ['pending', 'migration'],
    ]);
  });

  it('assigned but never taken; cancelled from acknowledged; still pending', () => {
    expect(audit(history({ assignee: 'NOC L2' }))).toMatchObject({
      findings: [],
      row: { status: 'acknowledged', assignee: 'NOC L2', respondedAt: null },
    });
    expect(
      audit(history({ status: 'cancelled', statusAt: T0 + MIN, statusReason: 'not ours', assignee: 'ivan' })),
    ).toMatchObject({ findings: [], row: { status: 'cancelled', closedAt: T0 + MIN, assignee: 'ivan' } });
    expect(
      audit(
        history({ status: 'pending', statusAt: T0 + 5 * MIN, statusReason: 'carrier', eta: T0 + 600 * MIN }),
      ),
    ).toMatchObject({
      findings: [],
      row: { status: 'pending', pendingSince: T0 + 5 * MIN, pendingReason: 'carrier', eta: T0 + 600 * MIN },
    });
  });

  it('a move out of closed or cancelled refuses the ticket', () => {
    expect(() =>
      importedTimeline(
        history({
          moves: [{ status: 'cancelled', at: T0 + MIN, reason: 'x' }],
          status: 'inProgress',
          statusAt: T0 + 2 * MIN,
        }),
        'migration',
      ),
    ).toThrow(ImportRefused);
  });
});

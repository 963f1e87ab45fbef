import { describe, expect, it } from 'vitest';
import profiles from '../../data/profiles.json' with { type: 'json' };
import { always } from '../../src/domain/calendar.ts';
import {
  breachAt,
  DEADLINE_KINDS,
  DEADLINES,
  type DeadlineInput,
  type DeadlineKind,
  type DeadlineState,
  deadlineLabel,
  deadlineViews,
  nextAction,
} from '../../src/domain/deadlines.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import {
  clientUpdatePatch,
  endPause,
  MOVED_ON_RESUME,
  priorityDeadlines,
  startPause,
  updateAfterResume,
} from '../../src/domain/sla.ts';
import type { Ticket } from '../../src/domain/types.ts';

const M = 60_000;
const H = 60 * M;
const T0 = Date.parse('2026-11-25T07:00:00Z');
const at = (h: number) => T0 + h * H;
const standard = parseProfile(profiles[0]);

/** A P1 ticket opened at T0 (24x7): response 30m, update 1h, restore/on-site 4h, hardware 6h. */
const base: DeadlineInput & Pick<Ticket, 'pausedMs'> = {
  status: 'inProgress',
  respondedAt: at(0.25),
  restoredAt: null,
  onsiteAt: null,
  hardwareAt: null,
  closedAt: null,
  eta: at(3),
  pendingSince: null,
  pendingUntil: null,
  tellDue: null,
  tellKind: null,
  pausedMs: 0,
  deadlines: {
    response: at(0.5),
    update: at(1.25),
    restore: at(4),
    onsite: at(4),
    hardware: at(6),
    confirm: null,
  },
};
type Patch = Partial<Omit<typeof base, 'deadlines'>> & { deadlines?: Partial<Ticket['deadlines']> };
const ticket = (patch: Patch = {}): typeof base => ({
  ...base,
  ...patch,
  deadlines: { ...base.deadlines, ...patch.deadlines },
});
const stateOf = (t: DeadlineInput, kind: DeadlineKind, now: number): DeadlineState | 'none' =>
  deadlineViews(t, now).find((v) => v.kind === kind)?.state ?? 'none';

describe('the deadline table', () => {
  it('declares every kind once, each with a label, a next action and a due column', () => {
    expect(DEADLINES.map((r) => r.kind)).toEqual([...DEADLINE_KINDS]);
    expect(new Set(DEADLINES.map((r) => r.dueColumn)).size).toBe(DEADLINES.length);
    for (const r of DEADLINES) {
      expect(deadlineLabel(r.kind)).not.toMatch(/null|\?|inProgress|deadline\./);
      expect(nextAction(r.kind, 7, H, 'eta')).toMatch(/7|resume/);
    }
    // Pending pauses the resolution clocks and the periodic update, never a promise to the client.
    expect(DEADLINES.filter((r) => r.pausable).map((r) => r.kind)).toEqual(['update', ...MOVED_ON_RESUME]);
  });

  type Row = [string, ReturnType<typeof ticket>, DeadlineKind, number, DeadlineState | 'none'];
  const pendingAt = (h: number, patch: Patch = {}) =>
    ticket({ status: 'pending', pendingSince: at(h), ...patch });
  const rows: Row[] = [
    // response
    ['response ahead', ticket({ status: 'acknowledged', respondedAt: null }), 'response', at(0.4), 'due'],
    [
      'response passed',
      ticket({ status: 'acknowledged', respondedAt: null }),
      'response',
      at(0.6),
      'overdue',
    ],
    ['response at its minute is not yet late', ticket({ respondedAt: null }), 'response', at(0.5), 'due'],
    ['response met', ticket(), 'response', at(9), 'met'],
    ['response missed', ticket({ respondedAt: at(1) }), 'response', at(9), 'missed'],
    [
      'pending never pauses the response',
      pendingAt(0.2, { respondedAt: null }),
      'response',
      at(2),
      'overdue',
    ],
    // client update
    ['update ahead', ticket(), 'update', at(1), 'due'],
    ['update passed', ticket(), 'update', at(2), 'overdue'],
    ['update stopped while pending', pendingAt(1, { deadlines: { update: null } }), 'update', at(9), 'none'],
    ['update late before pending stays late', pendingAt(2), 'update', at(9), 'overdue'],
    [
      'no update owed once resolved',
      ticket({ status: 'resolved', restoredAt: at(2), deadlines: { update: null } }),
      'update',
      at(9),
      'none',
    ],
    // ETA told to the client
    ['ETA ahead', ticket(), 'eta', at(2), 'due'],
    ['ETA passed, shown in every view', ticket(), 'eta', at(3.5), 'overdue'],
    ['ETA passed while pending', pendingAt(1), 'eta', at(3.5), 'overdue'],
    ['ETA kept', ticket({ status: 'resolved', restoredAt: at(2.5) }), 'eta', at(9), 'met'],
    ['ETA broken', ticket({ status: 'resolved', restoredAt: at(3.5) }), 'eta', at(9), 'missed'],
    // restore, on-site, hardware: pausable
    ['restore ahead', ticket(), 'restore', at(3), 'due'],
    ['restore passed', ticket(), 'restore', at(5), 'overdue'],
    ['pending before the restore deadline pauses it', pendingAt(2), 'restore', at(5), 'paused'],
    ['pending after the restore deadline: still breached', pendingAt(4.5), 'restore', at(5), 'overdue'],
    ['pending at the restore minute pauses it', pendingAt(4), 'restore', at(5), 'paused'],
    ['on-site paused', pendingAt(2), 'onsite', at(5), 'paused'],
    ['on-site passed before pending', pendingAt(4.5), 'onsite', at(5), 'overdue'],
    ['on-site met', ticket({ onsiteAt: at(3) }), 'onsite', at(5), 'met'],
    ['hardware paused', pendingAt(2), 'hardware', at(7), 'paused'],
    ['hardware passed before pending', pendingAt(6.5), 'hardware', at(7), 'overdue'],
    ['hardware missed', ticket({ hardwareAt: at(7) }), 'hardware', at(8), 'missed'],
    ['restore met (resolved)', ticket({ status: 'resolved', restoredAt: at(3) }), 'restore', at(9), 'met'],
    [
      'restore missed (closed)',
      ticket({ status: 'closed', restoredAt: at(5), closedAt: at(6) }),
      'restore',
      at(9),
      'missed',
    ],
    ['cancelled: nothing owed', ticket({ status: 'cancelled', closedAt: at(1) }), 'restore', at(9), 'none'],
    ['cancelled: no ETA owed', ticket({ status: 'cancelled', closedAt: at(1) }), 'eta', at(9), 'none'],
    // client confirmation
    [
      'confirmation ahead',
      ticket({ status: 'resolved', restoredAt: at(2), deadlines: { confirm: at(26) } }),
      'confirm',
      at(9),
      'due',
    ],
    [
      'confirmation passed',
      ticket({ status: 'resolved', restoredAt: at(2), deadlines: { confirm: at(26) } }),
      'confirm',
      at(27),
      'overdue',
    ],
    [
      'confirmation met',
      ticket({ status: 'closed', restoredAt: at(2), closedAt: at(20), deadlines: { confirm: at(26) } }),
      'confirm',
      at(27),
      'met',
    ],
    // the end of a pending wait
    ['wait ahead', pendingAt(1, { pendingUntil: at(3) }), 'pendingUntil', at(2), 'due'],
    ['wait over', pendingAt(1, { pendingUntil: at(3) }), 'pendingUntil', at(4), 'overdue'],
    // client not yet told
    ['told ahead', ticket({ tellDue: at(2), tellKind: 'eta' }), 'told', at(1), 'due'],
    ['not yet told', ticket({ tellDue: at(2), tellKind: 'eta' }), 'told', at(3), 'overdue'],
    [
      'not yet told while pending',
      pendingAt(1, { tellDue: at(2), tellKind: 'extended' }),
      'told',
      at(3),
      'overdue',
    ],
    [
      'restoration not yet told',
      ticket({ status: 'resolved', restoredAt: at(2), tellDue: at(2.5), tellKind: 'restored' }),
      'told',
      at(3),
      'overdue',
    ],
    [
      'closed: nothing owed',
      ticket({ status: 'closed', closedAt: at(3), tellDue: at(2), tellKind: 'restored' }),
      'told',
      at(4),
      'none',
    ],
  ];
  it.each(rows)('%s', (_name, t, kind, now, state) => {
    expect(stateOf(t, kind, now)).toBe(state);
  });

  it('labels say what the client is owed', () => {
    const t = ticket({ tellDue: at(2), tellKind: 'restored' });
    expect(deadlineViews(t, at(3)).find((v) => v.kind === 'told')!.label).toBe(
      'client not yet told: the restoration',
    );
    const b = breachAt(12, 'told', at(2), at(3), 'extended');
    expect(b.label).toBe('client not yet told: the extension');
    expect(b.nextAction).toBe(
      'call the client to tell them the extension: it was due 1h ago (hd notify 12 … / hd log 12 call … --outcome reached)',
    );
    expect(breachAt(12, 'eta', at(3), at(3)).nextAction).toContain('the ETA is due now (hd extend 12');
  });
});

describe('pauses', () => {
  it('going pending pauses an update still ahead and keeps one already late', () => {
    expect(startPause(ticket(), at(1), null, 'access').deadlines).toEqual({ update: at(1.25) });
    expect(startPause(ticket(), at(2), at(5), 'access')).toEqual({
      status: 'pending',
      pendingSince: at(2),
      pendingUntil: at(5),
      pendingReason: 'access',
      deadlines: { update: at(1.25) },
    });
  });

  it('resuming moves only the deadlines that were ahead when the pause began', () => {
    // Pending at 4h30: restore and on-site (4h) had passed, hardware (6h) had not.
    const t = ticket({ status: 'pending', pendingSince: at(4.5), pausedMs: 30 * M });
    const patch = endPause(t, always, at(7.5));
    expect(patch.pausedMs).toBe(30 * M + 3 * H);
    expect(patch.deadlines).toEqual({ hardware: at(9) });
    expect(patch).toMatchObject({ pendingSince: null, pendingUntil: null, pendingReason: null });
  });

  it('a pause begun before every deadline moves each by the time spent pending; met ones stay', () => {
    const t = ticket({ status: 'pending', pendingSince: at(1), onsiteAt: at(0.9) });
    expect(endPause(t, always, at(3)).deadlines).toEqual({ restore: at(6), hardware: at(8) });
  });

  it('after a resume the client update is one interval on, or the one still late', () => {
    const targets = standard.targets.P1;
    const none = { ...base.deadlines, update: null };
    expect(updateAfterResume({ deadlines: none, targets, pendingSince: at(2) }, at(5), always)).toBe(at(6));
    // Late before the pause (1h15 < 2h): still owed.
    expect(
      updateAfterResume({ deadlines: base.deadlines, targets, pendingSince: at(2) }, at(5), always),
    ).toBe(at(1.25));
    // Paused (still ahead at 1h): restarts one interval on.
    expect(
      updateAfterResume({ deadlines: base.deadlines, targets, pendingSince: at(1) }, at(5), always),
    ).toBe(at(6));
  });

  it('a paused deadline keeps the time it had left when the pause began', () => {
    const t = ticket({ status: 'pending', pendingSince: at(1) });
    const views = deadlineViews(t, at(3));
    expect(views.find((v) => v.kind === 'update')).toMatchObject({ state: 'paused', margin: 0.25 * H });
    expect(views.find((v) => v.kind === 'restore')).toMatchObject({ state: 'paused', margin: 3 * H });
  });

  it('an update given while pending settles the late one', () => {
    expect(
      clientUpdatePatch(
        { status: 'pending', targets: standard.targets.P1, respondedAt: at(1) },
        at(3),
        always,
      ),
    ).toEqual({
      lastUpdateAt: at(3),
      deadlines: { update: null },
    });
  });

  it('an update before the response is met starts no update clock', () => {
    expect(
      clientUpdatePatch(
        { status: 'acknowledged', targets: standard.targets.P1, respondedAt: null },
        at(1),
        always,
      ),
    ).toEqual({ lastUpdateAt: at(1) });
  });
});

describe('a priority change', () => {
  // P2 ticket: taken at 0h15, client updated at 0h30, pending 1h → 21h (20h), resumed at 21h.
  const resumed = {
    status: 'inProgress' as const,
    pendingSince: null,
    openedAt: T0,
    respondedAt: at(0.25),
    lastUpdateAt: at(0.5),
    pausedMs: 20 * H,
    deadlines: {
      response: at(1),
      update: at(23),
      restore: at(28),
      onsite: at(28),
      hardware: at(32),
      confirm: null,
    },
  };

  it('after a resume: the update is due one new interval after the resume, not 19h late', () => {
    const d = priorityDeadlines(resumed, standard.targets.P1, always, at(21), at(21));
    expect(d.update).toBe(at(22));
    // Without the resume the last update (0h30) would make it due at 1h30: 19h30 "late".
    expect(priorityDeadlines(resumed, standard.targets.P1, always, null, at(21)).update).toBe(at(1.5));
  });

  it('keeps the time spent pending for restore, on-site and hardware; the response is not paused', () => {
    const d = priorityDeadlines(resumed, standard.targets.P1, always, at(21), at(21));
    expect(d).toMatchObject({ response: at(0.5), restore: at(24), onsite: at(24), hardware: at(26) });
  });

  it('a client update after the resume counts from that update', () => {
    const d = priorityDeadlines(
      { ...resumed, lastUpdateAt: at(21.5) },
      standard.targets.P3,
      always,
      at(21),
      at(21.5),
    );
    expect(d.update).toBe(at(29.5));
  });

  it('no update clock while none runs (pending, resolved)', () => {
    const d = priorityDeadlines(
      { ...resumed, deadlines: { ...resumed.deadlines, update: null } },
      standard.targets.P1,
      always,
      at(21),
      at(21),
    );
    expect(d).not.toHaveProperty('update');
  });

  it.each([
    // Went pending at 1h with the update (due 0h50) already late, resumed at 21h, P1 at 21h01.
    ['late before the pause, never given: stays due when it was', at(50 / 60), at(21 + 1 / 60), at(50 / 60)],
    // Not late yet: the later of the resume and the last update rule.
    ['still ahead: one new interval after the resume', at(23), at(21 + 1 / 60), at(22)],
  ])('%s', (_what, update, now, expected) => {
    const t = { ...resumed, deadlines: { ...resumed.deadlines, update } };
    expect(priorityDeadlines(t, standard.targets.P1, always, at(21), now).update).toBe(expected);
  });
});

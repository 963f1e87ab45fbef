import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, hdAsync, OPEN_FLAGS } from '../helpers/e2e.ts';

describe('the seed process through bin/hd', () => {
  it('open, take, test, zone, ETA, extend, pending/resume, resolve, confirmed close; all in show and --json', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const step = (now: string, args: string[], operator = 'ivan') => {
      const r = hd(db, args, { env: { HD_NOW: now, HD_OPERATOR: operator } });
      expect(r.stderr).not.toMatch(/^hd: /m);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    step('2026-11-25T07:00:00Z', ['open', ...OPEN_FLAGS], 'olga');
    step('2026-11-25T07:12:00Z', ['take', '1']);
    step('2026-11-25T07:15:00Z', [
      'log',
      '1',
      'test',
      'ping CPE: 100% loss',
      '--result',
      'fail',
      '--zone',
      'last-mile',
    ]);
    step('2026-11-25T07:20:00Z', ['zone', '1', 'last-mile']);
    step('2026-11-25T07:25:00Z', ['eta', '1', '13:00', '--via', 'phone', '--outcome', 'reached']);
    step('2026-11-25T09:30:00Z', [
      'extend',
      '1',
      '--to',
      '15:00',
      '--reason',
      'splice crew on the way',
      '--outcome',
      'reached',
    ]);
    step('2026-11-25T09:40:00Z', ['pending', '1', '--reason', 'warehouse gate closed']);
    step('2026-11-25T10:10:00Z', ['resume', '1']);
    step('2026-11-25T11:05:00Z', ['log', '1', 'action', 'spliced pair 14 in cabinet']);
    step('2026-11-25T11:10:00Z', [
      'resolve',
      '1',
      '--summary',
      'link up after splice',
      '--via',
      'both',
      '--outcome',
      'reached',
    ]);
    step('2026-11-25T11:30:00Z', ['log', '1', 'call', 'asked Sergei to confirm', '--outcome', 'reached']);
    step(
      '2026-11-25T11:31:00Z',
      ['close', '1', '--confirmed-by', 'Sergei Marchenko', '--via', 'phone'],
      'olga',
    );

    const shown = step('2026-11-25T12:00:00Z', ['show', 'HD-000001']);
    expect(shown).toMatch(/HD-000001\s+closed\s+P1/);
    expect(shown).toMatch(/Response \(call-back\)\s+2026-11-25 10:30\s+met 2026-11-25 10:12, 18m early/);
    expect(shown).toMatch(/Restore\s+2026-11-25 14:30\s+met 2026-11-25 14:10, 20m early/); // 4h + 30m pending
    expect(shown).toMatch(/Time pending\s+30m/);
    expect(shown).toContain('13:00 → 2026-11-25 15:00 by phone: splice crew on the way');
    expect(shown).toMatch(/Closed\s+2026-11-25 14:31, confirmed by Sergei Marchenko via phone/);

    const json = JSON.parse(step('2026-11-25T12:00:00Z', ['show', '1', '--json']));
    expect(json.timeline.map((e: { kind: string; actor: string }) => `${e.kind}/${e.actor}`)).toEqual([
      'opened/olga',
      'notification/olga',
      'assigned/ivan',
      'test/ivan',
      'zone/ivan',
      'eta/ivan',
      'call/ivan',
      'extended/ivan',
      'call/ivan',
      'pending/ivan',
      'resumed/ivan',
      'action/ivan',
      'resolved/ivan',
      'notification/ivan',
      'call/ivan',
      'call/ivan',
      'closed/olga',
    ]);
    expect(json.milestones).toMatchObject({
      timeToResponseMinutes: 12,
      pendingMinutes: 30,
      timeToRestoreMinutes: 250,
    });

    const illegal = hd(db, ['reopen', '1', '--reason', 'again']);
    expect(illegal.code).toBe(1);
    expect(illegal.stderr).toContain('hd open --related HD-000001');

    // The audit trail refuses edits from any SQLite client, not only from hd.
    const raw = new Database(db);
    expect(() => raw.prepare("UPDATE events SET text = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events WHERE id = 1').run()).toThrow(/append-only/);
    raw.close();
  });

  it('two engineers logging on the same ticket at the same moment both get their entries', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    // Opened before the notes: no event is dated before its ticket's opening.
    hd(db, ['open', ...OPEN_FLAGS], { env: { HD_NOW: '2026-11-25T09:00:00Z' } });
    const burst = (who: string) =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          hdAsync(db, ['log', '1', 'note', `${who} note ${i}`], {
            HD_OPERATOR: who,
            HD_NOW: '2026-11-25T10:00:00Z',
          }),
        ),
      );
    const results = (await Promise.all([burst('ivan'), burst('alexei')])).flat();
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const timeline = JSON.parse(hd(db, ['show', '1', '--json']).stdout).timeline;
    const notes = timeline.filter((e: { kind: string }) => e.kind === 'note');
    expect(notes).toHaveLength(20);
    expect(notes.filter((e: { actor: string }) => e.actor === 'ivan')).toHaveLength(10);
  }, 60_000);
});

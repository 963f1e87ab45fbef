// The refusals of the lifecycle, field jobs and priority read in the interface language; English
// stays word for word what it was (the API forces English).
import { afterEach, describe, expect, it } from 'vitest';
import { assertNoOpenJobs, assertTicketJobsOpen } from '../../src/domain/field-job.ts';
import { assertFrom, assertMove, assertWritable } from '../../src/domain/lifecycle.ts';
import { decidePriority, oneOf, parsePriority } from '../../src/domain/priority.ts';
import type { PriorityMatrix } from '../../src/domain/types.ts';
import { setLanguage } from '../../src/i18n.ts';

afterEach(() => setLanguage('en'));

const MATRIX = {
  down: { high: 'P1', medium: 'P2', low: 'P3' },
  degraded: { high: 'P2', medium: 'P3', low: 'P4' },
  intermittent: { high: 'P3', medium: 'P3', low: 'P4' },
  none: { high: 'P4', medium: 'P4', low: 'P4' },
} as PriorityMatrix;

describe('refusals in Russian', () => {
  it('a move the lifecycle does not allow names the statuses in words and the moves allowed', () => {
    setLanguage('ru');
    expect(() => assertMove(7, 'inProgress', 'closed')).toThrow(
      'HD-000007 в статусе «в работе», перевести в «закрыта» нельзя. Из статуса «в работе» можно перейти: ' +
        '«ожидание» (hd pending), «устранена» (hd resolve), «отменена» (hd cancel).',
    );
    expect(() => assertMove(7, 'closed', 'inProgress')).toThrow(
      /окончательная\. Если неисправность вернулась, откройте связанную заявку: hd open --related HD-000007\.$/,
    );
    expect(() => assertWritable(7, 'cancelled')).toThrow(/^HD-000007 отменена, её журнал окончательный\./);
    expect(() => assertFrom(7, 'acknowledged', 'pending', 'inProgress', 'resumed')).toThrow(
      /возобновить можно только заявку в статусе «ожидание»/,
    );
  });

  it('field jobs, priorities and unknown values', () => {
    setLanguage('ru');
    expect(() => assertNoOpenJobs(3, [{ id: 4, status: 'on-site' }], 'cancel')).toThrow(
      /^У HD-000003 есть незавершённый выезд: J-000004 \(on-site\)\..*затем отмените заявку\. Ничего не изменено\.$/,
    );
    expect(() => assertTicketJobsOpen(3, 'closed')).toThrow(/^HD-000003 в статусе «закрыта»; выезды/);
    expect(() => parsePriority('P9')).toThrow(
      'Приоритет: неизвестное значение «P9». --priority принимает одно из: P1, P2, P3, P4.',
    );
    expect(() => oneOf('fax', ['phone', 'email'], 'channel', '--via')).toThrow(/^Способ связи: неизвестное/);
    expect(() => decidePriority(MATRIX, 'down', 'high', 'P3', '')).toThrow(
      /нужна причина: добавьте --priority-reason ТЕКСТ/,
    );
  });

  it('English is unchanged', () => {
    expect(() => assertMove(7, 'inProgress', 'closed')).toThrow(
      'HD-000007 is in progress and cannot move to closed. From in progress it can go to: pending (hd pending), resolved (hd resolve), cancelled (hd cancel).',
    );
    expect(() => assertFrom(7, 'resolved', 'pending', 'inProgress', 'resumed')).toThrow(
      'HD-000007 is resolved, not pending: only a pending ticket can be resumed.',
    );
    expect(() => oneOf('fax', ['phone', 'email'], 'channel', '--via')).toThrow(
      'Unknown channel "fax". --via takes one of: phone, email.',
    );
    expect(() =>
      assertNoOpenJobs(3, [
        { id: 4, status: 'on-site' },
        { id: 5, status: 'assigned' },
      ]),
    ).toThrow(
      'HD-000003 still has open field jobs: J-000004 (on-site), J-000005 (assigned). Finish it with hd dispatch update J-000004 done, or cancel it with hd dispatch update J-000004 cancelled (either returns its unused spares to stock), then close the ticket. Nothing was changed.',
    );
  });
});

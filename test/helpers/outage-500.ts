// The 500-ticket outage of the torture suites (SQLite and PostgreSQL): one ETA and one resolution
// for every linked ticket, each getting its own event and its own notice (e-mail queued, or a line
// on the call list). Times are printed, not asserted (the benchmark judges them).
import { expect } from 'vitest';
import { dbRows, dbValue, type TestHarness, testEngine } from './context.ts';
import { BANK, EVROOPT, HOSPITAL, NORDIC, openArgs } from './fixtures.ts';
import { manyLinked } from './outage-fixture.ts';

export const LINKED = 500;

async function timed(
  h: TestHarness,
  args: string[],
): Promise<{ ms: number; out: string; statements: number }> {
  const before = h.store.statements;
  const start = performance.now();
  const code = await h.run(args);
  const ms = performance.now() - start;
  expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
  return { ms, out: h.stdout(), statements: h.store.statements - before };
}

export async function fiveHundred(h: TestHarness): Promise<void> {
  const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
  const { tickets } = await manyLinked(
    h,
    LINKED,
    Date.parse('2026-11-25T08:45:00Z'),
    [BANK, EVROOPT, NORDIC, HOSPITAL],
    (caller) => [...openArgs(caller, 'Link down since the fibre cut', { since: '08:50' }), ...quiet],
  );
  expect(tickets).toHaveLength(LINKED);
  // Per four tickets: the bank wants phone and e-mail, Evroopt the phone, Nordic e-mail, the
  // hospital's Dmitry the phone (no e-mail address).
  const emails = LINKED / 2;
  const calls = (LINKED / 4) * 3;
  h.setNow('2026-11-25T09:30:00Z');
  const eta = await timed(h, ['outage', 'eta', '1', '2026-11-25T14:00:00Z']);
  expect(eta.out).toContain(
    `${LINKED} linked ticket(s) updated; ${emails} e-mail(s) queued, ${calls} client(s) to phone`,
  );
  expect(eta.out.split('\n').filter((l) => /^HD-\d{6}\t/.test(l))).toHaveLength(calls);
  const etaEvents = await dbRows(
    h.store,
    `SELECT t.id, t.eta, t.tell_kind AS tell,
       (SELECT COUNT(*) FROM events e WHERE e.ticket_id = t.id AND e.kind = 'eta') AS "etaEvents",
       (SELECT COUNT(*) FROM events e WHERE e.ticket_id = t.id AND e.kind = 'notification' AND e.at = ?) AS notices,
       (SELECT COUNT(*) FROM outbox m WHERE m.ticket_id = t.id AND m.kind = 'eta') AS mails
     FROM tickets t WHERE t.outage_id = 1 ORDER BY t.id`,
    Date.parse('2026-11-25T09:30:00Z'),
  );
  expect(etaEvents).toHaveLength(LINKED);
  for (const r of etaEvents) {
    expect(Number(r.eta), `HD-${r.id}`).toBe(Date.parse('2026-11-25T14:00:00Z'));
    expect(r.tell).toBe('eta');
    expect(Number(r.etaEvents)).toBe(1);
    // The bank's tickets: an e-mail and a line on the call list, one event each.
    const kind = (Number(r.id) - 1) % 4;
    expect(Number(r.notices), `HD-${r.id}`).toBe(kind === 0 ? 2 : 1);
    expect(Number(r.mails), `HD-${r.id}`).toBe(kind === 0 || kind === 2 ? 1 : 0);
  }

  h.setNow('2026-11-25T12:00:00Z');
  const resolve = await timed(h, [
    'outage',
    'resolve',
    '1',
    '--summary',
    'fibre spliced at the MNS-04 manhole',
    '--zone',
    'operator-network',
  ]);
  expect(resolve.out).toContain(`${LINKED} linked ticket(s) updated; ${emails} e-mail(s) queued`);
  expect(
    Number(
      await dbValue(
        h.store,
        `SELECT COUNT(*) FROM tickets t WHERE t.outage_id = 1 AND t.status = 'resolved' AND t.confirm_due IS NOT NULL
           AND EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'resolved')`,
      ),
    ),
  ).toBe(LINKED);
  expect(Number(await dbValue(h.store, "SELECT COUNT(*) FROM outbox WHERE kind = 'restored'"))).toBe(emails);
  expect(await dbValue(h.store, 'SELECT status FROM outages WHERE id = 1')).toBe('resolved');
  process.stderr.write(
    `outage with ${LINKED} linked tickets (${testEngine()}, in-process): eta ${eta.ms.toFixed(0)} ms in ${eta.statements} statements, resolve ${resolve.ms.toFixed(0)} ms in ${resolve.statements}\n`,
  );
  // Batched: the statements do not grow with the tickets (one UPDATE per distinct patch, a few
  // per contract and priority), not 500 times the per-ticket sequence.
  expect(eta.statements).toBeLessThanOrEqual(25);
  expect(resolve.statements).toBeLessThanOrEqual(25);
}

// Many operators at once on PostgreSQL, through the built bin/hd as real processes: the
// concurrency torture of test/torture on the central database. `npm run torture` runs the long
// version (HD_TORTURE=long); `npm test` a short one.
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, harness, usePostgres } from '../helpers/context.ts';
import { BIN, hd, hdEnv, type Result } from '../helpers/e2e.ts';
import { BANK, NORDIC, openArgs } from '../helpers/fixtures.ts';
import { fiveHundred, LINKED } from '../helpers/outage-500.ts';
import { connect, freshDatabase } from '../helpers/postgres.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const LONG = process.env.HD_TORTURE === 'long';
/** A process that has not finished by then is stuck (a deadlock, a lock never released). */
const PROCESS_TIMEOUT_MS = 180_000;

/** bin/hd in a child process, killed (and reported as such) if it outlives PROCESS_TIMEOUT_MS. */
function run(url: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: hdEnv(url, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed: still running after ${PROCESS_TIMEOUT_MS} ms: hd ${args.join(' ')}]`;
      child.kill('SIGKILL');
    }, PROCESS_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** What must never reach an operator, whatever the race. */
const CRASH = /unexpected error|deadlock|could not serialize|serializ|violates|duplicate key|killed:/i;

const QUIET = ['--no-notify', '--skip-reason', 'load test'];

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await connect(url);
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('many operators at once on PostgreSQL', () => {
  const workers = 16;
  const each = LONG ? 30 : 2;
  it(`${workers} processes × ${each} (hd open + hd log): no errors, distinct contiguous numbers, every log kept`, async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const worker = async (w: number) => {
      const out: (Result & { step: string })[] = [];
      const numbers: string[] = [];
      for (let i = 0; i < each; i++) {
        const opened = await run(url, [...openArgs(BANK, `w${w} n${i}`), ...QUIET, '--json'], {
          HD_OPERATOR: `w${w}`,
        });
        out.push({ ...opened, step: `open w${w} n${i}` });
        if (opened.code !== 0) continue;
        const number = JSON.parse(opened.stdout).number as string;
        numbers.push(number);
        const logged = await run(url, ['log', number, 'note', `w${w} n${i} checked`], {
          HD_OPERATOR: `w${w}`,
        });
        out.push({ ...logged, step: `log ${number}` });
      }
      return { out, numbers };
    };
    const results = await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    const failures = results.flatMap((r) =>
      r.out.filter((o) => o.code !== 0).map((o) => `${o.step}: ${o.stderr}`),
    );
    expect(failures).toEqual([]);
    const total = workers * each;
    const numbers = results.flatMap((r) => r.numbers).sort();
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => `HD-${String(i + 1).padStart(6, '0')}`));
    const [counts] = await rows<{
      tickets: string;
      ids: string;
      counter: string;
      notes: string;
      wrong: string;
    }>(
      url,
      `SELECT (SELECT COUNT(*) FROM tickets) AS tickets,
              (SELECT COUNT(DISTINCT id) FROM tickets) AS ids,
              (SELECT last FROM ticket_numbers) AS counter,
              (SELECT COUNT(*) FROM events WHERE kind = 'note') AS notes,
              (SELECT COUNT(*) FROM tickets t WHERE (SELECT COUNT(*) FROM events e
                 WHERE e.ticket_id = t.id AND e.kind IN ('opened', 'note')) <> 2) AS wrong`,
    );
    // No gaps: the counter stands at the number of tickets.
    expect(counts).toEqual({
      tickets: String(total),
      ids: String(total),
      counter: String(total),
      notes: String(total),
      wrong: '0',
    });
    // Each note sits on the ticket its process opened.
    const notes = await rows<{ id: string; text: string }>(
      url,
      `SELECT t.id::text AS id, e.text AS text FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'note'`,
    );
    const summaries = await rows<{ id: string; summary: string }>(
      url,
      'SELECT id::text AS id, summary FROM tickets',
    );
    const summaryOf = new Map(summaries.map((s) => [s.id, s.summary]));
    for (const n of notes) expect(n.text).toContain(`${summaryOf.get(n.id)} checked`);
    const verify = hd(url, ['verify']);
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    expect(verify.stdout).toContain(`${total} tickets`);
  }, 900_000);

  it('3 operators taking one ticket at once: exactly one gets it, the others are refused naming the holder', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const rounds = LONG ? 5 : 2;
    for (let round = 1; round <= rounds; round++) {
      const opened = await run(url, [...openArgs(BANK, `take race ${round}`), ...QUIET, '--json']);
      expect([opened.code, opened.stderr]).toEqual([0, expect.any(String)]);
      const n = JSON.parse(opened.stdout).number as string;
      const desks = ['anna', 'boris', 'vera'];
      const results = await Promise.all(desks.map((d) => run(url, ['take', n], { HD_OPERATOR: d })));
      for (const r of results) expect(r.stderr).not.toMatch(CRASH);
      const won = desks.filter((_, i) => results[i]?.code === 0);
      expect(won).toHaveLength(1);
      const winner = won[0]!;
      for (const [i, r] of results.entries()) {
        if (desks[i] === winner) continue;
        expect([r.code, r.stderr]).toEqual([
          1,
          expect.stringMatching(new RegExp(`^hd: ${n} is held by ${winner} since .*--over`, 'm')),
        ]);
      }
      const [row] = await rows<{ assignee: string; takes: string }>(
        url,
        `SELECT assignee, (SELECT COUNT(*) FROM events WHERE ticket_id = t.id AND kind = 'assigned') AS takes
           FROM tickets t WHERE id = $1`,
        [Number(n.slice(3))],
      );
      expect(row).toEqual({ assignee: winner, takes: '1' });
    }
  }, 600_000);

  it('12 dispatches racing for the one spare unit: one wins, 11 are refused, stock never negative', async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const racers = 12;
    // 12 tickets to dispatch, opened by 4 desks at once.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < racers / 4; i++) {
          const r = await run(url, [...openArgs(BANK, `race w${w} n${i}`), ...QUIET]);
          expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
        }
      }),
    );
    // Exactly one SFP-1G-LX at Ivan Petrov's depot (the demo has 20 there).
    const adjust = hd(url, [
      'spares',
      'adjust',
      'SFP-1G-LX',
      '--qty',
      '-19',
      '--reason',
      'stock count',
      '--depot',
      'minsk-central',
    ]);
    expect([adjust.code, adjust.stderr]).toEqual([0, expect.any(String)]);
    const stockSql = `SELECT stock, reserved FROM spares WHERE sku = 'SFP-1G-LX' AND depot = 'minsk-central'`;
    expect(await rows(url, stockSql)).toEqual([{ stock: 1, reserved: 0 }]);

    const watcher = await connect(url);
    const seen: { stock: number; reserved: number }[] = [];
    let racing = true;
    const watching = (async () => {
      while (racing) {
        seen.push(...(await watcher.query(stockSql)).rows);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        run(url, ['dispatch', String(i + 1), '--engineer', 'Ivan Petrov', '--spare', 'SFP-1G-LX', '--json']),
      ),
    );
    racing = false;
    await watching;
    await watcher.end();

    const won = results.filter((r) => r.code === 0);
    const refused = results.filter((r) => r.code !== 0);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(racers - 1);
    for (const r of refused) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^hd: Depot minsk-central has 0 SFP-1G-LX available, 1 needed\. .*Nothing was reserved\.$/m,
      );
      expect(r.stderr).not.toMatch(CRASH);
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.stock).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.stock);
    }
    expect(await rows(url, stockSql)).toEqual([{ stock: 1, reserved: 1 }]);
    expect(await rows(url, 'SELECT COUNT(*)::int AS n FROM dispatches')).toEqual([{ n: 1 }]);
    // Only the winner's ticket has a dispatch event; the refused ones changed nothing.
    expect(await rows(url, "SELECT COUNT(*)::int AS n FROM events WHERE kind = 'dispatch'")).toEqual([
      { n: 1 },
    ]);

    const job = JSON.parse(won[0]?.stdout ?? '{}').job as string;
    expect(job).toMatch(/^J-\d{6}$/);
    const cancel = hd(url, ['dispatch', 'update', job, 'cancelled']);
    expect([cancel.code, cancel.stdout]).toEqual([
      0,
      expect.stringContaining('returned to stock: SFP-1G-LX×1'),
    ]);
    expect(await rows(url, stockSql)).toEqual([{ stock: 1, reserved: 0 }]);
    expect(hd(url, ['verify']).code).toBe(0);
  }, 600_000);

  const queued = LONG ? 20 : 12;
  it(`2 outbox senders at once with ${queued} queued messages: every Message-ID delivered exactly once`, async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    // Each NORDIC ticket queues its "opened" e-mail; 4 desks open them at once.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < queued / 4; i++) {
          const r = await run(url, openArgs(NORDIC, `mail w${w} n${i}`));
          expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
        }
      }),
    );
    const ids = await rows<{ message_id: string }>(url, 'SELECT message_id FROM outbox');
    expect(ids).toHaveLength(queued);
    smtp = await startSmtp();
    const env = { HD_SMTP_URL: smtp.url };
    const senders = await Promise.all([run(url, ['outbox', 'send'], env), run(url, ['outbox', 'send'], env)]);
    for (const s of senders) {
      expect([s.code, s.stderr]).toEqual([0, expect.not.stringMatching(CRASH)]);
    }
    const delivered = smtp.received.map((r) => r.mail.messageId).sort();
    expect(delivered).toHaveLength(queued);
    expect(new Set(delivered).size).toBe(queued);
    expect(delivered).toEqual(ids.map((r) => r.message_id).sort());
    expect(await rows(url, "SELECT COUNT(*)::int AS n FROM outbox WHERE status = 'sent'")).toEqual([
      { n: queued },
    ]);
    const again = await run(url, ['outbox', 'send'], env);
    expect([again.code, again.stderr]).toEqual([0, expect.stringContaining('Nothing due to send')]);
    expect(smtp.received).toHaveLength(queued);
  }, 600_000);

  const rounds = LONG ? 10 : 2;
  it(`${rounds} rounds of close / reopen / extend / log at once on one resolved ticket: each succeeds or is refused cleanly`, async () => {
    const url = await freshDatabase();
    expect(hd(url, ['init', '--demo']).code).toBe(0);
    const outcomes = new Map<string, number>();
    for (let round = 0; round < rounds; round++) {
      const opened = await run(url, [...openArgs(BANK, `lifecycle ${round}`), ...QUIET, '--json']);
      expect([opened.code, opened.stderr]).toEqual([0, expect.any(String)]);
      const n = JSON.parse(opened.stdout).number as string;
      for (const step of [
        ['take', n],
        ['eta', n, '+2h', ...QUIET],
        ['resolve', n, '--summary', 'replaced the CPE', '--zone', 'cpe', ...QUIET],
      ]) {
        const r = await run(url, step);
        expect([step.join(' '), r.code, r.stderr]).toEqual([step.join(' '), 0, expect.any(String)]);
      }
      const close = ['close', n, '--confirmed-by', 'Andrei Kovalenko', '--via', 'phone', ...QUIET];
      const commands = [
        close,
        ['reopen', n, '--reason', 'still down'],
        ['extend', n, '--by', '1h', '--reason', 'waiting for the part', ...QUIET],
        ['log', n, 'note', `round ${round} a`],
        close,
        ['reopen', n, '--reason', 'flapping'],
        ['extend', n, '--by', '30m', '--reason', 'more tests', ...QUIET],
        ['log', n, 'note', `round ${round} b`],
      ];
      const results = await Promise.all(commands.map((c, i) => run(url, c, { HD_OPERATOR: `desk${i}` })));
      results.forEach((r, i) => {
        const what = `round ${round}: hd ${commands[i]?.join(' ')}`;
        expect(r.stderr, what).not.toMatch(CRASH);
        expect([0, 1], `${what}: exit ${r.code}: ${r.stderr}`).toContain(r.code);
        // A refusal names the ticket and why (its state, or what it needs).
        if (r.code === 1) expect(r.stderr, what).toMatch(new RegExp(`^hd: ${n} (is|has) `, 'm'));
        const key = `${commands[i]?.[0]} ${r.code}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      });
      // A note is refused only once a close has won (a closed ticket's log is final).
      for (const i of [3, 7]) {
        if (results[i]?.code !== 0)
          expect(results[i]?.stderr).toMatch(new RegExp(`^hd: ${n} is closed; its log is final`, 'm'));
      }
      // No lost writes: every command that said yes left exactly its event, the refused ones none.
      const kinds = await rows<{ kind: string; n: number }>(
        url,
        `SELECT kind, COUNT(*)::int AS n FROM events WHERE ticket_id = $1 AND kind IN ('closed', 'reopened', 'extended', 'note') GROUP BY kind`,
        [Number(n.slice(3))],
      );
      const kindOf: Record<string, string> = {
        close: 'closed',
        reopen: 'reopened',
        extend: 'extended',
        log: 'note',
      };
      const said = new Map<string, number>();
      results.forEach((r, i) => {
        const kind = kindOf[commands[i]?.[0] ?? ''] ?? '';
        if (r.code === 0) said.set(kind, (said.get(kind) ?? 0) + 1);
      });
      expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual(Object.fromEntries(said));
      const verify = await run(url, ['verify']);
      expect([verify.code, verify.stderr]).toEqual([0, '']);
      // The ticket's state is the one its last state-changing event says.
      const [state] = await rows<{ status: string; last: string | null }>(
        url,
        `SELECT t.status, (SELECT e.kind FROM events e WHERE e.ticket_id = t.id
           AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.id DESC LIMIT 1) AS last
         FROM tickets t WHERE t.id = $1`,
        [Number(n.slice(3))],
      );
      const expected = { resolved: 'resolved', closed: 'closed', reopened: 'inProgress' } as Record<
        string,
        string
      >;
      expect(state?.status).toBe(expected[state?.last ?? '']);
    }
    // At least one close or reopen won in every round: the race is real, not all refusals.
    expect((outcomes.get('close 0') ?? 0) + (outcomes.get('reopen 0') ?? 0)).toBeGreaterThanOrEqual(rounds);
  }, 900_000);
});

describe('a mass outage on PostgreSQL', () => {
  beforeAll(async () => usePostgres(await freshDatabase()));
  afterAll(closePostgres);

  it(`hd outage eta and resolve on ${LINKED} linked tickets: each its own event and notice`, async () => {
    await fiveHundred(await harness({ now: '2026-11-25T09:00:00Z', operator: 'olga' }));
  }, 300_000);
});

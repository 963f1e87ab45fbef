// READ COMMITTED and concurrent writers: a change reads its ticket FOR UPDATE, so a second change
// of the same ticket waits for the first to commit instead of working on a stale row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesData } from '../../src/data.ts';
import { loadForChange } from '../../src/store/change.ts';
import { claimNext, enqueue } from '../../src/store/outbox.ts';
import { saveProfile } from '../../src/store/reference.ts';
import { move, type Spare } from '../../src/store/spares.ts';
import { closePostgres, dbExec, dbRow, harness, usePostgres } from '../helpers/context.ts';
import { EVROOPT, openArgs } from '../helpers/fixtures.ts';
import { freshDatabase } from '../helpers/postgres.ts';

beforeAll(async () => usePostgres(await freshDatabase()));
afterAll(closePostgres);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loadForChange on PostgreSQL', () => {
  it('locks the ticket: a second change waits for the first to commit; another ticket does not', async () => {
    const h = await harness();
    expect(await h.run(openArgs(EVROOPT, 'one'))).toBe(0);
    expect(await h.run(openArgs(EVROOPT, 'two'))).toBe(0);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = h.store.tx(async (q) => {
      await loadForChange(q, 1);
      await held;
    });
    await pause(100);
    let sameDone = false;
    const same = h.store.tx(async (q) => {
      await loadForChange(q, 1);
      sameDone = true;
    });
    const other = h.store.tx(async (q) => (await loadForChange(q, 2)).ticket.id);
    expect(await other).toBe(2);
    await pause(300);
    expect(sameDone).toBe(false);
    release();
    await first;
    await same;
    expect(sameDone).toBe(true);
  });
});

describe('outbox claims on PostgreSQL', () => {
  it('two senders claiming at once get different messages (SKIP LOCKED), neither waits', async () => {
    const h = await harness({ demo: false });
    const at = Date.parse('2026-11-25T09:00:00Z');
    for (const key of ['a', 'b']) {
      await h.store.tx((q) =>
        enqueue(q, {
          ticketId: null,
          kind: 'test',
          key,
          recipient: 'x@example.org',
          subject: key,
          body: key,
          domain: 'example.org',
          at,
          by: 'olga',
        }),
      );
    }
    const claim = (token: string) => ({
      claim: { token, pid: 1, host: 'h' },
      wallNow: at,
      claimMs: 60_000,
      due: at,
      after: 0,
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstId: number | undefined;
    const first = h.store.tx(async (q) => {
      firstId = (await claimNext(q, claim('one')))?.id;
      await held;
    });
    await pause(100);
    const second = await h.store.tx(async (q) => (await claimNext(q, claim('two')))?.id);
    release();
    await first;
    expect([firstId, second]).toEqual([1, 2]);
  });
});

describe('spare stock on PostgreSQL', () => {
  it('two reservations of the last unit at once: one waits, then is refused; stock never goes negative', async () => {
    const h = await harness();
    await dbExec(h.store, 'UPDATE spares SET stock = 1, reserved = 0 WHERE id = 1');
    const spare = { id: 1 } as Spare;
    const m = { at: Date.parse('2026-11-25T09:00:00Z'), actor: 'olga' };
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = h.store.tx(async (q) => {
      await move(q, spare, 'reserve', 0, 1, m);
      await held;
    });
    await pause(100);
    const second = h.store
      .tx((q) => move(q, spare, 'reserve', 0, 1, m))
      .then(
        () => 'reserved',
        (error: Error) => error.message,
      );
    await pause(200);
    release();
    await first;
    expect(await second).toMatch(
      /1 in stock, 1 reserved, 0 available; this would leave -1 available\. Nothing was changed\./,
    );
    expect(await dbRow(h.store, 'SELECT stock, reserved FROM spares WHERE id = 1')).toEqual({
      stock: 1,
      reserved: 1,
    });
  });
});

describe('rule profile versions on PostgreSQL', () => {
  it('two writers saving the same changed profile at once: one makes v2, the other finds it', async () => {
    const h = await harness({ demo: false });
    const changed = { ...(profilesData()[0] as Record<string, unknown>), title: 'Changed title' };
    const at = Date.parse('2026-11-25T09:00:00Z');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = h.store.tx(async (q) => {
      const r = await saveProfile(q, changed, at);
      await held;
      return r;
    });
    await pause(100);
    const second = h.store.tx((q) => saveProfile(q, changed, at));
    await pause(200);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.created, a.profile.version, b.created, b.profile.version]).toEqual([true, 2, false, 2]);
  });
});

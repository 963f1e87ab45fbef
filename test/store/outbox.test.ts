// The outbox claim rules, on a store: who may mark a message, and when a claim goes back.
import { describe, expect, it } from 'vitest';
import {
  claimNext,
  enqueue,
  getMessage,
  markAttemptFailed,
  markHandedOver,
  markSent,
  releaseStaleClaims,
  renewClaim,
  requeue,
  type SenderClaim,
} from '../../src/store/outbox.ts';
import { openDatabase, type SqliteStore as Store } from '../../src/store/sqlite/db.ts';
import { migrations } from '../../src/store/sqlite/migrations/index.ts';
import { tempDbPath } from '../helpers/context.ts';

const T0 = Date.parse('2026-11-25T09:00:00Z');
const HERE = 'desk-1';
const mine: SenderClaim = { token: 'olga@desk-1:100:a', pid: 100, host: HERE };
const neighbour: SenderClaim = { token: 'ivan@desk-1:200:b', pid: 200, host: HERE };
const remote: SenderClaim = { token: 'hd@relay-7:300:c', pid: 300, host: 'relay-7' };
const CLAIM_MS = 60_000;

async function outboxWith(n: number): Promise<Store> {
  const store = openDatabase(':memory:');
  for (let i = 0; i < n; i++) {
    await enqueue(store, {
      ticketId: null,
      kind: 'update',
      key: `k${i}`,
      recipient: 'a@example.by',
      subject: `s${i}`,
      body: 'b',
      domain: 'hd.test',
      at: T0,
      by: 'olga',
    });
  }
  return store;
}

const claim = (store: Store, who: SenderClaim, wallNow = T0, after = 0) =>
  claimNext(store, { claim: who, wallNow, claimMs: CLAIM_MS, due: T0, after });

const release = (store: Store, wallNow: number, alive: number[]) =>
  releaseStaleClaims(store, { wallNow, at: T0, host: HERE, isAlive: (pid) => alive.includes(pid) });

describe('claims', () => {
  it('one message per claim, in id order, each to one sender; the claim names its owner', async () => {
    const store = await outboxWith(3);
    const a = await claim(store, mine);
    const b = await claim(store, neighbour);
    expect([a?.id, b?.id]).toEqual([1, 2]);
    expect(a).toMatchObject({
      status: 'sending',
      claimedBy: mine.token,
      claimPid: 100,
      claimHost: HERE,
      claimUntil: T0 + CLAIM_MS,
    });
    expect((await claim(store, mine, T0, 3))?.id).toBeUndefined(); // nothing after #3
    expect((await claim(store, mine))?.id).toBe(3);
    expect(await claim(store, remote)).toBeUndefined();
  });

  it('only the owner marks sent or failed; a lost claim changes nothing', async () => {
    const store = await outboxWith(1);
    await claim(store, mine);
    expect(await markSent(store, 1, neighbour.token, T0)).toBe(false);
    expect(
      await markAttemptFailed(store, 1, neighbour.token, {
        error: 'x',
        retryAt: null,
        uncertain: false,
        now: T0,
      }),
    ).toBeUndefined();
    expect(await renewClaim(store, 1, neighbour.token, T0 + 10 * CLAIM_MS)).toBe(false);
    expect(await markHandedOver(store, 1, neighbour.token, T0)).toBe(false);
    expect(await getMessage(store, 1)).toMatchObject({
      status: 'sending',
      claimedBy: mine.token,
      claimUntil: T0 + CLAIM_MS,
      handedAt: null,
      attempts: 0,
    });
    expect(await markSent(store, 1, mine.token, T0 + 5)).toBe(true);
    expect(await getMessage(store, 1)).toMatchObject({
      status: 'sent',
      sentAt: T0 + 5,
      claimedBy: null,
      attempts: 1,
    });
    expect(await markSent(store, 1, mine.token, T0 + 6)).toBe(false); // never twice
  });

  it('a live sender on this host keeps its claim; a dead one loses it at once', async () => {
    const store = await outboxWith(2);
    await claim(store, mine);
    await claim(store, neighbour);
    expect(await release(store, T0 + 1, [100, 200])).toEqual([]);
    expect(await release(store, T0 + 1, [100])).toEqual([{ id: 2, pid: 200, host: HERE, handedOver: false }]);
    expect(await getMessage(store, 2)).toMatchObject({
      status: 'queued',
      claimedBy: null,
      claimPid: null,
      attempts: 1,
      uncertainAt: null,
      lastError: `its sender (process 200 on ${HERE}) stopped before finishing`,
    });
    expect((await getMessage(store, 1)).status).toBe('sending');
  });

  it('a renewed claim stays; on another host only the time bound counts', async () => {
    const store = await outboxWith(2);
    await claim(store, mine);
    await claim(store, remote);
    // pid 300 does not exist here, but it lives on relay-7: its claim runs until T0 + CLAIM_MS.
    expect(await release(store, T0 + CLAIM_MS - 1, [100])).toEqual([]);
    expect(await renewClaim(store, 1, mine.token, T0 + 2 * CLAIM_MS)).toBe(true);
    expect(await release(store, T0 + CLAIM_MS + 1, [100])).toEqual([
      { id: 2, pid: 300, host: 'relay-7', handedOver: false },
    ]);
    expect((await getMessage(store, 2)).lastError).toBe(
      'its sender (process 300 on relay-7) stopped renewing its claim before finishing',
    );
    expect((await getMessage(store, 1)).status).toBe('sending');
  });

  it('a claim released after the hand-over may have been delivered', async () => {
    const store = await outboxWith(1);
    await claim(store, neighbour);
    expect(await markHandedOver(store, 1, neighbour.token, T0 + 10)).toBe(true);
    expect(await release(store, T0 + 20, [])).toEqual([{ id: 1, pid: 200, host: HERE, handedOver: true }]);
    expect(await getMessage(store, 1)).toMatchObject({
      status: 'queued',
      uncertainAt: T0,
      handedAt: null,
      lastError: `its sender (process 200 on ${HERE}) stopped before finishing, after handing the whole message to the server: it may have been delivered`,
    });
  });

  it('an uncertain attempt keeps the flag through the later delivery', async () => {
    const store = await outboxWith(1);
    await claim(store, mine);
    const after = await markAttemptFailed(store, 1, mine.token, {
      error: 'no reply',
      retryAt: T0 + 60_000,
      uncertain: true,
      now: T0 + 5,
    });
    expect(after).toMatchObject({
      status: 'queued',
      uncertainAt: T0 + 5,
      nextAttemptAt: T0 + 60_000,
      attempts: 1,
    });
    await claimNext(store, { claim: mine, wallNow: T0, claimMs: CLAIM_MS, due: T0 + 60_000, after: 0 });
    expect(await markSent(store, 1, mine.token, T0 + 60_000)).toBe(true);
    expect(await getMessage(store, 1)).toMatchObject({ status: 'sent', uncertainAt: T0 + 5, attempts: 2 });
  });

  it('retry refuses a live claim by name, and returns a dead one to the queue', async () => {
    const store = await outboxWith(1);
    await claim(store, neighbour);
    const o = { now: T0 + 1, wallNow: T0 + 1, host: HERE };
    await expect(requeue(store, 1, { ...o, isAlive: () => true })).rejects.toThrow(
      /Message 1 is being sent right now by process 200 on desk-1 \(claimed 2026-11-25T09:00:00.000Z\)/,
    );
    const { message, released } = await requeue(store, 1, { ...o, isAlive: () => false });
    expect(released).toEqual({ id: 1, pid: 200, host: HERE, handedOver: false });
    expect(message).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 1 });
  });
});

describe('the outbox claims migration', () => {
  it('a claim taken before it keeps the old ten-minute bound', () => {
    const path = tempDbPath();
    const old = openDatabase(
      path,
      migrations.slice(
        0,
        migrations.findIndex((m) => m.name === 'outbox claims with an owner'),
      ),
    );
    old.db
      .prepare(
        `INSERT INTO outbox (kind, idempotency_key, recipient, subject, body, message_id, status, next_attempt_at,
           claimed_at, claimed_by, created_at, created_by)
         VALUES ('update', 'k', 'a@example.by', 's', 'b', '<m@x>', 'sending', ?, ?, 'olga@4242', ?, 'olga')`,
      )
      .run(T0, T0, T0);
    old.close();
    const store = openDatabase(path);
    expect(
      store.db
        .prepare('SELECT claim_until, claim_pid, claim_host, handed_at, uncertain_at FROM outbox')
        .get(),
    ).toEqual({
      claim_until: T0 + 600_000,
      claim_pid: null,
      claim_host: null,
      handed_at: null,
      uncertain_at: null,
    });
    store.close();
  });
});

import { NotFoundError, RefusedError } from '../errors.ts';
import type { Store } from './db.ts';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: number;
  ticketId: number | null;
  kind: string;
  idempotencyKey: string;
  recipient: string;
  subject: string;
  body: string;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  claimedAt: number | null;
  createdAt: number;
  createdBy: string;
  sentAt: number | null;
}

const COLUMNS = `id, ticket_id AS ticketId, kind, idempotency_key AS idempotencyKey, recipient, subject, body,
  message_id AS messageId, status, attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt,
  claimed_at AS claimedAt, created_at AS createdAt, created_by AS createdBy, sent_at AS sentAt`;

/** Queues a message once per idempotency key; a repeat returns the message already queued. */
export async function enqueue(
  store: Store,
  m: {
    ticketId: number | null;
    kind: string;
    key: string;
    recipient: string;
    subject: string;
    body: string;
    domain: string;
    at: number;
    by: string;
  },
): Promise<{ message: OutboxMessage; created: boolean }> {
  const existing = store.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE idempotency_key = ?`).get(m.key) as
    | OutboxMessage
    | undefined;
  if (existing) return { message: existing, created: false };
  const id = store.db
    .prepare(
      `INSERT INTO outbox (ticket_id, kind, idempotency_key, recipient, subject, body, message_id, status, next_attempt_at, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, 'pending-' || ?, 'queued', ?, ?, ?) RETURNING id`,
    )
    .pluck()
    .get(m.ticketId, m.kind, m.key, m.recipient, m.subject, m.body, m.key, m.at, m.at, m.by) as number;
  // The Message-ID stays the same on every retry, so a receiver can tell a repeat from a new message.
  store.db.prepare('UPDATE outbox SET message_id = ? WHERE id = ?').run(`<hd.${id}.${m.at}@${m.domain}>`, id);
  return { message: await getMessage(store, id), created: true };
}

export async function getMessage(store: Store, id: number): Promise<OutboxMessage> {
  const row = store.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as
    | OutboxMessage
    | undefined;
  if (!row) throw new NotFoundError(`There is no outbox message ${id}. See hd outbox list.`);
  return row;
}

export async function listMessages(
  store: Store,
  f: { status?: OutboxStatus; ticketId?: number; limit: number },
): Promise<OutboxMessage[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    where.push('status = ?');
    params.push(f.status);
  }
  if (f.ticketId !== undefined) {
    where.push('ticket_id = ?');
    params.push(f.ticketId);
  }
  return store.db
    .prepare(
      `SELECT ${COLUMNS} FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, f.limit) as OutboxMessage[];
}

/** A claim left by a sender that died mid-delivery is released after this long. */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Takes the messages due now (or the given ones) for delivery by this sender. Run inside a
 * write transaction, so two senders never claim the same message.
 */
export async function claimDue(
  store: Store,
  now: number,
  claimant: string,
  ids?: number[],
): Promise<OutboxMessage[]> {
  store.db
    .prepare(
      "UPDATE outbox SET status = 'queued', claimed_at = NULL, claimed_by = NULL WHERE status = 'sending' AND claimed_at < ?",
    )
    .run(now - STALE_CLAIM_MS);
  const only = ids ? `AND id IN (${ids.map(() => '?').join(', ')})` : '';
  return store.db
    .prepare(
      `UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ?
       WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ${only} ORDER BY id LIMIT 500)
       RETURNING ${COLUMNS}`,
    )
    .all(now, claimant, now, ...(ids ?? [])) as OutboxMessage[];
}

export async function markSent(store: Store, id: number, now: number): Promise<void> {
  store.db
    .prepare(
      "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, claimed_at = NULL WHERE id = ? AND status = 'sending'",
    )
    .run(now, id);
}

export async function markAttemptFailed(
  store: Store,
  id: number,
  error: string,
  retryAt: number | null,
): Promise<OutboxMessage> {
  store.db
    .prepare(
      `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
         claimed_at = NULL, claimed_by = NULL WHERE id = ?`,
    )
    .run(retryAt === null ? 'failed' : 'queued', error, retryAt, id);
  return getMessage(store, id);
}

/** `hd outbox retry`: a failed message goes back to the queue, due now. */
export async function requeue(store: Store, id: number, now: number): Promise<OutboxMessage> {
  const m = await getMessage(store, id);
  if (m.status === 'sent')
    throw new RefusedError(
      `Message ${id} was already sent at ${new Date(m.sentAt!).toISOString()}; it is never sent twice.`,
    );
  if (m.status === 'sending') throw new RefusedError(`Message ${id} is being sent right now by another hd.`);
  store.db.prepare("UPDATE outbox SET status = 'queued', next_attempt_at = ? WHERE id = ?").run(now, id);
  return getMessage(store, id);
}

export async function outboxCounts(store: Store): Promise<Record<OutboxStatus, number>> {
  const rows = store.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as {
    status: OutboxStatus;
    n: number;
  }[];
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

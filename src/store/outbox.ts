import { NotFoundError, RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { type Queryable, type Sql, skipLocked, sql } from './port.ts';
import { limitSql } from './tickets.ts';

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
  claimedBy: string | null;
  claimPid: number | null;
  claimHost: string | null;
  claimUntil: number | null;
  handedAt: number | null;
  /** The last attempt that may have been delivered (whole message handed over, no reply). */
  uncertainAt: number | null;
  createdAt: number;
  createdBy: string;
  sentAt: number | null;
}

const COLUMNS =
  sql.raw(`id, ticket_id AS "ticketId", kind, idempotency_key AS "idempotencyKey", recipient, subject, body,
  message_id AS "messageId", status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt",
  claimed_at AS "claimedAt", claimed_by AS "claimedBy", claim_pid AS "claimPid", claim_host AS "claimHost",
  claim_until AS "claimUntil", handed_at AS "handedAt", uncertain_at AS "uncertainAt", created_at AS "createdAt",
  created_by AS "createdBy", sent_at AS "sentAt"`);

/** Queues a message once per idempotency key; a repeat returns the message already queued. */
export async function enqueue(
  q: Queryable,
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
  const existing = await q.get<OutboxMessage>(
    sql`SELECT ${COLUMNS} FROM outbox WHERE idempotency_key = ${m.key}`,
  );
  if (existing) return { message: existing, created: false };
  const { id } = (await q.get<{ id: number }>(
    sql`INSERT INTO outbox (ticket_id, kind, idempotency_key, recipient, subject, body, message_id, status, next_attempt_at, created_at, created_by)
       VALUES (${m.ticketId}, ${m.kind}, ${m.key}, ${m.recipient}, ${m.subject}, ${m.body}, ${`pending-${m.key}`}, 'queued', ${m.at}, ${m.at}, ${m.by})
       RETURNING id`,
  ))!;
  // The Message-ID stays the same on every retry, so a receiver can tell a repeat from a new message.
  await q.run(sql`UPDATE outbox SET message_id = ${`<hd.${id}.${m.at}@${m.domain}>`} WHERE id = ${id}`);
  return { message: await getMessage(q, id), created: true };
}

export type NewMessage = Parameters<typeof enqueue>[1];

/**
 * Queues many messages in three statements (an outage telling hundreds of clients at once): the
 * keys already queued, one INSERT of the new ones, and their Message-IDs set as enqueue sets
 * them. Returns every message, already queued or new, in the order given.
 */
export async function enqueueMany(q: Queryable, ms: NewMessage[]): Promise<OutboxMessage[]> {
  if (ms.length === 0) return [];
  const byKey = new Map<string, OutboxMessage>();
  for (let i = 0; i < ms.length; i += 500) {
    const keys = ms.slice(i, i + 500).map((m) => m.key);
    for (const m of await q.all<OutboxMessage>(
      sql`SELECT ${COLUMNS} FROM outbox WHERE idempotency_key IN ${sql.list(keys)}`,
    ))
      byKey.set(m.idempotencyKey, m);
  }
  const fresh = ms.filter((m, i) => !byKey.has(m.key) && ms.findIndex((x) => x.key === m.key) === i);
  // Rows of 11 values: well under SQLite's 32766 and PostgreSQL's 65535 parameters per batch.
  for (let i = 0; i < fresh.length; i += 1000) {
    const batch = fresh.slice(i, i + 1000);
    const rows = batch.map(
      (m) =>
        sql`(${m.ticketId}, ${m.kind}, ${m.key}, ${m.recipient}, ${m.subject}, ${m.body}, ${`pending-${m.key}`}, 'queued', ${m.at}, ${m.at}, ${m.by})`,
    );
    const ids = await q.all<{ id: number }>(
      sql`INSERT INTO outbox (ticket_id, kind, idempotency_key, recipient, subject, body, message_id, status, next_attempt_at, created_at, created_by)
         VALUES ${sql.join(rows)} RETURNING id`,
    );
    const domains = [...new Set(batch.map((m) => m.domain))];
    if (domains.length !== 1) throw new Error('enqueueMany: one mail domain per batch');
    // The same Message-ID enqueue gives: <hd.ID.CREATED@DOMAIN>, kept on every retry.
    const written = await q.all<OutboxMessage>(
      sql`UPDATE outbox SET message_id = '<hd.' || id || '.' || created_at || ${`@${domains[0]}>`}
         WHERE id IN ${sql.list(ids.map((r) => r.id))} RETURNING ${COLUMNS}`,
    );
    for (const m of written) byKey.set(m.idempotencyKey, m);
  }
  return ms.map((m) => byKey.get(m.key)!);
}

export async function getMessage(q: Queryable, id: number): Promise<OutboxMessage> {
  const row = await q.get<OutboxMessage>(sql`SELECT ${COLUMNS} FROM outbox WHERE id = ${id}`);
  if (!row) throw new NotFoundError(t('outbox.err.noMessage', { id }));
  return row;
}

export async function listMessages(
  q: Queryable,
  f: { status?: OutboxStatus; ticketId?: number; limit: number },
): Promise<OutboxMessage[]> {
  const where: Sql[] = [];
  if (f.status) where.push(sql`status = ${f.status}`);
  if (f.ticketId !== undefined) where.push(sql`ticket_id = ${f.ticketId}`);
  return q.all<OutboxMessage>(
    sql`SELECT ${COLUMNS} FROM outbox ${where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``} ORDER BY id DESC ${limitSql(f.limit)}`,
  );
}

/** Who holds a claim: a token unique to one sender process, with its process id and host. */
export interface SenderClaim {
  token: string;
  pid: number;
  host: string;
}

/** A claim returned to the queue because its sender died or stopped renewing it. */
export interface ReleasedClaim {
  id: number;
  pid: number | null;
  host: string | null;
  /** The sender had handed the whole message to the SMTP server: it may have been delivered. */
  handedOver: boolean;
}

interface ClaimRow {
  id: number;
  claimedBy: string | null;
  claimPid: number | null;
  claimHost: string | null;
  claimUntil: number | null;
  handedAt: number | null;
}

/**
 * Returns to the queue every claim whose sender is gone: on this host, a process that no longer
 * exists (`isAlive` false) at once; anywhere, a claim not renewed before its `claim_until`
 * (a live sender renews it while it sends, so only a dead or frozen one lets it pass). `wallNow`
 * is the real clock, `at` the time written in the record. Run inside a write transaction.
 */
export async function releaseStaleClaims(
  q: Queryable,
  o: { wallNow: number; at: number; host: string; isAlive: (pid: number) => boolean },
): Promise<ReleasedClaim[]> {
  const rows = await q.all<ClaimRow>(
    sql`SELECT id, claimed_by AS "claimedBy", claim_pid AS "claimPid", claim_host AS "claimHost",
         claim_until AS "claimUntil", handed_at AS "handedAt" FROM outbox WHERE status = 'sending'`,
  );
  const released: ReleasedClaim[] = [];
  const release = (error: string, at: number, id: number, claimedBy: string | null) =>
    q.run(
      sql`UPDATE outbox SET status = 'queued', attempts = attempts + 1, last_error = ${error},
       uncertain_at = CASE WHEN handed_at IS NULL THEN uncertain_at ELSE ${at} END,
       claimed_at = NULL, claimed_by = NULL, claim_pid = NULL, claim_host = NULL, claim_until = NULL, handed_at = NULL
     WHERE id = ${id} AND status = 'sending' AND claimed_by IS NOT DISTINCT FROM ${claimedBy}`,
    );
  for (const r of rows) {
    const dead = r.claimHost === o.host && r.claimPid !== null && !o.isAlive(r.claimPid);
    const lapsed = r.claimUntil === null || r.claimUntil < o.wallNow;
    if (!dead && !lapsed) continue;
    const who = r.claimPid === null ? 'its sender' : `its sender (process ${r.claimPid} on ${r.claimHost})`;
    const error = `${who} ${dead ? 'stopped' : 'stopped renewing its claim'} before finishing${
      r.handedAt === null ? '' : ', after handing the whole message to the server: it may have been delivered'
    }`;
    if ((await release(error, o.at, r.id, r.claimedBy)).changes === 0) continue;
    released.push({ id: r.id, pid: r.claimPid, host: r.claimHost, handedOver: r.handedAt !== null });
  }
  return released;
}

/**
 * Claims the next message due (among `ids` when given) for this sender, for `claimMs` of real
 * time; the sender renews the claim while it works. One message per claim, in its own short
 * transaction, so a claim never waits behind other messages' deliveries. `after`: a run goes
 * through the queue in id order, so it tries each message at most once.
 */
export async function claimNext(
  q: Queryable,
  o: { claim: SenderClaim; wallNow: number; claimMs: number; due: number; after: number; ids?: number[] },
): Promise<OutboxMessage | undefined> {
  const only = o.ids ? sql`AND id IN ${sql.list(o.ids)}` : sql``;
  return q.get<OutboxMessage>(
    sql`UPDATE outbox SET status = 'sending', claimed_at = ${o.wallNow}, claimed_by = ${o.claim.token},
         claim_pid = ${o.claim.pid}, claim_host = ${o.claim.host}, claim_until = ${o.wallNow + o.claimMs}, handed_at = NULL
       WHERE id = (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ${o.due} AND id > ${o.after} ${only}
                   ORDER BY id LIMIT 1${skipLocked(q)})
       RETURNING ${COLUMNS}`,
  );
}

/** Extends this sender's claim; false when the claim is no longer its own. */
export async function renewClaim(q: Queryable, id: number, token: string, until: number): Promise<boolean> {
  const { changes } = await q.run(
    sql`UPDATE outbox SET claim_until = ${until} WHERE id = ${id} AND status = 'sending' AND claimed_by = ${token}`,
  );
  return changes === 1;
}

/** The whole message went to the SMTP server; from here until its reply, it may be delivered. */
export async function markHandedOver(
  q: Queryable,
  id: number,
  token: string,
  wallNow: number,
): Promise<boolean> {
  const { changes } = await q.run(
    sql`UPDATE outbox SET handed_at = ${wallNow} WHERE id = ${id} AND status = 'sending' AND claimed_by = ${token}`,
  );
  return changes === 1;
}

/**
 * The server accepted the message. Only the claim's owner may say so: false (nothing changed)
 * when the claim was lost to another sender. Run inside the transaction that records the
 * delivery on the ticket.
 */
export async function markSent(q: Queryable, id: number, token: string, now: number): Promise<boolean> {
  const { changes } = await q.run(
    sql`UPDATE outbox SET status = 'sent', sent_at = ${now}, attempts = attempts + 1, last_error = NULL,
           claimed_at = NULL, claimed_by = NULL, claim_pid = NULL, claim_host = NULL, claim_until = NULL, handed_at = NULL
         WHERE id = ${id} AND status = 'sending' AND claimed_by = ${token}`,
  );
  return changes === 1;
}

/**
 * An attempt that did not end in delivery: queued again at `retryAt`, or failed when it is null.
 * `uncertain` when the server had the whole message and its reply never came: it may have been
 * delivered. Returns undefined (nothing changed) when the claim was lost to another sender.
 */
export async function markAttemptFailed(
  q: Queryable,
  id: number,
  token: string,
  o: { error: string; retryAt: number | null; uncertain: boolean; now: number },
): Promise<OutboxMessage | undefined> {
  const changed = await q.run(
    sql`UPDATE outbox SET status = ${o.retryAt === null ? 'failed' : 'queued'}, attempts = attempts + 1,
         last_error = ${o.error}, next_attempt_at = COALESCE(${o.retryAt}, next_attempt_at),
         uncertain_at = CASE WHEN ${o.uncertain ? 1 : 0} = 1 THEN ${o.now} ELSE uncertain_at END,
         claimed_at = NULL, claimed_by = NULL, claim_pid = NULL, claim_host = NULL, claim_until = NULL, handed_at = NULL
       WHERE id = ${id} AND status = 'sending' AND claimed_by = ${token}`,
  );
  return changed.changes === 1 ? getMessage(q, id) : undefined;
}

/**
 * `hd outbox retry`: a failed (or queued) message goes back to the queue, due now. A message
 * claimed by a sender that is gone is first returned to the queue (see releaseStaleClaims);
 * one claimed by a live sender is refused, naming it.
 */
export async function requeue(
  q: Queryable,
  id: number,
  o: {
    now: number;
    wallNow: number;
    host: string;
    isAlive: (pid: number) => boolean;
    /** A refusal's time as the reader reads it (the command knows the zone and language); ISO if not given. */
    at?: (ms: number) => string;
  },
): Promise<{ message: OutboxMessage; released?: ReleasedClaim }> {
  const at = o.at ?? ((ms: number) => new Date(ms).toISOString());
  await getMessage(q, id);
  const released = (
    await releaseStaleClaims(q, { wallNow: o.wallNow, at: o.now, host: o.host, isAlive: o.isAlive })
  ).find((r) => r.id === id);
  const m = await getMessage(q, id);
  if (m.status === 'sent') throw new RefusedError(t('outbox.err.alreadySent', { id, at: at(m.sentAt!) }));
  if (m.status === 'sending')
    throw new RefusedError(
      t('outbox.err.sending', {
        id,
        pid: m.claimPid ?? '?',
        host: m.claimHost ?? t('outbox.err.anotherHost'),
        at: at(m.claimedAt!),
      }),
    );
  await q.run(sql`UPDATE outbox SET status = 'queued', next_attempt_at = ${o.now} WHERE id = ${id}`);
  return { message: await getMessage(q, id), released };
}

/** Messages per status, and how many not (yet) sent may have been delivered already. */
export async function outboxCounts(q: Queryable): Promise<Record<OutboxStatus | 'uncertain', number>> {
  const rows = await q.all<{ status: OutboxStatus; n: number; uncertain: number }>(
    sql`SELECT status, COUNT(*) AS n, COUNT(uncertain_at) AS uncertain FROM outbox GROUP BY status`,
  );
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0 };
  for (const r of rows) {
    counts[r.status] = r.n;
    if (r.status !== 'sent') counts.uncertain += r.uncertain;
  }
  return counts;
}

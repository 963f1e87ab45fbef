// The event deliverer of hd serve: claims the due rows of the hub queue (queued by a trigger in the
// transaction of each change, store/hub.ts), POSTs each notification to its listener, and deletes
// the row once the listener answered 2xx. A failure (refused, timed out, not 2xx) is retried with
// exponential back-off, 1 s, 2 s, 4 s … at most 5 min, for as long as the listener is registered:
// nothing is lost while it is down. A ticket's events reach a listener in order: a later row waits
// while an earlier one of the same ticket is undelivered. Each notification is sent only while its
// listener is still registered (checked just before the POST). Node's own fetch; no package.
import { loadDetails, type TicketDetails } from '../app/details.ts';
import {
  anyDue,
  claimDeliveries,
  type Delivery,
  deliveryDone,
  deliveryFailed,
  type HubListener,
  listenerExists,
  listenersByIds,
} from '../store/hub.ts';
import type { Store } from '../store/port.ts';
import { redactUserinfo } from './errors.ts';
import { eventTypesOf, listenerUrl, notificationsFor } from './events.ts';

export interface DeliveryOptions {
  /** The first retry's delay; each next one doubles, up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
  /** How often the queue is looked at when nothing woke the deliverer (changes made by the CLI). */
  pollMs: number;
  /** Longest wait for a listener's answer. */
  timeoutMs: number;
  /** Rows claimed at a time. */
  batch: number;
  /** One JSON line per failed attempt (never a token). */
  log: (line: Record<string, unknown>) => void;
}

export const DELIVERY_DEFAULTS: Omit<DeliveryOptions, 'log'> = {
  retryMs: 1000,
  maxRetryMs: 5 * 60_000,
  pollMs: 1000,
  timeoutMs: 10_000,
  batch: 20,
};

/** The delay before attempt `attempts + 1`. */
export function backoff(attempts: number, o: Pick<DeliveryOptions, 'retryMs' | 'maxRetryMs'>): number {
  return Math.min(o.maxRetryMs, o.retryMs * 2 ** Math.min(attempts, 30));
}

export interface Deliverer {
  /** Look at the queue now (a change was just made through this server). */
  kick(): void;
  /** Stop claiming, let the requests in flight finish, and return. */
  stop(): Promise<void>;
}

type Gate = <T>(fn: (s: Store) => Promise<T>) => Promise<T>;

async function post(url: string, body: unknown, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string }; message?: string };
    if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return redactUserinfo(e.cause?.code ?? e.message ?? 'failed');
  }
}

export function startDeliverer(gate: Gate, o: DeliveryOptions): Deliverer {
  let stopping = false;
  let kicked = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  // A claim outlasts the longest attempt; a server that died mid-delivery frees its rows by then.
  const lease = () => Date.now() + o.timeoutMs * 3 + 30_000;

  async function deliver(row: Delivery, listener: HubListener | undefined, d: TicketDetails | null) {
    const event = d?.events.find((e) => e.id === row.eventId);
    if (!listener || !d || !event) {
      // The listener was deleted meanwhile (its rows with it), or the event is not the ticket's.
      await gate((s) => deliveryDone(s, row.id));
      return;
    }
    let wanted: ReturnType<typeof eventTypesOf> = null;
    try {
      wanted = eventTypesOf(listener.query);
    } catch {
      wanted = null;
    }
    const notes = notificationsFor(d, event).filter((n) => !wanted || wanted.has(n.type));
    for (let i = row.sent; i < notes.length; i++) {
      const note = notes[i]!;
      // DELETE /hub may have come since the claim (or while the previous notification was on its
      // way): its rows went with it, and nothing more is sent to it.
      if (!(await gate((s) => listenerExists(s, listener.id)))) return;
      const error = await post(listenerUrl(listener.callback, note.type), note.body, o.timeoutMs);
      if (error !== null || (stopping && i + 1 < notes.length)) {
        const delay = error === null ? 0 : backoff(row.attempts, o);
        await gate((s) =>
          deliveryFailed(s, row.id, {
            sent: error === null ? i + 1 : i,
            dueAt: Date.now() + delay,
            error: error ?? 'stopped',
          }),
        );
        if (error !== null)
          o.log({
            time: new Date().toISOString(),
            hub: listener.id,
            eventId: note.body.eventId,
            eventType: note.type,
            attempt: row.attempts + 1,
            error,
            retryInMs: delay,
          });
        return;
      }
    }
    await gate((s) => deliveryDone(s, row.id));
  }

  /** One claim and its deliveries; the number of rows claimed. */
  async function pass(): Promise<number> {
    const now = Date.now();
    if (!(await gate((s) => anyDue(s, now)))) return 0;
    const rows = await gate((s) => claimDeliveries(s, { now, leaseUntil: lease(), limit: o.batch }));
    if (!rows.length) return 0;
    const listeners = await gate((s) => listenersByIds(s, [...new Set(rows.map((r) => r.listenerId))]));
    const details = new Map<number, TicketDetails | null>();
    for (const id of new Set(rows.map((r) => r.ticketId)))
      details.set(id, await gate((s) => loadDetails(s, id)).catch(() => null));
    // Rows claimed together are of different tickets or listeners: sent side by side.
    await Promise.all(
      rows.map((r) =>
        deliver(r, listeners.get(r.listenerId), details.get(r.ticketId) ?? null).catch((error) =>
          o.log({ time: new Date().toISOString(), hub: r.listenerId, error: redactUserinfo(String(error)) }),
        ),
      ),
    );
    return rows.length;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await pass();
      } catch (error) {
        o.log({
          time: new Date().toISOString(),
          hub: null,
          error: redactUserinfo(String((error as Error)?.message ?? error)),
        });
      }
      if (stopping) break;
      if (claimed === o.batch || kicked) {
        kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, o.pollMs);
      });
      wake = null;
    }
  }

  const running = loop();
  return {
    kick() {
      if (wake) {
        clearTimeout(timer);
        wake();
      } else kicked = true;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}

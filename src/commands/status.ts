// How the client is told of a change (hd eta, extend, resolve): --via, else their preferred
// channel. The status moves themselves are units of their own (take.ts, pending.ts, resolve.ts …).
import { oneOf } from '../domain/priority.ts';
import type { Ticket } from '../domain/types.ts';
import type { Queryable } from '../store/port.ts';
import { preferredVia } from './notice.ts';

export const VIAS = ['phone', 'email', 'both'] as const;
export type Via = (typeof VIAS)[number];

/** How the client was (or will be) told: --via, else the contact's preferred channel. */
export async function clientChannel(
  store: Queryable,
  ticket: Ticket,
  opts: { via?: unknown },
  allowed: readonly Via[] = VIAS,
): Promise<Via> {
  const given = typeof opts.via === 'string' ? opts.via : undefined;
  if (given) return oneOf(given, allowed, 'channel', '--via');
  const preferred = await preferredVia(store, ticket);
  return allowed.includes(preferred) ? preferred : 'phone';
}

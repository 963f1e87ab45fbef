// What the tests of hd serve (test/api/) share: the API's base path, a department's token, and a
// monitoring alarm's ticket as the specification writes one.
import { expect } from 'vitest';
import type { TestHarness } from './context.ts';

export const BASE = '/tmf-api/troubleTicket/v5';

/** `hd token create` for a department: the token it prints once. */
export async function createToken(h: TestHarness, name: string, scope: 'read' | 'write'): Promise<string> {
  expect(await h.run(['token', 'create', '--name', name, '--scope', scope])).toBe(0);
  return h.stdout().trim();
}

/** An alarm's POST /troubleTicket body: a client by contract, its caller, the affected service. */
export const ALARM_TICKET = {
  '@type': 'TroubleTicket',
  name: 'VPN down at HQ',
  description: 'BGP session to PE1 down, alarm 4711',
  severity: 'Critical',
  ticketType: 'incident',
  relatedParty: [
    { role: 'customer', partyOrPartyRole: { id: 'C-2021-0147', '@type': 'PartyRef' } },
    { role: 'reporter', partyOrPartyRole: { name: 'Olga Savitskaya', '@type': 'PartyRef' } },
  ],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'MSK-IPVPN-00412', '@type': 'EntityRef' } }],
};

// biome-ignore lint/suspicious/noExplicitAny: documents from the server, checked against the TMF621 schemas
export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

export interface RequestOptions {
  /** The bearer token; null or left out: none. */
  token?: string | null;
  /** The content type, when it is not JSON (merge-patch for a PATCH). */
  type?: string;
  /** A body sent as it is, not as JSON. */
  raw?: string;
}

/** One request to hd serve at `base` (…/tmf-api/troubleTicket/v5), its JSON answer parsed. */
export async function apiRequest(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token != null) headers.authorization = `Bearer ${opts.token}`;
  if (body !== undefined || opts.raw !== undefined)
    headers['content-type'] =
      opts.type ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(opts.raw !== undefined
      ? { body: opts.raw }
      : body !== undefined
        ? { body: JSON.stringify(body) }
        : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

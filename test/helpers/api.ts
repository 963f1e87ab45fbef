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

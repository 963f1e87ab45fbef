// app/ticket-changes.ts: the one decision of each change, shared by the CLI, the API's steps and
// the outage cascade; checked here on a ticket as hd opens it.
import { describe, expect, it } from 'vitest';
import { pendingChange } from '../../src/app/ticket-changes.ts';
import { UsageError } from '../../src/errors.ts';
import { getTicket } from '../../src/store/tickets.ts';
import { harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const NOW = Date.parse('2026-11-25T09:00:00Z');

describe('pendingChange', () => {
  it('refuses an end of the wait that is not ahead, whichever front door asks', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(openArgs(BANK, 'VPN down')), h.stderr()).toBe(0);
    expect(await h.run(['take', '1']), h.stderr()).toBe(0);
    const ticket = await getTicket(h.store, 1);
    for (const until of [NOW, NOW - 60_000])
      expect(() => pendingChange(ticket, NOW, until, 'carrier', 'Europe/Minsk')).toThrow(UsageError);
    const change = pendingChange(ticket, NOW, NOW + 3_600_000, 'carrier', 'Europe/Minsk');
    expect(change.patch).toMatchObject({ status: 'pending', pendingSince: NOW });
    expect(change.events).toEqual([
      expect.objectContaining({
        kind: 'pending',
        payload: { reason: 'carrier', until: '2026-11-25T10:00:00.000Z' },
      }),
    ]);
  });
});

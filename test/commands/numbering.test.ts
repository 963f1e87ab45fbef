// Ticket numbers are gapless: the next ticket gets the next number, also after an open that
// rolled back (and, on PostgreSQL, after the identity sequence ran ahead, as a crash leaves it).
import { describe, expect, it } from 'vitest';
import { getTicket, insertTicket } from '../../src/store/tickets.ts';
import { dbExec, harness, testEngine } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

async function openOne(h: Awaited<ReturnType<typeof harness>>, summary: string): Promise<string> {
  h.reset();
  expect(await h.run([...openArgs(BANK, summary), '--json'])).toBe(0);
  return JSON.parse(h.stdout()).number;
}

describe('ticket numbers', () => {
  it('an open that rolls back gives its number back: the next ticket gets it', async () => {
    const h = await harness();
    expect(await openOne(h, 'first')).toBe('HD-000001');
    const failed = await h.store
      .tx(async (q) => {
        const t = await getTicket(q, 1);
        const again = await insertTicket(q, {
          clientId: t.clientId,
          contactId: t.contactId,
          serviceId: t.serviceId,
          relatedTo: null,
          channel: t.channel,
          impact: t.impact,
          urgency: t.urgency,
          priority: t.priority,
          matrixPriority: t.matrixPriority,
          priorityReason: t.priorityReason,
          summary: 'rolled back',
          description: t.description,
          answers: t.answers,
          profileId: t.profileId,
          targets: t.targets,
          deadlines: t.deadlines,
          openedAt: t.openedAt,
          openedBy: t.openedBy,
        });
        expect(again.id).toBe(2);
        throw new Error('the open failed after its INSERT');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('the open failed after its INSERT');
    expect(await openOne(h, 'second')).toBe('HD-000002');
    expect(await openOne(h, 'third')).toBe('HD-000003');
  });

  it('does not follow an identity sequence that ran ahead (a server crash logs 32 values ahead)', async () => {
    const h = await harness();
    expect(await openOne(h, 'before the crash')).toBe('HD-000001');
    // What a crash leaves behind on PostgreSQL; SQLite numbers by max(id) + 1 under its write lock.
    if (testEngine() === 'postgres') {
      await dbExec(h.store, `SELECT setval(pg_get_serial_sequence('tickets', 'id'), 33)`);
    }
    expect(await openOne(h, 'after the crash')).toBe('HD-000002');
  });
});

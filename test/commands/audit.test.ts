import { describe, expect, it } from 'vitest';
import { countRows, dbRow, dbValue } from '../helpers/context.ts';
import { ok, SKIP, withOpenJob } from '../helpers/field-desk.ts';

const CLOSE = ['close', '1', '--confirmed-by', 'Andrei', '--via', 'phone', ...SKIP];

describe('no command changes a closed ticket', () => {
  it('hd close refuses while a field job is open, naming it and how to finish or cancel it; nothing changes', async () => {
    const h = await withOpenJob();
    const before = await countRows(h.store);
    const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
    expect(await h.run(CLOSE)).toBe(1);
    expect(h.stderr()).toContain('HD-000001 still has an open field job: J-000001 (on-site)');
    expect(h.stderr()).toContain('hd dispatch update J-000001 done');
    expect(h.stderr()).toContain('hd dispatch update J-000001 cancelled');
    expect(await countRows(h.store)).toEqual(before);
    expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
    // Finishing the job returns the unused spares; then the ticket closes.
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    expect(h.stdout()).toContain('returned to stock: SFP-1G-LX×2');
    await ok(h, CLOSE);
  });

  it('refuses before the first question on a terminal', async () => {
    const h = await withOpenJob();
    h.ctx.io.isInteractive = true;
    // The scripted prompter fails on any question it was not given.
    expect(await h.run(['close', '1'])).toBe(1);
    expect(h.stderr()).toContain('J-000001');
  });

  it('hd dispatch update refuses the jobs of a closed ticket', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    const before = await countRows(h.store);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'cancelled'])).toBe(1);
    expect(h.stderr()).toContain('J-000001 belongs to HD-000001, which is closed');
    expect(await countRows(h.store)).toEqual(before);
    // Named by the ticket: the same reason, not a hint to dispatch a job it would refuse.
    expect(await h.run(['dispatch', 'update', '1', 'en-route'])).toBe(1);
    expect(h.stderr()).toContain(
      'HD-000001 is closed; the field jobs of a closed ticket are final and are not updated. If the fault is back, open a related ticket: hd open --related HD-000001.',
    );
    expect(h.stderr()).not.toContain('Send one with');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('hd cancel refuses while a job is open (it would keep its spares); the jobs of a cancelled ticket are final', async () => {
    const h = await withOpenJob();
    await ok(h, ['reopen', '1', '--reason', 'still down']);
    const before = await countRows(h.store);
    expect(await h.run(['cancel', '1', '--reason', 'opened in error'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 still has an open field job: J-000001 (on-site)');
    expect(h.stderr()).toContain('then cancel the ticket');
    expect(await countRows(h.store)).toEqual(before);
    await ok(h, ['dispatch', 'update', 'J-000001', 'cancelled']);
    await ok(h, ['cancel', '1', '--reason', 'opened in error']);
    expect(await h.run(['dispatch', 'update', 'J-000001', 'done'])).toBe(1);
    expect(h.stderr()).toContain('J-000001 belongs to HD-000001, which is cancelled');
    expect(await h.run(['dispatch', 'update', '1', 'done'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 is cancelled; the field jobs of a cancelled ticket are final');
  });

  it('a notice after the close adds its events and leaves the final row as it is', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
    const events = (await dbValue(h.store, 'SELECT count(*) FROM events WHERE ticket_id = 1')) as number;
    h.setNow('2026-11-25T10:30:00Z');
    await ok(h, ['notify', '1', 'closed', '--via', 'phone', '--outcome', 'reached']);
    expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
    expect(await dbValue(h.store, 'SELECT count(*) FROM events WHERE ticket_id = 1')).toBe(events + 1);
    expect(await h.run(['log', '1', 'note', 'late note'])).toBe(1);
    expect(h.stderr()).toContain('HD-000001 is closed; its log is final');
  });

  it('refuses an event dated before its ticket was opened (a clock set back)', async () => {
    const h = await withOpenJob();
    h.setNow('2026-11-25T08:59:00Z');
    const before = await countRows(h.store);
    expect(await h.run(['log', '2', 'note', 'too early'])).toBe(1);
    expect(h.stderr()).toContain(
      'HD-000002 was opened at 2026-11-25 12:00 Europe/Minsk; nothing can be recorded on it at 2026-11-25 11:59 Europe/Minsk, before that.',
    );
    expect(await h.run(['take', '2'])).toBe(1);
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('hd verify', () => {
  it('exits 0 with one summary line on a clean database', async () => {
    const h = await withOpenJob();
    await ok(h, ['dispatch', 'update', 'J-000001', 'done']);
    await ok(h, CLOSE);
    await ok(h, ['verify']);
    expect(h.stdout()).toMatch(
      /^All hash chains intact and every ticket matches its events: 2 tickets and \d+ events checked in [\d.]+ s\.\n$/,
    );
    await ok(h, ['verify', '--json']);
    expect(JSON.parse(h.stdout())).toMatchObject({ findings: [], ok: true, tickets: 2, differences: 0 });
  });
});

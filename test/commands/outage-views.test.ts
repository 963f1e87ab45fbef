// Issue 14, point 6: hd list and hd sla --overdue show the tickets linked to an active outage as one
// line per outage on a terminal (expandable with --expand); piped and --json keep one row per
// ticket with the outage as a field.
import { describe, expect, it } from 'vitest';
import { harness, type TestHarness, testEngine } from '../helpers/context.ts';
import { EVROOPT, openArgs } from '../helpers/fixtures.ts';

const NOW = '2026-11-25T09:00:00Z';
const LIDO = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak', '--service', 'MSK-BB-10442'];
const PHIL = ['--client', 'C-2022-0915', '--contact', 'Hanna Karpovich', '--service', 'MSK-DIA-04021'];
const CUT = ['outage', 'open', '--summary', 'Fibre cut on pr. Nezavisimosti', '--zone', 'operator-network'];

async function ok(h: TestHarness, args: string[]): Promise<string> {
  const code = await h.run(args);
  expect(code, `hd ${args.join(' ')}: ${h.stderr()}`).toBe(0);
  return h.stdout();
}

/** Two tickets linked to OUT-000001 (HD-000001 Lido, HD-000002 Philharmonic), HD-000003 not linked. */
async function desk(options: { terminal?: number } = {}): Promise<TestHarness> {
  const h = await harness({ now: NOW, ...options });
  const quiet = ['--no-notify', '--skip-reason', 'told on the call'];
  await ok(h, [...openArgs(LIDO, 'No internet at the cafe'), ...quiet]);
  await ok(h, [...openArgs(PHIL, 'Box office offline'), ...quiet]);
  await ok(h, [...openArgs(EVROOPT, 'Warehouse link down'), ...quiet]);
  await ok(h, [...CUT, '--elements', 'node-msq-17', '--started', '11:40', '--eta', '16:00']);
  return h;
}

const wider = (text: string, width: number) => text.split('\n').filter((l) => [...l].length > width);

describe.each([80, 120])('hd list at %i columns', (width) => {
  it('shows one line per active outage with its tickets by status, and lists them under it with --expand', async () => {
    const h = await desk({ terminal: width });
    const text = await ok(h, ['list']);
    const outage = text.split('\n').filter((l) => l.includes('OUT-000001'));
    expect(outage).toHaveLength(1);
    expect(outage[0]).toContain('outage');
    expect(outage[0]).toContain('2 tickets');
    expect(text).toContain('NODE-MSQ-17');
    expect(text).toContain('2 acknowledged');
    expect(text).toContain('ETA');
    expect(text).toContain('HD-000003');
    expect(text).not.toContain('HD-000001');
    expect(text).not.toContain('HD-000002');
    expect(wider(text, width)).toEqual([]);

    const expanded = await ok(h, ['list', '--expand']);
    const lines = expanded.split('\n');
    const head = lines.findIndex((l) => l.includes('OUT-000001'));
    expect(head).toBeGreaterThan(0);
    expect(
      new Set(lines.filter((l) => l.includes('↳ HD-00000')).map((l) => l.match(/HD-00000\d/)![0])),
    ).toEqual(new Set(['HD-000001', 'HD-000002']));
    expect(lines.findIndex((l) => l.includes('↳ HD-000001'))).toBeGreaterThan(head);
    expect(wider(expanded, width)).toEqual([]);
  });

  it('hd sla --overdue gathers the breaches of the outage on one line, with --expand under it', async () => {
    const h = await desk({ terminal: width });
    h.setNow('2026-11-25T12:00:00Z');
    const text = await ok(h, ['sla', '--overdue']);
    const outage = text.split('\n').filter((l) => l.includes('OUT-000001'));
    expect(outage.length).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/\d+ overdue/);
    expect(text).toContain('NODE-MSQ-17 · Fibre cut');
    expect(text).not.toMatch(/HD-00000[12]/);
    expect(text).toContain('HD-000003');
    expect(wider(text, width)).toEqual([]);
    const expanded = await ok(h, ['sla', '--overdue', '--expand']);
    expect(expanded).toContain('↳ HD-000001');
    expect(expanded).toContain('↳ HD-000002');
    expect(wider(expanded, width)).toEqual([]);
    const all = await ok(h, ['sla', '--overdue', '--limit', '0']);
    expect(all).toContain('OUT-000001');
    expect(all).not.toMatch(/HD-00000[12]/);
  });
});

describe('piped and --json output', () => {
  it('hd list keeps one row per ticket with the outage as the last column and a field', async () => {
    const h = await desk();
    const rows = (await ok(h, ['list'])).trim().split('\n');
    expect(rows[0]!.split('\t').at(-1)).toBe('Outage');
    const outageOf = Object.fromEntries(rows.slice(1).map((r) => [r.split('\t')[0], r.split('\t').at(-1)]));
    expect(outageOf).toEqual({ 'HD-000001': 'OUT-000001', 'HD-000002': 'OUT-000001', 'HD-000003': '' });
    const list = JSON.parse(await ok(h, ['list', '--json']));
    expect(
      Object.fromEntries(list.map((t: { number: string; outage: string | null }) => [t.number, t.outage])),
    ).toEqual({
      'HD-000001': 'OUT-000001',
      'HD-000002': 'OUT-000001',
      'HD-000003': null,
    });
  });

  it('hd sla --overdue keeps one row per breach with the outage last and in --json', async () => {
    const h = await desk();
    h.setNow('2026-11-25T12:00:00Z');
    const rows = (await ok(h, ['sla', '--overdue'])).trim().split('\n');
    expect(rows[0]!.split('\t').at(-1)).toBe('Outage');
    const linked = rows.slice(1).filter((r) => r.split('\t').at(-1) === 'OUT-000001');
    expect(new Set(linked.map((r) => r.split('\t')[0]))).toEqual(new Set(['HD-000001', 'HD-000002']));
    const json = JSON.parse(await ok(h, ['sla', '--overdue', '--json']));
    const byTicket = Object.fromEntries(
      json.breaches.map((b: { ticket: string; outage: string }) => [b.ticket, b.outage]),
    );
    expect(byTicket['HD-000001']).toBe('OUT-000001');
    expect(byTicket['HD-000003']).toBeNull();
  });

  it('a resolved outage no longer groups: its tickets are rows again', async () => {
    const h = await desk({ terminal: 100 });
    await h.store.tx(async (q) => {
      await q.run(
        (await import('../../src/store/port.ts')).sql`UPDATE outages SET status = 'resolved' WHERE id = 1`,
      );
    });
    const text = await ok(h, ['list']);
    expect(text).not.toContain('OUT-000001');
    expect(text).toContain('HD-000001');
  });
});

describe('statements', () => {
  it('hd list reads the active outages in one more statement when it lists linked tickets; sla --overdue stays within 3', async () => {
    const h = await desk({ terminal: 100 });
    h.setNow('2026-11-25T12:00:00Z');
    const count = async (args: string[]) => {
      const before = h.store.statements;
      await ok(h, args);
      return h.store.statements - before;
    };
    // PostgreSQL also asks the count of all matching, pipelined behind the page (no round trip).
    expect(await count(['list'])).toBe(testEngine() === 'postgres' ? 3 : 2);
    // PostgreSQL reads the listed tickets' details and outages in the listing's own statement.
    expect(await count(['sla', '--overdue'])).toBe(testEngine() === 'postgres' ? 1 : 3);
  });
});

describe.each([80, 120])('hd outage list, show and the call list at %i columns', (width) => {
  it('fit the terminal: the summary shortened, the ETA whole, the call list a table', async () => {
    const h = await desk({ terminal: width });
    const list = await ok(h, ['outage', 'list']);
    expect(list).toMatch(/OUT-000001 +active +Fibre cut/);
    expect(list).toContain('2026-11-25 16:00');
    expect(list).toContain('NODE-MSQ-17');
    expect(wider(list, width)).toEqual([]);

    const show = await ok(h, ['outage', 'show', 'OUT-000001']);
    // Status and client two spaces apart, as in every table.
    expect(show).toMatch(/HD-000001 {2}P\d {2,}acknowledged {2}Café Lido/);
    expect(wider(show, width)).toEqual([]);

    const eta = await ok(h, [
      'outage',
      'extend',
      'OUT-000001',
      '--to',
      '17:30',
      '--reason',
      'splicing crew delayed',
    ]);
    expect(eta).toContain('Still to phone');
    expect(eta).not.toContain('\t');
    expect(eta).toMatch(/Ticket +Client +Contact +Phone +Language/);
    expect(wider(eta, width)).toEqual([]);
  });
});

describe('the call list piped', () => {
  it('is tab-separated under a header', async () => {
    const h = await desk();
    const eta = await ok(h, [
      'outage',
      'extend',
      'OUT-000001',
      '--to',
      '17:30',
      '--reason',
      'splicing crew delayed',
    ]);
    const lines = eta.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Ticket\t'));
    expect(lines[header]).toBe('Ticket\tClient\tContact\tPhone\tLanguage\tNote');
    expect(lines[header + 1]!.split('\t')[0]).toMatch(/^HD-00000[12]$/);
  });
});

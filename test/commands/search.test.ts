import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { BANK, EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';

interface Result {
  number: string;
  summary: string;
  matchedIn: string;
  snippet: string;
}

describe('hd search shows each ticket its own text', () => {
  it('two tickets sharing a word: each snippet comes from its own ticket', async () => {
    const h = await harness();
    expect(await h.run(openArgs(BANK, 'VPN down at the Minsk head office'))).toBe(0);
    expect(await h.run(openArgs(EVROOPT, 'VPN tunnel flapping at the Brest warehouse'))).toBe(0);
    expect(await h.run(openArgs(NORDIC, 'Slow DNS answers'))).toBe(0);

    expect(await h.run(['search', 'VPN', '--json'])).toBe(0);
    const results = JSON.parse(h.stdout()) as Result[];
    expect(results.map((r) => r.number).sort()).toEqual(['HD-000001', 'HD-000002']);
    for (const r of results) {
      expect(r.matchedIn).toBe('summary');
      expect(r.snippet).toBe(r.summary);
    }

    expect(await h.run(['search', 'VPN'])).toBe(0);
    const lines = h.stdout().trimEnd().split('\n');
    const under = (ticket: string) => lines[lines.findIndex((l) => l.startsWith(ticket)) + 1];
    expect(under('HD-000001')).toBe('    summary: [VPN] down at the Minsk head office');
    expect(under('HD-000002')).toBe('    summary: [VPN] tunnel flapping at the Brest warehouse');
  });

  it('a match in the timeline shows that entry, not another ticket’s', async () => {
    const h = await harness();
    expect(await h.run(openArgs(BANK, 'No service at the head office'))).toBe(0);
    expect(await h.run(openArgs(EVROOPT, 'Warehouse link down'))).toBe(0);
    expect(await h.run(['log', '1', 'test', '--result', 'fail', 'OTDR trace shows a break at 1.2 km'])).toBe(
      0,
    );
    expect(await h.run(['log', '2', 'test', '--result', 'info', 'OTDR trace clean, CPE rebooted'])).toBe(0);

    expect(await h.run(['search', 'OTDR', 'trace', '--json'])).toBe(0);
    const results = JSON.parse(h.stdout()) as Result[];
    const byNumber = Object.fromEntries(results.map((r) => [r.number, r]));
    expect(byNumber['HD-000001']?.snippet).toContain('break at 1.2 km');
    expect(byNumber['HD-000002']?.snippet).toContain('CPE rebooted');
    expect(byNumber['HD-000001']?.snippet).not.toContain('CPE');
    expect(byNumber['HD-000002']?.snippet).not.toContain('break');
  });
});

import { describe, expect, it } from 'vitest';
import { listedValues } from '../../src/cli/completion.ts';
import { harness } from '../helpers/context.ts';
import { BANK, EVROOPT, openArgs } from '../helpers/fixtures.ts';

async function completions(h: Awaited<ReturnType<typeof harness>>, ...words: string[]): Promise<string[]> {
  expect(await h.run(['__complete', ...words])).toBe(0);
  return h.stdout().split('\n').filter(Boolean);
}

describe('hd __complete: what Tab offers', () => {
  it('commands, subcommands and flags from the command tree', async () => {
    const h = await harness();
    const top = await completions(h, '');
    expect(top).toEqual(expect.arrayContaining(['open', 'list', 'take', 'sla', 'completion', 'client']));
    expect(top).not.toContain('__complete');
    expect(await completions(h, 'ta')).toEqual(['take']);
    expect(await completions(h, 'client', '')).toEqual([
      'add',
      'contact',
      'service',
      'update',
      'list',
      'show',
    ]);
    const flags = await completions(h, 'list', '--');
    expect(flags).toEqual(
      expect.arrayContaining(['--status', '--priority', '--client', '--all', '--json', '--db']),
    );
    expect(await completions(h, 'list', '--pr')).toEqual(['--priority']);
  });

  it('flag values and fixed arguments: zones, priorities, kinds, outcomes', async () => {
    const h = await harness();
    expect(await completions(h, 'log', '1', '')).toEqual(['test', 'action', 'call', 'note']);
    expect(await completions(h, 'log', '1', 'call', '--outcome', '')).toEqual([
      'reached',
      'no-answer',
      'busy',
      'voicemail',
      'wrong-number',
    ]);
    expect(await completions(h, 'log', '1', 'test', '--zone', 'l')).toEqual(['last-mile']);
    expect(await completions(h, 'zone', '1', '')).toContain('operator-network');
    expect(await completions(h, 'list', '--priority', '')).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('open tickets by number, newest first; closed ones are not offered', async () => {
    const h = await harness();
    for (let i = 0; i < 12; i++) expect(await h.run(openArgs(i % 2 ? BANK : EVROOPT, `fault ${i}`))).toBe(0);
    expect(await h.run(['cancel', '3', '--reason', 'opened twice'])).toBe(0);
    const all = await completions(h, 'take', '');
    expect(all).toHaveLength(11);
    expect(all[0]).toBe('HD-000012');
    expect(all).not.toContain('HD-000003');
    expect(await completions(h, 'take', '1')).toEqual(['12', '11', '10', '1']);
    expect(await completions(h, 'show', 'HD-00001')).toEqual(['HD-000012', 'HD-000011', 'HD-000010']);
  });

  it('client references and profiles from the database', async () => {
    const h = await harness();
    const clients = await completions(h, 'open', '--client', '');
    expect(clients.length).toBeGreaterThan(3);
    expect(clients).toContain(BANK[1]);
    expect(await completions(h, 'rules', 'show', '')).toEqual(expect.arrayContaining(['standard-24x7']));
  });

  it('values a flag’s placeholder lists, depots, and the live tokens for hd token revoke', async () => {
    const h = await harness();
    expect(await completions(h, 'close', '1', '--via', '')).toEqual(['phone', 'email']);
    expect(await completions(h, 'token', 'create', '--scope', '')).toEqual(['read', 'write']);
    expect(await completions(h, 'open', '--prefer', '')).toEqual(['phone', 'email', 'both']);
    expect(await completions(h, 'log', '1', 'call', 'x', '--direction', '')).toEqual(['in', 'out']);
    expect(await completions(h, 'client', 'update', 'C-2022-0533', '--language', '')).toEqual(['ru', 'en']);
    expect(await completions(h, 'sla', 'report', '--outages', '')).toEqual(['include', 'exclude', 'only']);
    expect(await completions(h, 'export', '--format', '')).toEqual(['tmf621']);
    expect(await completions(h, 'spares', 'receive', 'SFP-1G-LX', '--depot', '')).toContain('minsk-central');
    expect(await h.run(['token', 'create', '--name', 'noc', '--scope', 'read'])).toBe(0);
    expect(await h.run(['token', 'create', '--name', 'billing', '--scope', 'read'])).toBe(0);
    expect(await h.run(['token', 'revoke', 'billing'])).toBe(0);
    expect(await completions(h, 'token', 'revoke', '')).toEqual(['noc']);
  });

  it('reads "a | b | c" lists from help texts', () => {
    expect(listedValues('test outcome: pass | fail | info')).toEqual(['pass', 'fail', 'info']);
    expect(listedValues('HD-000123 or 123')).toEqual([]);
  });

  it('hd completion prints a script for bash and zsh and refuses another shell', async () => {
    const h = await harness();
    expect(await h.run(['completion', 'bash'])).toBe(0);
    expect(h.stdout()).toContain('complete -o default -F _hd_complete hd');
    expect(await h.run(['completion', 'zsh'])).toBe(0);
    expect(h.stdout()).toContain('compdef _hd hd');
    expect(await h.run(['completion', 'fish'])).toBe(2);
    expect(h.stderr()).toContain('hd completes in bash and zsh, not "fish"');
  });
});

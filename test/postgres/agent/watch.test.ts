// `hd sla --overdue --watch` outlives its hd agent (issue 13, the fresh-eyes tester's finding 1):
// the agent stopped between two refreshes, the next refresh opens a new store (through a new agent
// when one runs by then, directly otherwise) instead of failing on the lost one every round, and a
// read never says that a change may not have been saved.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../helpers/agent.ts';
import { BIN, hd, hdEnv } from '../../helpers/e2e.ts';
import { freshDatabase, TEST_ENV } from '../../helpers/postgres.ts';

let url: string;

beforeAll(async () => {
  url = await freshDatabase();
  const init = hd(url, ['init', '--demo'], {
    env: { ...TEST_ENV, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'hd-watch-')) },
  });
  expect(init.code, init.stderr).toBe(0);
});

const HEAD = /^hd sla — .*, every \d+s, Ctrl-C to stop$/gm;

interface Watch {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves once `n` refreshes have been written (the header and what follows it). */
  rounds: (n: number) => Promise<void>;
}

const watches: ChildProcess[] = [];
afterEach(() => {
  for (const child of watches.splice(0)) child.kill('SIGKILL');
});

function watch(env: Record<string, string>, seconds: number): Watch {
  const child = spawn(process.execPath, [BIN, 'sla', '--overdue', '--watch', String(seconds)], {
    env: hdEnv(url, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  watches.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const count = () => (out.match(HEAD) ?? []).length;
  return {
    child,
    out: () => out,
    err: () => err,
    // A round is written whole once the next header (or a little time) has come: wait for n + 1
    // headers, or n and 300 ms.
    rounds: async (n) => {
      const until = Date.now() + 30_000;
      while (count() < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      if (count() < n) throw new Error(`only ${count()} refreshes: ${out}\n${err}`);
    },
  };
}

function served(env: Record<string, string>): number {
  const status = hd(url, ['agent', 'status', '--json'], { env });
  expect(status.code, status.stderr).toBe(0);
  return JSON.parse(status.stdout).served;
}

describe('hd sla --watch and an agent that stops', () => {
  it('the agent stopped between refreshes: the next refresh reads directly, with no error every round', async () => {
    const agent = await startAgent(url);
    const before = served(agent.env);
    const w = watch(agent.env, 1);
    await w.rounds(1);
    expect(served(agent.env)).toBe(before + 1);
    const first = w.out().length;
    expect(await agent.stop()).toBe(0);
    await w.rounds(4);
    expect(w.err()).toBe('');
    // Each refresh after the stop shows the overdue tickets again, read directly.
    const after = w.out().slice(first);
    expect(after.match(HEAD)?.length).toBeGreaterThanOrEqual(3);
    const round = w.out().slice(0, first).split('\n').slice(1).join('\n').trim();
    expect(round.length).toBeGreaterThan(0);
    expect(after).toContain(round.split('\n')[0]);
  }, 60_000);

  it('a new agent started before the next refresh: the watch goes through it', async () => {
    const agent = await startAgent(url);
    const w = watch(agent.env, 4);
    await w.rounds(1);
    expect(await agent.stop()).toBe(0);
    const again = await startAgent(url, { runtime: agent.env.XDG_RUNTIME_DIR });
    expect(served(again.env)).toBe(0);
    await w.rounds(2);
    expect(served(again.env)).toBe(1);
    expect(w.err()).toBe('');
    await again.stop();
  }, 60_000);

  it('the agent gone while a refresh reads: one line that the read failed, no "may not have been saved"; then it reads directly', async () => {
    const agent = await startAgent(url);
    const w = watch({ ...agent.env, HD_LANG: 'en' }, 1);
    await w.rounds(1);
    // Killed outright: the watch's connection closes; if a refresh was reading, it says so once.
    agent.child.kill('SIGKILL');
    await agent.exited;
    await w.rounds(4);
    expect(w.err()).not.toContain('may or may not');
    expect(w.err().split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    for (const line of w.err().split('\n').filter(Boolean))
      expect(line).toMatch(
        /^hd: the hd agent for .* went away \(stopped\) before it answered: nothing this command sent was saved\. .* Trying again in 1s\.$/,
      );
  }, 60_000);
});

// hd export --output FILE interrupted mid-way (issue 13, the tester's finding 10): FILE.partial is
// removed, with or without the agent, and the signal ends the process as it would have.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgent, startAgent } from '../../helpers/agent.ts';
import { BIN, hd, hdEnv, OPEN_FLAGS } from '../../helpers/e2e.ts';
import { freshDatabase, TEST_ENV } from '../../helpers/postgres.ts';

let url: string;
let agent: RunningAgent;

beforeAll(async () => {
  url = await freshDatabase();
  agent = await startAgent(url);
  expect(hd(url, ['init', '--demo'], { env: agent.env }).code).toBe(0);
  const opened = hd(url, ['open', ...OPEN_FLAGS, '--no-notify', '--skip-reason', 'told'], { env: agent.env });
  expect(opened.code, opened.stderr).toBe(0);
});

/** hd export --output FILE that gets `signal` as soon as it has opened FILE.partial. */
function interrupted(env: Record<string, string>, signal: NodeJS.Signals) {
  const dir = mkdtempSync(join(tmpdir(), 'hd-export-int-'));
  const hook = join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const fs = require('node:fs'); const open = fs.openSync;
fs.openSync = function (path, ...rest) {
  const fd = open.call(this, path, ...rest);
  if (String(path).endsWith('.partial')) setImmediate(() => process.kill(process.pid, ${JSON.stringify(signal)}));
  return fd;
};`,
  );
  const out = join(dir, 'tickets.jsonl');
  return new Promise<{ code: number | null; signal: string | null; files: string[] }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--require', hook, BIN, 'export', '--format', 'tmf621', '--output', out],
      {
        env: hdEnv(url, env),
        stdio: 'ignore',
      },
    );
    child.on('exit', (code, sig) =>
      resolve({ code, signal: sig, files: readdirSync(dir).filter((f) => f !== 'hook.cjs') }),
    );
  });
}

describe('hd export --output interrupted', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} through the agent leaves no FILE.partial`, async () => {
      const r = await interrupted(agent.env, signal);
      expect(r.signal, JSON.stringify(r)).toBe(signal);
      expect(r.files).toEqual([]);
    });
  }

  it('SIGTERM on a direct connection leaves no FILE.partial', async () => {
    const direct = { ...TEST_ENV, XDG_RUNTIME_DIR: join(agent.env.XDG_RUNTIME_DIR!, 'none') };
    const r = await interrupted(direct, 'SIGTERM');
    expect(r.signal).toBe('SIGTERM');
    expect(r.files).toEqual([]);
    expect(existsSync(direct.XDG_RUNTIME_DIR)).toBe(false);
  });
});

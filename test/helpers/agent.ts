// A real `hd agent start --foreground` (bin/hd, the built bundle) for a PostgreSQL test database,
// in a runtime folder of its own, and what a test needs to reach it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { agentSocketPath } from '../../src/store/agent/protocol.ts';
import { postgresSettings } from '../../src/store/postgres/settings.ts';
import { BIN, hdEnv } from './e2e.ts';
import { TEST_ENV } from './postgres.ts';

export interface RunningAgent {
  child: ChildProcess;
  /** The environment that reaches it: XDG_RUNTIME_DIR and HOME of the test. */
  env: Record<string, string>;
  socket: string;
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<number | null>;
}

/**
 * The agents this test file started. Stopped after the file's tests by a hook registered here, when
 * the file imports this module (an afterAll registered inside a beforeAll or a test is not run),
 * and killed at the worker's exit if one is somehow still there: a test never leaves an agent behind.
 */
const running = new Set<RunningAgent>();
afterAll(async () => {
  await Promise.all([...running].map((agent) => agent.stop()));
});
process.once('exit', () => {
  for (const agent of running) agent.child.kill('SIGKILL');
});

/** Starts an agent for `url` and resolves once it listens; stopped after the file's tests. */
export async function startAgent(
  url: string,
  o: { idle?: string; runtime?: string } = {},
): Promise<RunningAgent> {
  const runtime = o.runtime ?? mkdtempSync(join(tmpdir(), 'hd-agent-test-'));
  const env = { ...TEST_ENV, XDG_RUNTIME_DIR: runtime, HD_LANG: 'en' };
  const child = spawn(process.execPath, [BIN, 'agent', 'start', '--foreground', '--idle', o.idle ?? '1h'], {
    env: hdEnv(url, env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      said += chunk;
      if (said.includes(' warm on ')) resolve();
    });
    void exited.then((code) => reject(new Error(`hd agent exited ${code} before listening: ${said}`)));
  });
  const agent: RunningAgent = {
    child,
    env,
    socket: agentSocketPath(postgresSettings(url, env), env),
    stderr: () => said,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  running.add(agent);
  void exited.then(() => running.delete(agent));
  return agent;
}

// What a command does with a socket it should not trust or that does not answer (issue 13, the
// tester's findings 2 and 3): it goes direct, in one line, and never hangs; `hd agent status` and
// `hd agent stop` deal with a silent agent.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentSocketPath, agentVersion, frame, frameReader } from '../../../src/store/agent/protocol.ts';
import { pidFile } from '../../../src/store/agent/stale.ts';
import { postgresSettings } from '../../../src/store/postgres/settings.ts';
import { hdAsync } from '../../helpers/e2e.ts';
import { freshDatabase, TEST_ENV } from '../../helpers/postgres.ts';

let url: string;

beforeAll(async () => {
  url = await freshDatabase();
  expect((await hdAsync(url, ['init', '--demo'], { ...TEST_ENV, HD_LANG: 'en' })).code).toBe(0);
});

function place(): { env: Record<string, string>; socket: string } {
  const runtime = mkdtempSync(join(tmpdir(), 'hd-agent-guard-'));
  const env = { ...TEST_ENV, XDG_RUNTIME_DIR: runtime, HD_LANG: 'en' };
  const socket = agentSocketPath(postgresSettings(url, env), env);
  mkdirSync(dirname(socket), { mode: 0o700 });
  return { env, socket };
}

async function listen(socket: string, answer: boolean): Promise<Server> {
  const server = createServer((s) => {
    s.on('error', () => {});
    if (!answer) {
      s.resume(); // reads (and so sees the command go), never answers
      return;
    }
    s.on(
      'data',
      frameReader(
        (f) => s.write(frame({ id: (f as { id: number }).id, version: agentVersion(), pid: 1, rows: [] })),
        () => {},
      ),
    );
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return server;
}

describe('a socket a command must not use', () => {
  it('a folder open to others (0777): ignored, the command goes direct and says why; the fake agent sees nothing', async () => {
    const { env, socket } = place();
    const fake = await listen(socket, true);
    let seen = 0;
    fake.on('connection', () => seen++);
    chmodSync(dirname(socket), 0o777);
    try {
      const r = await hdAsync(url, ['list', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(
        `hd: not using the hd agent socket ${socket}: its folder has mode 0777, open to others (it must be 0700); connecting directly. Remove it and run \`hd agent start\`.\n`,
      );
      expect(seen).toBe(0);
    } finally {
      await new Promise((r) => fake.close(r));
    }
  });

  it('an agent that accepts and never answers: the command goes direct after ~1 s, in one line', async () => {
    const { env, socket } = place();
    const fake = await listen(socket, false);
    try {
      const started = Date.now();
      const r = await hdAsync(url, ['list', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(r.stderr).toBe(
        `hd: the hd agent on ${socket} does not answer (within 1 s): connecting directly. \`hd agent stop\` stops it.\n`,
      );
    } finally {
      await new Promise((r) => fake.close(r));
    }
  });
});

describe('the connection bin/hd opens early (while the bundle loads)', () => {
  it('is the command’s one connection to the agent; hd agent itself and a command that never opens its store make no other', async () => {
    const { env, socket } = place();
    // An agent of another hd: the command reads its hello, says so and goes direct.
    const fake = createServer((s) => {
      s.on('error', () => {});
      s.on(
        'data',
        frameReader(
          (f) => s.write(frame({ id: (f as { id: number }).id, version: 'other', pid: 1 })),
          () => {},
        ),
      );
    });
    await new Promise<void>((r) => fake.listen(socket, r));
    let seen = 0;
    fake.on('connection', () => seen++);
    try {
      const r = await hdAsync(url, ['list', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('hd agent');
      expect(seen).toBe(1);
      // Help never opens the store: the early connection does not keep the command running.
      const help = await hdAsync(url, ['list', '--help'], env);
      expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Usage: hd list')]);
      expect(seen).toBe(2);
      await hdAsync(url, ['agent', 'status'], env);
      expect(seen).toBe(3);
    } finally {
      await new Promise((r) => fake.close(r));
    }
  });
});

describe('a silent agent', () => {
  let child: ChildProcess;
  let env: Record<string, string>;
  let socket: string;

  beforeAll(async () => {
    ({ env, socket } = place());
    // A process that listens, never answers and ignores SIGTERM: what a hung agent looks like.
    child = spawn(
      process.execPath,
      [
        '-e',
        `process.on('SIGTERM', () => {}); require('node:net').createServer(() => {}).listen(${JSON.stringify(socket)}, () => { require('node:fs').writeFileSync(${JSON.stringify(pidFile(socket))}, String(process.pid)); console.log('ready'); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => child.stdout!.once('data', () => r()));
    return () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
  });

  it('hd agent status says it does not answer, with its pid, exit 1', async () => {
    const r = await hdAsync(url, ['agent', 'status'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the hd agent (pid ${child.pid}) on ${socket} does not answer`);
  });

  it('hd agent stop sends SIGTERM, then SIGKILL, and removes the socket', async () => {
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
    const r = await hdAsync(url, ['agent', 'stop'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`pid ${child.pid} did not stop within 3 s: killed (SIGKILL)`);
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(socket)).toBe(false);
    expect(existsSync(pidFile(socket))).toBe(false);
  }, 15_000);
});

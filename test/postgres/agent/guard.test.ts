// What a command does with a socket it should not trust or that does not answer (issue 13, the
// tester's findings 2 and 3): it goes direct, in one line, and never hangs; `hd agent status` and
// `hd agent stop` deal with a silent agent.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  agentSocketPath,
  agentVersion,
  frame,
  frameReader,
  sameAgentVersion,
} from '../../../src/store/agent/protocol.ts';
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

async function listen(socket: string, answer: boolean, version = agentVersion()): Promise<Server> {
  const server = createServer((s) => {
    s.on('error', () => {});
    if (!answer) {
      s.resume(); // reads (and so sees the command go), never answers
      return;
    }
    s.on(
      'data',
      frameReader(
        (f) => s.write(frame({ id: (f as { id: number }).id, version, pid: 1, rows: [] })),
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

describe("an agent of another build of the same version (issue 13, the tester's finding 2)", () => {
  it('is refused in one line naming both builds; the command goes direct', async () => {
    const { env, socket } = place();
    const other = `${agentVersion()}+build.000000000000`;
    const fake = await listen(socket, true, other);
    try {
      const r = await hdAsync(url, ['list', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
      expect(r.stderr).toMatch(
        new RegExp(
          `^hd: the running hd agent is of another hd \\(${other.replaceAll('+', '\\+').replaceAll('.', '\\.')}, this is ${agentVersion().replaceAll('+', '\\+').replaceAll('.', '\\.')}\\+build\\.[0-9a-f]{12}\\): connecting directly\\. Run \`hd agent stop && hd agent start\`\\.\n$`,
        ),
      );
    } finally {
      await new Promise((r) => fake.close(r));
    }
  });

  it('sameAgentVersion: builds compared only when both sides name one', () => {
    const v = agentVersion();
    expect(sameAgentVersion(v, v)).toBe(true);
    expect(sameAgentVersion(`${v}+build.abc`, `${v}+build.abc`)).toBe(true);
    expect(sameAgentVersion(`${v}+build.abc`, `${v}+build.def`)).toBe(false);
    expect(sameAgentVersion(`${v}+build.abc`, v)).toBe(true);
    expect(sameAgentVersion(v, `${v}+build.abc`)).toBe(true);
    expect(sameAgentVersion('0.0.9+schema.1+build.abc', `${v}+build.abc`)).toBe(false);
    expect(sameAgentVersion(`${v}+build.abc, database at schema 99`, `${v}+build.abc`)).toBe(false);
    expect(agentVersion('abc')).toBe(`${v}+build.abc`);
  });
});

describe("hd agent status|start|stop and a socket someone else could have put there (the tester's finding 5)", () => {
  async function foreign(how: 'socket' | 'folder') {
    const { env, socket } = place();
    const fake = await listen(socket, true);
    let seen = 0;
    fake.on('connection', () => seen++);
    // Another user's socket in the user's own 0700 folder; or the folder itself another user's.
    if (how === 'socket') chownSync(socket, 65534, 65534);
    else chownSync(dirname(socket), 65534, 65534);
    return { env, socket, fake, seen: () => seen };
  }

  for (const how of ['socket', 'folder'] as const) {
    it(`another user's ${how}: status exits 1 with the reason; start and stop refuse; none connects to it or removes it`, async () => {
      const { env, socket, fake, seen } = await foreign(how);
      const why = how === 'socket' ? 'it is not a socket of yours' : 'its folder is not yours';
      const line = `hd: not using the hd agent socket ${socket}: ${why}. Remove it (or set XDG_RUNTIME_DIR to a private folder of yours) and run \`hd agent start\`.\n`;
      try {
        for (const args of [
          ['agent', 'status'],
          ['agent', 'status', '--json'],
          ['agent', 'start'],
          ['agent', 'start', '--foreground'],
          ['agent', 'stop'],
        ]) {
          const r = await hdAsync(url, args, env);
          expect([args, r.code, r.stdout]).toEqual([args, 1, '']);
          expect(r.stderr.replace(/^\S+Z /, '')).toBe(line);
        }
        expect(seen()).toBe(0);
        expect(existsSync(socket)).toBe(true);
        // A command refuses it as well (and goes direct), as before.
        const r = await hdAsync(url, ['list', '--json'], env);
        expect(r.code, r.stderr).toBe(0);
        expect(seen()).toBe(0);
      } finally {
        await new Promise((r) => fake.close(r));
      }
    });
  }

  it('a regular file where the socket goes: hd agent start says so in one line and leaves it', async () => {
    const { env, socket } = place();
    writeFileSync(socket, 'not a socket');
    for (const args of [
      ['agent', 'start'],
      ['agent', 'start', '--foreground'],
      ['agent', 'status'],
    ]) {
      const r = await hdAsync(url, args, { ...env, HD_LANG: 'ru' });
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr.replace(/^\S+Z /, '')).toBe(
        `hd: не использую сокет hd agent ${socket}: это не ваш сокет. Удалите его (или укажите в XDG_RUNTIME_DIR свою личную папку) и выполните \`hd agent start\`.\n`,
      );
    }
    expect(readFileSync(socket, 'utf8')).toBe('not a socket');
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

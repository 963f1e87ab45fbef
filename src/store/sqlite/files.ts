// The files of an SQLite database that others may read, without loading the driver: every command
// on SQLite asks (src/setup.ts), and a command on PostgreSQL loads nothing of SQLite.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * The database, its -wal and its backups (`<name>-YYYY-MM-DD<ext>` beside it, as the README's
 * backup command names them) that group or others may read: tickets hold clients' names and phones.
 */
export function exposedFiles(path: string): { path: string; mode: number }[] {
  if (path === ':memory:') return [];
  const dir = dirname(path);
  const name = basename(path);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const backup = new RegExp(`^${literal(stem)}-\\d{4}-\\d{2}-\\d{2}${literal(ext)}$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { path: string; mode: number }[] = [];
  for (const entry of names) {
    if (entry !== name && entry !== `${name}-wal` && !backup.test(entry)) continue;
    const full = join(dir, entry);
    try {
      const st = statSync(full);
      if (st.isFile() && st.mode & 0o077) out.push({ path: full, mode: st.mode & 0o777 });
    } catch {
      // Gone since the listing: nothing to report.
    }
  }
  return out.sort((a, b) => (a.path === path ? -1 : b.path === path ? 1 : a.path.localeCompare(b.path)));
}

// Start-up: an SQLite database never loads the PostgreSQL driver (nor its adapter's network code).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

describe('engine chosen by HD_DB', () => {
  it('hd list and hd client list on an SQLite file load no pg module', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const hook = join(dirname(db), 'cache.cjs');
    const seen = join(dirname(db), 'cache.txt');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, Object.keys(require.cache).concat(process.moduleLoadList).join('\\n')));`,
    );
    for (const args of [['list'], ['client', 'list']]) {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
        env: hdEnv(db),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
      const loaded = readFileSync(seen, 'utf8').split('\n');
      expect(loaded.some((m) => m.includes('node_modules/better-sqlite3/'))).toBe(true); // the list is what it should be
      expect(loaded.some((m) => m.endsWith('dist/hd.cjs'))).toBe(true);
      expect(loaded.filter((m) => /node_modules\/(pg|pg-[a-z-]+)\/|dist\/pg\.cjs/.test(m))).toEqual([]);
      expect(loaded).not.toContain('NativeModule net');
    }
  });
});

import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, OPEN_FLAGS } from '../helpers/e2e.ts';

describe('hd db copy through bin/hd', () => {
  it('copies a desk into a new file (one line per table on a pipe), then refuses it as non-empty', () => {
    const db = tempDbPath();
    const to = tempDbPath();
    const env = { env: { HD_NOW: '2026-11-25T09:00:00Z' } };
    expect(hd(db, ['init', '--demo'], env).code).toBe(0);
    expect(hd(db, ['open', ...OPEN_FLAGS], env).code).toBe(0);
    const copy = hd(db, ['db', 'copy', '--to', to], env);
    expect(copy.code).toBe(0);
    expect(copy.stderr).toContain('hd db copy: tickets: 1 row\n');
    expect(copy.stdout).toMatch(/^tickets\s+1$/m);
    expect(copy.stdout).toMatch(
      /row counts equal in every table, the hash chains of 1 ticket \(\d+ events\) verified/,
    );
    // In Russian the nouns take the form of their number.
    const ru = hd(db, ['db', 'copy', '--to', tempDbPath()], { env: { ...env.env, HD_LANG: 'ru' } });
    expect(ru.stdout).toMatch(/проверены цепочки хешей в базе назначения: 1 заявка \(\d+ событи[йя]\)\./);
    expect(hd(to, ['verify'], env).code).toBe(0);
    expect(hd(to, ['show', '1', '--json'], env).stdout).toBe(hd(db, ['show', '1', '--json'], env).stdout);

    const again = hd(db, ['db', 'copy', '--to', to], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty \(it holds rows in clients/);
    expect(again.stdout).toBe('');

    // A folder as the target: the advice names --to, not --db.
    const folder = dirname(to);
    const dir = hd(db, ['db', 'copy', '--to', folder], env);
    expect([dir.code, dir.stderr]).toEqual([
      1,
      `hd: ${folder} is a folder, not a database file. Give a file inside it, like --to ${join(folder, 'hd.db')}.\n`,
    ]);

    const help = hd(db, ['db', 'copy', '--help'], env);
    expect(help.stdout).toContain('hd db copy --to postgres://');

    const gone = hd(db, ['db', 'copy', '--to', 'postgres://nobody@127.0.0.1:1/hd'], env);
    expect(gone).toMatchObject({ code: 1, stdout: '' });
    expect(gone.stderr).toBe(
      'hd: cannot reach the central database at 127.0.0.1:1 (ECONNREFUSED) — check --to or the network.\n',
    );
  });
});

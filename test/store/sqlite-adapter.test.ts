import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql, UniqueViolation } from '../../src/store/port.ts';
import { sqliteAddon } from '../../src/store/sqlite/addon.ts';
import { openDatabase } from '../../src/store/sqlite/db.ts';
import { tempDbPath } from '../helpers/context.ts';

const setting = (key: string, value: string) =>
  sql`INSERT INTO settings (key, value) VALUES (${key}, ${value})`;
const settingOf = async (q: { get: typeof store.get }, key: string) =>
  (await q.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${key}`))?.value;
const store = openDatabase(':memory:');

describe('the SQLite adapter of the store port', () => {
  it('maps a refused unique key to UniqueViolation, naming the column', async () => {
    await store.run(setting('a', '1'));
    const error = await store.run(setting('a', '2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolation);
    expect((error as UniqueViolation).constraint).toBe('settings.key');
  });

  it('commits a transaction when its function resolves, rolls back all of it when it throws', async () => {
    await store.tx(async (q) => {
      await q.run(setting('b', '1'));
    });
    expect(await settingOf(store, 'b')).toBe('1');
    await expect(
      store.tx(async (q) => {
        await q.run(setting('c', '1'));
        // A nested tx runs inside the outer one: undone with it.
        await store.tx(async (inner) => {
          await inner.run(setting('d', '1'));
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await settingOf(store, 'c')).toBeUndefined();
    expect(await settingOf(store, 'd')).toBeUndefined();
  });

  it('in strict mode refuses the root handle inside a transaction (it would run outside it on PostgreSQL)', async () => {
    const strict = openDatabase(':memory:');
    strict.strict = true;
    await expect(
      strict.tx(async () => {
        await strict.run(setting('e', '1'));
      }),
    ).rejects.toThrow(/root store handle was used inside store.tx/);
    await strict.run(setting('e', '1'));
    expect(await settingOf(strict, 'e')).toBe('1');
  });

  it('streams rows as objects or as arrays, and a statement read as arrays still gives objects after', async () => {
    await store.run(setting('f', '1'));
    await store.run(setting('g', '2'));
    const statement = sql`SELECT key, value FROM settings WHERE key IN ${sql.list(['f', 'g'])} ORDER BY key`;
    const objects: unknown[] = [];
    for await (const row of store.iterate(statement)) objects.push(row);
    expect(objects).toEqual([
      { key: 'f', value: '1' },
      { key: 'g', value: '2' },
    ]);
    const arrays: unknown[] = [];
    for await (const row of store.iterateValues(statement)) arrays.push(row);
    expect(arrays).toEqual([
      ['f', '1'],
      ['g', '2'],
    ]);
    expect(await store.get(statement)).toEqual({ key: 'f', value: '1' });
  });

  it('counts the statements it runs', async () => {
    const before = store.statements;
    await store.get(sql`SELECT 1 AS one`);
    await store.all(sql`SELECT 1 AS one`);
    expect(store.statements - before).toBe(2);
  });
});

describe('the change stamp', () => {
  it('changes with a commit of this connection or another, not with reads; never matches inside a transaction', async () => {
    const path = tempDbPath();
    const a = openDatabase(path);
    const b = openDatabase(path);
    const s0 = await a.changeStamp();
    await a.get(sql`SELECT count(*) AS n FROM settings`);
    expect(await a.changeStamp()).toBe(s0);
    await b.run(setting('x', '1'));
    const s1 = await a.changeStamp();
    expect(s1).not.toBe(s0);
    await a.run(setting('y', '1'));
    const s2 = await a.changeStamp();
    expect(s2).not.toBe(s1);
    // Read inside a transaction that is then rolled back: what was read there is kept by nobody.
    const inside = await a
      .tx(async (q) => {
        await q.run(setting('z', '1'));
        const stamp = await a.changeStamp();
        throw new Error(stamp);
      })
      .catch((e: Error) => e.message);
    expect(inside).not.toBe(s2);
    expect(await a.changeStamp()).not.toBe(inside);
    await a.close();
    await b.close();
  });
});

describe('the SQLite driver addon', () => {
  it('is found where better-sqlite3 itself finds it, without its bindings helper', () => {
    const load = createRequire(import.meta.url);
    const ownChoice = load('bindings')({
      bindings: 'better_sqlite3.node',
      module_root: dirname(load.resolve('better-sqlite3/package.json')),
      path: true,
    });
    expect(sqliteAddon()).toBe(ownChoice);
    expect(store.engine).toBe('sqlite'); // and the store above opened with it
  });
});

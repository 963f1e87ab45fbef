// The launcher's V8 code cache: one per command, written by its first few successful runs only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd } from '../helpers/e2e.ts';

const BUNDLE = fileURLToPath(new URL('../../dist/hd.cjs', import.meta.url));
const cacheOf = (command: string) => `${BUNDLE}.${command}.cache`;
/** The cache's first line: bundle size, bundle mtime, Node version, runs that wrote it. */
const header = (command: string) => readFileSync(cacheOf(command)).subarray(0, 80).toString().split('\n')[0];

describe('the code cache of bin/hd', () => {
  it("is kept per command, names the bundle it belongs to, and stops changing after the command's first runs", () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    // Global options before the command do not change which cache a command uses.
    for (let i = 0; i < 4; i++) expect(hd(db, ['--db', db, 'engineer', 'list']).code).toBe(0);
    const bundle = statSync(BUNDLE);
    expect(header('engineer')).toBe(`${bundle.size}:${bundle.mtimeMs}:${process.version}:3`);
    const written = statSync(cacheOf('engineer')).mtimeMs;
    expect(hd(db, ['engineer', 'list']).code).toBe(0);
    expect(statSync(cacheOf('engineer')).mtimeMs).toBe(written);
  });

  it('is not written by a command that failed, so a mistyped command leaves no file', () => {
    const db = tempDbPath();
    const r = hd(db, ['engineerz', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'engineerz'");
    expect(existsSync(cacheOf('engineerz'))).toBe(false);
  });
});

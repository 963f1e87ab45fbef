// bin/hd export --format tmf621 piped into bin/hd import on another database: the tickets arrive,
// hd verify passes there, neither command loads the server framework; --help of both.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv, OPEN_FLAGS } from '../helpers/e2e.ts';

describe('hd export | hd import', () => {
  it('moves the tickets through a pipe; hd verify passes on the target; no fastify loaded', () => {
    const from = tempDbPath();
    const to = tempDbPath();
    expect(hd(from, ['init', '--demo']).code).toBe(0);
    expect(hd(to, ['init', '--demo']).code).toBe(0);
    const env = { HD_NOW: '2026-11-25T07:00:00Z' };
    expect(hd(from, ['open', ...OPEN_FLAGS], { env }).code).toBe(0);
    expect(hd(from, ['take', '1'], { env: { HD_NOW: '2026-11-25T07:10:00Z' } }).code).toBe(0);
    const pipe = spawnSync(
      '/bin/sh',
      [
        '-c',
        `"${process.execPath}" "${BIN}" --db "${from}" export --format tmf621 | "${process.execPath}" "${BIN}" --db "${to}" import --format tmf621 -`,
      ],
      { env: hdEnv(to, { HD_NOW: '2026-11-26T08:00:00Z' }), encoding: 'utf8' },
    );
    expect([pipe.status, pipe.stderr]).toEqual([
      0,
      'Exported 1 ticket (TMF621 TroubleTicket, one per line).\n',
    ]);
    expect(pipe.stdout).toBe('Imported 1 ticket (HD-000001); skipped 0 already imported.\n');
    const verify = hd(to, ['verify']);
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    const show = JSON.parse(hd(to, ['show', '1', '--json']).stdout);
    expect(show).toMatchObject({ status: 'inProgress', assignee: 'e2e', summary: 'Warehouse L2 link down' });

    const hook = join(dirname(to), 'loaded.cjs');
    const seen = join(dirname(to), 'loaded.txt');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, Object.keys(require.cache).join('\\n')));`,
    );
    const file = join(dirname(to), 'out.jsonl');
    for (const args of [
      ['export', '--format', 'tmf621', '--output', file],
      ['import', '--format', 'tmf621', file],
    ]) {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
        env: hdEnv(to),
        encoding: 'utf8',
      });
      expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
      const loaded = readFileSync(seen, 'utf8').split('\n');
      expect(loaded.some((m) => m.endsWith('dist/hd.cjs'))).toBe(true);
      expect(loaded.filter((m) => /node_modules\/(fastify|@fastify|ajv)\//.test(m))).toEqual([]);
    }
  });

  it('both are in hd --help, each with its own examples; a bad line exits 1 naming it', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const help = hd(db, ['--help']).stdout;
    expect(help).toMatch(/^ {2}export +write tickets/m);
    expect(help).toMatch(/^ {2}import +bring in tickets/m);
    expect(hd(db, ['export', '--help']).stdout).toContain('$ hd export --format tmf621 > tickets.jsonl');
    expect(hd(db, ['import', '--help']).stdout).toContain('$ hd import --format tmf621 tickets.jsonl');
    const bad = hd(db, ['import', '--format', 'tmf621', '-'], {
      input: '{"@type": "TroubleTicket"}\nnot json\n',
    });
    expect(bad.code).toBe(1);
    // Each invalid line on a line of its own (not joined into the error's one line).
    const err = bad.stderr.split('\n');
    expect(err[0]).toBe('hd: Nothing was imported: 2 lines are invalid.');
    expect(err[1]).toBe("line 1: the TroubleTicket must have required property 'description'");
    expect(err[2]).toMatch(/^line 2: not JSON \(.*\): each line is one TroubleTicket/);
    expect(hd(db, ['import', '--format', 'yaml', '-']).code).toBe(2);
  });
});

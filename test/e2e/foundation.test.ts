import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdAsync, hdEnv, hdSlowReader, OPEN_FLAGS } from '../helpers/e2e.ts';

const at = { HD_NOW: '2026-11-25T07:00:00Z' };

describe('bin/hd end to end', () => {
  it('a new user: init --demo, open with flags, then show, list, search', () => {
    const db = tempDbPath();
    const init = hd(db, ['init', '--demo']);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('Demo data: 7 clients');
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(db)).mode & 0o777).toBe(0o700);

    const open = hd(db, ['open', ...OPEN_FLAGS, '--description', 'Ping from PE to CPE: 100% loss'], {
      env: at,
    });
    expect(open.code).toBe(0);
    expect(open.stdout).toContain('HD-000001 opened: P1, Evroopt Logistics, BRS-L2-00098');
    expect(open.stdout).toContain('«Номер вашей заявки HD-000001. Мы перезвоним вам до 10:30.»');

    const show = hd(db, ['show', 'HD-000001'], { env: { ...at, HD_NOW: '2026-11-25T07:40:00Z' } });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Response \(call-back\)\s+2026-11-25 10:30\s+OVERDUE by 10m/);
    expect(show.stdout).toMatch(/Restore\s+2026-11-25 14:00\s+3h20m left/);
    expect(show.stdout).toContain('opened');
    expect(show.stdout).toMatch(/\nIntake\n/); // OPEN_FLAGS answer the questionnaire

    const list = hd(db, ['list'], { env: at });
    const [header, row] = list.stdout.trim().split('\n');
    expect(header).toBe('Ticket\tPri\tStatus\tClient\tSummary\tAssignee\tNext deadline\tOpened\tOutage');
    expect(row!.split('\t').slice(0, 5)).toEqual([
      'HD-000001',
      'P1',
      'acknowledged',
      'Evroopt Logistics',
      'Warehouse L2 link down',
    ]);

    const json = JSON.parse(hd(db, ['list', '--json'], { env: at }).stdout);
    expect(json[0]).toMatchObject({
      number: 'HD-000001',
      status: 'acknowledged',
      priority: 'P1',
      client: 'Evroopt Logistics',
      openedAt: '2026-11-25T07:00:00.000Z',
    });

    const search = hd(db, ['search', 'loss']);
    expect(search.stdout).toContain('HD-000001');
    expect(search.stdout).toContain('100% [loss]');
  });

  it('a piped command loads no terminal, network or process machinery (start-up cost)', () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const hook = join(dirname(db), 'modules.cjs');
    const seen = join(dirname(db), 'modules.txt');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, process.moduleLoadList.join('\\n')));`,
    );
    const nul = openSync('/dev/null', 'w');
    // Output to a pipe, and to /dev/null (a cron job's), which is a character device like a terminal.
    for (const stdout of ['pipe', nul] as const) {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, 'client', 'list'], {
        env: hdEnv(db),
        encoding: 'utf8',
        stdio: ['ignore', stdout, 'pipe'],
      });
      expect([r.status, r.stderr]).toEqual([0, '']);
      if (stdout === 'pipe') expect(r.stdout).toContain('Belagroprombank HQ');
      const loaded = readFileSync(seen, 'utf8').split('\n');
      expect(loaded).toContain('NativeModule fs'); // the list is what it should be
      // node:crypto (and the stream machinery it loads) only for a change's event hash; readline
      // only for hd import (a command initialises only its own modules: src/cli/commands.ts).
      for (const heavy of [
        'NativeModule net',
        'NativeModule tty',
        'NativeModule child_process',
        'NativeModule crypto',
        'NativeModule readline',
      ]) {
        expect(loaded).not.toContain(heavy);
      }
    }
    closeSync(nul);
    // The stand-in still gives commander the real module when it is used.
    const lazy = createRequire(import.meta.url)('../../scripts/lazy-child-process.cjs');
    expect(lazy.spawnSync(process.execPath, ['-e', 'process.stdout.write("real")']).stdout.toString()).toBe(
      'real',
    );
  });

  it('a database that was never initialised is initialised by the first command', () => {
    const db = tempDbPath();
    const list = hd(db, ['client', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('usage errors exit 2, refusals 1, both on stderr with a hint', () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const missing = hd(db, ['open', '--client', 'C-2022-0533']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --contact.*not prompting/);
    const unknown = hd(db, ['show', '42']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'hd: There is no ticket HD-000042. Find the right number with hd list or hd search.\n',
    );
    const badFlag = hd(db, ['list', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe("hd: unknown option '--colour' (see hd list --help)\n"); // once, not twice
    const badDb = hd('/dev/null/hd/hd.db', ['list']);
    expect(badDb.code).toBe(1);
    expect(badDb.stderr).toMatch(
      /Cannot create the database at \/dev\/null\/hd\/hd.db .*--db PATH or HD_DB=PATH/,
    );
    expect(badDb.stderr).not.toMatch(/at .*\.mjs/); // no stack trace
  });

  it('--help documents every command with examples', () => {
    const help = hd(tempDbPath(), ['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'client', 'open', 'show', 'list', 'search'])
      expect(help.stdout).toContain(command);
    const openHelp = hd(tempDbPath(), ['open', '--help']).stdout;
    expect(openHelp).toContain('--answer <key=value>');
    expect(openHelp).toContain('symptom      (required) What exactly fails?');
    expect(openHelp).toContain('Examples:');
  });

  it('8 processes each opening 25 tickets at once: all 200 exist with distinct numbers', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const worker = async (w: number) => {
      const results = [];
      for (let i = 0; i < 25; i++) {
        results.push(
          await hdAsync(db, [
            'open',
            ...OPEN_FLAGS.map((f) => (f === 'Warehouse L2 link down' ? `w${w} #${i}` : f)),
            '--json',
          ]),
        );
      }
      return results;
    };
    const all = (await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)))).flat();
    expect(all.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const numbers = all.map((r) => JSON.parse(r.stdout).number);
    expect(new Set(numbers).size).toBe(200);
    const listed = JSON.parse(hd(db, ['list', '--limit', '500', '--json']).stdout);
    expect(listed).toHaveLength(200);
    // ~150 KB of JSON into a pipe read a second late: none of it may be lost.
    const slow = hdSlowReader(db, ['list', '--limit', '500', '--json']);
    expect(slow.stdout.length).toBeGreaterThan(100_000);
    expect(JSON.parse(slow.stdout)).toHaveLength(200);
    expect([slow.code, slow.stderr]).toEqual([0, '']);
    // A reader that stops early (| head -1) ends hd quietly, with no stack trace.
    const quoted = `'${process.execPath}' '${BIN}' list --limit 500 --json`;
    const early = spawnSync('bash', ['-o', 'pipefail', '-c', `${quoted} | head -1`], {
      env: hdEnv(db),
      encoding: 'utf8',
    });
    expect(early.status).toBe(0);
    expect(early.stdout).toBe('[\n');
    expect(early.stderr).toBe('');
    const check = hd(db, ['search', 'w7']);
    expect(check.stdout.split('\n').filter((l) => l.startsWith('HD-')).length).toBe(20); // default --limit
  }, 120_000);
});

// The first minutes of a new user (issue 15, point 8): the quick start works where /usr/bin/hd is
// hexdump, and a read on a database that is new and empty says so instead of "No tickets match".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'hd-first-'));

function run(args: string[], env: Record<string, string>, cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...hdEnv(env.HD_DB!), ...env },
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a database that is new and empty', () => {
  it('list, search, sla --overdue and show name the database and ask whether HD_DB is right', () => {
    const db = join(dir(), 'wrong.db');
    // Run from another folder, with hexdump as the hd on PATH: the hint names the full path.
    const list = run(['list'], { HD_DB: db, PATH: '/usr/bin:/bin' }, tmpdir());
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(
      `The database at ${db} is new and empty: no tickets, no clients. Is HD_DB (or --db) right? ` +
        `Load demo data with ${BIN} init --demo, or add clients with ${BIN} client add.\n`,
    );
    expect(hd(db, ['search', 'vpn']).stderr).toContain(`The database at ${db} is new and empty`);
    const sla = hd(db, ['sla', '--overdue']);
    expect(sla.stdout).toMatch(/^Nothing overdue at /);
    expect(sla.stderr).toContain(`The database at ${db} is new and empty`);
    const show = hd(db, ['show', '1']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`There is no ticket HD-000001. The database at ${db} is new and empty`);
  });

  it('says nothing of the kind once the database holds clients', () => {
    const db = join(dir(), 'demo.db');
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const list = hd(db, ['list']);
    expect(list.stderr).toBe('No tickets match. (hd list shows open tickets; add --all for closed ones.)\n');
    expect(hd(db, ['show', '1']).stderr).toContain('Find the right number with hd list or hd search.');
  });
});

describe('hd init tells how to type hd', () => {
  it('names ./bin/hd when the hd on PATH is another program (hexdump on Debian)', () => {
    const home = dir();
    const other = join(home, 'usr-bin');
    mkdirSync(other);
    writeFileSync(join(other, 'hd'), '#!/bin/sh\necho hexdump\n');
    chmodSync(join(other, 'hd'), 0o755);
    const repo = join(BIN, '..', '..');
    const r = run(['init'], { HD_DB: join(home, 'a.db'), PATH: `${other}:/usr/bin:/bin` }, repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Next: ./bin/hd open (take a call), ./bin/hd client list, ./bin/hd --help.');
    expect(r.stderr).toContain('the hd on your PATH is another program, or none');
  });

  it('says plain hd when hd on PATH is this program', () => {
    const home = dir();
    const bin = join(home, 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, 'hd'));
    const r = run(['init'], { HD_DB: join(home, 'a.db'), PATH: `${bin}:/usr/bin:/bin` }, home);
    expect(r.stderr).toContain('Next: hd open (take a call), hd client list, hd --help.');
    expect(r.stderr).not.toContain('another program');
  });
});

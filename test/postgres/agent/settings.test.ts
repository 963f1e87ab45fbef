// hd agent serves only commands whose connection settings are its own (issue 13, the tester's
// finding 1): another sslmode, password or time-out goes direct, saying so in one line.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgent, startAgent } from '../../helpers/agent.ts';
import { hd } from '../../helpers/e2e.ts';
import { freshDatabase, TEST_ENV, withDatabase } from '../../helpers/postgres.ts';

let url: string;
let agent: RunningAgent;

const OTHER =
  'hd: the hd agent runs with other connection settings (sslmode, password, application_name or time-outs) than this command: connecting directly. To use it with these, restart it: `hd agent stop && hd agent start`.\n';

beforeAll(async () => {
  url = await freshDatabase();
  agent = await startAgent(`${url}?sslmode=disable`);
  expect(hd(`${url}?sslmode=disable`, ['init', '--demo'], { env: agent.env }).code).toBe(0);
});

function served(): number {
  const s = hd(`${url}?sslmode=disable`, ['agent', 'status', '--json'], { env: agent.env });
  return JSON.parse(s.stdout).served;
}

describe('hd agent and the settings of a command', () => {
  it('serves a command with its own settings', () => {
    const before = served();
    const r = hd(`${url}?sslmode=disable`, ['list'], { env: agent.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('other connection settings');
    expect(served()).toBe(before + 1);
  });

  it('sslmode=verify-full goes direct and fails on TLS as a direct command does', () => {
    const other = `${url}?sslmode=verify-full`;
    const direct = { ...TEST_ENV, HD_LANG: 'en', XDG_RUNTIME_DIR: join(agent.env.XDG_RUNTIME_DIR!, 'none') };
    const plain = hd(other, ['list'], { env: direct });
    const before = served();
    const r = hd(other, ['list'], { env: agent.env });
    expect(plain.code).toBe(1);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(OTHER + plain.stderr);
    expect(served()).toBe(before);
  });

  it('a wrong password goes direct and is refused as there', () => {
    const wrong = `${withDatabase(url, { password: 'WRONG' })}?sslmode=disable`;
    const r = hd(wrong, ['list'], { env: agent.env });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(OTHER)).toBe(true);
    expect(r.stderr).toMatch(/password/);
  });

  it('another statement time-out goes direct (and works)', () => {
    const r = hd(`${url}?sslmode=disable`, ['list'], {
      env: { ...agent.env, HD_PG_STATEMENT_TIMEOUT_MS: '60000' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.startsWith(OTHER), r.stderr).toBe(true);
  });

  it('another application_name goes direct', () => {
    const r = hd(`${url}?sslmode=disable&application_name=other`, ['list'], { env: agent.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.startsWith(OTHER), r.stderr).toBe(true);
  });
});

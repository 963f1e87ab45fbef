// hd serve answers other departments' systems in English whatever the operator's language
// (issue 15): with HD_LANG=ru, a ticket that does not exist is still refused in English.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

describe('hd serve under HD_LANG=ru', () => {
  it('answers in English; the operator still reads hd in Russian', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'read']).stdout.trim();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: hdEnv(db, { HD_LANG: 'ru' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const address = await new Promise<string>((resolve, reject) => {
      server.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        const m = /on (http:\/\/[^\s/]+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      exited.then(() => reject(new Error(stderr)));
    });
    try {
      const res = await fetch(new URL('/tmf-api/troubleTicket/v5/troubleTicket/HD-000999', address), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).toMatch(/HD-000999/);
      expect(body).not.toMatch(/[а-яё]/i);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    const r = hd(db, ['show', '999'], { env: { HD_LANG: 'ru' } });
    expect(r.stderr).toMatch(/Заявки HD-000999 нет/);
  });
});

import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, startServe } from '../helpers/e2e.ts';

describe('hd serve under HD_LANG=ru', () => {
  it('answers in English; the operator still reads hd in Russian', async () => {
    const db = tempDbPath();
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    const token = hd(db, ['token', 'create', '--name', 'noc', '--scope', 'read']).stdout.trim();
    const { server, address, exited } = await startServe(db, [], { HD_LANG: 'ru' });
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

import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { hd, hdAsync } from '../helpers/e2e.ts';
import { NORDIC as NORDIC_CALLER, openArgs } from '../helpers/fixtures.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const NORDIC = openArgs(NORDIC_CALLER, 'Internet down');

let server: TestSmtp | undefined;
afterEach(async () => server?.close());

describe('outbox through bin/hd', () => {
  it('two senders at the same moment deliver every message exactly once', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    for (let i = 0; i < 12; i++) expect(hd(db, NORDIC).code).toBe(0); // each queues an "opened" e-mail
    server = await startSmtp();
    const env = { HD_SMTP_URL: server.url };
    const [a, b] = await Promise.all([
      hdAsync(db, ['outbox', 'send'], env),
      hdAsync(db, ['outbox', 'send'], env),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(server.received).toHaveLength(12);
    expect(new Set(server.received.map((r) => r.mail.messageId)).size).toBe(12);
    const listed = JSON.parse(hd(db, ['outbox', 'list', '--json']).stdout);
    expect(listed.map((m: { status: string }) => m.status)).toEqual(Array(12).fill('sent'));
    const again = hd(db, ['outbox', 'send'], { env });
    expect(again.stderr).toContain('Nothing due to send');
    expect(server.received).toHaveLength(12);
  }, 60_000);
});

// Delivery once, against the real SMTP test server: claims that outlive a slow send, claims lost
// to another sender, and a time-out after the message was handed over.
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { dbExec, dbRow, harness, type TestHarness, tempDbPath } from '../helpers/context.ts';
import { NORDIC as NORDIC_CALLER, openArgs } from '../helpers/fixtures.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const NORDIC = openArgs(NORDIC_CALLER, 'Internet down in the office'); // en, prefers e-mail

let servers: TestSmtp[] = [];
let releases: (() => void)[] = [];
afterEach(async () => {
  for (const release of releases) release();
  releases = [];
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function smtp(options?: Parameters<typeof startSmtp>[0]) {
  const s = await startSmtp(options);
  servers.push(s);
  return s;
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Listed {
  id: number;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string;
  mayHaveBeenDeliveredAt: string | null;
  sendingBy: { pid: number; host: string } | null;
}
async function outbox(h: TestHarness): Promise<Listed[]> {
  expect(await h.run(['outbox', 'list', '--json'])).toBe(0);
  return (JSON.parse(h.stdout()) as Listed[]).reverse();
}

/** How many times the server accepted each Message-ID. */
function acceptedPerMessageId(server: TestSmtp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of server.received) counts.set(r.mail.messageId!, (counts.get(r.mail.messageId!) ?? 0) + 1);
  return counts;
}

/** Tickets opened while no SMTP server is set: each queues its "opened" e-mail. */
async function queued(n: number, options: { path?: string } = {}): Promise<TestHarness> {
  const h = await harness({ now: '2026-11-25T09:00:00Z', ...options });
  for (let i = 0; i < n; i++) expect(await h.run(NORDIC)).toBe(0);
  expect((await outbox(h)).map((m) => m.status)).toEqual(Array(n).fill('queued'));
  return h;
}

describe('claims', () => {
  it('a sender slower than the claim period keeps its claim; a second sender started meanwhile sends the others; each message once', async () => {
    const path = tempDbPath();
    const a = await queued(6, { path });
    const b = await harness({ now: '2026-11-25T09:00:00Z', path, demo: false });
    let arrived: () => void = () => {};
    const firstArrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // Every reply comes 400 ms after the message, four claim periods of 100 ms.
    const server = await smtp({
      hold: async () => {
        arrived();
        await sleep(400);
      },
    });
    const env = { HD_SMTP_URL: server.url, HD_TEST_OUTBOX_CLAIM_MS: '100' };
    a.ctx.env = env;
    b.ctx.env = env;
    const first = a.run(['outbox', 'send']);
    await firstArrival; // a holds #1 and waits for the server's reply
    const second = b.run(['outbox', 'send']);
    expect(await Promise.all([first, second])).toEqual([0, 0]);
    const sentBy = (h: TestHarness) =>
      [...h.stderr().matchAll(/E-mail sent to .* \(outbox #(\d+)\)/g)].map((m) => Number(m[1]));
    expect(sentBy(a)).toContain(1);
    expect(sentBy(b).length).toBeGreaterThan(0); // both worked at once
    expect([...sentBy(a), ...sentBy(b)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.stderr() + b.stderr()).not.toMatch(/took over|had stopped/);
    const messages = await outbox(a);
    expect(messages.map((m) => m.status)).toEqual(Array(6).fill('sent'));
    expect(messages.map((m) => m.attempts)).toEqual(Array(6).fill(1));
    const accepted = acceptedPerMessageId(server);
    expect([...accepted.keys()].sort()).toEqual(messages.map((m) => m.messageId).sort());
    expect([...accepted.values()]).toEqual(Array(6).fill(1));
  }, 30_000);

  it('marking sent with a lost claim changes nothing and is reported', async () => {
    const h = await queued(1);
    const server = await smtp({
      hold: async () => {
        // Meanwhile another sender took the message over.
        await dbExec(h.store, "UPDATE outbox SET claimed_by = 'other-sender', claim_pid = 1 WHERE id = 1");
      },
    });
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toContain(
      'E-mail to erik.lindqvist@nordicsoft-demo.by (outbox #1) was accepted by the server, but meanwhile another sender took over the message',
    );
    expect(server.received).toHaveLength(1);
    const row = await dbRow(h.store, 'SELECT status, claimed_by, sent_at, attempts FROM outbox WHERE id = 1');
    expect(row).toEqual({ status: 'sending', claimed_by: 'other-sender', sent_at: null, attempts: 0 });
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.stringify(JSON.parse(h.stdout()).timeline)).not.toContain('delivered');
  });

  it('marking failed with a lost claim changes nothing either', async () => {
    const h = await queued(1);
    const server = await smtp({
      reject: { code: 550, message: 'Mailbox unavailable' },
      hold: async () => {
        await dbExec(h.store, "UPDATE outbox SET claimed_by = 'other-sender' WHERE id = 1");
      },
    });
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toContain(
      "another sender took over the message meanwhile; this attempt's outcome was not recorded",
    );
    const row = await dbRow(h.store, 'SELECT status, claimed_by, last_error FROM outbox WHERE id = 1');
    expect(row).toEqual({ status: 'sending', claimed_by: 'other-sender', last_error: null });
  });
});

describe('a time-out', () => {
  it('after the hand-over: "may have been delivered", retried with the same Message-ID', async () => {
    const h = await queued(1);
    let slow = true;
    let lateReply: () => void = () => {};
    const replied = new Promise<void>((resolve) => {
      lateReply = resolve;
    });
    // The server takes the message, answers after the client gave up, and keeps it.
    const server = await smtp({
      keepWhenClientGone: true,
      hold: async () => {
        if (!slow) return;
        await sleep(600);
        setImmediate(lateReply);
      },
    });
    h.ctx.env = { HD_SMTP_URL: server.url, HD_TEST_SMTP_TIMEOUT_MS: '200' };
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toMatch(
      /E-mail to erik\.lindqvist@nordicsoft-demo\.by may have been delivered \(outbox #1\): no reply from smtp:\/\/127\.0\.0\.1:\d+ after the whole message was handed over \(timed out\); hd outbox send tries again with the same Message-ID/,
    );
    expect(h.stderr()).toContain('1 message(s) not confirmed delivered (1 of them may have been)');
    let [m] = await outbox(h);
    expect(m).toMatchObject({
      status: 'queued',
      attempts: 1,
      mayHaveBeenDeliveredAt: '2026-11-25T09:00:00.000Z',
    });
    expect(await h.run(['outbox', 'list'])).toBe(0);
    expect(h.stderr()).toContain(
      '1 queued, 0 sending, 0 sent, 0 failed; 1 not sent may have been delivered.',
    );
    expect(h.stdout()).toMatch(/^1\tqueued, may have been delivered\t1\t/m);
    expect(await h.run(['outbox', 'show', '1'])).toBe(0);
    expect(h.stdout()).toContain('#1 queued, may have been delivered, 1 attempt(s)');
    expect(h.stdout()).toContain('May have been delivered: at ');
    expect(h.stdout()).toContain(`Message-ID: ${m!.messageId}`);
    await replied;
    expect(server.received).toHaveLength(1); // it was delivered, after all
    // Not the ticket's client update: nothing confirmed it.
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).lastClientUpdateAt).toBeNull();

    slow = false;
    h.setNow('2026-11-25T09:02:00Z'); // after the first back-off
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(h.stderr()).toContain('E-mail sent to erik.lindqvist@nordicsoft-demo.by (outbox #1).');
    [m] = await outbox(h);
    expect(m).toMatchObject({
      status: 'sent',
      attempts: 2,
      mayHaveBeenDeliveredAt: '2026-11-25T09:00:00.000Z',
    });
    expect(server.received.map((r) => r.mail.messageId)).toEqual([m!.messageId, m!.messageId]);
    expect(await h.run(['outbox', 'list'])).toBe(0);
    expect(h.stdout()).toMatch(/^1\tsent \(an earlier try may have arrived too\)\t2\t/m);
  }, 20_000);

  it('hd notify says the e-mail is not confirmed, and the ticket gets no client update', async () => {
    const h = await queued(1);
    const server = await smtp({ keepWhenClientGone: true, hold: () => sleep(600) });
    h.ctx.env = { HD_SMTP_URL: server.url, HD_TEST_SMTP_TIMEOUT_MS: '200' };
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['notify', '1', 'update', '--via', 'email'])).toBe(1);
    expect(h.stderr()).toMatch(/E-mail to \S+ may have been delivered \(outbox #2\)/);
    expect(h.stderr()).toContain('hd: The e-mail was not confirmed delivered; it stays in the outbox');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).lastClientUpdateAt).toBeNull();
  }, 20_000);

  it('before the hand-over (no greeting): an ordinary retry, nothing delivered', async () => {
    const h = await queued(1);
    let stalled = true;
    const server = await smtp({ holdGreeting: () => (stalled ? sleep(600) : Promise.resolve()) });
    h.ctx.env = { HD_SMTP_URL: server.url, HD_TEST_SMTP_TIMEOUT_MS: '200' };
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toMatch(
      /not delivered yet \(outbox #1\): cannot reach smtp:\/\/127\.0\.0\.1:\d+: timed out/,
    );
    const [m] = await outbox(h);
    expect(m).toMatchObject({ status: 'queued', attempts: 1, mayHaveBeenDeliveredAt: null });
    stalled = false;
    h.setNow('2026-11-25T09:02:00Z');
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(server.received).toHaveLength(1);
  }, 20_000);
});

describe('hd outbox retry', () => {
  it('names the live sender of a message being sent; nothing changes', async () => {
    const h = await queued(1);
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await smtp({
      hold: (_mail: ParsedMail) =>
        new Promise<void>((resolve) => {
          release = resolve;
          releases.push(resolve);
          arrived();
        }),
    });
    h.ctx.env = { HD_SMTP_URL: server.url };
    const sending = h.run(['outbox', 'send']);
    await holding;
    // The same store, so the retry sees the claim of this live process.
    const retry = await h.run(['outbox', 'retry', '1']);
    expect(retry).toBe(1);
    expect(h.stderr()).toMatch(
      new RegExp(
        `Message 1 is being sent right now by process ${process.pid} on \\S+ \\(claimed [0-9T:.-]+Z\\)`,
      ),
    );
    release();
    expect(await sending).toBe(0);
    expect(server.received).toHaveLength(1);
  });
});

describe('hd outbox retry without a server', () => {
  it('refuses before the message is touched', async () => {
    const h = await queued(1);
    h.ctx.env = {};
    h.setNow('2026-11-25T10:00:00Z');
    const before = await outbox(h);
    expect(await h.run(['outbox', 'retry', '1'])).toBe(1);
    expect(h.stderr()).toMatch(/HD_SMTP_URL is not set/);
    expect(await outbox(h)).toEqual(before);
  });
});

describe('hd outbox retry in the Russian console (issue 15 point 1)', () => {
  it('an already sent message names the time as 25.11.2026 12:00, in the desk’s zone', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', lang: 'ru' });
    expect(await h.run(NORDIC)).toBe(0);
    const server = await smtp();
    h.ctx.env = { HD_LANG: 'ru', HD_SMTP_URL: server.url };
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(server.received).toHaveLength(1);
    expect(await h.run(['outbox', 'retry', '1'])).toBe(1);
    expect(h.stderr()).toContain('Сообщение 1 уже отправлено (25.11.2026 12:00)');
    expect(h.stderr()).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('English names the instant as ISO, as written', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    expect(await h.run(NORDIC)).toBe(0);
    const server = await smtp();
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(await h.run(['outbox', 'retry', '1'])).toBe(1);
    expect(h.stderr()).toContain('Message 1 was already sent at 2026-11-25T09:00:00.000Z');
  });
});

describe('hd outbox list on a terminal', () => {
  it('shows a subject without the ticket number the Ticket column shows; piped, the subject as sent', async () => {
    for (const lang of ['en', 'ru'] as const) {
      const path = tempDbPath();
      const h = await harness({ terminal: 80, lang, now: '2026-11-25T07:20:00Z', path });
      expect(await h.run(NORDIC)).toBe(0);
      expect(await h.run(['outbox', 'list'])).toBe(0);
      const row = h
        .stdout()
        .split('\n')
        .find((l) => l.includes('HD-000001'))!;
      expect(row, lang).toContain('Ticket opened: In');
      expect(row.match(/HD-000001/g)).toHaveLength(1);
      const piped = await harness({ lang, path, demo: false });
      expect(await piped.run(['outbox', 'list'])).toBe(0);
      expect(piped.stdout()).toContain('\tTicket HD-000001 opened: Internet down in the office\t');
    }
  });
});

import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdAsync, hdEnv } from '../helpers/e2e.ts';
import { NORDIC as NORDIC_CALLER, openArgs } from '../helpers/fixtures.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const NORDIC = openArgs(NORDIC_CALLER, 'Internet down');

let server: TestSmtp | undefined;
let release: (() => void) | undefined;
afterEach(async () => {
  release?.();
  release = undefined;
  await server?.close();
});

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

  it('a sender killed mid-batch: its messages are delivered once by the next sender, and retry says the truth', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    for (let i = 0; i < 3; i++) expect(hd(db, NORDIC).code).toBe(0);
    let arrived: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // The first message arrives whole and the server never answers it.
    let first = true;
    server = await startSmtp({
      hold: () => {
        if (!first) return Promise.resolve();
        first = false;
        arrived();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const env = { HD_SMTP_URL: server.url };
    const child = spawn(process.execPath, [BIN, 'outbox', 'send'], { env: hdEnv(db, env), stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await holding;
    const stuck = JSON.parse(hd(db, ['outbox', 'list', '--json']).stdout).at(-1);
    expect(stuck).toMatchObject({
      id: 1,
      status: 'sending',
      sendingBy: { pid: child.pid, host: hostname() },
    });
    const busy = await hdAsync(db, ['outbox', 'retry', '1'], env);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(
      `Message 1 is being sent right now by process ${child.pid} on ${hostname()}`,
    );

    child.kill('SIGKILL');
    await exited;
    const retry = await hdAsync(db, ['outbox', 'retry', '1'], env);
    expect(retry.stderr).toContain(
      `Message 1 was claimed by process ${child.pid} on ${hostname()}, which is no longer running; it is back in the queue (that sender had handed the whole message to the server, so it may have been delivered already; it is sent again with the same Message-ID).`,
    );
    expect(retry.stderr).not.toContain('being sent right now');
    expect(retry.stderr).toContain('E-mail sent to erik.lindqvist@nordicsoft-demo.by (outbox #1).');
    expect(retry.code).toBe(0);
    const send = await hdAsync(db, ['outbox', 'send'], env);
    expect(send.code).toBe(0);
    expect(send.stderr).toContain('(outbox #2)');
    expect(send.stderr).toContain('(outbox #3)');
    const listed = JSON.parse(hd(db, ['outbox', 'list', '--json']).stdout).reverse();
    expect(listed.map((m: { status: string }) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(listed[0].mayHaveBeenDeliveredAt).not.toBeNull();
    release?.(); // the stalled session ends without a reply: that copy was never accepted
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ids = server.received.map((r) => r.mail.messageId);
    expect(ids.sort()).toEqual(listed.map((m: { messageId: string }) => m.messageId).sort());
  }, 60_000);

  it('a killed sender is recovered by the next hd outbox send at once, without waiting for its claim to run out', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    for (let i = 0; i < 2; i++) expect(hd(db, NORDIC).code).toBe(0);
    let arrived: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let first = true;
    server = await startSmtp({
      holdGreeting: () => {
        if (!first) return Promise.resolve();
        first = false;
        arrived();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const env = { HD_SMTP_URL: server.url };
    const child = spawn(process.execPath, [BIN, 'outbox', 'send'], { env: hdEnv(db, env), stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await holding; // claimed #1, waiting for the greeting
    child.kill('SIGKILL');
    await exited;
    const send = await hdAsync(db, ['outbox', 'send'], env);
    expect(send.stderr).toContain(
      `Outbox #1: its sender (process ${child.pid} on ${hostname()}) had stopped; the message went back to the queue.`,
    );
    expect(send.code).toBe(0);
    const listed = JSON.parse(hd(db, ['outbox', 'list', '--json']).stdout).reverse();
    expect(listed).toMatchObject([
      { status: 'sent', mayHaveBeenDeliveredAt: null },
      { status: 'sent', mayHaveBeenDeliveredAt: null },
    ]);
    expect(server.received.map((r) => r.mail.messageId).sort()).toEqual(
      listed.map((m: { messageId: string }) => m.messageId).sort(),
    );
  }, 60_000);
});

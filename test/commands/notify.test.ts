import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDetails } from '../../src/commands/details.ts';
import { parseTemplate, placeholdersOf, render } from '../../src/domain/template.ts';
import {
  CLIENT_NOTICES,
  loadCallTemplate,
  loadTemplate,
  noticeValues,
  renderCallScript,
  renderNotice,
} from '../../src/notify.ts';
import { countRows, harness, type TestHarness } from '../helpers/context.ts';
import {
  BANK as BANK_CALLER,
  HOSPITAL as HOSPITAL_CALLER,
  NORDIC as NORDIC_CALLER,
  openArgs,
} from '../helpers/fixtures.ts';
import { closedPort, startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const BANK = openArgs(BANK_CALLER, 'VPN к филиалам не работает'); // ru, prefers phone and e-mail
const NORDIC = openArgs(NORDIC_CALLER, 'Internet down in the office'); // en, prefers e-mail
const HOSPITAL = openArgs(HOSPITAL_CALLER, 'one-way audio', { impact: 'degraded', symptom: 'voice' }); // Dmitry has no e-mail

let servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function smtp(options?: Parameters<typeof startSmtp>[0]) {
  const s = await startSmtp(options);
  servers.push(s);
  return s;
}

async function outbox(h: TestHarness) {
  expect(await h.run(['outbox', 'list', '--json'])).toBe(0);
  return JSON.parse(h.stdout()) as {
    id: number;
    status: string;
    attempts: number;
    lastError: string | null;
    to: string;
    messageId: string;
  }[];
}

describe('templates', () => {
  it('every shipped template, in both languages, uses only known placeholders', async () => {
    const h = await harness();
    await h.run(BANK);
    const values = noticeValues(await loadDetails(h.store, 1));
    for (const lang of ['ru', 'en']) {
      const dir = new URL(`../../data/templates/${lang}/`, import.meta.url);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort();
      expect(files).toEqual([
        'closed.txt',
        'eta.txt',
        'extended.txt',
        'jobsheet.txt',
        'opened.txt',
        'restored.txt',
        'update.txt',
      ]);
      for (const f of files) {
        const t = parseTemplate(readFileSync(new URL(f, dir), 'utf8'), f);
        expect(
          placeholdersOf(t).filter((p) => !(p in values)),
          `${lang}/${f}`,
        ).toEqual([]);
      }
    }
  });

  it('phone scripts are written for speaking: one per notice, in both languages, apart from the e-mails', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(BANK);
    await h.run(NORDIC);
    const values = noticeValues(await loadDetails(h.store, 1));
    for (const lang of ['ru', 'en'] as const) {
      const dir = new URL(`../../data/templates/${lang}/call/`, import.meta.url);
      expect(readdirSync(dir).sort()).toEqual([...CLIENT_NOTICES].sort().map((k) => `${k}.txt`));
      for (const kind of CLIENT_NOTICES) {
        const script = loadCallTemplate(lang, kind);
        const email = loadTemplate(lang, kind);
        expect(
          placeholdersOf(script).filter((p) => !(p in values)),
          `${lang}/call/${kind}`,
        ).toEqual([]);
        expect(script.body).not.toBe(email.body);
        // Nothing a letter says and a voice does not: no subject, no reply, no signature.
        expect(script.body).not.toMatch(/Subject:|письм|e-mail|reply|message|Dear/i);
        expect(script.body.trimEnd()).not.toMatch(/\{\{helpdesk(Name|Phone)\}\}$/);
      }
    }
    // Times as said on the phone, in the client's words and time zone.
    await h.run(['take', '2']);
    await h.run(['eta', '2', '+1d', '--no-notify', '--skip-reason', 'test']);
    const now = Date.parse('2026-11-25T09:00:00Z');
    const en = renderCallScript(await loadDetails(h.store, 2), 'eta', {}, now);
    expect(en).toContain('We expect the service to be back tomorrow at 12:00.');
    const ru = renderCallScript(await loadDetails(h.store, 1), 'opened', {}, now);
    expect(ru).toContain('Мы перезвоним вам самое позднее сегодня в 12:15.');
    expect(ru).toContain('Номер заявки — HD-000001.');
  });

  it('an unknown placeholder is reported, not sent', () => {
    const t = parseTemplate(
      'Subject: Ticket {{number}}\n\nDear {{contactName}}, see {{portalLink}} and {{ticketUrl}}.\n',
      'x.txt',
    );
    expect(() => render(t, { number: 'HD-1', contactName: 'A' }, 'x.txt')).toThrow(
      'Template x.txt uses unknown placeholders {{portalLink}}, {{ticketUrl}}; known: contactName, number. Fix the template; nothing was sent.',
    );
    expect(() => parseTemplate('Hello {{number}}', 'bad.txt')).toThrow(/must start with "Subject: …"/);
  });

  it('renders in the client language and time zone', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(BANK);
    await h.run(NORDIC);
    await h.run(['take', '1']);
    await h.run(['eta', '1', '18:30', '--no-notify', '--skip-reason', 'test']);
    const ru = renderNotice(await loadDetails(h.store, 1), 'eta');
    expect(ru.subject).toBe('Заявка HD-000001: ориентировочное время устранения 25 ноября 2026 г. в 18:30');
    expect(ru.body).toContain('Здравствуйте, Andrei Kovalenko!');
    const en = renderNotice(await loadDetails(h.store, 2), 'opened');
    expect(en.subject).toBe('Ticket HD-000002 opened: Internet down in the office');
    expect(en.body).toContain('We will call you back by 25 November 2026 at 13:00.'); // business-8x5 P1: 1 business hour
  });
});

describe('hd notify', () => {
  it('phone: shows the call script in the client language and records the outcome; a missed call leaves the update owed', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(BANK);
    await h.run(['take', '1']);
    h.setNow('2026-11-25T09:40:00Z');
    expect(await h.run(['notify', '1', 'update', '--via', 'phone', '--outcome', 'no-answer'])).toBe(0);
    expect(h.stdout()).toContain('Call script for Andrei Kovalenko (+375296112487)');
    expect(h.stdout()).toContain(
      '│ Здравствуйте, Andrei Kovalenko! Это Служба технической поддержки, звоню по заявке HD-000001',
    );
    expect(h.stdout()).toContain('│ Сейчас: ведутся работы.');
    h.setNow('2026-11-25T09:46:00Z'); // premium P1 update every 30m from the take at 09:00 → due 09:30
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).breaches.map((r: { kind: string }) => r.kind)).toContain('update');
    expect(await h.run(['notify', '1', 'update', '--via', 'phone', '--outcome', 'reached'])).toBe(0);
    expect(await h.run(['sla', '--overdue', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).breaches.map((r: { kind: string }) => r.kind)).not.toContain('update');
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    const calls = JSON.parse(h.stdout()).timeline.filter((e: { kind: string }) => e.kind === 'call');
    expect(
      calls.map(
        (e: { payload: { outcome: string; notice: string } }) => `${e.payload.notice} ${e.payload.outcome}`,
      ),
    ).toEqual(['update no-answer', 'update reached']);
  });

  it('an English client gets an English script', async () => {
    const h = await harness();
    await h.run(NORDIC);
    expect(await h.run(['notify', '1', 'update', '--via', 'phone', '--outcome', 'voicemail'])).toBe(0);
    expect(h.stdout()).toContain(
      '│ Hello, Erik Lindqvist, this is the Technical Support Helpdesk, calling about ticket HD-000001',
    );
    expect(h.stdout()).toContain('│ Where we are: received.');
  });

  it('e-mail without SMTP stays queued and says so; --dry-run writes nothing', async () => {
    const h = await harness();
    await h.run(NORDIC);
    const before = await countRows(h.store);
    expect(await h.run(['notify', '1', 'update', '--dry-run'])).toBe(0);
    expect(h.stdout()).toContain('Subject: Ticket HD-000001: progress update');
    expect(h.stderr()).toContain('Dry run: nothing was queued, sent or recorded.');
    expect(await countRows(h.store)).toEqual(before);
    expect(await h.run(['notify', '1', 'update'])).toBe(0);
    expect(h.stderr()).toContain('HD_SMTP_URL is not set, so hd outbox send will deliver it once it is.');
    expect((await outbox(h)).map((m) => m.status)).toEqual(['queued', 'queued']); // the opened notice and this one
  });

  it('bad input: unknown kind, no e-mail on record, invalid --to, nothing to say yet', async () => {
    const h = await harness();
    await h.run(HOSPITAL);
    const cases: [string[], number, RegExp][] = [
      [['notify', '1', 'gossip'], 2, /Unknown notice kind "gossip".*opened, update, eta/],
      [
        ['notify', '1', 'update', '--via', 'email'],
        1,
        /Dmitry Lis has no e-mail address: use --via phone, give one with --to/,
      ],
      [
        ['notify', '1', 'update', '--via', 'email', '--to', 'not-an-address'],
        1,
        /not a valid e-mail address/,
      ],
      [['notify', '1', 'update', '--via', 'phone'], 2, /Missing --outcome/],
      [['notify', '1', 'eta', '--via', 'phone', '--outcome', 'reached'], 1, /has no ETA yet/],
      [['notify', '1', 'restored', '--via', 'phone', '--outcome', 'reached'], 1, /is not resolved/],
      [['notify', '1', 'update', '--via', 'fax'], 2, /--via takes one of: phone, email, both/],
    ];
    for (const [args, code, message] of cases) {
      const before = await countRows(h.store);
      expect(await h.run(args), args.join(' ')).toBe(code);
      expect(h.stderr(), args.join(' ')).toMatch(message);
      expect(await countRows(h.store)).toEqual(before);
    }
    expect(await h.run(['notify', '1', 'update', '--via', 'email', '--to', 'duty@mkb6-demo.by'])).toBe(0);
  });

  it('on a terminal, an ETA told by phone asks how the call went; a missed call is no client update', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(BANK);
    await h.run(['take', '1']);
    h.ctx.io.isInteractive = true;
    h.setNow('2026-11-25T09:10:00Z');
    const script = [{ ask: 'The call to the client: how did it go?', answer: 'no-answer' }];
    expect(await h.run(['eta', '1', '+2h', '--via', 'phone', '--json'], { script })).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.timeline.at(-1)).toMatchObject({
      kind: 'call',
      payload: { notice: 'eta', outcome: 'no-answer' },
    });
    expect(t.lastClientUpdateAt).toBeNull();
  });

  it('--no-notify needs a reason and records it', async () => {
    const h = await harness();
    await h.run(BANK);
    await h.run(['take', '1']);
    expect(await h.run(['eta', '1', '+2h', '--no-notify'])).toBe(2);
    expect(h.stderr()).toContain('Missing --skip-reason TEXT');
    expect(
      await h.run([
        'eta',
        '1',
        '+2h',
        '--no-notify',
        '--skip-reason',
        'client asked for no calls at night',
        '--json',
      ]),
    ).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.timeline.at(-1)).toMatchObject({
      kind: 'notification',
      text: 'Client not notified (eta): client asked for no calls at night',
    });
  });
});

describe('delivery over real SMTP (loopback)', () => {
  it('delivers with the right From, To, Subject (Cyrillic, encoded), Date, Message-ID and a UTF-8 body', async () => {
    const server = await smtp();
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    h.ctx.env = { HD_SMTP_URL: server.url, HD_MAIL_FROM: 'Служба поддержки <helpdesk@hd-demo.by>' };
    expect(await h.run(BANK)).toBe(0);
    expect(h.stderr()).toContain('E-mail sent to a.kovalenko@bapb-demo.by');
    expect(server.received).toHaveLength(1);
    const { raw, mail } = server.received[0]!;
    expect(mail.from?.value[0]).toMatchObject({ address: 'helpdesk@hd-demo.by', name: 'Служба поддержки' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address : '').toBe(
      'a.kovalenko@bapb-demo.by',
    );
    expect(mail.subject).toBe('Заявка HD-000001 принята: VPN к филиалам не работает');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im); // RFC 2047 encoded words, not raw 8-bit
    expect(mail.date?.toISOString()).toBeTruthy();
    const [message] = await outbox(h);
    expect(mail.messageId).toBe(message!.messageId);
    expect(message!.status).toBe('sent');
    expect(mail.text).toContain('зарегистрировано под номером HD-000001');
    expect(mail.text).toContain('Мы перезвоним вам до 25 ноября 2026 г. в 12:15.');
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).timeline.at(-1)).toMatchObject({
      kind: 'notification',
      payload: { status: 'sent', outboxId: 1 },
    });
  });

  it('an e-mailed ETA is a client update once delivered', async () => {
    const server = await smtp();
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(NORDIC);
    h.ctx.env = { HD_SMTP_URL: server.url };
    await h.run(['take', '1']);
    h.setNow('2026-11-25T09:20:00Z');
    expect(await h.run(['eta', '1', '16:00', '--json'])).toBe(0);
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Ticket HD-000001: estimated time to fix 25 November 2026 at 16:00',
    ]);
    expect(server.received[0]!.mail.text).toContain(
      'We expect to restore the service by 25 November 2026 at 16:00.',
    );
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).lastClientUpdateAt).toBe('2026-11-25T09:20:00.000Z');
  });

  it('server down: queued with the error, nothing lost; delivered exactly once when it is back', async () => {
    const port = await closedPort();
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(NORDIC);
    h.ctx.env = { HD_SMTP_URL: `smtp://127.0.0.1:${port}` };
    expect(await h.run(['notify', '1', 'update'])).toBe(1);
    expect(h.stderr()).toMatch(
      /not delivered yet \(outbox #2\): cannot reach smtp:\/\/127\.0\.0\.1:\d+: connection refused; it stays queued/,
    );
    let messages = await outbox(h);
    expect(messages.find((m) => m.id === 2)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: expect.stringContaining('connection refused'),
    });
    const server = await smtp({ port });
    expect(await h.run(['outbox', 'send'])).toBe(0);
    // #1 was never tried and goes at once; #2 failed a minute ago and waits for its back-off.
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Ticket HD-000001 opened: Internet down in the office',
    ]);
    h.setNow('2026-11-25T09:02:00Z');
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Ticket HD-000001 opened: Internet down in the office',
      'Ticket HD-000001: progress update',
    ]);
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(h.stderr()).toContain('Nothing due to send');
    expect(server.received).toHaveLength(2);
    messages = await outbox(h);
    expect(messages.map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('a 5xx reply fails the message with the server text; retry sends it once fixed', async () => {
    const rejecting = await smtp({ reject: { code: 550, message: 'Mailbox unavailable: user unknown' } });
    const h = await harness();
    await h.run(NORDIC);
    h.ctx.env = { HD_SMTP_URL: rejecting.url };
    expect(await h.run(['notify', '1', 'update'])).toBe(1);
    expect(h.stderr()).toMatch(/FAILED \(outbox #2\): server refused: 550 Mailbox unavailable: user unknown/);
    expect((await outbox(h)).find((m) => m.id === 2)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('550'),
    });
    expect(await h.run(['show', '1', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).timeline.at(-1).text).toContain('NOT delivered (outbox #2)');
    const good = await smtp();
    h.ctx.env = { HD_SMTP_URL: good.url };
    expect(await h.run(['outbox', 'retry', '2'])).toBe(0);
    expect(good.received).toHaveLength(1);
    expect(await h.run(['outbox', 'retry', '2'])).toBe(1);
    expect(h.stderr()).toContain('already sent');
    expect(good.received).toHaveLength(1);
  });

  it('authentication failure: clear message, the password never shown', async () => {
    const server = await smtp({ auth: { user: 'hd', pass: 'right-secret' } });
    const h = await harness();
    await h.run(NORDIC);
    h.ctx.env = { HD_SMTP_URL: server.url.replace('right-secret', 'wrong-secret') };
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toMatch(
      /authentication failed at smtp:\/\/hd:\*\*\*@127\.0\.0\.1:\d+.*check HD_SMTP_USER \/ HD_SMTP_PASS/,
    );
    expect(h.stderr()).not.toContain('wrong-secret');
    expect(JSON.stringify(await outbox(h))).not.toContain('wrong-secret');
    h.ctx.env = {
      HD_SMTP_URL: `smtp://127.0.0.1:${server.port}`,
      HD_SMTP_USER: 'hd',
      HD_SMTP_PASS: 'right-secret',
    };
    expect(await h.run(['outbox', 'retry', '1'])).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it('an SMTP URL that does not parse is a usage error; the message stays queued', async () => {
    const h = await harness();
    await h.run(NORDIC);
    for (const url of ['not a url', 'http://mail.example.by']) {
      h.ctx.env = { HD_SMTP_URL: url };
      expect(await h.run(['outbox', 'send'])).toBe(2);
      expect(h.stderr()).toMatch(/HD_SMTP_URL (does not parse|must start with smtp:\/\/ or smtps:\/\/)/);
    }
    expect((await outbox(h)).map((m) => m.status)).toEqual(['queued']);
    h.ctx.env = {};
    expect(await h.run(['outbox', 'send'])).toBe(1);
    expect(h.stderr()).toContain('HD_SMTP_URL is not set');
  });

  it('dispatch --email-sheet sends the job sheet to the engineer', async () => {
    const server = await smtp();
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    await h.run(BANK);
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(
      await h.run(['dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'SFP-1G-LX', '--email-sheet']),
    ).toBe(0);
    const sheet = server.received.find((r) => r.mail.subject?.startsWith('Выезд'));
    expect(sheet?.mail.subject).toBe(
      'Выезд J-000001 по заявке HD-000001 (P1): Belagroprombank HQ, прибыть до 25 ноября 2026 г. в 14:00',
    );
    expect(sheet?.mail.text).toMatch(/ЗИП:\s+SFP-1G-LX × 1/);
    expect(sheet?.mail.to && !Array.isArray(sheet.mail.to) ? sheet.mail.to.text : '').toBe(
      'i.petrov@hd-demo.by',
    );
  });
});

describe('a call noted with the change that made it (QA of issue 14)', () => {
  it('carries the change’s own time: hd verify agrees while the clock moves between reads', async () => {
    const h = await harness();
    // A real clock moves between two reads of it; here every read is 1 ms later.
    let tick = Date.parse('2026-11-25T09:00:00Z');
    h.ctx.now = () => new Date(tick++);
    expect(await h.run([...HOSPITAL, '--no-notify', '--skip-reason', 'told on the call'])).toBe(0);
    expect(await h.run(['eta', '1', '2026-11-25T15:30:00Z', '--outcome', 'reached']), h.stderr()).toBe(0);
    expect(await h.run(['verify']), h.stdout() + h.stderr()).toBe(0);
    expect(await h.run(['notify', '1', 'update', '--outcome', 'reached']), h.stderr()).toBe(0);
    expect(await h.run(['verify']), h.stdout() + h.stderr()).toBe(0);
  });
});

// Calls to the client are recorded as they happened, and the "client not yet told" state follows
// them: set by an ETA, extension or restoration nobody heard, cleared by a reached call or a
// delivered e-mail.
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_OUTCOMES } from '../../src/domain/types.ts';
import { getTicket } from '../../src/store/tickets.ts';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { BANK, EVROOPT, NORDIC, openArgs } from '../helpers/fixtures.ts';
import { ENTER, type Step } from '../helpers/prompter.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const at = (iso: string) => Date.parse(iso);

let servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function smtp() {
  const s = await startSmtp();
  servers.push(s);
  return s;
}

/** HD-000001 for Sergei (prefers the phone), standard-24x7 P1 (response 30m), taken at 09:00. */
async function taken(caller = EVROOPT): Promise<TestHarness> {
  const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan' });
  expect(await h.run(openArgs(caller, 'Warehouse link down'))).toBe(0);
  expect(await h.run(['take', '1'])).toBe(0);
  return h;
}

const tell = async (h: TestHarness) => {
  const t = await getTicket(h.store, 1);
  return { tellKind: t.tellKind, tellSince: t.tellSince, tellDue: t.tellDue };
};

async function timeline(h: TestHarness) {
  expect(await h.run(['show', '1', '--json'])).toBe(0);
  return JSON.parse(h.stdout()).timeline as {
    kind: string;
    text: string;
    payload: Record<string, unknown>;
  }[];
}

const NOTHING = { tellKind: null, tellSince: null, tellDue: null };

describe('every call outcome of a phone notice', () => {
  it.each(CALL_OUTCOMES)('hd eta … --outcome %s', async (outcome) => {
    const h = await taken();
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', outcome])).toBe(0);
    const call = (await timeline(h)).filter((e) => e.kind === 'call').at(-1)!;
    expect(call.payload).toMatchObject({ notice: 'eta', outcome, direction: 'out' });
    const t = await getTicket(h.store, 1);
    if (outcome === 'reached') {
      expect(await tell(h)).toEqual(NOTHING);
      expect(t.lastUpdateAt).toBe(at('2026-11-25T09:10:00Z'));
      expect(h.stdout()).toContain('(client told by phone)');
    } else {
      // An attempt: the ETA is owed to the client within the P1 response target (30m).
      expect(await tell(h)).toEqual({
        tellKind: 'eta',
        tellSince: at('2026-11-25T09:10:00Z'),
        tellDue: at('2026-11-25T09:40:00Z'),
      });
      expect(t.lastUpdateAt).toBeNull();
      expect(h.stdout()).toContain(`(call ${outcome}: client not yet told)`);
      expect(call.payload.clientNotYetTold).toEqual({
        kind: 'eta',
        since: '2026-11-25T09:10:00.000Z',
        due: '2026-11-25T09:40:00.000Z',
      });
    }
  });

  it.each(CALL_OUTCOMES)('hd notify … --outcome %s on an owed ETA', async (outcome) => {
    const h = await taken();
    await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', 'no-answer']);
    h.setNow('2026-11-25T09:20:00Z');
    expect(await h.run(['notify', '1', 'eta', '--via', 'phone', '--outcome', outcome])).toBe(0);
    const said = h.stderr();
    const call = (await timeline(h)).at(-1)!;
    expect(call).toMatchObject({ kind: 'call', payload: { notice: 'eta', outcome } });
    if (outcome === 'reached') {
      expect(await tell(h)).toEqual(NOTHING);
      expect(call.payload.told).toBe('eta');
      expect(said).toContain('Call recorded: reached (the client is told');
    } else {
      expect((await tell(h)).tellSince).toBe(at('2026-11-25T09:00:00Z')); // still the first one
      expect(said).toContain(`Call recorded: ${outcome} (an attempt: the client is not told yet`);
    }
  });

  it.each(CALL_OUTCOMES)('hd log … call --outcome %s on an owed restoration', async (outcome) => {
    const h = await taken();
    expect(
      await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'voicemail']),
    ).toBe(0);
    expect(h.stdout()).toContain('call voicemail: client not yet informed');
    expect((await tell(h)).tellKind).toBe('restored');
    h.setNow('2026-11-25T09:05:00Z');
    expect(await h.run(['log', '1', 'call', 'called about the fix', '--outcome', outcome])).toBe(0);
    const call = (await timeline(h)).at(-1)!;
    expect(call.payload).toMatchObject({ outcome, direction: 'out' });
    if (outcome === 'reached') {
      expect(await tell(h)).toEqual(NOTHING);
      expect(call.payload.told).toBe('restored');
    } else expect((await tell(h)).tellKind).toBe('restored');
  });
});

describe('client not yet told', () => {
  it('an ETA missed, then an extension missed: earliest start and due, latest kind; a reached call clears it', async () => {
    const h = await taken();
    h.setNow('2026-11-25T09:10:00Z');
    await h.run(['eta', '1', '+3h', '--outcome', 'no-answer']);
    h.setNow('2026-11-25T09:30:00Z');
    expect(await h.run(['extend', '1', '--by', '1h', '--reason', 'crew late', '--outcome', 'busy'])).toBe(0);
    expect(await tell(h)).toEqual({
      tellKind: 'extended',
      tellSince: at('2026-11-25T09:10:00Z'),
      tellDue: at('2026-11-25T09:40:00Z'),
    });
    h.setNow('2026-11-25T09:35:00Z');
    expect(
      await h.run(['extend', '1', '--by', '1h', '--reason', 'crew later still', '--outcome', 'reached']),
    ).toBe(0);
    expect(await tell(h)).toEqual(NOTHING);
  });

  it('--no-notify leaves the notice owed; closing the ticket (the client confirmed) clears it', async () => {
    const h = await taken();
    await h.run(['resolve', '1', '--summary', 'fixed', '--zone', 'cpe', '--no-notify', '--skip-reason', 'x']);
    expect((await tell(h)).tellKind).toBe('restored');
    expect(await h.run(['close', '1', '--confirmed-by', 'Sergei', '--via', 'phone'])).toBe(0);
    expect(await tell(h)).toEqual(NOTHING);
  });

  it('an e-mailed ETA is owed until delivered, then cleared by hd outbox send in the same transaction as its event', async () => {
    const h = await taken(NORDIC); // Erik prefers e-mail
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['eta', '1', '+3h'])).toBe(0); // no HD_SMTP_URL: it waits in the outbox
    expect(h.stdout()).toContain('client told by e-mail once it is delivered');
    expect((await tell(h)).tellKind).toBe('eta');
    const server = await smtp();
    h.ctx.env = { HD_SMTP_URL: server.url };
    h.setNow('2026-11-25T09:15:00Z');
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(server.received.map((r) => r.mail.subject)).toContain(
      'Ticket HD-000001: estimated time to fix 25 November 2026 at 15:10',
    );
    expect(await tell(h)).toEqual(NOTHING);
    const delivered = (await timeline(h)).filter((e) => e.payload.status === 'sent' && e.payload.told);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.payload).toMatchObject({ notice: 'eta', told: 'eta' });
  });

  it('an e-mail written before the notice became owed does not clear it', async () => {
    const h = await taken(BANK); // Andrei prefers both
    h.setNow('2026-11-25T09:05:00Z');
    expect(await h.run(['notify', '1', 'update', '--via', 'email'])).toBe(0); // queued, no SMTP
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', 'no-answer'])).toBe(0);
    const server = await smtp();
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run(['outbox', 'send'])).toBe(0);
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Заявка HD-000001 принята: Warehouse link down',
      'Заявка HD-000001: ход работ',
    ]);
    expect((await tell(h)).tellKind).toBe('eta');
  });

  it('via both: a missed call but a delivered e-mail tells the client', async () => {
    const h = await taken(BANK);
    const server = await smtp();
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run(['eta', '1', '+3h', '--via', 'both', '--outcome', 'no-answer'])).toBe(0);
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Заявка HD-000001: ориентировочное время устранения 25 ноября 2026 г. в 15:00',
    ]);
    expect(await tell(h)).toEqual(NOTHING);
  });
});

describe('without a person, a phone notice needs --outcome', () => {
  it.each([
    [['eta', '1', '+3h']],
    [['eta', '1', '+3h', '--via', 'both']],
    [['resolve', '1', '--summary', 'fixed', '--zone', 'cpe']],
    [['notify', '1', 'update', '--via', 'phone']],
    [['log', '1', 'call', 'rang the client']],
    [['log', '1', 'call', 'the client rang us', '--direction', 'in']],
  ])('hd %s: exit 2 naming --outcome, nothing written, nothing shown', async (args) => {
    const h = await taken();
    const before = await countRows(h.store);
    const row = await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1');
    expect(await h.run(args)).toBe(2);
    expect(h.stderr()).toMatch(
      /Missing .*--outcome reached\|no-answer\|busy\|voicemail\|wrong-number.*\(not prompting: no terminal, or --no-input\)/,
    );
    expect(h.stdout()).toBe('');
    expect(await countRows(h.store)).toEqual(before);
    expect(await dbRow(h.store, 'SELECT * FROM tickets WHERE id = 1')).toEqual(row);
  });

  it('one error names every missing flag of hd extend', async () => {
    const h = await taken();
    await h.run(['eta', '1', '+3h', '--outcome', 'reached']);
    expect(await h.run(['extend', '1', '--by', '1h'])).toBe(2);
    expect(h.stderr()).toMatch(/Missing --reason TEXT, --outcome reached\|/);
  });

  it('--outcome without a call is a usage error', async () => {
    const h = await taken();
    expect(await h.run(['eta', '1', '+3h', '--via', 'email', '--outcome', 'reached'])).toBe(2);
    expect(h.stderr()).toContain('--outcome is how a call went, but this notice goes by email');
    expect(await h.run(['notify', '1', 'update', '--via', 'email', '--outcome', 'reached'])).toBe(2);
    expect(h.stderr()).toContain('--outcome is how a call went; it goes with --via phone or both');
  });

  it('--outcome with --no-notify contradicts itself: refused, nothing written', async () => {
    const h = await taken();
    const before = await countRows(h.store);
    expect(
      await h.run(['eta', '1', '+30m', '--outcome', 'reached', '--no-notify', '--skip-reason', 't']),
    ).toBe(2);
    expect(h.stderr()).toContain(
      '--outcome says how a call to the client went, and --no-notify says there was none',
    );
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('on a terminal', () => {
  it('the call script and the number to dial are shown before the outcome is asked', async () => {
    const h = await taken();
    h.ctx.io.isInteractive = true;
    let shownBeforeQuestion = '';
    const script = [
      {
        ask: 'The call to the client: how did it go?',
        answer: () => {
          shownBeforeQuestion = h.stderr();
          return 'busy';
        },
      },
    ];
    expect(await h.run(['eta', '1', '+3h'], { script })).toBe(0);
    expect(shownBeforeQuestion).toContain('Call Sergei Marchenko on +375');
    expect(shownBeforeQuestion).toContain('about HD-000001; the script:');
    expect(shownBeforeQuestion).toMatch(/│ .*сегодня в 15:00/); // the ETA it is about to set, as said
    expect(h.stderr().match(/the script:|Call script for/g)).toHaveLength(1); // not shown twice
    expect((await timeline(h)).at(-1)!.payload).toMatchObject({ notice: 'eta', outcome: 'busy' });
  });

  it('extend and resolve ask their question, then the outcome after the script that quotes the answer', async () => {
    const h = await taken();
    await h.run(['eta', '1', '+3h', '--outcome', 'reached']);
    h.ctx.io.isInteractive = true;
    let shown = '';
    expect(
      await h.run(['extend', '1', '--by', '1h'], {
        script: [
          { ask: 'Why does it take longer?', answer: 'the splice crew is stuck in traffic' },
          {
            ask: 'how did it go?',
            answer: () => {
              shown = h.stderr();
              return 'reached';
            },
          },
        ],
      }),
    ).toBe(0);
    expect(shown).toContain('the splice crew is stuck in traffic');
    expect(
      await h.run(['resolve', '1', '--zone', 'cpe'], {
        script: [
          { ask: 'What was done to restore the service?', answer: 'replaced the power adapter' },
          {
            ask: 'how did it go?',
            answer: () => {
              shown = h.stderr();
              return 'wrong-number';
            },
          },
        ],
      }),
    ).toBe(0);
    expect(shown).toContain('replaced the power adapter');
    expect((await tell(h)).tellKind).toBe('restored');
  });

  it('the outcome question starts on no outcome: Enter alone records nothing and asks again', async () => {
    const h = await taken();
    h.ctx.io.isInteractive = true;
    const script: Step[] = [
      { ask: 'how did it go?', answer: ENTER },
      { ask: 'how did it go?', answer: 'no-answer' },
    ];
    expect(await h.run(['eta', '1', '+3h'], { script })).toBe(0);
    const first = h.prompter.selects[0]!;
    expect(first.choices[0]!.name).toBe('— choose —');
    expect(first.default).toBe(first.choices[0]!.value);
    expect(h.stderr()).toContain('Choose how the call went');
    const calls = (await timeline(h)).filter((e) => e.kind === 'call');
    expect(calls.map((e) => e.payload.outcome)).toEqual(['no-answer']);
    expect((await tell(h)).tellKind).toBe('eta'); // nobody was reached: still owed
  });

  it('in Russian, Enter on «— выберите —» in hd log … call records no reached call', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan', lang: 'ru', terminal: 80 });
    expect(await h.run(openArgs(EVROOPT, 'Warehouse link down'))).toBe(0);
    expect(await h.run(['take', '1'])).toBe(0);
    h.ctx.io.isInteractive = true;
    const script: Step[] = [
      { ask: 'Чем закончился звонок:', answer: ENTER },
      { ask: 'Чем закончился звонок:', answer: 'занято' },
    ];
    expect(await h.run(['log', '1', 'call', 'Звонили Сергею', '--direction', 'out'], { script })).toBe(0);
    expect(h.prompter.selects[0]!.choices[0]!.name).toBe('— выберите —');
    expect(h.stderr()).toContain('пока не выбрано, ничего не записано');
    expect((await timeline(h)).at(-1)!.payload).toMatchObject({ direction: 'out', outcome: 'busy' });
  });

  it('hd log … call asks the outcome of an incoming call too', async () => {
    const h = await taken();
    h.ctx.io.isInteractive = true;
    const script = [{ ask: 'Outcome of the call:', answer: 'reached' }];
    expect(await h.run(['log', '1', 'call', 'Sergei called', '--direction', 'in'], { script })).toBe(0);
    expect((await timeline(h)).at(-1)!.payload).toMatchObject({ direction: 'in', outcome: 'reached' });
  });

  it.each([
    ['hd eta on a ticket with an ETA', ['eta', '1', '+5h'], 1, /already has an ETA/],
    ['hd extend on a ticket without one', ['extend', '2', '--by', '1h'], 1, /has no ETA yet/],
    ['hd extend to an earlier time', ['extend', '1', '--to', '10:00'], 2, /not later than the current/],
    ['hd resolve without a zone', ['resolve', '2'], 1, /no fault zone yet/],
    ['hd close before resolve', ['close', '2'], 1, /in progress and cannot move to closed/],
    ['hd log on a closed ticket', ['log', '3', 'call'], 1, /closed; its log is final/],
    ['hd notify of an ETA never set', ['notify', '2', 'eta', '--via', 'phone'], 1, /has no ETA yet/],
    ['hd eta on a missing ticket', ['eta', '9', '+1h'], 1, /no ticket HD-000009/],
  ])('%s is refused before any question', async (_name, args, code, message) => {
    const h = await taken();
    await h.run(['eta', '1', '+3h', '--outcome', 'reached']);
    await h.run(openArgs(EVROOPT, 'second')); // HD-000002, in progress, no ETA, no zone
    await h.run(['take', '2']);
    await h.run(openArgs(EVROOPT, 'third')); // HD-000003, closed
    await h.run(['take', '3']);
    await h.run(['resolve', '3', '--summary', 'x', '--zone', 'cpe', '--outcome', 'reached']);
    await h.run(['close', '3', '--confirmed-by', 'S', '--via', 'phone']);
    h.ctx.io.isInteractive = true;
    const before = await countRows(h.store);
    // The scripted prompter fails the test on any question: none may come before the refusal.
    expect(await h.run(args as string[], { script: [] })).toBe(code);
    expect(h.stderr()).toMatch(message as RegExp);
    expect(h.prompter.asked).toEqual([]);
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('hd open', () => {
  it('names the call-back day when it is not the client’s today (business hours, Friday evening), in en and ru', async () => {
    const h = await harness({ now: '2026-11-27T16:00:00Z' }); // Friday 19:00 in Minsk
    expect(await h.run(openArgs(NORDIC, 'Internet down in the office'))).toBe(0);
    expect(h.stdout()).toContain(
      'Tell the client: "Your ticket number is HD-000001. We will call you back on Monday by 10:00."',
    );
    const cafe = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak', '--service', 'MSK-BB-10442'];
    expect(await h.run(openArgs(cafe, 'Нет интернета в кафе'))).toBe(0);
    expect(h.stdout()).toContain('«Номер вашей заявки HD-000002. Мы перезвоним вам в понедельник до 10:00.»');
    h.setNow('2026-11-27T08:00:00Z'); // Friday 11:00: today, so the time alone
    expect(await h.run(openArgs(NORDIC, 'Again'))).toBe(0);
    expect(h.stdout()).toContain('We will call you back by 12:00."');
  });

  it('--json sends the e-mail as plain hd open does, with nothing but the JSON on stdout', async () => {
    const server = await smtp();
    const h = await harness({ now: '2026-11-25T09:00:00Z' });
    h.ctx.env = { HD_SMTP_URL: server.url };
    expect(await h.run([...openArgs(NORDIC, 'Internet down in the office'), '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({ number: 'HD-000001' });
    expect(server.received.map((r) => r.mail.subject)).toEqual([
      'Ticket HD-000001 opened: Internet down in the office',
    ]);
    expect(h.stderr()).toContain('E-mail sent to');
    expect(await h.run(['outbox', 'list', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).map((m: { status: string }) => m.status)).toEqual(['sent']);
  });
});

describe('the hand-over lists every client waiting for a call', () => {
  it('news owed (an ETA nobody heard) beside the first call-back still due, earliest first', async () => {
    const h = await taken(); // HD-000001: responded at 09:00
    expect(await h.run(openArgs(EVROOPT, 'Second site slow'))).toBe(0); // HD-000002: response due 09:30
    h.setNow('2026-11-25T09:05:00Z');
    expect(await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', 'no-answer'])).toBe(0); // owed by 09:35
    h.setNow('2026-11-25T09:10:00Z');
    expect(await h.run(['handover'])).toBe(0);
    const text = h.stdout();
    expect(text).toContain('Waiting for a call-back (2)');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Waiting for a call-back'));
    expect(lines[at + 2]).toMatch(/^ {2}HD-000002 P1 acknowledged .*\(response due 2026-11-25 12:30\)$/);
    expect(lines[at + 3]).toMatch(
      /^ {2}HD-000001 P1 in progress .*\(client not yet told: the ETA, due 2026-11-25 12:35\)$/,
    );
    expect(await h.run(['handover', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).waitingForCallBack).toEqual([
      expect.objectContaining({
        ticket: 'HD-000002',
        owed: 'response',
        due: '2026-11-25T09:30:00.000Z',
        responseDue: '2026-11-25T09:30:00.000Z',
      }),
      expect.objectContaining({
        ticket: 'HD-000001',
        owed: 'eta',
        due: '2026-11-25T09:35:00.000Z',
        tellSince: '2026-11-25T09:05:00.000Z',
      }),
    ]);
  });
});

describe('hd show says whether the ETA reached the client', () => {
  it.each([
    ['no-answer', 'not yet told'],
    ['reached', 'told to the client'],
  ])('a call %s: %s', async (outcome, said) => {
    const h = await taken();
    expect(await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', outcome])).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toMatch(new RegExp(`\\n {2}ETA +2026-11-25 15:00 \\(in 3h, ${said}\\)\\n`));
    expect(h.stdout()).not.toContain('ETA told to client');
  });

  it('an e-mail only queued has not told the client', async () => {
    const h = await taken(NORDIC);
    expect(await h.run(['eta', '1', '+3h'])).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    expect(h.stdout()).toContain('(in 3h, not yet told)');
  });
});

describe('hd log … call on a terminal', () => {
  it.each([
    [[], 'Call Sergei Marchenko on +375'],
    [['--direction', 'in'], 'Call from Sergei Marchenko (+375'],
  ])('%j: who and which number are shown before the outcome is asked', async (extra, said) => {
    const h = await taken();
    h.ctx.io.isInteractive = true;
    let shownBeforeQuestion = '';
    const script = [
      {
        ask: 'Outcome of the call:',
        answer: () => {
          shownBeforeQuestion = h.stderr();
          return 'no-answer';
        },
      },
    ];
    expect(await h.run(['log', '1', 'call', 'rang about the line', ...extra], { script })).toBe(0);
    expect(shownBeforeQuestion).toContain(said);
    expect(shownBeforeQuestion).toContain('about HD-000001');
  });
});

describe('the timeline says a call once', () => {
  it('a notice call is not repeated in brackets; a logged call keeps its party and outcome', async () => {
    const h = await taken();
    h.setNow('2026-11-25T09:05:00Z');
    expect(await h.run(['eta', '1', '+3h', '--via', 'phone', '--outcome', 'no-answer'])).toBe(0);
    expect(await h.run(['log', '1', 'call', 'rang again', '--outcome', 'busy'])).toBe(0);
    expect(await h.run(['show', '1'])).toBe(0);
    const out = h.stdout();
    expect(out).toMatch(/Phone \(eta\) to Sergei Marchenko: no-answer\n/);
    expect(out).not.toContain('[to Sergei Marchenko, no-answer]');
    expect(out).toContain('rang again [to Sergei Marchenko, busy]');
  });
});

describe('a call before the response is met', () => {
  it('an incoming reached call is recorded but starts no update clock; the take starts it', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan' });
    expect(await h.run(openArgs(EVROOPT, 'Warehouse link down'))).toBe(0);
    h.setNow('2026-11-25T09:40:00Z');
    expect(
      await h.run(['log', '1', 'call', 'client called in', '--direction', 'in', '--outcome', 'reached']),
    ).toBe(0);
    let t = await getTicket(h.store, 1);
    expect(t).toMatchObject({ respondedAt: null, lastUpdateAt: at('2026-11-25T09:40:00Z') });
    expect(t.deadlines.update).toBeNull();
    h.setNow('2026-11-25T09:50:00Z');
    expect(await h.run(['take', '1'])).toBe(0);
    t = await getTicket(h.store, 1);
    expect(t.respondedAt).toBe(at('2026-11-25T09:50:00Z'));
    expect(t.deadlines.update).not.toBeNull();
  });

  it('an outbound reached call meets the response and starts the update clock', async () => {
    const h = await harness({ now: '2026-11-25T09:00:00Z', operator: 'ivan' });
    expect(await h.run(openArgs(EVROOPT, 'Warehouse link down'))).toBe(0);
    h.setNow('2026-11-25T09:10:00Z');
    expect(
      await h.run(['log', '1', 'call', 'called back', '--direction', 'out', '--outcome', 'reached']),
    ).toBe(0);
    const t = await getTicket(h.store, 1);
    expect(t.respondedAt).toBe(at('2026-11-25T09:10:00Z'));
    expect(t.deadlines.update).toBeGreaterThan(at('2026-11-25T09:10:00Z'));
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { countRows, dbValue, harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';
import { BACK, ENTER, type Step } from '../helpers/prompter.ts';

const flags = openArgs(BANK, 'VPN down at HQ', { since: '14:20' }).slice(1);

/** The whole questionnaire as an operator answers it. */
const interview: Step[] = [
  { ask: 'Client', term: 'Zhuk', answer: 'Minsk Clinical Hospital' },
  { ask: 'Who is calling', answer: 'Tatsiana Zhuk' },
  { ask: 'Which service', answer: 'MSK-VOICE-00731' },
  { ask: 'Since when', answer: 'since 07:40' },
  { ask: 'What exactly fails', answer: 'Voice quality' },
  { ask: 'How many sites', answer: 'One site' },
  { ask: 'powered on', answer: 'Yes' },
  { ask: 'link lights', answer: 'Steady on' },
  { ask: 'rebooted', answer: 'not asked' },
  { ask: 'What still works', answer: 'Internet works' },
  { ask: 'site access', answer: '' },
  { ask: 'Impact', answer: 'degraded' },
  { ask: 'Urgency', answer: 'high' },
  { ask: 'Priority P2 from the matrix. Keep it?', answer: true },
  { ask: 'One-line summary', answer: 'SIP trunk: one-way audio' },
  { ask: 'Description', answer: 'Half the calls have one-way audio since 07:40.' },
  { ask: 'Save this ticket?', answer: 'Save' },
];

describe('hd open, scripted with flags', () => {
  it('creates HD-000001 acknowledged, with deadlines, an opened event holding every answer, and what to say', async () => {
    const h = await harness({ now: '2026-11-25T11:00:00Z' });
    expect(await h.run(['open', ...flags, '--json'])).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t).toMatchObject({
      number: 'HD-000001',
      status: 'acknowledged',
      priority: 'P1',
      client: { name: 'Belagroprombank HQ', contractNo: 'C-2021-0147' },
      contact: { name: 'Andrei Kovalenko', phone: '+375296112487' },
      service: { serviceId: 'MSK-IPVPN-00412' },
      openedAt: '2026-11-25T11:00:00.000Z',
      answers: { since: '14:20', symptom: 'no-service', scope: 'one-site' },
      profile: { name: 'premium-24x7', version: 1 },
    });
    // premium-24x7 P1: response 15m, restore 2h.
    expect(t.deadlines.response).toMatchObject({ due: '2026-11-25T11:15:00.000Z', state: 'due' });
    expect(t.deadlines.restore.due).toBe('2026-11-25T13:00:00.000Z');
    expect(t.timeline).toHaveLength(3);
    expect(t.timeline[0]).toMatchObject({ kind: 'opened', actor: 'olga', text: 'VPN down at HQ' });
    // Andrei prefers phone and e-mail: told on the call, and the number queued by e-mail.
    expect(t.timeline[1]).toMatchObject({
      kind: 'notification',
      text: 'Ticket number told to Andrei Kovalenko on the call',
    });
    expect(t.timeline[2]).toMatchObject({
      kind: 'notification',
      payload: { channel: 'email', notice: 'opened', status: 'queued', to: 'a.kovalenko@bapb-demo.by' },
    });
    expect(t.timeline[0].payload).toMatchObject({
      impact: 'down',
      urgency: 'high',
      answers: { scope: 'one-site' },
    });

    expect(await h.run(['open', ...flags])).toBe(0);
    expect(h.stdout()).toContain('HD-000002 opened: P1');
    expect(h.stdout()).toContain('«Номер вашей заявки HD-000002. Мы перезвоним вам до 14:15.»');
  });

  it('adds a new caller to the client, with the phone in E.164', async () => {
    const h = await harness();
    const args = flags.map((f) => (f === 'Andrei Kovalenko' ? 'Pavel Novy' : f));
    expect(await h.run(['open', ...args, '--phone', '8 029 555-12-34', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).contact).toMatchObject({ name: 'Pavel Novy', phone: '+375295551234' });
    expect(await dbValue(h.store, "SELECT COUNT(*) FROM contacts WHERE name = 'Pavel Novy'")).toBe(1);
  });

  it('finds the client and contact by the caller phone alone', async () => {
    const h = await harness();
    const args = flags.slice(4); // no --client, no --contact
    expect(args[0]).toBe('--service');
    expect(await h.run(['open', ...args, '--phone', '+375 29 611-24-87', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).contact.name).toBe('Andrei Kovalenko');
  });

  it('finds the client from part of the caller phone, as an operator types it', async () => {
    const h = await harness({ interactive: true });
    const script = [
      { ask: 'Client', term: '029 611', answer: 'Belagroprombank' },
      { ask: 'Who is calling', answer: 'Andrei Kovalenko' },
      { ask: 'Which service', answer: 'MSK-IPVPN-00412' },
    ];
    const flags = [
      '--impact',
      'down',
      '--urgency',
      'high',
      '--summary',
      'x',
      '--answer',
      'since=now',
      '--answer',
      'symptom=no-service',
      '--answer',
      'scope=one-site',
      '--answer',
      'cpePower=yes',
      '--answer',
      'linkLights=on',
      '--answer',
      'rebooted=no',
      '--answer',
      'worksOnSite=n/a',
      '--answer',
      'access=guard',
    ];
    expect(
      await h.run(['open', ...flags, '--json'], {
        script: [...script, { ask: 'Save this ticket?', answer: 'Save' }],
      }),
    ).toBe(0);
    expect(JSON.parse(h.stdout()).client.name).toBe('Belagroprombank HQ');
  });

  it('keeps an override and its reason', async () => {
    const h = await harness();
    const args = flags.map((f) => (f === 'down' ? 'none' : f === 'high' ? 'low' : f));
    expect(
      await h.run([
        'open',
        ...args,
        '--priority',
        'p2',
        '--priority-reason',
        'bank branch opening day',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      priority: 'P2',
      matrixPriority: 'P4',
      priorityReason: 'bank branch opening day',
    });
  });

  it('reads the description from stdin with "-"', async () => {
    const h = await harness();
    expect(
      await h.run(['open', ...flags, '--description', '-', '--json'], { stdin: 'line one\nline two\n' }),
    ).toBe(0);
    expect(JSON.parse(h.stdout()).description).toBe('line one\nline two');
  });

  it('links a related ticket both ways', async () => {
    const h = await harness();
    await h.run(['open', ...flags]);
    expect(await h.run(['open', ...flags, '--related', 'HD-000001', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout()).relatedTo).toBe('HD-000001');
    await h.run(['show', '1', '--json']);
    const first = JSON.parse(h.stdout());
    expect(first.related).toEqual([
      { number: 'HD-000002', status: 'acknowledged', summary: 'VPN down at HQ' },
    ]);
    expect(first.timeline.at(-1)).toMatchObject({ kind: 'related' });
  });
});

describe('hd open refuses bad input and writes nothing', () => {
  const cases: [string, string[], number, RegExp][] = [
    [
      'names every missing flag',
      ['open', '--client', 'C-2021-0147'],
      2,
      /Missing --contact, --service, --impact, --urgency, --summary, --answer since=…/,
    ],
    [
      'unknown client',
      ['open', ...flags.map((f) => (f === 'C-2021-0147' ? 'C-0000' : f))],
      1,
      /No client matches "C-0000"/,
    ],
    [
      'unknown contact without phone',
      ['open', ...flags.map((f) => (f === 'Andrei Kovalenko' ? 'Nobody' : f))],
      2,
      /"Nobody" is not a contact.*--phone/,
    ],
    [
      'unknown service',
      ['open', ...flags.map((f) => (f === 'MSK-IPVPN-00412' ? 'MSK-NOPE' : f))],
      1,
      /has no service "MSK-NOPE".*MSK-DIA-01877/,
    ],
    ['invalid phone', ['open', ...flags, '--phone', '12345'], 1, /"12345" is not a valid phone number/],
    ['invalid e-mail', ['open', ...flags, '--email', 'noc@'], 1, /not a valid e-mail/],
    [
      'empty summary',
      ['open', ...flags.map((f) => (f === 'VPN down at HQ' ? '   ' : f))],
      2,
      /summary cannot be empty/,
    ],
    [
      'unknown impact',
      ['open', ...flags.map((f) => (f === 'down' ? 'dead' : f))],
      2,
      /Unknown impact "dead".*down, degraded/,
    ],
    [
      'unknown urgency',
      ['open', ...flags.map((f) => (f === 'high' ? 'asap' : f))],
      2,
      /Unknown urgency "asap"/,
    ],
    [
      'unknown priority',
      ['open', ...flags, '--priority', 'P7', '--priority-reason', 'x'],
      2,
      /Unknown priority "P7"/,
    ],
    [
      'override without reason',
      ['open', ...flags, '--priority', 'P3'],
      2,
      /needs a reason: add --priority-reason/,
    ],
    ['unknown answer key', ['open', ...flags, '--answer', 'colour=red'], 2, /does not name a question/],
    ['unknown related ticket', ['open', ...flags, '--related', '999'], 1, /no ticket HD-000999/],
    [
      'bad channel',
      ['open', ...flags, '--channel', 'pigeon'],
      2,
      /Allowed choices are phone, email, portal, monitoring/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, code, message) => {
    const h = await harness();
    const before = await countRows(h.store);
    expect(await h.run(args)).toBe(code);
    expect(h.stderr()).toMatch(message);
    expect(h.stdout()).toBe('');
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('hd open, interactive', () => {
  it('the database gone at save time: nothing written, every answer printed as a command that opens it later', async () => {
    const h = await harness({ interactive: true, now: '2026-11-25T05:00:00Z' });
    const before = await countRows(h.store);
    const tx = h.store.tx.bind(h.store);
    h.store.tx = () =>
      Promise.reject(
        new StoreUnavailable(
          'cannot reach the central database at db:5432 (the server closed the connection) — check HD_DB or the network.',
        ),
      );
    expect(await h.run(['open'], { script: interview })).toBe(1);
    const said = h.stderr();
    expect(said).toMatch(/cannot reach the central database at db:5432/);
    // The command on a line of its own, after the error and the sentence that introduces it.
    expect(said).toContain(
      '(the server closed the connection) — check HD_DB or the network. Nothing was saved. Every answer, ready to run again once the database answers:\n  hd open --client ',
    );
    expect(await countRows(h.store)).toEqual(before);
    const command = said
      .split('\n')
      .find((l) => l.startsWith('  hd open '))!
      .trim();
    expect(command).toContain("--summary 'SIP trunk: one-way audio'");
    // The printed command, split as a shell splits it, opens the same ticket without a question.
    const words = execFileSync('sh', ['-c', `set -- ${command.slice(3)}; printf '%s\\0' "$@"`], {
      encoding: 'utf8',
    })
      .split('\0')
      .filter((w) => w !== '');
    h.store.tx = tx;
    h.ctx.io.isInteractive = false;
    expect(await h.run([...words, '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      priority: 'P2',
      client: { name: 'Minsk Clinical Hospital No. 6' },
      contact: { name: 'Tatsiana Zhuk' },
      service: { serviceId: 'MSK-VOICE-00731' },
      summary: 'SIP trunk: one-way audio',
      answers: { since: 'since 07:40', symptom: 'voice', scope: 'one-site' },
    });
  });

  it('the command printed when saving fails keeps every flag given: it runs again without refusal', async () => {
    const h = await harness({ interactive: true, now: '2026-11-25T05:00:00Z' });
    h.ctx.io.isInteractive = false;
    expect(await h.run(openArgs(BANK, 'VPN down at HQ'))).toBe(0);
    h.ctx.io.isInteractive = true;
    const given = [
      ...openArgs(
        [
          '--client',
          'C-2021-0147',
          '--contact',
          'Olga New',
          '--phone',
          '+375 29 611 00 00',
          '--email',
          'olga@example.by',
          '--prefer',
          'email',
          '--service',
          'MSK-IPVPN-00412',
        ],
        "Branch VPN: Olga's site",
        { duplicateOk: false },
      ),
      '--duplicate-ok',
      'the branch, not HQ',
      '--related',
      '1',
      '--priority',
      'P1',
      '--priority-reason',
      'bank branch closed',
      '--channel',
      'email',
      '--no-notify',
      '--skip-reason',
      'told on the phone already',
    ];
    const tx = h.store.tx.bind(h.store);
    h.store.tx = () => Promise.reject(new StoreUnavailable('cannot reach the central database at db:5432.'));
    const rest = interview.slice(
      interview.findIndex((s) => s.ask === 'powered on'),
      interview.findIndex((s) => s.ask === 'Impact'),
    );
    expect(await h.run(given, { script: [...rest, { ask: 'Save this ticket?', answer: 'Save' }] })).toBe(1);
    const command = h
      .stderr()
      .split('\n')
      .find((l) => l.startsWith('  hd open '))!
      .trim();
    for (const flag of [
      "--duplicate-ok 'the branch, not HQ'",
      '--related 1',
      "--priority P1 --priority-reason 'bank branch closed'",
      "--no-notify --skip-reason 'told on the phone already'",
      '--channel email',
      '--phone +375296110000 --email olga@example.by --prefer email',
    ]) {
      expect(command).toContain(flag);
    }
    const words = execFileSync('sh', ['-c', `set -- ${command.slice(3)}; printf '%s\\0' "$@"`], {
      encoding: 'utf8',
    })
      .split('\0')
      .filter((w) => w !== '');
    h.store.tx = tx;
    h.ctx.io.isInteractive = false;
    expect(await h.run([...words, '--json']), h.stderr()).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      number: 'HD-000002',
      priority: 'P1',
      channel: 'email',
      contact: { name: 'Olga New', email: 'olga@example.by' },
    });
  });

  it('runs the questionnaire in order and saves after the summary screen', async () => {
    const h = await harness({ interactive: true, now: '2026-11-25T05:00:00Z' });
    expect(await h.run(['open', '--json'], { script: interview })).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t).toMatchObject({
      priority: 'P2',
      client: { name: 'Minsk Clinical Hospital No. 6' },
      contact: { name: 'Tatsiana Zhuk' },
      service: { serviceId: 'MSK-VOICE-00731' },
      summary: 'SIP trunk: one-way audio',
      answers: {
        since: 'since 07:40',
        symptom: 'voice',
        scope: 'one-site',
        cpePower: 'yes',
        linkLights: 'on',
        worksOnSite: 'Internet works',
      },
    });
    expect(t.answers.rebooted).toBeUndefined();
    expect(h.stderr()).toContain('New ticket');
  });

  it('asks only what the flags did not give', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'powered on', answer: 'No' },
      { ask: 'link lights', answer: 'Off' },
      { ask: 'rebooted', answer: 'Yes' },
      { ask: 'What still works', answer: '' },
      { ask: 'site access', answer: 'Guard at gate 2, 24h' },
      { ask: 'Save this ticket?', answer: 'Save' },
    ];
    expect(await h.run(['open', ...flags, '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).answers).toMatchObject({ cpePower: 'no', access: 'Guard at gate 2, 24h' });
  });

  it('the interview holds each answer to its limit and asks again (a 1,001-character answer is refused)', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = interview.map((step) =>
      step.ask === 'Since when' ? { ...step, answer: 'x'.repeat(1001) } : step,
    );
    // The scripted prompter turns a refused answer (which a terminal would ask again) into an error.
    await expect(h.run(['open', '--json'], { script })).rejects.toThrow(
      'rejected: The answer is 1001 characters long; the limit is 1000.',
    );
  });

  it.each([
    ['a NUL', 'SIP\u0000trunk', 'The summary contains a NUL byte'],
    ['broken UTF-8', 'SIP \ufffd trunk', 'The summary is not valid UTF-8'],
    ['201 characters', 'x'.repeat(201), 'The summary is 201 characters long; the limit is 200'],
  ])('a typed summary is held to the rules of --summary: %s', async (_name, answer, message) => {
    const h = await harness({ interactive: true });
    const script: Step[] = interview.map((step) =>
      step.ask === 'One-line summary' ? { ...step, answer } : step,
    );
    await expect(h.run(['open', '--json'], { script })).rejects.toThrow(`rejected: ${message}`);
  });

  it('goes back from the summary screen to change an answer, and can override the priority', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...interview.slice(0, -1),
      { ask: 'Save this ticket?', answer: 'Change impact' },
      { ask: 'Impact', answer: 'down' },
      { ask: 'Urgency', answer: 'low' },
      { ask: 'Priority P2 from the matrix. Keep it?', answer: false },
      { ask: 'Priority:', answer: 'P1' },
      { ask: 'Why does it differ', answer: 'hospital emergency line' },
      { ask: 'Save this ticket?', answer: 'Save' },
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      impact: 'down',
      urgency: 'low',
      priority: 'P1',
      priorityReason: 'hospital emergency line',
    });
  });

  it('adds a new caller during the call', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      interview[0]!,
      { ask: 'Who is calling', answer: 'Someone else' },
      { ask: 'Caller name', answer: 'Dr. Ivan Belsky' },
      { ask: 'Phone', answer: '029 700-00-01' },
      { ask: 'E-mail', answer: '' },
      // With only a phone, the calls are the only way: not asked.
      ...interview.slice(2),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).contact).toMatchObject({
      name: 'Dr. Ivan Belsky',
      phone: '+375297000001',
      email: null,
    });
  });

  it('Ctrl-C in the middle saves nothing and exits 130', async () => {
    const h = await harness({ interactive: true });
    const before = await countRows(h.store);
    const script: Step[] = [
      ...interview.slice(0, 5),
      {
        ask: 'How many sites',
        answer: () => {
          throw new CancelledError();
        },
      },
    ];
    expect(await h.run(['open'], { script })).toBe(130);
    expect(h.stderr()).toContain('Cancelled: nothing was saved.');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('"Cancel" on the summary screen saves nothing', async () => {
    const h = await harness({ interactive: true });
    const before = await countRows(h.store);
    expect(
      await h.run(['open'], {
        script: [
          ...interview.slice(0, -1),
          { ask: 'Save this ticket?', answer: 'Discard' },
          { ask: 'Discard this intake?', answer: true },
        ],
      }),
    ).toBe(130);
    expect(await countRows(h.store)).toEqual(before);
  });
});

describe('hd open on a live call: nothing lost, nothing invented', () => {
  /** Steps of `interview` from the one asking `from` up to (not including) the one asking `to`. */
  const between = (from: string, to?: string) =>
    interview.slice(
      interview.findIndex((s) => s.ask === from),
      to === undefined ? undefined : interview.findIndex((s) => s.ask === to),
    );

  it('Discard on the summary screen asks first: "No" keeps the intake, which is then saved', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...interview.slice(0, -1),
      { ask: 'Save this ticket?', answer: 'Discard' },
      { ask: 'Discard this intake?', answer: ENTER }, // Enter keeps it: the default is No
      { ask: 'Save this ticket?', answer: 'Save' },
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).summary).toBe('SIP trunk: one-way audio');
  });

  it('the summary screen does not loop: ↑ on "Save" stays there instead of landing on "Discard"', async () => {
    const h = await harness({ interactive: true });
    expect(await h.run(['open', '--json'], { script: interview })).toBe(0);
    expect(h.prompter.selects.filter((s) => s.message === 'Save this ticket?').map((s) => s.loop)).toEqual([
      false,
    ]);
  });

  it('Esc goes back to the previous question, which keeps its answer as the default', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...between('Client', 'How many sites'),
      { ask: 'How many sites', answer: BACK },
      { ask: 'What exactly fails', answer: 'Packet loss' }, // corrected
      { ask: 'How many sites', answer: BACK },
      { ask: 'What exactly fails', answer: BACK },
      { ask: 'Since when', answer: ENTER }, // the earlier answer stands
      { ask: 'What exactly fails', answer: ENTER },
      ...between('How many sites'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).answers).toMatchObject({ since: 'since 07:40', symptom: 'packet-loss' });
    const fails = h.prompter.selects.filter((s) => s.message === 'What exactly fails?');
    expect(fails.map((s) => s.default)).toEqual([fails[0]!.default, 'voice', 'packet-loss', 'packet-loss']);
  });

  it('the back choice of a select goes back too, over a question that asked nothing (the only service)', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'Client', term: 'Nordic', answer: 'Nordic Software' },
      { ask: 'Who is calling', answer: 'Erik' },
      // The only service is taken without a question: back from the first question is the caller.
      { ask: 'Since when', answer: 'an hour ago' },
      { ask: 'What exactly fails', answer: '← back' },
      { ask: 'Since when', answer: BACK },
      { ask: 'Who is calling', answer: BACK },
      { ask: 'Client', term: 'Nordic', answer: 'Nordic Software' },
      { ask: 'Who is calling', answer: ENTER },
      { ask: 'Since when', answer: ENTER },
      { ask: 'What exactly fails', answer: 'Slow' },
      ...between('How many sites'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      contact: { name: 'Erik Lindqvist' },
      service: { serviceId: 'MSK-DIA-03145' },
      answers: { since: 'an hour ago', symptom: 'slow' },
    });
  });

  it('Esc on the first question of a change made from the summary screen returns to it unchanged', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...interview.slice(0, -1),
      { ask: 'Save this ticket?', answer: 'Change the client' },
      { ask: 'Client', term: 'Evroopt', answer: 'Evroopt' },
      { ask: 'Who is calling', answer: BACK },
      { ask: 'Client', answer: BACK },
      { ask: 'Save this ticket?', answer: 'Save' },
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      client: { name: 'Minsk Clinical Hospital No. 6' },
      contact: { name: 'Tatsiana Zhuk' },
      service: { serviceId: 'MSK-VOICE-00731' },
    });
  });

  it('Esc back to the client question keeps the client: the term it was found by, the client first; Enter keeps it', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...interview.slice(0, 2), // Zhuk → Minsk Clinical Hospital, Tatsiana Zhuk
      { ask: 'Which service', answer: BACK },
      { ask: 'Who is calling', answer: BACK },
      { ask: 'Client', answer: ENTER },
      { ask: 'Who is calling', answer: ENTER },
      ...between('Which service'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      client: { name: 'Minsk Clinical Hospital No. 6' },
      contact: { name: 'Tatsiana Zhuk' },
    });
    const back = h.prompter.searches[1]!;
    expect(back.initialValue).toBe('Zhuk');
    expect(back.choices[0]!.name).toContain('Minsk Clinical Hospital');
  });

  it('Esc back to the client keeps the whole term even when a lookup for a shorter one answered last', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ...interview[0]!, superseded: 'Zhu' }, // "Zhu" was looked up as "k" was typed; it answers late
      ...interview.slice(1, 2),
      { ask: 'Which service', answer: BACK },
      { ask: 'Who is calling', answer: BACK },
      { ask: 'Client', answer: ENTER },
      { ask: 'Who is calling', answer: ENTER },
      ...between('Which service'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(h.prompter.searches[1]!.initialValue).toBe('Zhuk');
  });

  it('going back to the client after choosing it from the whole list keeps it first, not the first client', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'Client', answer: 'Minsk Clinical Hospital' }, // nothing typed: picked from the list
      ...interview.slice(1, 2),
      { ask: 'Which service', answer: BACK },
      { ask: 'Who is calling', answer: BACK },
      { ask: 'Client', answer: ENTER },
      { ask: 'Who is calling', answer: ENTER },
      ...between('Which service'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).client.name).toBe('Minsk Clinical Hospital No. 6');
  });

  it('a fresh client question starts on no client: Enter with nothing typed opens nothing and asks again', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [{ ask: 'Client', answer: ENTER }, ...interview];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(h.prompter.searches[0]!.choices[0]!.name).toMatch(/^— type a name/);
    expect(h.stderr()).toContain('Type a name, contract, service ID or phone, then choose the client.');
    expect(JSON.parse(h.stdout()).client.name).toBe('Minsk Clinical Hospital No. 6');
  });

  it('the very first question offers no way back', async () => {
    const h = await harness({ interactive: true });
    await expect(h.run(['open'], { script: [{ ask: 'Client', answer: BACK }] })).rejects.toThrow(
      'offers no way back',
    );
  });

  it('Enter through the questions records nothing the client did not say; required choices and impact/urgency are refused', async () => {
    const h = await harness({ interactive: true, now: '2026-11-25T05:00:00Z' });
    const script: Step[] = [
      ...interview.slice(0, 3),
      { ask: 'Since when', answer: 'just now' },
      { ask: 'What exactly fails', answer: ENTER },
      { ask: 'What exactly fails', answer: 'No service' },
      { ask: 'How many sites', answer: ENTER },
      { ask: 'How many sites', answer: 'One site' },
      { ask: 'powered on', answer: ENTER },
      { ask: 'link lights', answer: ENTER },
      { ask: 'rebooted', answer: ENTER },
      { ask: 'What still works', answer: ENTER },
      { ask: 'site access', answer: ENTER },
      { ask: 'Impact', answer: ENTER },
      { ask: 'Impact', answer: ENTER },
      { ask: 'Impact', answer: 'degraded' },
      { ask: 'Urgency', answer: ENTER },
      { ask: 'Urgency', answer: 'low' },
      { ask: 'Keep it?', answer: ENTER },
      { ask: 'One-line summary', answer: 'No dial tone' },
      { ask: 'Description', answer: ENTER },
      { ask: 'Save this ticket?', answer: ENTER },
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    const t = JSON.parse(h.stdout());
    expect(t.answers).toEqual({ since: 'just now', symptom: 'no-service', scope: 'one-site' });
    expect(t).toMatchObject({ impact: 'degraded', urgency: 'low', priority: 'P3' });
    expect(h.stderr()).toContain('"Impact on the service" needs an answer');
    expect(h.stderr()).toContain('"Urgency for the client" needs an answer');
    expect(h.stderr()).toContain('"What exactly fails?" needs an answer');
    // Every choice question started on its neutral answer.
    for (const s of h.prompter.selects.filter((x) => x.message !== 'Save this ticket?'))
      expect(String(s.choices.find((c) => c.value === s.default)?.name)).toMatch(/^— /);
  });

  it('a client found by a contact’s phone preselects that contact, not the first one; its open tickets are shown', async () => {
    const h = await harness({ interactive: true, now: '2026-11-25T11:00:00Z' });
    h.ctx.io.isInteractive = false;
    expect(await h.run(['open', ...flags])).toBe(0); // Andrei's ticket, open
    h.ctx.io.isInteractive = true;
    const script: Step[] = [
      { ask: 'Client', term: '8 017 218-55-40', answer: 'Belagroprombank' }, // Olga's phone
      { ask: 'Who is calling', answer: ENTER },
      { ask: 'Which service', answer: 'MSK-DIA-01877' },
      ...between('Since when'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).contact.name).toBe('Olga Savitskaya');
    expect(h.stderr()).toMatch(/Open tickets of Belagroprombank HQ:\n {2}HD-000001 {2}P1 .*VPN down at HQ/);
    expect(h.stderr().indexOf('Open tickets')).toBeLessThan(h.stderr().indexOf('Since') + 1);
  });

  it('part of the phone, as heard, preselects the contact too', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'Client', term: '218 55 40', answer: 'Belagroprombank' },
      { ask: 'Who is calling', answer: ENTER },
    ];
    await expect(h.run(['open'], { script })).rejects.toThrow('unexpected question: "Which service');
    expect(h.prompter.selects[0]!.default).toMatchObject({ name: 'Olga Savitskaya' });
    expect(h.stderr()).toContain('Belagroprombank HQ has no open tickets.');
  });

  it('without a phone to go by, the caller is not guessed: Enter is refused', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'Client', term: 'Belagroprombank', answer: 'Belagroprombank' },
      { ask: 'Who is calling', answer: ENTER },
      { ask: 'Who is calling', answer: 'Andrei' },
    ];
    await expect(h.run(['open'], { script })).rejects.toThrow('unexpected question: "Which service');
    expect(h.stderr()).toContain('"Who is calling?" needs an answer');
  });

  it('the summary screen shows each question and the answer in words, long answers shortened to the width', async () => {
    const h = await harness({ interactive: true });
    h.ctx.io.columns = 80;
    const long = `Only the ${'very '.repeat(150)}old fax machine`;
    const script: Step[] = interview.map((s) => (s.ask === 'What still works' ? { ...s, answer: long } : s));
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    const screen = h.stderr().slice(h.stderr().indexOf('New ticket'));
    expect(screen).toContain('Since when does the fault occur?  since 07:40');
    expect(screen).toContain('What exactly fails?  Voice quality / calls fail');
    expect(screen).toContain('Is the CPE (router/modem) powered on?  Yes');
    expect(screen).not.toMatch(/\bsymptom\b|\bcpePower\b|\bvoice\b/);
    expect(screen).toContain(
      'What still works on site (other services, other devices)?\n      Only the very',
    );
    expect(screen).toContain('…');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(JSON.parse(h.stdout()).answers.worksOnSite).toBe(long); // shortened on screen only
  });

  /** A caller whose organisation is not a client yet, entered without leaving hd open. */
  const newClient: Step[] = [
    { ask: 'Client', term: 'Minsk Bakery', answer: 'New client' },
    { ask: 'Organisation name', answer: 'Minsk Bakery' },
    { ask: 'Contract number', answer: 'C-2026-0001' },
    { ask: 'Priority Rules profile', answer: 'business-8x5' },
    { ask: 'Language of messages', answer: 'Russian' },
    { ask: 'Service / circuit ID', answer: 'MSK-DIA-09001' },
    { ask: 'Service kind', answer: 'Internet 100M' },
    { ask: 'Site address', answer: 'Minsk, ul. Lenina 1' },
    { ask: 'CPE model', answer: '' },
    { ask: 'Caller name', answer: 'Ivan Ivanov' },
    { ask: 'Phone', answer: '029 123-45-67' },
    { ask: 'E-mail', answer: 'ivan@bakery.by' },
    { ask: 'How should we inform them', answer: 'by phone and e-mail' },
  ];

  it('a new client is entered inline: registered with its contact and service only when the ticket is saved', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [...newClient, ...between('Since when')];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    const t = JSON.parse(h.stdout());
    // Ivan reads e-mail too: the number is queued to him, the new client's first notice.
    expect(t.timeline.at(-1)).toMatchObject({
      kind: 'notification',
      payload: { channel: 'email', notice: 'opened', status: 'queued', to: 'ivan@bakery.by' },
    });
    expect(t).toMatchObject({
      client: { name: 'Minsk Bakery', contractNo: 'C-2026-0001' },
      contact: {
        name: 'Ivan Ivanov',
        phone: '+375291234567',
        email: 'ivan@bakery.by',
        preferredChannel: 'both',
      },
      service: { serviceId: 'MSK-DIA-09001', address: 'Minsk, ul. Lenina 1' },
      profile: { name: 'business-8x5' },
    });
    expect(h.prompter.asked).not.toContain('Who is calling?');
    expect(h.stderr()).toContain('(new client)');
    h.reset();
    expect(await h.run(['client', 'show', 'C-2026-0001', '--json'])).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      language: 'ru',
      contacts: [{ name: 'Ivan Ivanov' }],
      services: [{ serviceId: 'MSK-DIA-09001', kind: 'Internet 100M', cpeModel: null }],
      openTickets: [{ number: 'HD-000001' }],
    });
  });

  it('what was searched for is offered for the new client: the organisation, or the caller’s phone', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      { ask: 'Client', term: 'Minsk Bakery', answer: 'New client' },
      { ask: 'Organisation name', answer: ENTER },
      ...newClient.slice(2, 9),
      { ask: 'Caller name', answer: 'Ivan Ivanov' },
      { ask: 'Phone', answer: '029 123-45-67' },
      { ask: 'E-mail', answer: '' },
      ...between('Since when'),
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout()).client.name).toBe('Minsk Bakery');
    const byPhone: Step[] = [
      { ask: 'Client', term: '029 765-43-21', answer: 'New client' },
      { ask: 'Organisation name', answer: 'Minsk Pastry' },
      { ask: 'Contract number', answer: 'C-2026-0002' },
      ...newClient.slice(3, 5),
      { ask: 'Service / circuit ID', answer: 'MSK-DIA-09002' },
      ...newClient.slice(6, 9),
      { ask: 'Caller name', answer: 'Olga Ivanova' },
      { ask: 'Phone', answer: ENTER },
      { ask: 'E-mail', answer: '' },
      ...between('Since when'),
    ];
    expect(await h.run(['open', '--json'], { script: byPhone })).toBe(0);
    expect(JSON.parse(h.stdout()).contact).toMatchObject({ name: 'Olga Ivanova', phone: '+375297654321' });
  });

  it('a new client discarded on the summary screen leaves nothing behind', async () => {
    const h = await harness({ interactive: true });
    const before = await countRows(h.store);
    const script: Step[] = [
      ...newClient,
      ...between('Since when', 'Save this ticket?'),
      { ask: 'Save this ticket?', answer: 'Discard' },
      { ask: 'Discard this intake?', answer: true },
    ];
    expect(await h.run(['open'], { script })).toBe(130);
    expect(await countRows(h.store)).toEqual(before);
  });

  it('a contract number already on record sends the operator back to it, with the existing client named', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...newClient.slice(0, 2),
      { ask: 'Contract number', answer: 'c-2021-0147' },
      { ask: 'Contract number', answer: 'C-2026-0001' },
      ...newClient.slice(3),
      ...between('Since when'),
    ];
    expect(await h.run(['open', '--json', '--no-notify', '--skip-reason', 'x'], { script })).toBe(0);
    expect(h.stderr()).toContain('A client with contract number C-2021-0147 already exists');
  });

  it.each([
    ['Contract number', 'C 2026 1', 'The contract number "C 2026 1" is not an identifier'],
    ['Organisation name', '   ', 'The client name cannot be empty'],
    ['Site address', 'x'.repeat(501), 'The site address is 501 characters long; the limit is 500'],
    ['Service / circuit ID', 'MSK DIA', 'The service ID "MSK DIA" is not an identifier'],
  ])('a new client is held to the rules of hd client add: %s', async (ask, answer, message) => {
    const h = await harness({ interactive: true });
    const script = newClient.map((s) => (s.ask === ask ? { ...s, answer } : s));
    await expect(h.run(['open'], { script })).rejects.toThrow(`rejected: ${message}`);
  });
});

describe('backing out of a change on the summary screen', () => {
  it('Esc out of "Change the client" after starting a new client leaves the intake as it was', async () => {
    const h = await harness({ interactive: true });
    const script: Step[] = [
      ...interview.slice(0, -1),
      { ask: 'Save this ticket?', answer: 'Change the client' },
      { ask: 'Client', term: 'Bakery', answer: 'New client' },
      { ask: 'Organisation name', answer: BACK },
      { ask: 'Client', answer: BACK },
      { ask: 'Save this ticket?', answer: 'Change impact' },
      { ask: 'Impact', answer: 'down' },
      { ask: 'Urgency', answer: 'high' },
      { ask: 'Keep it?', answer: false },
      { ask: 'Priority:', answer: BACK },
      { ask: 'Keep it?', answer: BACK },
      { ask: 'Urgency', answer: BACK },
      { ask: 'Impact', answer: BACK },
      { ask: 'Save this ticket?', answer: 'Save' },
    ];
    expect(await h.run(['open', '--json'], { script })).toBe(0);
    expect(JSON.parse(h.stdout())).toMatchObject({
      client: { name: 'Minsk Clinical Hospital No. 6' },
      impact: 'degraded',
      urgency: 'high',
      priority: 'P2',
    });
    expect(await dbValue(h.store, 'SELECT COUNT(*) FROM clients')).toBe(7);
  });
});

describe('the profile choice of a new client reads in the console language (issue 15 point 1)', () => {
  for (const [lang, standard, english] of [
    ['ru', 'Стандартный, круглосуточно', false],
    ['en', 'Standard, 24x7', true],
  ] as const) {
    it(`${lang}: each profile is described by its title`, async () => {
      const h = await harness({ interactive: true, lang });
      let offered: { name: string; description?: string }[] = [];
      const script: Step[] = [
        {
          ask: /./,
          term: 'Minsk Bakery',
          answer: (cs) => cs.find((c) => /Нов|New/.test(c.name))?.value,
        },
        { ask: /./, answer: 'Minsk Bakery' },
        { ask: /./, answer: 'C-2026-0001' },
        {
          ask: /./,
          answer: (cs) => {
            offered = cs as typeof offered;
            return 'business-8x5';
          },
        },
      ];
      await expect(h.run(['open'], { script })).rejects.toThrow('unexpected question');
      const titles = offered.map((c) => c.description ?? '');
      expect(titles).toContain(standard);
      if (!english) expect(titles.join(' ')).not.toMatch(/Standard|Premium|24x7/);
    });
  }
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.ts';
import { StoreUnavailable } from '../../src/store/port.ts';
import { countRows, dbValue, harness } from '../helpers/context.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';
import type { Step } from '../helpers/prompter.ts';

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
  { ask: 'rebooted', answer: '(skip)' },
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
    expect(said).toContain(
      'Nothing was saved. Every answer, ready to run again once the database answers:\n  hd open --client ',
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
      { ask: 'How should we inform them', answer: 'phone' },
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
        script: [...interview.slice(0, -1), { ask: 'Save this ticket?', answer: 'Cancel' }],
      }),
    ).toBe(130);
    expect(await countRows(h.store)).toEqual(before);
  });
});

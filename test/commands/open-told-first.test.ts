// Issue 14, point 3, on a terminal: hd open says what the caller's service is in as soon as the
// service is known — its active outage, and for an open ticket of it the offer to log the call
// there — before the rest of the questions, not after Save.
import { describe, expect, it } from 'vitest';
import { dbRows, dbValue, harness, type TestHarness } from '../helpers/context.ts';
import { answers } from '../helpers/fixtures.ts';

const NOW = '2026-11-25T09:00:00Z';
const BANK = ['--client', 'C-2021-0147', '--contact', 'Andrei Kovalenko'];
const LIDO = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak'];
const REST = [
  'cpePower=yes',
  'linkLights=on',
  'rebooted=no',
  'worksOnSite=nothing',
  'access=any time',
].flatMap((a) => ['--answer', a]);

/** hd open with everything by flags but the service, which the questions ask. */
const open = (caller: string[], summary: string) => [
  'open',
  ...caller,
  '--impact',
  'down',
  '--urgency',
  'high',
  '--summary',
  summary,
  ...answers(),
  ...REST,
  '--no-notify',
  '--skip-reason',
  'test',
];

const tickets = async (h: TestHarness) => Number(await dbValue(h.store, 'SELECT COUNT(*) FROM tickets'));

describe('hd open on a terminal, the service picked at its question', () => {
  it('offers to log the call on the open ticket right after the service, before any other question', async () => {
    const h = await harness({ now: NOW, interactive: true });
    const service = { ask: 'Which service is affected?', answer: 'MSK-IPVPN-00412' };
    const save = { ask: 'Save this ticket?', answer: 'Save' };
    expect(await h.run(open(BANK, 'VPN down at HQ'), { script: [service, save] }), h.stderr()).toBe(0);
    // Logged at once: no Save asked (the scripted prompter fails on any question not scripted).
    expect(
      await h.run(open(BANK, 'VPN still down'), {
        script: [service, { ask: 'Log this call on HD-000001 instead', answer: 'Log the call on HD-000001' }],
      }),
      h.stderr(),
    ).toBe(0);
    expect(h.stderr()).toContain('already has an open ticket: HD-000001');
    expect(h.stderr()).not.toContain('Save this ticket');
    expect(await tickets(h)).toBe(1);
    const call = await dbRows(h.store, 'SELECT kind, text FROM events WHERE ticket_id = 1 ORDER BY id DESC');
    expect(call[0]).toMatchObject({ kind: 'call', text: 'Andrei Kovalenko called: VPN still down' });

    // Opening anyway: the reason is asked at the service, then the questions go on to Save.
    expect(
      await h.run(open(BANK, 'Branch down'), {
        script: [
          service,
          { ask: 'Log this call on HD-000001 instead', answer: 'Open a new ticket anyway' },
          { ask: 'Why a new ticket beside it?', answer: 'the branch, not HQ' },
          save,
        ],
      }),
      h.stderr(),
    ).toBe(0);
    const dup = await dbRows(h.store, "SELECT ticket_id AS t, text FROM events WHERE kind = 'duplicate'");
    expect(dup.map((r) => [Number(r.t), r.text])).toEqual([
      [2, 'Opened although HD-000001 is open on MSK-IPVPN-00412: the branch, not HQ'],
    ]);
  });

  it('cancelling at the offer saves nothing', async () => {
    const h = await harness({ now: NOW, interactive: true });
    const service = { ask: 'Which service is affected?', answer: 'MSK-IPVPN-00412' };
    expect(
      await h.run(open(BANK, 'VPN down at HQ'), {
        script: [service, { ask: 'Save this ticket?', answer: 'Save' }],
      }),
    ).toBe(0);
    expect(
      await h.run(open(BANK, 'VPN still down'), {
        script: [service, { ask: 'Log this call on HD-000001 instead', answer: 'Cancel' }],
      }),
    ).toBe(130);
    expect(await tickets(h)).toBe(1);
  });

  it('says the outage (number, what failed, ETA) before the summary screen, and links the ticket', async () => {
    const h = await harness({ now: NOW, interactive: true });
    const cut = [
      'outage',
      'open',
      '--summary',
      'Fibre cut on pr. Nezavisimosti',
      '--elements',
      'node-msq-17',
      '--eta',
      '16:00',
    ];
    expect(await h.run(cut), h.stderr()).toBe(0);
    let toldBeforeSave = '';
    expect(
      await h.run(open(LIDO, 'No internet'), {
        script: [
          { ask: 'Which service is affected?', answer: 'MSK-BB-10442' },
          {
            ask: 'Save this ticket?',
            answer: (choices) => {
              toldBeforeSave = h.stderr();
              return choices[0]!.value; // Save
            },
          },
        ],
      }),
      h.stderr(),
    ).toBe(0);
    expect(toldBeforeSave).toContain('OUT-000001 is active on MSK-BB-10442: Fibre cut on pr. Nezavisimosti.');
    expect(toldBeforeSave).toContain('Failed: NODE-MSQ-17.');
    expect(toldBeforeSave).toMatch(/ETA [^.]*16:00/);
    // Said once, at the service, not again after Save.
    expect(h.stderr().split('OUT-000001 is active').length - 1).toBe(1);
    expect(await dbValue(h.store, 'SELECT outage_id FROM tickets WHERE id = 1')).toBe(1);
  });
});

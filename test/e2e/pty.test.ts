import { spawn } from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { getTicket } from '../../src/store/tickets.ts';
import { openDatabase, tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv, OPEN_FLAGS } from '../helpers/e2e.ts';
import { BANK, openArgs } from '../helpers/fixtures.ts';

const ENTER = '\r';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';
const UP = '\u001b[A';
const ESC = '\u001b';

/**
 * Drives bin/hd in a real pseudo-terminal: wait for text on the screen, then type. With `shell`,
 * `args` is one bash command line in which `hd` is bin/hd (to pipe its output, say).
 */
function terminal(db: string, args: string[], shell = false, cols = 120) {
  const hdLine = `'${process.execPath}' '${BIN}'`;
  const [file, argv] = shell
    ? ['bash', ['-c', args.join(' ').replaceAll(/\bhd\b/g, hdLine)]]
    : [process.execPath, [BIN, ...args]];
  const pty = spawn(file, argv, {
    name: 'xterm-256color',
    cols,
    rows: 40,
    env: hdEnv(db, { TERM: 'xterm-256color', HD_NOW: '2026-11-25T07:00:00Z' }) as Record<string, string>,
  });
  let screen = '';
  let seen = 0;
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  pty.onData((d) => {
    screen += d;
  });
  const plain = () => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    exited,
    output: plain,
    raw: () => screen,
    async expect(text: string | RegExp, timeout = 10_000): Promise<void> {
      const start = Date.now();
      for (;;) {
        const rest = plain().slice(seen);
        const index = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
        if (index >= 0) {
          seen += index + 1;
          return;
        }
        if (Date.now() - start > timeout)
          throw new Error(`timed out waiting for ${String(text)}; screen:\n${plain().slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async type(keys: string): Promise<void> {
      pty.write(keys);
      await new Promise((r) => setTimeout(r, 60));
    },
  };
}

describe('hd open in a real terminal', () => {
  it('an operator takes a call through the questionnaire', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const t = terminal(db, ['open']);
    await t.expect('Client');
    await t.type('C-2022-05');
    await t.expect('❯ Evroopt Logistics'); // the filtered list, not the initial one
    await t.type(ENTER);
    await t.expect('Who is calling?');
    await t.type(DOWN + ENTER); // Sergei Marchenko, below the neutral "choose the caller"
    await t.expect('Which service is affected?');
    await t.type(DOWN + DOWN + ENTER); // the second service: MSK-DIA-02210
    await t.expect('Since when');
    await t.type('10:15' + ENTER);
    await t.expect('What exactly fails?');
    await t.type(DOWN + DOWN + ENTER); // slow
    await t.expect('How many sites');
    await t.type(DOWN + ENTER);
    for (const q of ['powered on', 'link lights', 'rebooted']) {
      await t.expect(q);
      await t.type(ENTER); // not asked
    }
    await t.expect('What still works');
    await t.type('VoIP phones OK' + ENTER);
    await t.expect('site access');
    await t.type(ENTER);
    await t.expect('Impact on the service');
    await t.type(DOWN + DOWN + ENTER); // degraded
    await t.expect('Urgency');
    await t.type(DOWN + DOWN + ENTER); // medium
    await t.expect('Priority P2 from the matrix. Keep it?');
    await t.type(ENTER);
    await t.expect('One-line summary');
    // Pasted with a bidi override and an 8-bit CSI: neither reaches the terminal, as typed or
    // on the "✔ One-line summary:" line left behind; the answer is kept as typed.
    await t.type('Office internet slow\u202e since 10:15\u009b' + ENTER);
    await t.expect('Description');
    expect(t.output()).toContain('One-line summary: Office internet slow since 10:15');
    expect(t.raw()).not.toMatch(/[\u202e\u009b]/);
    await t.type(ENTER);
    await t.expect('Save this ticket?');
    await t.type(ENTER);
    await t.expect('HD-000001 opened: P2, Evroopt Logistics, MSK-DIA-02210');
    expect(await t.exited).toBe(0);
    const ticket = JSON.parse(hd(db, ['show', '1', '--json']).stdout);
    expect(ticket).toMatchObject({
      priority: 'P2',
      impact: 'degraded',
      urgency: 'medium',
      summary: 'Office internet slow\u202e since 10:15\u009b',
      answers: { since: '10:15', symptom: 'slow', scope: 'one-site', worksOnSite: 'VoIP phones OK' },
    });
  }, 60_000);

  it('Ctrl-C in the middle of the questionnaire saves nothing and exits 130', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const t = terminal(db, ['open']);
    await t.expect('Client');
    await t.type('Evroopt');
    await t.expect('❯ Evroopt Logistics'); // the filtered list, not the initial one
    await t.type(ENTER);
    await t.expect('Who is calling?');
    await t.type(DOWN + ENTER);
    await t.expect('Which service');
    await t.type(CTRL_C);
    expect(await t.exited).toBe(130);
    expect(t.output()).toContain('Cancelled: nothing was saved.');
    expect(JSON.parse(hd(db, ['list', '--all', '--json']).stdout)).toEqual([]);
  }, 60_000);
});

describe('hd open on a live call, in a real terminal at 80 columns', () => {
  it('the caller found by phone is preselected, Esc goes back, Enter invents nothing, Discard asks first', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    expect(hd(db, ['open', ...openArgs(BANK, 'VPN down at HQ').slice(1)]).code).toBe(0);
    const t = terminal(db, ['open'], false, 80);
    await t.expect('Client');
    await t.type('+375 17 218-55-40'); // Olga Savitskaya's phone; Andrei is the first contact
    await t.expect('matched by phone');
    await t.type(ENTER);
    await t.expect(/Open tickets of Belagroprombank HQ:\s+HD-000001 {2}P1/);
    await t.expect('❯ Olga Savitskaya');
    await t.type(ENTER);
    await t.expect('Which service is affected?');
    await t.type(ESC); // back to the caller, still Olga
    await t.expect('❯ Olga Savitskaya');
    await t.type(ENTER);
    await t.expect('Which service is affected?');
    await t.type(ENTER); // the neutral answer: refused, asked again
    await t.expect('"Which service is affected?" needs an answer');
    await t.type(DOWN + DOWN + ENTER); // MSK-IPVPN-00412
    // The service has HD-000001 open: said at once, with the offer to log the call on it instead.
    await t.expect('Log this call on HD-000001 instead of opening a new ticket?');
    await t.type(DOWN + ENTER); // open a new ticket anyway
    await t.expect('Why a new ticket beside it?');
    await t.type(`another site of the same VPN${ENTER}`);
    await t.expect('Since when');
    await t.type(`14:20${ENTER}`);
    await t.expect('What exactly fails?');
    await t.type(ENTER);
    await t.expect('"What exactly fails?" needs an answer');
    await t.type(DOWN + ENTER); // no service at all
    await t.expect('How many sites');
    await t.type(DOWN + ENTER);
    for (const q of ['powered on', 'link lights', 'rebooted', 'What still works', 'site access']) {
      await t.expect(q);
      await t.type(ENTER);
    }
    await t.expect('Impact on the service');
    await t.type(ENTER);
    await t.expect('"Impact on the service" needs an answer');
    await t.type(DOWN + DOWN + ENTER); // degraded
    await t.expect('Urgency');
    await t.type(ENTER);
    await t.expect('"Urgency for the client" needs an answer');
    await t.type(DOWN + DOWN + DOWN + ENTER); // low
    await t.expect('Keep it?');
    await t.type(ENTER);
    await t.expect('One-line summary');
    await t.type(`VPN slow at the branch${ENTER}`);
    await t.expect('Description');
    await t.type(ENTER);
    await t.expect('Since when does the fault occur?  14:20');
    await t.expect('Save this ticket?');
    await t.type(UP + UP); // ↑ stays on Save: the list does not wrap round to Discard
    await t.type(DOWN.repeat(7) + ENTER); // Discard
    await t.expect('Discard this intake? Nothing will be saved.');
    await t.type(ENTER); // No
    await t.expect('Save this ticket?');
    await t.type(UP + ENTER); // Save: nothing more is asked
    await t.expect('HD-000002 opened: P3, Belagroprombank HQ, MSK-IPVPN-00412');
    expect(await t.exited).toBe(0);
    const ticket = JSON.parse(hd(db, ['show', '2', '--json']).stdout);
    expect(ticket).toMatchObject({
      impact: 'degraded',
      urgency: 'low',
      contact: { name: 'Olga Savitskaya' },
    });
    expect(ticket.answers).toEqual({ since: '14:20', symptom: 'no-service', scope: 'one-site' });
  }, 90_000);

  it('a caller whose organisation is not a client yet is entered without leaving hd open', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const t = terminal(db, ['open'], false, 80);
    await t.expect('Client');
    await t.type('Minsk Bakery');
    await t.expect('❯ New client');
    await t.type(ENTER);
    const answer = async (question: string, keys: string) => {
      await t.expect(question);
      await t.type(keys);
    };
    await answer('Organisation name', `Minsk Bakery${ENTER}`);
    await answer('Contract number', `C-2021-0147${ENTER}`); // taken: asked again
    await answer('A client with contract number C-2021-0147 already exists', '');
    await answer('Contract number', `${'\u007f'.repeat(11)}C-2026-0001${ENTER}`);
    await answer('Priority Rules profile', DOWN + ENTER); // business-8x5
    await answer('Language of messages', DOWN + ENTER); // Russian
    await answer('Service / circuit ID', `MSK-DIA-09001${ENTER}`);
    await answer('Service kind', `Internet 100M${ENTER}`);
    await answer('Site address', `Minsk, ul. Lenina 1${ENTER}`);
    await answer('CPE model', ENTER);
    await answer('Caller name', `Ivan Ivanov${ENTER}`);
    await answer('Phone', `029 123-45-67${ENTER}`);
    await answer('E-mail', ENTER);
    await answer('Since when', `now${ENTER}`);
    await answer('What exactly fails?', DOWN + ENTER);
    await answer('How many sites', DOWN + ENTER);
    for (const q of ['powered on', 'link lights', 'rebooted', 'What still works', 'site access'])
      await answer(q, ENTER);
    await answer('Impact on the service', DOWN + ENTER);
    await answer('Urgency', DOWN + ENTER);
    await answer('Keep it?', ENTER);
    await answer('One-line summary', `No internet${ENTER}`);
    await answer('Description', ENTER);
    await answer('(new client)', '');
    await answer('Save this ticket?', ENTER);
    await t.expect('HD-000001 opened: P1, Minsk Bakery, MSK-DIA-09001');
    expect(await t.exited).toBe(0);
    expect(JSON.parse(hd(db, ['client', 'show', 'C-2026-0001', '--json']).stdout)).toMatchObject({
      name: 'Minsk Bakery',
      profile: 'business-8x5',
      contacts: [{ name: 'Ivan Ivanov', phone: '+375291234567', preferredChannel: 'phone' }],
      services: [{ serviceId: 'MSK-DIA-09001', address: 'Minsk, ul. Lenina 1' }],
      openTickets: [{ number: 'HD-000001' }],
    });
  }, 90_000);
});

describe('calls in a real terminal', () => {
  const NOW = { HD_NOW: '2026-11-25T07:00:00Z' };
  function takenTicket(): string {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    expect(hd(db, ['open', ...OPEN_FLAGS], { env: NOW }).code).toBe(0); // Sergei prefers the phone
    expect(hd(db, ['take', '1'], { env: NOW }).code).toBe(0);
    return db;
  }
  async function owed(db: string) {
    const store = openDatabase(db);
    try {
      const t = await getTicket(store, 1);
      return { eta: t.eta, tellKind: t.tellKind };
    } finally {
      store.db.close();
    }
  }

  it('piping the output: the script, the number and the question still reach the person, who says how it went', async () => {
    const db = takenTicket();
    const t = terminal(db, ['hd eta 1 +2h --via phone | cat'], true);
    await t.expect('Call Sergei Marchenko on +375');
    await t.expect('│');
    await t.expect('how did it go?');
    await t.type(DOWN + DOWN + ENTER); // no-answer: the first choice is no outcome, then reached
    await t.expect('call no-answer: client not yet told'); // stdout, through cat
    expect(await t.exited).toBe(0);
    const calls = JSON.parse(hd(db, ['show', '1', '--json']).stdout).timeline.filter(
      (e: { kind: string }) => e.kind === 'call',
    );
    expect(calls.map((e: { payload: { outcome: string } }) => e.payload.outcome)).toEqual(['no-answer']);
    expect(await owed(db)).toMatchObject({ tellKind: 'eta' });
  }, 60_000);

  it('with no terminal on stdin nothing is recorded for the call: --outcome is required', async () => {
    const db = takenTicket();
    const r = hd(db, ['eta', '1', '+2h', '--via', 'phone'], { env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Missing --outcome reached|no-answer|busy|voicemail|wrong-number');
    expect(r.stdout).toBe('');
    expect(await owed(db)).toEqual({ eta: null, tellKind: null });
  }, 60_000);
});

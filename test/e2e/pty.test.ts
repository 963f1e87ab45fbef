import { spawn } from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

const ENTER = '\r';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';

/** Drives bin/hd in a real pseudo-terminal: wait for text on the screen, then type. */
function terminal(db: string, args: string[]) {
  const pty = spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: 120,
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
    await t.type(ENTER); // Sergei Marchenko
    await t.expect('Which service is affected?');
    await t.type(DOWN + ENTER); // the second service: MSK-DIA-02210
    await t.expect('Since when');
    await t.type('10:15' + ENTER);
    await t.expect('What exactly fails?');
    await t.type(DOWN + ENTER); // slow
    await t.expect('How many sites');
    await t.type(ENTER);
    for (const q of ['powered on', 'link lights', 'rebooted']) {
      await t.expect(q);
      await t.type(ENTER);
    }
    await t.expect('What still works');
    await t.type('VoIP phones OK' + ENTER);
    await t.expect('site access');
    await t.type(ENTER);
    await t.expect('Impact on the service');
    await t.type(DOWN + ENTER); // degraded
    await t.expect('Urgency');
    await t.type(DOWN + ENTER); // medium
    await t.expect('Priority P2 from the matrix. Keep it?');
    await t.type(ENTER);
    await t.expect('One-line summary');
    await t.type('Office internet slow since 10:15' + ENTER);
    await t.expect('Description');
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
      summary: 'Office internet slow since 10:15',
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
    await t.type(ENTER);
    await t.expect('Which service');
    await t.type(CTRL_C);
    expect(await t.exited).toBe(130);
    expect(t.output()).toContain('Cancelled: nothing was saved.');
    expect(JSON.parse(hd(db, ['list', '--all', '--json']).stdout)).toEqual([]);
  }, 60_000);
});

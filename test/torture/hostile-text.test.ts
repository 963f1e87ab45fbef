// Hostile text: escape sequences of every kind, CR, bidi controls, formula cells and very long
// lines, stored through every entry point of hd, then viewed through every command, on a pipe
// (with and without colour) and in a real pseudo-terminal. Nothing of the stored text may act on
// the terminal or a spreadsheet: no control character reaches the output, only hd's own colour.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from '@lydell/node-pty';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldKey } from '../../src/domain/fold.ts';
import { sanitizeLine } from '../../src/ui/text.ts';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdAsync, hdEnv, type Result } from '../helpers/e2e.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const ESC = '\u001b';
/** Colour codes hd never writes itself: finding one means stored text got through. */
const STORED_SGR = [`${ESC}[5;7;41m`, `${ESC}[38;5;196m`];

/** One value with every hostile class in it; `tag` keeps the visible text findable. */
function evil(tag: string): string {
  return [
    `=HYPERLINK("x","${tag}")`,
    `${ESC}]0;T\u0007`, // OSC title, BEL-terminated
    `${ESC}]8;;x${ESC}\\L${ESC}]8;;${ESC}\\`, // OSC hyperlink, ST-terminated
    `${ESC}[2J${ESC}[?25l`, // CSI: clear, hide cursor
    STORED_SGR[0],
    `B${ESC}[0m`,
    STORED_SGR[1],
    `${ESC}P1$r${ESC}\\`, // DCS
    `${ESC}Xs${ESC}\\${ESC}^p${ESC}\\${ESC}_a${ESC}\\`, // SOS, PM, APC
    `${ESC}c${ESC}7${ESC}(0`, // single-character escapes
    '\u009b1m\u009d0;t\u009c\u0090d\u009c\u0085', // the same in 8-bit C1 form
    '\u0007\u0008\u000b\u000c\u007f', // BEL BS VT FF DEL
    'ok\rNO', // CR overwriting
    '\u202eR\u202c\u2066I\u2069\u200e\u200f\u061c', // bidi overrides, isolates, marks
    '1\u20282\u20293',
    ` ${tag}-end`,
  ].join('');
}
/** The same for short fields (100 characters): one of each family. */
const evilShort = (tag: string) =>
  `=${tag}${ESC}]0;T\u0007${ESC}[2J${STORED_SGR[0]}${ESC}P1${ESC}\\${ESC}c\u009b1m\u0085ok\rNO\u202eR\u2066I ${tag}-end`;
/** Hostile text with line breaks, for fields shown as multi-line text. */
const evilLines = (tag: string) =>
  `${evil(tag)}\nsecond line\r\n\tindented ${'x'.repeat(1500)}\n${evil(`${tag}2`)}`;

/** Any control character but newline and tab; ESC included (the colour check is separate). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** hd's own colour: SGR with digits only. */
const SGR = /\u001b\[[0-9;]*m/g;

function leak(out: string, colourAllowed: boolean): string | null {
  for (const s of STORED_SGR) if (out.includes(s)) return `stored colour ${JSON.stringify(s)}`;
  const rest = colourAllowed ? out.replace(SGR, '') : out;
  const m = CONTROL.exec(rest);
  if (!m) return null;
  const at = m.index;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in …${JSON.stringify(rest.slice(Math.max(0, at - 60), at + 20))}`;
}

const AT = { HD_NOW: '2026-11-25T07:00:00Z' };
const LATER = { HD_NOW: '2026-11-26T07:00:00Z' };
const ENGINEER = `Evil Engineer ${evil('engineer')}`;
/**
 * One-line values (names, kinds, addresses, regions) refuse control characters at input: the
 * hostile ones are written into the rows directly, as an import or an older hd would have, and
 * picked by what the screen shows (names match on their cleaned form).
 */
const typed = (value: string) => sanitizeLine(value);
const CONTACT1 = `${evil('contact')}\r\nBcc: victim@example.by`;

/** Puts the hostile one-line values into the rows that were created with stand-ins. */
function storeRaw(sets: [table: string, column: string, stand: string, value: string][]): void {
  const raw = new Database(db);
  for (const [table, column, stand, value] of sets) {
    const key = column === 'name' ? ', name_key = ?' : '';
    const r = raw
      .prepare(`UPDATE ${table} SET ${column} = ?${key} WHERE ${column} = ?`)
      .run(...(key ? [value, foldKey(value), stand] : [value, stand]));
    expect(r.changes, `${table}.${column} ${stand}`).toBe(1);
  }
  raw.close();
}

let db: string;
let server: TestSmtp;
const stored: { args: string[]; r: Result }[] = [];

/** Stores hostile text through every entry point; each step must succeed. */
async function storeEverything(): Promise<void> {
  const run = (args: string[], env: Record<string, string> = AT) => {
    const r = hd(db, args, { env });
    stored.push({ args, r });
    expect(r.code, `${args.slice(0, 3).join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  run(['init', '--demo']);
  run([
    'client',
    'add',
    '--name',
    'STAND-client',
    '--contract',
    'C-EVIL-1',
    '--language',
    'en',
    '--contact',
    'STAND-contact',
    '--phone',
    '+375 29 555-00-01',
    '--email',
    'evil@example.by',
    '--prefer',
    'email',
    '--service',
    'EVIL-SVC-1',
    '--kind',
    'STAND-kind',
    '--address',
    'STAND-address',
    '--cpe',
    'STAND-cpe',
  ]);
  run([
    'client',
    'add',
    '--name',
    'STAND-client2',
    '--contract',
    'C-EVIL-2',
    '--contact',
    'Plain Contact',
    '--phone',
    '+375 29 555-00-03',
    '--service',
    'EVIL-SVC-3',
    '--kind',
    'DIA',
    '--address',
    'Minsk',
  ]);
  run([
    'client',
    'contact',
    'C-EVIL-1',
    '--name',
    'STAND-contact2',
    '--phone',
    '+375 29 555-00-02',
    '--email',
    'evil2@example.by',
    '--prefer',
    'both',
  ]);
  run([
    'client',
    'service',
    'C-EVIL-1',
    '--service',
    'EVIL-SVC-2',
    '--kind',
    'STAND-kind2',
    '--address',
    'STAND-address2',
    '--cpe',
    'STAND-cpe2',
  ]);
  run([
    'engineer',
    'add',
    '--name',
    'STAND-engineer',
    '--phone',
    '+375 29 555-00-09',
    '--email',
    'engineer@example.by',
    '--depot',
    'minsk-central',
    '--region',
    'STAND-region',
    '--skills',
    `cisco,${typed(evilShort('skill'))}`,
  ]);
  storeRaw([
    ['clients', 'name', 'STAND-client', evil('client')],
    ['clients', 'name', 'STAND-client2', `${evil('client2')} twin`],
    ['contacts', 'name', 'STAND-contact', CONTACT1],
    ['contacts', 'name', 'STAND-contact2', evil('contact2')],
    ['services', 'kind', 'STAND-kind', evil('kind')],
    ['services', 'address', 'STAND-address', evil('address')],
    ['services', 'cpe_model', 'STAND-cpe', evil('cpe')],
    ['services', 'kind', 'STAND-kind2', evil('kind2')],
    ['services', 'address', 'STAND-address2', evil('address2')],
    ['services', 'cpe_model', 'STAND-cpe2', evil('cpe2')],
    ['engineers', 'name', 'STAND-engineer', ENGINEER],
    ['engineers', 'region', 'STAND-region', evilShort('region')],
  ]);
  run([
    'spares',
    'receive',
    'EVIL-PART-1',
    '--qty',
    '3',
    '--depot',
    'minsk-central',
    '--description',
    evil('sparedesc'),
    '--note',
    evil('sparenote'),
  ]);
  run([
    'spares',
    'adjust',
    'EVIL-PART-1',
    '--qty',
    '-1',
    '--depot',
    'minsk-central',
    '--reason',
    evil('adjust'),
  ]);
  const rules = join(dirname(db), 'evil-rules.json');
  const standard = JSON.parse(readFileSync(new URL('../../data/profiles.json', import.meta.url), 'utf8'))[0];
  writeFileSync(rules, JSON.stringify({ ...standard, name: 'evil-profile', title: evil('title') }));
  run(['rules', 'import', rules]);
  run(['client', 'update', 'C-EVIL-2', '--profile', 'evil-profile']);
  const open = (contact: string, summary: string) =>
    run([
      'open',
      '--client',
      'C-EVIL-1',
      '--contact',
      contact,
      '--service',
      'EVIL-SVC-1',
      '--impact',
      'down',
      '--urgency',
      'high',
      '--summary',
      evil(summary),
      '--description',
      evilLines('description'),
      '--answer',
      'since=06:30',
      '--answer',
      'symptom=no-service',
      '--answer',
      'scope=one-site',
      '--answer',
      `worksOnSite=${evil('works')}`,
      '--answer',
      // An intake answer holds at most 1,000 characters: the long line is in the description.
      `access=${evilLines('access').replace('x'.repeat(1500), 'x'.repeat(300))}`,
      '--priority-reason',
      evil('override'),
      '--priority',
      'P2',
      // Tickets 2 and 3 are opened on the service of ticket 1, still open (issue 14).
      '--duplicate-ok',
      evil('duplicate'),
    ]);
  open(typed(CONTACT1), 'summary'); // 1: stays open, overdue later
  open(typed(evil('contact2')), 'summary2'); // 2: resolved and closed
  open(typed(evil('contact2')), 'summary3'); // 3: pending, then cancelled
  run(['take', '1']);
  run(['log', '1', 'test', evilLines('test'), '--result', 'fail']);
  run(['log', '1', 'action', evil('action')]);
  run(['log', '1', 'note', evilLines('note')]);
  run([
    'log',
    '1',
    'call',
    evil('call'),
    '--party',
    typed(evil('party')),
    '--outcome',
    'reached',
    '--minutes',
    '5',
  ]);
  run(['assign', '1', '--to', typed(evil('assignee'))]);
  run(['zone', '1', 'cpe', '--note', evil('zone')]);
  run(['eta', '1', '+2h', '--via', 'email']);
  run(['extend', '1', '--by', '1h', '--reason', evil('extend'), '--via', 'email']);
  run([
    'dispatch',
    '1',
    '--engineer',
    typed(ENGINEER),
    '--spare',
    'EVIL-PART-1',
    '--note',
    evil('dispatch'),
    '--email-sheet',
  ]);
  run(['dispatch', 'update', 'J-000001', 'en-route', '--note', evil('enroute')]);
  run(['take', '2']);
  run(['resolve', '2', '--summary', evil('resolve'), '--zone', 'cpe', '--via', 'email']);
  run([
    'close',
    '2',
    '--confirmed-by',
    typed(evil('confirmer')),
    '--via',
    'phone',
    '--note',
    evil('closenote'),
  ]);
  run(['take', '3']);
  run(['pending', '3', '--reason', evil('pending'), '--until', '+3h']);
  run(['resume', '3', '--note', evil('resume')]);
  run(['pending', '3', '--reason', evil('pending2')]);
}

/** Every view of the stored text. */
const VIEWS: string[][] = [
  ['show', '1'],
  ['show', '2'],
  ['show', '3'],
  ['show', '1', '--json'],
  ['list'],
  ['list', '--all'],
  ['list', '--json'],
  ['search', 'summary'],
  ['search', 'summary', '--json'],
  ['sla', '--overdue'],
  ['sla', '--overdue', '--due-within', '1d', '--limit', '0'],
  ['sla', '--overdue', '--json'],
  ['sla'],
  ['sla', 'report', '--from', '2026-11-01', '--by', 'client'],
  ['sla', 'report', '--from', '2026-11-01', '--by', 'zone'],
  ['sla', 'report', '--from', '2026-11-01', '--client', 'C-EVIL-1'],
  ['sla', 'report', '--from', '2026-11-01', '--by', 'client', '--json'],
  ['sla', 'report', '--from', '2026-11-01', '--by', 'client', '--csv'],
  ['handover'],
  ['handover', '--markdown'],
  ['handover', '--json'],
  ['client', 'list'],
  ['client', 'show', 'C-EVIL-1'],
  ['client', 'show', 'C-EVIL-1', '--json'],
  ['engineer', 'list'],
  ['engineer', 'show', typed(ENGINEER)],
  ['dispatch', 'list'],
  ['spares', 'list'],
  ['rules', 'list'],
  ['rules', 'show', 'evil-profile'],
  ['spares', 'history', 'EVIL-PART-1'],
  ['outbox', 'list'],
  ['outbox', 'show', '1'],
  ['outbox', 'show', '2'],
  ['outbox', 'show', '3'],
  ['notify', '1', 'update', '--dry-run', '--via', 'both'],
  // Errors that echo stored and typed values: matching clients, known contacts.
  ['client', 'show', 'client'],
  ['open', '--client', 'C-EVIL-1', '--contact', 'Nobody', '--service', 'EVIL-SVC-1', '--no-input'],
  ['show', `${ESC}]0;typed\u0007\u202e1`],
  ['client', 'show', `${ESC}[2Jwho\r`],
];

/** TSV: every row has as many fields as the header; no value adds a line or a field. */
function checkTsv(args: string[], out: string): void {
  const lines = out.split('\n').filter(Boolean);
  if (lines.length < 2 || !lines[0]!.includes('\t')) return;
  const fields = lines[0]!.split('\t').length;
  for (const line of lines) expect(line.split('\t').length, `${args.join(' ')}: ${line}`).toBe(fields);
}

/** Runs `task` over `items`, `width` at a time; the results in the order of the items. */
async function pool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

function runInTerminal(args: string[]): Promise<string> {
  const { NO_COLOR: _n, ...env } = hdEnv(db, { TERM: 'xterm-256color', ...LATER });
  return new Promise((resolve) => {
    const pty = spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 160,
      rows: 50,
      env: env as Record<string, string>,
    });
    let screen = '';
    pty.onData((d) => {
      screen += d;
    });
    // A command that waits for an answer would hang the suite: stop it and show what it asked.
    const timer = setTimeout(() => pty.kill(), 10_000);
    // node-pty can report the exit before the last output has been read: wait for it to settle.
    pty.onExit(() => {
      clearTimeout(timer);
      let seen = -1;
      const settle = () => {
        if (screen.length === seen) resolve(screen);
        else {
          seen = screen.length;
          setTimeout(settle, 50);
        }
      };
      settle();
    });
  });
}

describe('hostile text through every entry point and every view', () => {
  beforeAll(async () => {
    db = tempDbPath();
    server = await startSmtp();
    await storeEverything();
  }, 120_000);
  afterAll(async () => server?.close());

  it('what each entry point printed while storing carries none of it', () => {
    for (const { args, r } of stored) {
      expect(leak(r.stdout + r.stderr, false), args.slice(0, 3).join(' ')).toBeNull();
    }
  });

  it('on a pipe (colour forced for JSON and CSV): no control character, no stored colour; TSV rows stay rows', async () => {
    // Text views run with colour in the pseudo-terminal below; here JSON and CSV get it forced.
    const machine = (args: string[]) => args.includes('--json') || args.includes('--csv');
    const runs = VIEWS.flatMap((args) => [
      { args, colour: false },
      ...(machine(args) ? [{ args, colour: true }] : []),
    ]);
    const results = await pool(runs, 4, ({ args, colour }) =>
      hdAsync(db, args, colour ? { ...LATER, NO_COLOR: '', FORCE_COLOR: '1' } : LATER),
    );
    runs.forEach(({ args, colour }, i) => {
      const r = results[i]!;
      const label = `${args.join(' ')}${colour ? ' (FORCE_COLOR)' : ''}`;
      expect(leak(r.stdout + r.stderr, colour), label).toBeNull();
      expect(r.stderr, label).not.toMatch(/unexpected error|at .*\.ts:\d+/);
      if (!machine(args)) checkTsv(args, r.stdout);
    });
  }, 120_000);

  it('the views show the text itself, minus the controls', () => {
    const show = hd(db, ['show', '1'], { env: LATER }).stdout;
    expect(show).toMatch(/^HD-000001 {2}in progress {2}P2 {2}=HYPERLINK\("x","summary"\)LB/);
    expect(show).toContain('ok NORI1 2 3 summary-end');
    const json = JSON.parse(hd(db, ['show', '1', '--json'], { env: LATER }).stdout);
    expect(json.summary).toBe(evil('summary')); // --json keeps the data exactly, escaped
    const sla = hd(db, ['sla', '--overdue'], { env: LATER }).stdout;
    expect(sla).toContain('client-end'); // the breach listing has rows to check
  });

  it('Markdown: stored text reads as its words, never as a link, a table cell, emphasis or HTML', () => {
    const md = hd(db, ['handover', '--markdown', '--since', '2d'], { env: LATER }).stdout;
    expect(md).toContain('=HYPERLINK(&quot;x&quot;,&quot;summary&quot;)');
    expect(md).toContain('summary-end');
    // Every Markdown-significant character in the list items is escaped, and no HTML is raw.
    const items = md.split('\n').filter((l) => l.startsWith('- '));
    expect(items.length).toBeGreaterThan(3);
    for (const line of items)
      expect(line.slice(2), line).not.toMatch(/(?<!\\)[[\]|*_`~#<>"]|&(?!amp;|lt;|gt;|quot;)/);
  });

  it('CSV: formula cells neutralised, every row the same number of fields', () => {
    const csv = hd(db, ['sla', 'report', '--from', '2026-11-01', '--by', 'client', '--csv'], {
      env: LATER,
    }).stdout;
    const rows = csv.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^group,tickets,/);
    const evilRow = rows.find((r) => r.includes('client-end'))!;
    expect(evilRow).toMatch(/^"'=HYPERLINK\(""x"",""client""\)/);
    for (const row of rows)
      expect(row.replace(/"[^"]*"/g, 'Q').split(',').length).toBe(rows[0]!.split(',').length);
    expect(rows.some((r) => /^[=+\-@]/.test(r) || /,[=+@]/.test(r))).toBe(false);
  });

  it('in a pseudo-terminal: only hd colour reaches the screen', async () => {
    const views = VIEWS.filter((a) => !a.includes('--json') && !a.includes('--csv'));
    const screens = await pool(views, 3, runInTerminal);
    views.forEach((args, i) => {
      // The terminal turns every \n into \r\n: that CR is the terminal's own.
      expect(leak(screens[i]!.replaceAll('\r\n', '\n'), true), args.join(' ')).toBeNull();
    });
  }, 120_000);

  it('in a pseudo-terminal: what the entry points echo, and a job sheet as the engineer is dispatched', async () => {
    const screen = (
      await runInTerminal([
        'dispatch',
        '3',
        '--engineer',
        typed(ENGINEER),
        '--note',
        evil('ptyjob'),
        '--email-sheet',
      ])
    ).replaceAll('\r\n', '\n');
    expect(screen).toContain('FIELD JOB J-000002');
    expect(screen).toContain('ptyjob-end');
    expect(leak(screen, true)).toBeNull();
    const writes = [
      ['assign', '1', '--to', evil('ptyassign')],
      ['log', '1', 'note', evil('ptynote')],
      ['log', '1', 'call', evil('ptycall'), '--party', evil('ptyparty'), '--outcome', 'reached'],
      ['zone', '1', 'last-mile', '--note', evil('ptyzone')],
      ['extend', '1', '--by', '2d', '--reason', evil('ptyextend'), '--via', 'phone'],
      ['dispatch', 'update', 'J-000002', 'en-route', '--note', evil('ptyenroute')],
      ['client', 'contact', 'C-EVIL-2', '--name', evil('ptycontact'), '--phone', '+375 29 555-00-07'],
      [
        'client',
        'service',
        'C-EVIL-2',
        '--service',
        'EVIL-SVC-9',
        '--kind',
        evil('ptykind'),
        '--address',
        'Minsk',
      ],
      ['engineer', 'update', typed(ENGINEER), '--off-duty', '--region', evilShort('ptyregion')],
      ['dispatch', '1', '--engineer', typed(ENGINEER), '--note', evil('ptyoffduty')],
      [
        'spares',
        'adjust',
        'EVIL-PART-1',
        '--qty',
        '+1',
        '--depot',
        'minsk-central',
        '--reason',
        evil('ptyadjust'),
      ],
    ];
    for (const args of writes) {
      const out = (await runInTerminal([...args, '--no-input'])).replaceAll('\r\n', '\n');
      expect(out, args.slice(0, 2).join(' ')).not.toMatch(/unexpected error/);
      expect(leak(out, true), `${args.slice(0, 2).join(' ')}: ${out.slice(0, 300)}`).toBeNull();
    }
  }, 60_000);

  it('e-mail: bodies and subjects carry no control character; a name adds no line or header', async () => {
    const sent = await hdAsync(db, ['outbox', 'send'], { ...LATER, HD_SMTP_URL: server.url });
    expect(sent.code, sent.stderr).toBe(0);
    expect(leak(sent.stdout + sent.stderr, false)).toBeNull();
    expect(server.received.length).toBeGreaterThanOrEqual(4); // opened ×3, eta, extended, job sheet…
    for (const { mail, raw } of server.received) {
      expect(leak(`${mail.subject}\n${mail.text}`, false), mail.subject).toBeNull();
      expect(mail.bcc, mail.subject).toBeUndefined();
      expect(raw).not.toMatch(/^Bcc:/im);
      // The contact's name stays on the line the template gave it.
      for (const line of (mail.text ?? '').split('\n')) expect(line).not.toMatch(/^Bcc: victim/);
    }
    expect(server.received.some((m) => m.mail.text?.includes('contact-end'))).toBe(true);
    expect(server.received.some((m) => m.mail.subject?.startsWith('Field job'))).toBe(true);
  }, 60_000);
});

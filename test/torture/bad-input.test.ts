// The bad-input corpus: every command, every class of wrong input (text, identifiers, times,
// durations, numbers, environment, usage). Each case runs the built bin/hd against one shared
// database and must exit non-zero with a message naming the problem and the fix, print no stack
// trace, never say "unexpected error", and leave every table exactly as it was.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/domain/time.ts';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';
import { BANK, HOSPITAL, openArgs } from '../helpers/fixtures.ts';

interface Case {
  args: string[];
  /** A substring of stderr that names the problem or the fix. */
  want: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Raw bytes for the shell to put into argv (bash $'…' quoting), appended after the args. */
  shell?: string;
}

const OPEN = openArgs(BANK, 'torture');
const x = (n: number) => 'x'.repeat(n);
const c = (want: string, ...args: string[]): Case => ({ args, want });
const ADD = ['client', 'add', '--name', 'X', '--contact', 'Y', '--phone', '+375 29 555-00-02'];
const SVC = ['--kind', 'K', '--address', 'A'];
const ENGINEER = [
  'engineer',
  'add',
  '--name',
  'New One',
  '--phone',
  '+375 29 500-11-99',
  '--region',
  'Minsk',
];
/** A hyperlink escape long enough that a value cut at 20 characters leaves it unterminated. */
const OSC_LINK = `\u001b]8;;http://evil.example/${'0'.repeat(60)}\u001b\\`;
const RECEIVE = ['spares', 'receive', 'SFP-1G-LX', '--depot', 'minsk-central'];

/** Every row of every table and the schema version, as text: "unchanged" means equal. */
function dump(db: string): string {
  const raw = new Database(db, { readonly: true });
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  let out = `user_version ${raw.pragma('user_version', { simple: true })}\n`;
  for (const t of tables)
    out += `${t}:${JSON.stringify(raw.prepare(`SELECT * FROM "${t}"`).raw().all(), (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))}\n`;
  raw.close();
  return out;
}

/**
 * Times and durations a message suggests (clock times, "tomorrow 10:00", +2h, ISO dates), leaving
 * out what the message echoes of the wrong input itself.
 */
function timeExamples(message: string, args: string[]): string[] {
  let text = message;
  for (const a of [...args].sort((p, q) => q.length - p.length))
    if (a.length > 1) text = text.replaceAll(a, '');
  const found = [
    ...text.matchAll(/"((?:today|tomorrow|yesterday) \d{1,2}:\d{2})"/g),
    ...text.matchAll(/(?<![\d"-])(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?)(?![\d"])/g),
    ...text.matchAll(/(?<=[\s(])(\+\d+[dhm])\b/g),
    ...text.matchAll(/(?<=[\s(])(\d{1,2}:\d{2})(?=[,.)\s])/g),
  ].map((m) => m[1]!);
  return [...new Set(found)];
}

function run(db: string, k: Case): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const quoted = [process.execPath, BIN, ...k.args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const child = k.shell
      ? spawn('bash', ['-c', `${quoted} ${k.shell}`], { env: hdEnv(db, k.env) })
      : spawn(process.execPath, [BIN, ...k.args], { env: hdEnv(db, k.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdin.on('error', () => {});
    child.stdin.end(k.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

function corpus(profileFile: string, badUtf8File: string, syntaxFile: string): Case[] {
  const megabyte = x(1024 * 1024);
  return [
    // ── tickets: show, list, search ───────────────────────────────────────────────────────────
    c('There is no ticket HD-999999', 'show', '999999'),
    c('is not a ticket number', 'show', 'abc'),
    c('is not a ticket number', 'show', "1'; DROP TABLE tickets;--"),
    c('TICKET contains a control character (U+001B)', 'show', '1\u001b[2J'),
    c('Missing the ticket number', 'show', ''),
    c('is not a ticket number', 'show', '99999999999999999999'),
    c('weird', 'list', '--status', 'weird'),
    c('P9', 'list', '--priority', 'P9'),
    c('is not a time', 'list', '--since', 'yesterdayish'),
    c('--since "+3h" is in the future; it looks back', 'list', '--since', '+3h'),
    c('--since "tomorrow" is in the future', 'list', '--since', 'tomorrow'),
    c('--since is empty', 'list', '--since', ''),
    c('--client is empty', 'list', '--client', ''),
    c('--priority is empty', 'list', '--priority', ''),
    c('--status is empty', 'list', '--status', ','),
    c('--db needs a path', '--db', '', 'list'),
    c('--limit takes a whole number', 'list', '--limit', '-3'),
    c('--limit takes a whole number', 'list', '--limit', '1e20'),
    c('--limit takes a whole number', 'list', '--limit', '0x10'),
    c('--limit takes a whole number', 'list', '--limit', '1.5'),
    c('--limit takes a whole number', 'list', '--limit', ' 3'),
    c('it must be from 0 to 1000000000', 'list', '--limit', '99999999999999999999'),
    c('No client matches', 'list', '--client', "x' OR 1=1 --"),
    c('2026-02 has 28 days, not 30', 'list', '--since', '2026-02-30'),
    c('2026-02 has 28 days, not 30', 'list', '--since', '2026-02-30T10:00+03:00'),
    c('2026-04 has 30 days, not 31', 'list', '--since', '2026-04-31T10:00Z'),
    c('the second 99 is past 59', 'list', '--since', '2026-02-28T10:00:99'),
    c('the hour 25 is past 23', 'list', '--since', '2026-02-28T25:00Z'),
    c('the hour 24 is past 23', 'list', '--since', '2026-02-28 24:00'),
    c('the minute 60 is past 59', 'list', '--since', '2026-02-28T10:60'),
    c('there is no month 13', 'list', '--since', '2026-13-01'),
    c('2026-01 has 31 days, not 00', 'list', '--since', '2026-01-00'),
    c('is not a UTC offset', 'list', '--since', '2026-01-10T10:00+25:00'),
    c('outside the times hd keeps (1900-01-02T00:00Z to 9999-12-30T23:59Z', 'list', '--since', '1899-12-31'),
    c('a duration is at most 3650d', 'list', '--since', '999999999d'),
    c('"+99999999999999999999x" is not a time', 'list', '--since', '+99999999999999999999x'),
    c('--limit takes a whole number above 0, not "0"', 'search', 'ping', '--limit', '0'),
    c('it must be from 0 to 1000000000', 'search', 'ping', '--limit', '99999999999999999999'),
    c('missing required argument', 'search'),
    c('the limit is 200', 'search', x(201)),
    // ── hd open ───────────────────────────────────────────────────────────────────────────────
    c('Missing', 'open', '--no-input'),
    c('phone', ...OPEN, '--phone', '12345'),
    c('e-mail', ...OPEN, '--email', 'bad@'),
    c('The summary cannot be empty', ...openArgs(BANK, '')),
    c('broken', ...OPEN.map((a) => (a === 'down' ? 'broken' : a))),
    c('--priority-reason', ...OPEN, '--priority', 'P1'),
    { args: [...OPEN, '--description', '-'], input: megabyte, want: 'the limit is 20000' },
    {
      args: [...OPEN, '--description', '-'],
      input: Buffer.from([0x61, 0xff, 0xfe, 0x62]),
      want: 'is not valid UTF-8',
    },
    { args: [...OPEN, '--description', '-'], input: 'line one\u0000line two', want: 'NUL byte' },
    c('the limit is 20000', ...OPEN, '--description', x(20_001)),
    c('--summary is 201 characters long; the limit is 200', ...openArgs(BANK, x(201))),
    c('the limit is 2000', ...OPEN, '--priority', 'P1', '--priority-reason', x(2001)),
    c('the limit is 2000', ...OPEN, '--no-notify', '--skip-reason', x(2001)),
    c('--contact is 201 characters long', ...OPEN.map((a) => (a === 'Andrei Kovalenko' ? x(201) : a))),
    c('the limit is 1000', ...OPEN, '--answer', `since=${x(1001)}`),
    c('the limit is 1000', ...OPEN, '--answer', `since=${x(130_000)}`),
    c('does not name a question', ...OPEN, '--answer', 'nonsense'),
    c(
      '--service "MSK IPVPN" is not an identifier',
      ...OPEN.map((a) => (a === 'MSK-IPVPN-00412' ? 'MSK IPVPN' : a)),
    ),
    c('Allowed choices are phone, email, portal, monitoring', ...OPEN, '--channel', 'pigeon'),
    c('is not a ticket number', ...OPEN, '--related', 'yesterday'),
    {
      args: [],
      shell: `${OPEN.map((a) => `'${a}'`)
        .join(' ')
        .replace("'torture'", `"$(printf 'bad \\xff\\xfe bytes')"`)}`,
      want: '--summary is not valid UTF-8',
    },
    {
      args: ['open', ...BANK.slice(0, 2)],
      shell: `--contact $'Andrei\\xc3'`,
      want: '--contact is not valid UTF-8',
    },
    // ── hd log, zone, take, assign ────────────────────────────────────────────────────────────
    c('The log text cannot be empty', 'log', '1', 'note', ''),
    c('dance', 'log', '1', 'dance', 'x'),
    c('maybe', 'log', '1', 'test', 'x', '--result', 'maybe'),
    c('perhaps', 'log', '1', 'call', 'x', '--outcome', 'perhaps'),
    c('closed', 'log', '2', 'note', 'after closing'),
    { args: ['log', '1', 'note', '-'], input: megabyte, want: 'the limit is 20000' },
    // Not "hd log … - < file", which was just done: split it or keep it elsewhere.
    {
      args: ['log', '1', 'note', '-'],
      input: x(100_000),
      want: 'the limit is 20000. Split it into several entries',
    },
    {
      args: ['log', '1', 'note', '-'],
      input: Buffer.from('Привет \xc0\xaf мир', 'latin1'),
      want: 'is not valid UTF-8',
    },
    { args: ['log', '1', 'note', '-'], input: '\u0000\u0000\u0000', want: 'NUL byte' },
    c('the text is 20001 characters long', 'log', '1', 'note', x(20_001)),
    c('--minutes takes a whole number', 'log', '1', 'action', 'x', '--minutes', '1e20'),
    c('--minutes takes a whole number', 'log', '1', 'action', 'x', '--minutes', '1.5'),
    c('it must be from 1 to 10080', 'log', '1', 'action', 'x', '--minutes', '99999999999999999'),
    c('--minutes takes a whole number above 0', 'log', '1', 'action', 'x', '--minutes', '0'),
    c('--party is 201 characters long', 'log', '1', 'call', 'x', '--party', x(201)),
    c('sideways', 'log', '1', 'call', 'x', '--direction', 'sideways'),
    c('mars', 'zone', '1', 'mars'),
    c('--note is 2001 characters long', 'zone', '1', 'cpe', '--note', x(2001)),
    c('is not a ticket number', 'take', 'one'),
    c('missing required argument', 'take'),
    c('cannot be empty', 'assign', '1', '--to', ''),
    c('--to is 201 characters long', 'assign', '1', '--to', x(201)),
    // ── times: eta, extend, pending, resume, resolve ──────────────────────────────────────────
    c('already has an ETA', 'eta', '1', 'tomorrow 10:00'),
    c('is in the past. Give a later time', 'eta', '3', 'yesterday 10:00'),
    c('is not a time', 'eta', '3', '25:99'),
    c('2026-02 has 28 days, not 29', 'eta', '3', '2026-02-29T10:00'),
    c('the second 60 is past 59', 'eta', '3', '2026-11-30T10:00:60+03:00'),
    c('a duration is at most 3650d', 'eta', '3', '+99999999999d'),
    c('is not a time', 'eta', '3', 'soonish'),
    c('is not a duration', 'extend', '1', '--by', 'soon', '--reason', 'x'),
    c('a duration is at most 3650d', 'extend', '1', '--by', '99999999999d', '--reason', 'x'),
    c('is not a duration', 'extend', '1', '--by', '1e5d', '--reason', 'x'),
    c('is not a duration', 'extend', '1', '--by', '-2h', '--reason', 'x'),
    c('2026-06 has 30 days, not 31', 'extend', '1', '--to', '2026-06-31T12:00', '--reason', 'x'),
    c('--reason is 2001 characters long', 'extend', '1', '--by', '1h', '--reason', x(2001)),
    c('is not a time', 'pending', '1', '--until', 'nope', '--reason', 'x'),
    c('a duration is at most 3650d', 'pending', '1', '--until', '+99999999999d', '--reason', 'x'),
    c('there is no month 13', 'pending', '1', '--until', '2026-13-01', '--reason', 'x'),
    c('--reason is 2001 characters long', 'pending', '1', '--reason', x(2001)),
    c('--note is 2001 characters long', 'resume', '1', '--note', x(2001)),
    c('zone', 'resolve', '1', '--summary', 'no zone given'),
    c(
      '2026-02 has 28 days, not 30',
      'resolve',
      '1',
      '--summary',
      'x',
      '--zone',
      'cpe',
      '--restored-at',
      '2026-02-30T10:00+03:00',
    ),
    c(
      'the hour 99 is past 23',
      'resolve',
      '1',
      '--summary',
      'x',
      '--zone',
      'cpe',
      '--restored-at',
      '2026-11-20T99:00',
    ),
    c('--summary is 201 characters long', 'resolve', '1', '--summary', x(201), '--zone', 'cpe'),
    c('is not a time', 'resolve', '1', '--summary', 'x', '--zone', 'cpe', '--restored-at', 'lunchtime'),
    // ── close, reopen, cancel, priority ───────────────────────────────────────────────────────
    c('resolved', 'close', '1', '--confirmed-by', 'x', '--via', 'phone'),
    c('--confirmed-by is 201 characters long', 'close', '1', '--confirmed-by', x(201), '--via', 'phone'),
    c('open a related ticket', 'reopen', '2', '--reason', 'x'),
    c('--reason is 2001 characters long', 'reopen', '2', '--reason', x(2001)),
    c('duplicate', 'cancel', '3', '--reason', 'x', '--duplicate-of', '3'),
    c('--reason is 2001 characters long', 'cancel', '1', '--reason', x(2001)),
    c('is not a ticket number', 'cancel', '1', '--reason', 'x', '--duplicate-of', 'HD-1e3'),
    c('P7', 'priority', '1', 'P7', '--reason', 'x'),
    c('--reason is 2001 characters long', 'priority', '1', 'P2', '--reason', x(2001)),
    // ── clients ───────────────────────────────────────────────────────────────────────────────
    c('Missing', 'client', 'add', '--name', 'X'),
    c('phone', ...ADD.slice(0, 6), '--phone', '12', '--contract', 'C-1', '--service', 'S', ...SVC),
    c('--contract "C 1" is not an identifier', ...ADD, '--contract', 'C 1', '--service', 'S', ...SVC),
    c('--contract "C TAB" is not an identifier', ...ADD, '--contract', 'C\tTAB', '--service', 'S', ...SVC),
    c('--contract "-C1" is not an identifier', ...ADD, '--contract=-C1', '--service', 'S', ...SVC),
    c('an identifier has at most 64', ...ADD, '--contract', x(65), '--service', 'S', ...SVC),
    c('--service "S;rm" is not an identifier', ...ADD, '--contract', 'C-X1', '--service', 'S;rm', ...SVC),
    c('--service "💥" is not an identifier', ...ADD, '--contract', 'C-X1', '--service', '💥', ...SVC),
    c(
      '--name is 201 characters long',
      ...ADD.map((a) => (a === 'X' ? x(201) : a)),
      '--contract',
      'C-X1',
      '--service',
      'S',
      ...SVC,
    ),
    c(
      '--address is 501 characters long',
      ...ADD,
      '--contract',
      'C-X1',
      '--service',
      'S',
      '--kind',
      'K',
      '--address',
      x(501),
    ),
    c(
      '--kind is 201 characters long',
      ...ADD,
      '--contract',
      'C-X1',
      '--service',
      'S',
      '--kind',
      x(201),
      '--address',
      'A',
    ),
    c(
      '--cpe is 201 characters long',
      ...ADD,
      '--contract',
      'C-X1',
      '--service',
      'S',
      ...SVC,
      '--cpe',
      x(201),
    ),
    c(
      'No rule profile named',
      ...ADD,
      '--contract',
      'C-X1',
      '--service',
      'S',
      ...SVC,
      '--profile',
      'gold-plated',
    ),
    c('klingon', ...ADD, '--contract', 'C-X1', '--service', 'S', ...SVC, '--language', 'klingon'),
    c(
      '--name is 201 characters long',
      'client',
      'contact',
      'C-2021-0147',
      '--name',
      x(201),
      '--phone',
      '+375291112233',
    ),
    c('e-mail', 'client', 'contact', 'C-2021-0147', '--name', 'Z', '--email', 'not-an-address'),
    c('--service "A B" is not an identifier', 'client', 'service', 'C-2021-0147', '--service', 'A B', ...SVC),
    c('No client matches', 'client', 'service', 'C-NOPE', '--service', 'AB', ...SVC),
    c('No rule profile named', 'client', 'update', 'C-2021-0147', '--profile', 'nope'),
    c('No client matches', 'client', 'show', 'no such client'),
    c('CLIENT is 201 characters long', 'client', 'show', x(201)),
    // ── rules ─────────────────────────────────────────────────────────────────────────────────
    c('nope', 'rules', 'show', 'nope'),
    c('no such file', 'rules', 'import', '/nonexistent/profile.json'),
    c('(e.g. iconv -f cp1251 -t utf-8 FILE). Nothing was imported.', 'rules', 'import', badUtf8File),
    c('/tmp is a folder; give the rules file itself', 'rules', 'import', '/tmp'),
    c('/dev/null is empty: a rules file holds one profile as JSON', 'rules', 'import', '/dev/null'),
    c(
      'is not valid JSON: expected double-quoted property name at line 3, column 3',
      'rules',
      'import',
      syntaxFile,
    ),
    c('Nothing was imported', 'rules', 'import', profileFile),
    c('missing required argument', 'rules', 'import'),
    // ── sla, sla report, handover ─────────────────────────────────────────────────────────────
    c('is not a duration', 'sla', '--due-within', 'forever'),
    c('a duration is at most 3650d', 'sla', '--due-within', '99999999999d'),
    c('--watch takes a whole number', 'sla', '--watch', '1e3'),
    c('--watch takes a whole number above 0', 'sla', '--watch', '0'),
    c('--limit takes a whole number (0 for all), not "1e3"', 'sla', '--limit', '1e3'),
    c('--limit takes a whole number', 'sla', '--limit', '0x10'),
    c('--limit takes a whole number', 'sla', '--limit', '-1'),
    c('must be before', 'sla', 'report', '--from', '2026-12-01', '--to', '2026-11-01'),
    c('outside the times hd keeps', 'sla', 'report', '--from', '0000-01-01'),
    c('is not a time', 'sla', 'report', '--from', '275760-01-01'),
    c('2025-02 has 28 days, not 29', 'sla', 'report', '--from', '2025-02-29'),
    c('Allowed choices are priority, client, zone', 'sla', 'report', '--from', '2026-11-01', '--by', 'moon'),
    c('is not a duration', 'handover', '--since', '5x'),
    c('a duration is at most 3650d', 'handover', '--since', '99999999999d'),
    // ── engineers and dispatch ────────────────────────────────────────────────────────────────
    c('No engineer', 'engineer', 'show', 'Nobody'),
    c('--depot "minsk central" is not an identifier', ...ENGINEER, '--depot', 'minsk central'),
    c('--depot "/etc" is not an identifier', ...ENGINEER, '--depot', '/etc'),
    c(
      '--name is 201 characters long',
      ...ENGINEER.map((a) => (a === 'New One' ? x(201) : a)),
      '--depot',
      'minsk-central',
    ),
    c('--region is 201 characters long', 'engineer', 'update', 'Ivan Petrov', '--region', x(201)),
    c('--depot "a b" is not an identifier', 'engineer', 'update', 'Ivan Petrov', '--depot', 'a b'),
    c('No engineer', 'dispatch', '1', '--engineer', 'Nobody'),
    c('Unknown spare part "NOPE"', 'dispatch', '1', '--engineer', 'Ivan Petrov', '--spare', 'NOPE'),
    c(
      '--spare SFP-1G-LX:QTY takes a whole number',
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'SFP-1G-LX:1e20',
    ),
    c(
      'it must be from 1 to 1000000',
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'SFP-1G-LX:99999999999999999999',
    ),
    c(
      '--spare SKU "SFP 1G" is not an identifier',
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--spare',
      'SFP 1G:2',
    ),
    c('--note is 2001 characters long', 'dispatch', '1', '--engineer', 'Ivan Petrov', '--note', x(2001)),
    c(
      '--override-reason is 2001 characters long',
      'dispatch',
      '1',
      '--engineer',
      'Ivan Petrov',
      '--override-reason',
      x(2001),
    ),
    c('teleported', 'dispatch', 'update', '1', 'teleported'),
    c('--note is 2001 characters long', 'dispatch', 'update', '1', 'done', '--note', x(2001)),
    c('--limit takes a whole number', 'dispatch', 'list', '--limit', '1e2'),
    // ── replace and spares ────────────────────────────────────────────────────────────────────
    c('serial', 'replace', '1', '--part', 'X', '--faulty-serial', 'A', '--new-serial', 'A'),
    c(
      '--part "CISCO ISR" is not an identifier',
      'replace',
      '1',
      '--part',
      'CISCO ISR',
      '--faulty-serial',
      'A',
      '--new-serial',
      'B',
    ),
    c(
      '--faulty-serial "FDO',
      'replace',
      '1',
      '--part',
      'X',
      '--faulty-serial',
      'FDO\u0007',
      '--new-serial',
      'B',
    ),
    c(
      'an identifier has at most 64',
      'replace',
      '1',
      '--part',
      'X',
      '--faulty-serial',
      'A',
      '--new-serial',
      x(65),
    ),
    c('--qty takes a whole number', 'spares', 'adjust', 'SFP-1G-LX', '--qty', '0', '--reason', 'x'),
    c('--qty takes a whole number', 'spares', 'adjust', 'SFP-1G-LX', '--qty', '1e20', '--reason', 'x'),
    c(
      'it must be from -1000000 to 1000000',
      'spares',
      'adjust',
      'SFP-1G-LX',
      '--qty',
      '-99999999',
      '--reason',
      'x',
    ),
    c(
      '--reason is 2001 characters long',
      'spares',
      'adjust',
      'SFP-1G-LX',
      '--qty',
      '-1',
      '--reason',
      x(2001),
    ),
    c('--qty takes a whole number', 'spares', 'receive', 'X', '--qty', 'abc', '--depot', 'd'),
    c('--qty takes a whole number', ...RECEIVE, '--qty', '1e20'),
    c('--qty takes a whole number', ...RECEIVE, '--qty', '0x10'),
    c('--qty takes a whole number', ...RECEIVE, '--qty', '1.5'),
    c('--qty takes a whole number', ...RECEIVE, '--qty', ' 3'),
    c('--qty takes a whole number', ...RECEIVE, '--qty', '-1'),
    c('it must be from 1 to 1000000', ...RECEIVE, '--qty', '1000001'),
    c('--minimum takes a whole number', ...RECEIVE, '--qty', '1', '--minimum', '1e20'),
    c('it must be from 0 to 1000000', ...RECEIVE, '--qty', '1', '--minimum', '99999999999999999999'),
    c('--note is 2001 characters long', ...RECEIVE, '--qty', '1', '--note', x(2001)),
    c(
      'SKU "SFP 1G" is not an identifier',
      'spares',
      'receive',
      'SFP 1G',
      '--qty',
      '1',
      '--depot',
      'minsk-central',
    ),
    c('--depot "a/../b c" is not an identifier', 'spares', 'list', '--depot', 'a/../b c'),
    c('SKU "X Y" is not an identifier', 'spares', 'history', 'X Y'),
    c('SERIAL "A B" is not an identifier', 'spares', 'returned', 'A B'),
    // ── notify and outbox ─────────────────────────────────────────────────────────────────────
    c('gossip', 'notify', '1', 'gossip'),
    c('e-mail', 'notify', '3', 'update', '--via', 'email'),
    c('There is no outbox message 999', 'outbox', 'show', '999'),
    c('There is no outbox message 999', 'outbox', 'retry', '999'),
    c('the message number takes a whole number', 'outbox', 'show', '1e3'),
    c('the message number takes a whole number', 'outbox', 'retry', '0x1'),
    c('--limit takes a whole number', 'outbox', 'list', '--limit', '1.5'),
    // ── environment ───────────────────────────────────────────────────────────────────────────
    // A wrong sender is refused before the change whose notice it would have sent is saved.
    {
      args: ['eta', '3', '+4h', '--via', 'email'],
      env: { HD_MAIL_FROM: 'hd@example.by, boss@example.by' },
      want: 'HD_MAIL_FROM="hd@example.by, boss@example.by" holds more than one address',
    },
    {
      args: ['resolve', '1', '--summary', 'x', '--zone', 'cpe', '--outcome', 'reached'],
      env: { HD_MAIL_FROM: 'Helpdesk <hd@example.by>\nBcc: x@example.by' },
      want: 'contains a line break',
    },
    { args: ['list'], env: { HD_NOW: 'garbage' }, want: 'HD_NOW="garbage" is not an ISO-8601 time' },
    {
      args: ['list'],
      env: { HD_NOW: 'tomorrow 09:00' },
      want: 'HD_NOW="tomorrow 09:00" is not an ISO-8601 time',
    },
    { args: ['list'], env: { HD_NOW: '1764061200000' }, want: 'is not an ISO-8601 time' },
    { args: ['list'], env: { HD_NOW: '2026-02-30T10:00:00Z' }, want: '2026-02 has 28 days, not 30' },
    { args: ['list'], env: { HD_NOW: '2026-11-25T25:00' }, want: 'the hour 25 is past 23' },
    {
      args: ['list'],
      env: { HD_NOW: 'Wed, 25 Nov 2026 10:00:00 GMT' },
      want: 'set it like 2026-11-25T09:00:00Z',
    },
    { args: ['list'], env: { HD_TZ: 'Mars/Base' }, want: 'is not a time zone' },
    {
      args: ['list'],
      env: { HD_LANG: 'de' },
      want: 'HD_LANG="de" is not a language hd speaks. Use HD_LANG=ru or HD_LANG=en',
    },
    // ── commands that take nothing more ──
    c('too many arguments', 'init', 'again'),
    c('too many arguments', 'client', 'list', 'all'),
    c('too many arguments', 'engineer', 'list', 'Ivan'),
    c('too many arguments', 'rules', 'list', 'premium'),
    c("unknown option '--everything'", 'spares', 'faulty', '--everything'),
    c('too many arguments', 'outbox', 'send', 'now'),
    c("unknown option '--depot'", 'handover', '--depot', 'x'),
    // ── usage ─────────────────────────────────────────────────────────────────────────────────
    c("unknown command 'frobnicate' (see hd --help)", 'frobnicate'),
    c('(see hd list --help)', 'list', '--colour', 'x'),
    c('Use the form J-000001 for a job', 'dispatch', 'update', 'J-abc', 'done'),
    // Examples in messages are what that field takes: an ETA is +30d, not 30d.
    c('like +30d', 'eta', '1', '+99999999999h'),
    c('like +45m', 'eta', '1', '+soon'),
    c("unknown option '--colour'", 'list', '--colour'),
    c('missing required argument', 'log', '1'),
    c("option '--qty <n>' argument missing", 'spares', 'receive', 'X', '--qty'),
    c('too many arguments', 'show', '1', '2'),
    // ── echoed values: cleaned before they are shortened, on one line ─────────────────────────
    c(
      '--depot "mcX" is 90 characters long; an identifier has at most 64',
      ...ENGINEER,
      '--depot',
      `mc${OSC_LINK}X`,
    ),
    c('an identifier has at most 64', ...RECEIVE.slice(0, 2), `SKU${OSC_LINK}X`, ...RECEIVE.slice(3)),
    c('--contract "K8;;http://evil.exa…" is', ...ADD, '--contract', `K${OSC_LINK.slice(0, -2)}`),
    c(
      '--email contains a control character (U+000D)',
      'client',
      'contact',
      'C-2021-0147',
      '--name',
      'E',
      '--phone',
      '+375291234113',
      '--email',
      'ev3@x.by\r\nBcc: v@x.by',
    ),
  ];
}

describe('bad input corpus', () => {
  it('every wrong invocation: named problem and fix, non-zero exit, no stack trace, database unchanged', async () => {
    const db = tempDbPath();
    const setup = [
      hd(db, ['init', '--demo']),
      hd(db, [...OPEN]), // HD-000001, taken, with an ETA and a field job
      hd(db, ['take', '1']),
      hd(db, ['eta', '1', '+2h', '--via', 'phone', '--outcome', 'reached']),
      hd(db, ['dispatch', '1', '--engineer', 'Ivan Petrov']),
      hd(db, [...OPEN]), // HD-000002, closed
      hd(db, ['take', '2']),
      hd(db, ['resolve', '2', '--summary', 'fixed', '--zone', 'cpe', '--outcome', 'reached']),
      hd(db, ['close', '2', '--confirmed-by', 'Andrei', '--via', 'phone']),
      hd(db, openArgs(HOSPITAL, 'no e-mail')), // HD-000003
    ];
    expect(setup.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const profileFile = `${db}.profile.json`;
    writeFileSync(profileFile, JSON.stringify({ name: 'broken', targets: 'none' }));
    const badUtf8File = `${db}.cp1251.json`;
    writeFileSync(badUtf8File, Buffer.from('{"name": "\xcf\xf0\xe5\xec\xe8\xf3\xec"}', 'latin1'));
    const syntaxFile = `${db}.syntax.json`;
    writeFileSync(syntaxFile, '{\n  "name": "x",\n  }');
    const cases = corpus(profileFile, badUtf8File, syntaxFile);
    expect(cases.length).toBeGreaterThanOrEqual(150);

    const before = dump(db);
    const failures: string[] = [];
    let examplesChecked = 0;
    const queue = cases.map((k, i) => ({ k, i }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { k, i } = next;
        const label = `#${i} ${(k.args.join(' ') + (k.shell ?? '')).slice(0, 100)}`;
        const r = await run(db, k);
        const problems = [
          r.code <= 0 && `exit ${r.code}`,
          !/^hd: \S/.test(r.stderr) && 'no "hd: " message',
          !r.stderr.includes(k.want) && `no "${k.want}"`,
          /\n\s+at .*:\d+:\d+/.test(r.stderr) && 'stack trace',
          /unexpected error/i.test(r.stderr) && '"unexpected error"',
          r.stderr.length > 1500 && 'message longer than 1500 characters',
          r.stderr.includes('\u001b[2J') && 'raw escape sequence',
          /[\u001b\u009b\u009d]/.test(r.stderr) && 'escape character',
          r.stderr
            .trim()
            .split('\n')
            .some((l) => !l.startsWith('hd: ')) && 'a line not from hd',
        ].filter((p): p is string => typeof p === 'string');
        for (const example of timeExamples(r.stderr, k.args)) {
          examplesChecked++;
          try {
            parseWhen(example, new Date(), 'Europe/Minsk');
          } catch {
            problems.push(`suggests "${example}", which hd refuses`);
          }
        }
        if (problems.length)
          failures.push(`${label}: ${problems.join(', ')}\n    ${r.stderr.trim().slice(0, 300)}`);
      }
    };
    // Two cores are shared by many processes: three at a time keeps the suite quick and fair.
    await Promise.all([worker(), worker(), worker()]);
    expect(failures).toEqual([]);
    // The messages about times do suggest times (and each one was parsed above).
    expect(examplesChecked).toBeGreaterThan(20);
    expect(dump(db)).toBe(before);
  }, 300_000);

  it('HD_NOW without an offset is read in HD_TZ, as a time on the command line is', () => {
    const db = tempDbPath();
    expect(hd(db, ['init']).code).toBe(0);
    const at = (env: Record<string, string>) => JSON.parse(hd(db, ['sla', '--json'], { env }).stdout).at;
    expect(at({ HD_NOW: '2026-11-25T12:00', HD_TZ: 'Asia/Tokyo' })).toBe('2026-11-25T03:00:00.000Z');
    expect(at({ HD_NOW: '2026-11-25T12:00', HD_TZ: 'Europe/Minsk' })).toBe('2026-11-25T09:00:00.000Z');
    expect(at({ HD_NOW: '2026-11-25T12:00:00+01:00', HD_TZ: 'Asia/Tokyo' })).toBe('2026-11-25T11:00:00.000Z');
  });

  it('an uncreatable --db is refused before anything exists', () => {
    const bad = hd('/dev/null/hd/hd.db', ['list']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^hd: Cannot create the database/);
  });
});

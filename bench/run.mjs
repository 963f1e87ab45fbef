// npm run bench [-- --sizes 10k,100k,1m --runs 10] [--engine pg [--pg-url URL] [--reuse] [--agent]]
// Builds benchmark databases and measures whole-process wall time (median of N runs after a
// warm-up) and peak RSS of real hd commands, each as a ratio to `node -e 0` measured in the same
// run. Writes bench/RESULTS.md. Targets at 1M tickets: reads ≤ 1.5×, writes ≤ 2×, RSS ≤ 80 MB,
// bulk load of 100k tickets ≤ 10 s.
//
// --engine pg: the same data and commands on PostgreSQL (bench/pg.mjs), on a throw-away server
// started as the test harness starts it, or on the server of --pg-url (a superuser URL; the
// databases hd_bench_<size> are dropped and made again, or with --reuse kept when an earlier load
// of the same size finished in them). Targets: reads ≤ 1.6×, hd open and hd log ≤ 2×, RSS ≤ 80 MB. Its
// figures go into the "PostgreSQL" section of bench/RESULTS.md; a SQLite run keeps that section.
// --agent (with --engine pg): each command measured again with an `hd agent` running for the
// database (src/store/agent/), as rows marked "[agent]" beside the direct ones.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startPostgresServer } from '../scripts/pg-server.mjs';
import { load } from './load.mjs';
import { BENCH_SERVER_SETTINGS, factsPostgres, loadPostgres } from './pg.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../bin/hd');
const HOOK = here('./rss-hook.cjs');
const NOW = Date.parse('2026-11-25T09:00:00Z');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = arg('sizes', '10k,100k,1m')
  .split(',')
  .map((s) => ({ label: s, n: Number.parseFloat(s) * (/m$/i.test(s) ? 1e6 : /k$/i.test(s) ? 1e3 : 1) }));
const RUNS = Number(arg('runs', '10'));
const ENGINE = arg('engine', 'sqlite');
if (ENGINE !== 'sqlite' && ENGINE !== 'pg') {
  process.stderr.write(`--engine ${ENGINE}: give sqlite (the default) or pg.\n`);
  process.exit(2);
}
const PG = ENGINE === 'pg';
const AGENT = args.includes('--agent');
if (AGENT && !PG) {
  process.stderr.write('--agent: hd agent is for PostgreSQL; give --engine pg too.\n');
  process.exit(2);
}
const TARGETS = PG
  ? { read: 1.6, write: 2, rssMb: 80, load100kSeconds: Number.POSITIVE_INFINITY }
  : { read: 1.5, write: 2, rssMb: 80, load100kSeconds: 10 };

function run(cmd, argv, env, rssFile) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    env: {
      ...process.env,
      ...env,
      ...(rssFile ? { HD_BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--require ${HOOK}` } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The machine's 1-minute load average as each command's measurement began. */
const loadAverages = [];
/**
 * Runs the command RUNS times, each run paired with a `node -e 0` right before it, so that load
 * from other tenants of a shared machine affects both sides of the ratio alike.
 */
function measure(label, kind, argv, env) {
  loadAverages.push(os.loadavg()[0]);
  const isNode = argv[0] === '-e';
  const full = isNode ? argv : [BIN, ...argv];
  for (let i = 0; i < 2; i++) run(process.execPath, full, env); // warm-up: page cache, code cache
  const times = [];
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(run(process.execPath, ['-e', '0'], {}));
    times.push(run(process.execPath, full, env));
  }
  const rssFile = here(`./data/rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  for (let i = 0; i < 3; i++) run(process.execPath, full, env, rssFile);
  const rssKb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  rmSync(rssFile, { force: true });
  return { label, kind, ms: median(times), min: Math.min(...times), base: median(base), rssMb: rssKb / 1024 };
}

mkdirSync(here('./data'), { recursive: true });
const results = [];
const loads = [];
const shapes = [];
/** A SQLite database of `size`: built, then asked what the commands need. */
async function prepareSqlite(size) {
  const db = here(`./data/hd-${size.label}.db`);
  process.stderr.write(`\n${size.label} tickets: building ${db}\n`);
  const loaded = await load(db, size.n, NOW);
  const raw = new Database(db, { readonly: true });
  const openTicket = raw
    .prepare(
      "SELECT id FROM tickets WHERE status NOT IN ('closed', 'cancelled') ORDER BY id LIMIT 1 OFFSET ?",
    )
    .pluck()
    .get(Math.floor(size.n * 0.02));
  const middleTicket = Math.floor(size.n / 2);
  const client = raw
    .prepare('SELECT contract_no FROM clients WHERE contract_no LIKE ? ORDER BY id LIMIT 1 OFFSET 7')
    .pluck()
    .get('B-%');
  const contact = raw
    .prepare(
      'SELECT k.name FROM contacts k JOIN clients c ON c.id = k.client_id WHERE c.contract_no = ? ORDER BY k.id LIMIT 1',
    )
    .pluck()
    .get(client);
  const service = raw
    .prepare(
      'SELECT s.service_id FROM services s JOIN clients c ON c.id = s.client_id WHERE c.contract_no = ? ORDER BY s.id LIMIT 1',
    )
    .pluck()
    .get(client);
  const counts = raw
    .prepare("SELECT COUNT(*) AS tickets, SUM(status NOT IN ('closed', 'cancelled')) AS open FROM tickets")
    .get();
  const events = raw.prepare('SELECT COUNT(*) FROM events').pluck().get();
  raw.close();
  return { db, seconds: loaded.seconds, openTicket, middleTicket, client, contact, service, counts, events };
}

let server;
if (PG && !arg('pg-url')) {
  process.stderr.write('starting a throw-away PostgreSQL server\n');
  server = await startPostgresServer({ settings: BENCH_SERVER_SETTINGS });
}
const pgUrl = arg('pg-url') ?? server?.url;

/** `hd agent start --foreground` for the database of `env`, answering once it says it listens. */
async function startAgent(env) {
  const child = spawn(process.execPath, [BIN, 'agent', 'start', '--foreground', '--idle', '2h'], {
    env: { ...process.env, ...env, HD_LANG: 'en' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      said += chunk;
      if (said.includes(' warm on ')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`hd agent exited ${code}: ${said}`)));
  });
  process.stderr.write('  hd agent started\n');
  return {
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** A PostgreSQL database of `size` on the benchmark's server: loaded, then asked the same. */
async function preparePostgres(size) {
  const name = `hd_bench_${size.label.toLowerCase()}`;
  process.stderr.write(`\n${size.label} tickets: loading database ${name}\n`);
  const loaded = await loadPostgres(pgUrl, name, size.n, NOW, { reuse: args.includes('--reuse') });
  const facts = await factsPostgres(loaded.url, size.n);
  return { db: loaded.url, seconds: loaded.seconds, middleTicket: Math.floor(size.n / 2), ...facts };
}

try {
  for (const size of SIZES) {
    const { db, seconds, openTicket, middleTicket, client, contact, service, counts, events } = PG
      ? await preparePostgres(size)
      : await prepareSqlite(size);
    loads.push({ size: size.label, seconds });
    if (seconds !== null) process.stderr.write(`  bulk load: ${seconds.toFixed(1)} s\n`);
    const env = { HD_DB: db, HD_NOW: new Date(NOW).toISOString(), HD_OPERATOR: 'bench', NO_COLOR: '1' };
    const sla = JSON.parse(
      spawnSync(process.execPath, [BIN, 'sla', '--overdue', '--json', '--limit', '1'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      }).stdout,
    );
    shapes.push({ size: size.label, ...counts, events, breaches: sla.overdue });
    process.stderr.write(
      `  ${counts.tickets} tickets (${counts.open} open), ${events} events, ${sla.overdue} deadlines overdue\n`,
    );
    const cases = [
      ['node -e 0', 'base', ['-e', '0']],
      ['hd show (open ticket)', 'read', ['show', String(openTicket)]],
      ['hd show (old ticket)', 'read', ['show', String(middleTicket)]],
      ['hd list', 'read', ['list']],
      ['hd list --client X', 'read', ['list', '--client', client]],
      ['hd search WORD', 'read', ['search', 'OTDR']],
      ['hd sla --overdue', 'read', ['sla', '--overdue']],
      ['hd sla (summary)', 'read', ['sla']],
      ['hd sla --overdue --limit 0 (every breach)', 'info', ['sla', '--overdue', '--limit', '0']],
      ['hd handover', 'info', ['handover']],
      ['hd sla report (one month)', 'info', ['sla', 'report', '--from', '2026-10-25', '--to', '2026-11-25']],
      [
        'hd open --no-input …',
        'write',
        [
          'open',
          '--no-input',
          '--client',
          client,
          '--contact',
          contact,
          '--service',
          service,
          '--impact',
          'degraded',
          '--urgency',
          'medium',
          '--summary',
          'bench: slow internet',
          '--answer',
          'since=now',
          '--answer',
          'symptom=slow',
          '--answer',
          'scope=one-site',
          '--no-notify',
          '--skip-reason',
          'benchmark',
          // The service has tickets open: hd open refuses a duplicate without a reason (issue 14).
          '--duplicate-ok',
          'benchmark',
        ],
      ],
      ['hd log … note', 'write', ['log', String(openTicket), 'note', 'bench: checked the line']],
    ];
    const rows = [];
    const measureAll = (suffix, envOf) => {
      for (const [label, kind, argv] of cases) {
        if (suffix && kind === 'base') continue;
        const m = measure(`${label}${suffix}`, kind, argv, envOf);
        rows.push(m);
        process.stderr.write(
          `  ${m.label.padEnd(24)} ${m.ms.toFixed(1).padStart(7)} ms  ${m.rssMb.toFixed(1).padStart(6)} MB\n`,
        );
      }
    };
    // Direct: a runtime folder of the benchmark's own, where no agent of the user's listens.
    const runtime = mkdtempSync(`${os.tmpdir()}/hd-bench-agent-`);
    measureAll('', { ...env, XDG_RUNTIME_DIR: `${runtime}/direct` });
    if (AGENT) {
      const agentEnv = { ...env, XDG_RUNTIME_DIR: runtime };
      const agent = await startAgent(agentEnv);
      try {
        measureAll(' [agent]', agentEnv);
      } finally {
        await agent.stop();
        rmSync(runtime, { recursive: true, force: true });
      }
    }
    for (const r of rows) results.push({ size: size.label, ...r, ratio: r.ms / r.base });
  }
} finally {
  await server?.stop();
}

const last = SIZES.at(-1).label;
const verdict = (r) => {
  if (r.kind === 'base') return '';
  const limit = r.kind === 'write' ? TARGETS.write : TARGETS.read;
  const ok = r.ratio <= limit && r.rssMb <= TARGETS.rssMb;
  // Commands beyond the issue's list are measured for the record, against the read target.
  if (r.kind === 'info') return `not a target; ${ok ? 'within' : 'over'} the read target`;
  return ok ? 'ok' : `MISSED (≤ ${limit}×, ≤ ${TARGETS.rssMb} MB)`;
};
const load100k = loads.find((l) => l.size === '100k');
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const commandTable = [
  '| size | command | median ms | min ms | paired node -e 0 ms | × node -e 0 | peak RSS MB | verdict |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.size} | ${r.label} | ${r.ms.toFixed(1)} | ${r.min.toFixed(1)} | ${r.base.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.rssMb.toFixed(1)} | ${r.size === last ? verdict(r) : ''} |`,
  ),
];
const databaseTable = [
  '| size | tickets | open | events | deadlines overdue |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...shapes.map((d) => `| ${d.size} | ${d.tickets} | ${d.open} | ${d.events} | ${d.breaches} |`),
];
const loadTable = [
  '| size | seconds |',
  '| --- | ---: |',
  ...loads.map(
    (l) => `| ${l.size} | ${l.seconds === null ? 'kept from an earlier run' : l.seconds.toFixed(1)} |`,
  ),
];
const machine = [
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
  `- Node.js ${process.version}; ${RUNS} timed runs per command after 2 warm-up runs (median), peak RSS = max of 3 runs`,
  `- load average (1 min) of the machine as each command's measurement began: ${Math.min(...loadAverages).toFixed(1)}–${Math.max(...loadAverages).toFixed(1)} on ${os.cpus().length} cores`,
];
const resultsFile = here('./RESULTS.md');
let previous = '';
try {
  previous = readFileSync(resultsFile, 'utf8');
} catch {
  // The first run.
}
const PG_HEADING = '## PostgreSQL';
const at = previous.indexOf(`\n${PG_HEADING}\n`);
const previousSqlite = at >= 0 ? previous.slice(0, at + 1) : previous;
const previousPg = at >= 0 ? previous.slice(at + 1) : '';
// What follows the PostgreSQL section (notes of its own, under a later `## ` heading) is kept.
const nextSection = previousPg.indexOf('\n## ');
const afterPg = nextSection >= 0 ? previousPg.slice(nextSection + 1) : '';
let lines;
if (PG) {
  lines = [
    PG_HEADING,
    '',
    `The same databases (bench/load.mjs generates the rows, bench/pg.mjs writes them with COPY) and the same commands, with HD_DB=postgres://… on ${server ? `a throw-away PostgreSQL ${server.version} (${server.from}) over loopback, started as the test harness starts it (fsync, synchronous_commit and full_page_writes off, so commits cost no disk flush; shared_buffers ${BENCH_SERVER_SETTINGS.shared_buffers})` : 'the PostgreSQL server of --pg-url'}.`,
    '',
    ...machine,
    '- ratio = median(command) ÷ median(its paired `node -e 0`), as for SQLite',
    '- a command on PostgreSQL waits for the server several times where SQLite waits for nothing: bin/hd opens the TCP connection and sends the TLS probe of sslmode=prefer before it loads the bundle; then SCRAM authentication takes three answers (the last one carrying the answer to the opening schema check, sent behind the login), and each statement, or group of statements sent together (pipelined), one more. On a machine busy with other work each wait can cost a scheduler time slice, which `node -e 0` never pays, so the ratios grow with the load average above',
    `- targets at the largest size: reads ≤ ${TARGETS.read}×, \`hd open\` and \`hd log\` ≤ ${TARGETS.write}×, peak RSS ≤ ${TARGETS.rssMb} MB`,
    ...(AGENT
      ? [
          '- rows marked [agent]: the same command with `hd agent start` running for the database (src/store/agent/): the command talks to it over a Unix socket, loads no PostgreSQL driver and does not log in; the agent keeps warm connections with its statements prepared by name',
        ]
      : []),
    '',
    '### Bulk load (COPY, then the search index, the secondary indexes and VACUUM ANALYZE)',
    '',
    ...loadTable,
    '',
    '### Databases',
    '',
    ...databaseTable,
    '',
    '### Commands',
    '',
    ...commandTable,
    '',
  ];
  writeFileSync(
    resultsFile,
    `${previousSqlite.trimEnd()}\n\n${lines.join('\n')}${afterPg ? `\n${afterPg}` : ''}`,
  );
} else {
  lines = [
    '# hd benchmark results',
    '',
    ...machine,
    '- times are whole-process wall clock, including Node start-up; each run is paired with a `node -e 0` run just before it, and ratio = median(command) ÷ median(its paired `node -e 0`), so load from other tenants of the machine affects both sides alike',
    `- targets at the largest size: reads ≤ ${TARGETS.read}×, writes ≤ ${TARGETS.write}×, peak RSS ≤ ${TARGETS.rssMb} MB; bulk load of 100k tickets ≤ ${TARGETS.load100kSeconds} s`,
    '',
    '## Bulk load',
    '',
    ...loadTable,
    ...(load100k
      ? [
          '',
          `100k load: ${load100k.seconds.toFixed(1)} s (target ≤ ${TARGETS.load100kSeconds} s): ${load100k.seconds <= TARGETS.load100kSeconds ? 'ok' : 'MISSED'}`,
        ]
      : []),
    '',
    '## Databases',
    '',
    `Each database is measured at ${new Date(NOW).toISOString()} (HD_NOW).`,
    '',
    ...databaseTable,
    '',
    '## Commands',
    '',
    '`hd sla --overdue` shows the 50 most severe breaches (like `hd list`, 50 rows) and counts the rest; `--limit 0` prints every one. Rows marked "not a target" are measured for the record.',
    '',
    ...commandTable,
    '',
  ];
  writeFileSync(resultsFile, previousPg ? `${lines.join('\n')}\n${previousPg}` : lines.join('\n'));
}
process.stdout.write(`${lines.join('\n')}\n`);

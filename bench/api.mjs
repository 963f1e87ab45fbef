// npm run bench:api [-- --size 1m] [--db FILE|postgres://…] [--duration 10] [--connections 10]
//   [--engine pg [--pg-url URL] [--reuse]] [--workers N] [--warmup 2] [--only get,list,post]
//   [--node-args '--cpu-prof']
// Load test of hd serve (TMF621) with autocannon on loopback: GET /troubleTicket/{id} (random
// ids), GET /troubleTicket?status=inProgress&limit=50, POST /troubleTicket. Uses the benchmark
// database of bench/run.mjs (bench/data/hd-SIZE.db, built with bench/load.mjs when missing) or
// the database given with --db. Targets (issue 16, 2 cores, 1M tickets on SQLite): GET by id
// ≥ 2,000/s with p99 ≤ 20 ms; the list ≥ 500/s; POST ≥ 300/s with 0 errors. Writes its table on
// top of bench/API-SIZE.md (earlier runs kept below it).
//
// --engine pg: the same data on PostgreSQL (bench/pg.mjs), on a throw-away server started as the
// test harness starts it, or on the server of --pg-url (a superuser URL); --reuse keeps a loaded
// database of the right size. Besides requests/s, the CPU time the server's processes (the
// workers too) spent per request, from /proc: it does not depend on other work on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgresServer } from '../scripts/pg-server.mjs';
import { load } from './load.mjs';
import { BENCH_SERVER_SETTINGS, databaseUrl, loadPostgres } from './pg.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../bin/hd');
const NOW = Date.parse('2026-11-25T09:00:00Z');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const size = arg('size', '1m');
const n = Number.parseFloat(size) * (/m$/i.test(size) ? 1e6 : /k$/i.test(size) ? 1e3 : 1);
const duration = Number(arg('duration', '10'));
const connections = Number(arg('connections', '10'));
// Seconds of each scenario run before it is measured: the server's JIT warms up (in each worker).
const warmup = Number(arg('warmup', '2'));
const ENGINE = arg('engine', 'sqlite');
if (ENGINE !== 'sqlite' && ENGINE !== 'pg') {
  process.stderr.write(`--engine ${ENGINE}: give sqlite (the default) or pg.\n`);
  process.exit(2);
}
const workers = arg('workers', undefined);
const only = arg('only', 'get,list,post').split(',');
const nodeArgs = (arg('node-args', '') ?? '').split(' ').filter(Boolean);
let db = arg('db', undefined);
let pgServer;
/** Tickets in the database at `url`; 0 when there is no such database. */
async function ticketsIn(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return Number((await client.query('SELECT count(*) AS n FROM tickets')).rows[0].n);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}
if (!db && ENGINE === 'pg') {
  let pgUrl = arg('pg-url', undefined);
  if (!pgUrl) {
    process.stderr.write('starting a throw-away PostgreSQL server\n');
    pgServer = await startPostgresServer({ settings: BENCH_SERVER_SETTINGS });
    pgUrl = pgServer.url;
  }
  // --reuse: a database of this size that the POST scenario of earlier runs grew is kept too.
  const url = databaseUrl(pgUrl, `hd_bench_${size}`);
  if (!args.includes('--reuse') || (await ticketsIn(url)) < n) {
    process.stderr.write(`loading database hd_bench_${size} (${n} tickets)\n`);
    db = (await loadPostgres(pgUrl, `hd_bench_${size}`, n, NOW)).url;
  } else db = url;
} else if (!db) {
  mkdirSync(here('./data'), { recursive: true });
  db = here(`./data/hd-${size}.db`);
  if (!existsSync(db)) {
    process.stderr.write(`building ${db} (${n} tickets)\n`);
    await load(db, n, NOW);
  }
}
const env = { ...process.env, HD_DB: db };
const hd = (argv) => {
  const r = spawnSync(process.execPath, [BIN, ...argv], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hd ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const name = `bench-${process.pid}`;
const token = hd(['token', 'create', '--name', name, '--scope', 'write']).trim();
const tickets = Number(
  JSON.parse(hd(['list', '--all', '--limit', '1', '--json'])).tickets?.[0]?.number?.slice(3) ?? n,
);

const server = spawn(
  process.execPath,
  [...nodeArgs, BIN, 'serve', '--port', '0', ...(workers ? ['--workers', workers] : [])],
  { env, stdio: ['ignore', 'ignore', 'pipe'] },
);
let log = '';
const address = await new Promise((resolve, reject) => {
  server.stderr.on('data', (c) => {
    if (log.length < 4096) log += String(c);
    const m = /on (http:\/\/[^\s/]+)/.exec(log);
    if (m) resolve(m[1]);
  });
  server.on('exit', () => reject(new Error(log)));
});
const base = `${address}/tmf-api/troubleTicket/v5`;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const body = JSON.stringify({
  '@type': 'TroubleTicket',
  name: 'bench: L2 link down',
  description: 'opened by bench/api.mjs',
  severity: 'Major',
  ticketType: 'incident',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533', '@type': 'PartyRef' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098', '@type': 'EntityRef' } }],
  // Every POST is on one service: as hd open --duplicate-ok, a second open ticket needs a reason.
  troubleTicketCharacteristic: [
    { name: 'duplicateReason', value: 'bench: many tickets on one service', '@type': 'StringCharacteristic' },
  ],
});

/** The server process and its descendants (the workers). */
function tree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks = [];
    try {
      tasks = readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, 'utf8').split(' ').filter(Boolean);
    } catch {}
    out.push(...tasks.map(Number));
  }
  return out;
}
/** CPU seconds (user + system) of the server's processes so far, from /proc. */
function cpuOf(root) {
  let ticks = 0;
  for (const pid of tree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime
    } catch {}
  }
  return ticks / 100; // USER_HZ
}
const serverCpu = () => cpuOf(server.pid);
/** PostgreSQL's postmaster on this machine serving the database's port (its backends are children). */
function postmaster() {
  if (!db.startsWith('postgres')) return undefined;
  const port = new URL(db).port || '5432';
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const p = argv.indexOf('-p');
      if (/postgres$/.test(argv[0]) && p > 0 && argv[p + 1] === port) return Number(pid);
    } catch {}
  }
  return undefined;
}
const pgPid = postmaster();

const scenarios = [
  {
    key: 'get',
    label: 'GET /troubleTicket/{id} (random id)',
    target: '≥ 2,000/s, p99 ≤ 20 ms',
    opts: {
      url: `${base}/troubleTicket/HD-000001`,
      headers,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/tmf-api/troubleTicket/v5/troubleTicket/HD-${String(1 + Math.floor(Math.random() * tickets)).padStart(6, '0')}`,
          }),
        },
      ],
    },
  },
  {
    key: 'list',
    label: 'GET /troubleTicket?status=inProgress&limit=50',
    target: '≥ 500/s',
    opts: { url: `${base}/troubleTicket?status=inProgress&limit=50`, headers },
  },
  {
    key: 'post',
    label: 'POST /troubleTicket',
    target: '≥ 300/s, 0 errors',
    opts: { url: `${base}/troubleTicket`, method: 'POST', headers, body },
  },
];

const loadAverage = os.loadavg()[0].toFixed(1);
const rows = [];
for (const s of scenarios.filter((x) => only.includes(x.key))) {
  process.stderr.write(`${s.label}: ${duration}s, ${connections} connections\n`);
  if (warmup > 0) await autocannon({ ...s.opts, connections, duration: warmup });
  const cpu0 = serverCpu();
  const pg0 = pgPid ? cpuOf(pgPid) : 0;
  const r = await autocannon({ ...s.opts, connections, duration });
  const cpuMs = ((serverCpu() - cpu0) * 1000) / Math.max(1, r.requests.total);
  const pgMs = pgPid ? ((cpuOf(pgPid) - pg0) * 1000) / Math.max(1, r.requests.total) : null;
  process.stderr.write(
    `  ${Math.round(r.requests.average)}/s, p99 ${r.latency.p99} ms, ${cpuMs.toFixed(2)} ms CPU per request${pgMs === null ? '' : ` (PostgreSQL ${pgMs.toFixed(2)} ms)`}\n`,
  );
  rows.push({
    cpuMs,
    pgMs,
    label: s.label,
    target: s.target,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    errors: r.errors + r.timeouts + r.non2xx,
  });
}
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
hd(['token', 'revoke', name]);
await pgServer?.stop();

const engine = db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
const table = [
  `## hd serve at ${size} tickets (${engine}), ${new Date().toISOString().slice(0, 10)}`,
  '',
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; hd serve${workers ? ` --workers ${workers}` : ''}${pgServer ? ' on a throw-away PostgreSQL over loopback (fsync and synchronous_commit off)' : ''}; autocannon on loopback, ${connections} connections, ${duration} s per scenario after ${warmup} s of warm-up, the server logging every request to stderr; load average ${loadAverage} when it started, ${os.loadavg()[0].toFixed(1)} at the end (other work on the machine counts against requests/s, not against the CPU time per request: the server's processes' user + system time over the requests served).`,
  '',
  `| scenario | requests/s | p50 ms | p99 ms | 2xx | errors + non-2xx | server CPU ms / request |${pgPid ? ' PostgreSQL CPU ms / request |' : ''} target |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: |${pgPid ? ' ---: |' : ''} --- |`,
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${r.cpuMs.toFixed(2)} |${r.pgMs === null ? '' : ` ${r.pgMs.toFixed(2)} |`} ${r.target} |`,
  ),
  '',
].join('\n');
process.stdout.write(`${table}\n`);
if (!arg('db', undefined) && only.length === scenarios.length) {
  const file = here(`./API-${size}.md`);
  const before = existsSync(file) ? `\n${readFileSync(file, 'utf8')}` : '';
  writeFileSync(file, `${table}${before}`);
}

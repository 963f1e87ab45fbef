// npm run bench:api [-- --size 1m] [--db FILE|postgres://…] [--duration 10] [--connections 10]
// Load test of hd serve (TMF621) with autocannon on loopback: GET /troubleTicket/{id} (random
// ids), GET /troubleTicket?status=inProgress&limit=50, POST /troubleTicket. Uses the benchmark
// database of bench/run.mjs (bench/data/hd-SIZE.db, built with bench/load.mjs when missing) or
// the database given with --db. Targets (issue 16, 2 cores, 1M tickets on SQLite): GET by id
// ≥ 2,000/s with p99 ≤ 20 ms; the list ≥ 500/s; POST ≥ 300/s with 0 errors. Writes bench/API.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { load } from './load.mjs';

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
let db = arg('db', undefined);
if (!db) {
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

const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
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

const scenarios = [
  {
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
    label: 'GET /troubleTicket?status=inProgress&limit=50',
    target: '≥ 500/s',
    opts: { url: `${base}/troubleTicket?status=inProgress&limit=50`, headers },
  },
  {
    label: 'POST /troubleTicket',
    target: '≥ 300/s, 0 errors',
    opts: { url: `${base}/troubleTicket`, method: 'POST', headers, body },
  },
];

const loadAverage = os.loadavg()[0].toFixed(1);
const rows = [];
for (const s of scenarios) {
  process.stderr.write(`${s.label}: ${duration}s, ${connections} connections\n`);
  const r = await autocannon({ ...s.opts, connections, duration });
  rows.push({
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

const engine = db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
const table = [
  `## hd serve at ${size} tickets (${engine}), ${new Date().toISOString().slice(0, 10)}`,
  '',
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; autocannon on loopback, ${connections} connections, ${duration} s per scenario, the server logging every request to stderr; load average ${loadAverage} when it started (other work on the machine counts against these figures).`,
  '',
  '| scenario | requests/s | p50 ms | p99 ms | 2xx | errors + non-2xx | target |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.label} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${r.target} |`),
  '',
].join('\n');
process.stdout.write(`${table}\n`);
if (!arg('db', undefined)) writeFileSync(here(`./API-${size}.md`), `${table}\n`);

// npm run bench:outage [-- --services 500 --runs 3]
// Issue 14's speed target: an outage affecting 500 services — `hd outage open --proactive`,
// `hd outage eta` and `hd outage resolve` — each within 3 s, including the notices it queues.
// Builds a desk with the demo data plus N clients whose services all hang off one node
// (NODE-BENCH-1), then times each command through bin/hd (whole process, wall clock) on a fresh
// copy of that desk per run; prints the medians and writes bench/OUTAGE.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../bin/hd');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SERVICES = Number(arg('services', '500'));
const RUNS = Number(arg('runs', '3'));
const TARGET_MS = 3000;
const NOW = '2026-11-25T09:00:00Z';
const dir = here('./data/outage');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const desk = `${dir}/desk.db`;

function hd(db, argv, now = NOW) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    env: { ...process.env, HD_DB: db, HD_NOW: now, HD_OPERATOR: 'bench', NO_COLOR: '1', CI: '1' },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`hd ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

process.stderr.write(`building a desk with ${SERVICES} services on NODE-BENCH-1 …\n`);
hd(desk, ['init', '--demo']);
for (let i = 1; i <= SERVICES; i++) {
  const n = String(i).padStart(4, '0');
  hd(desk, [
    'client',
    'add',
    '--name',
    `Bench Client ${n}`,
    '--contract',
    `BENCH-${n}`,
    '--profile',
    i % 3 === 0 ? 'business-8x5' : i % 3 === 1 ? 'standard-24x7' : 'premium-24x7',
    '--language',
    i % 2 ? 'ru' : 'en',
    '--contact',
    `Contact ${n}`,
    '--phone',
    `+37529${String(1000000 + i)}`,
    ...(i % 2 ? [] : ['--email', `c${n}@bench-demo.by`, '--prefer', 'email']),
    '--service',
    `BENCH-SVC-${n}`,
    '--kind',
    'Internet 100M',
    '--address',
    `Minsk, ul. Bench ${i}`,
    '--elements',
    `POP-MSQ-1,NODE-BENCH-1,SW-B-${Math.ceil(i / 24)}`,
  ]);
  if (i % 50 === 0) process.stderr.write(`  ${i}\n`);
}

const steps = [
  [
    'hd outage open --proactive',
    [
      'outage',
      'open',
      '--summary',
      'Bench fibre cut',
      '--zone',
      'operator-network',
      '--elements',
      'NODE-BENCH-1',
      '--started',
      '2026-11-25T08:50:00Z',
      '--proactive',
    ],
  ],
  ['hd outage eta', ['outage', 'eta', '1', '2026-11-25T14:00:00Z']],
  ['hd outage resolve --take', ['outage', 'resolve', '1', '--summary', 'fibre spliced', '--take']],
];
const times = steps.map(() => []);
for (let run = 0; run < RUNS; run++) {
  const db = `${dir}/run-${run}.db`;
  copyFileSync(desk, db);
  for (const [i, [, argv]] of steps.entries()) times[i].push(hd(db, argv).ms);
  const linked = JSON.parse(hd(db, ['outage', 'show', '1', '--json']).stdout);
  const tickets = (linked.tickets ?? linked.linkedTickets ?? []).length;
  process.stderr.write(
    `  run ${run + 1}: ${times.map((t) => t.at(-1).toFixed(0)).join(' / ')} ms, ${tickets} linked tickets\n`,
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = steps.map(([label], i) => {
  const ms = median(times[i]);
  return `| ${label} | ${SERVICES} | ${ms.toFixed(0)} | ${ms <= TARGET_MS ? 'ok' : 'MISSED'} (≤ 3 s) |`;
});
const report = `# Mass outage: ${SERVICES} services on one node (SQLite)

- date: ${new Date().toISOString()}; ${os.cpus().length} cores; Node.js ${process.version}; load average ${os.loadavg()[0].toFixed(1)}
- whole-process wall clock through bin/hd, median of ${RUNS} runs, each on a fresh copy of the desk; the proactive open opens a ticket per service and queues each client's notice

| command | services | median ms | verdict |
| --- | ---: | ---: | --- |
${rows.join('\n')}
`;
writeFileSync(here('./OUTAGE.md'), report);
process.stdout.write(report);

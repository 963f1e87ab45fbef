// Bulk loader for benchmark databases: realistic clients, tickets (~5 % open, mixed priorities)
// and ~5 timeline events per ticket. `generate` makes the rows (the same for every engine, given
// the size); `load` writes them straight through SQLite in large transactions, bench/pg.mjs
// through COPY into PostgreSQL.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import cliProgress from 'cli-progress';

const BIN = fileURLToPath(new URL('../bin/hd', import.meta.url));
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const WORDS = {
  what: [
    'VPN',
    'internet',
    'SIP trunk',
    'L2 link',
    'fibre',
    'router',
    'uplink',
    'DSL line',
    'PBX',
    'IPTV',
    'MPLS port',
    'radio link',
  ],
  symptom: [
    'down',
    'slow',
    'packet loss',
    'flapping',
    'no dial tone',
    'high latency',
    'one-way audio',
    'CRC errors',
    'no sync',
    'drops every hour',
  ],
  place: [
    'HQ',
    'warehouse',
    'branch office',
    'data centre',
    'shop',
    'clinic',
    'school',
    'hotel',
    'factory',
    'call centre',
  ],
  test: [
    'ping CPE from PE',
    'loopback on NTU',
    'OTDR trace',
    'line test from DSLAM',
    'traceroute to gateway',
    'SIP OPTIONS probe',
    'interface counters',
  ],
  result: [
    '100% loss',
    'no reply',
    'OK',
    'reflection at 2.3 km',
    'attenuation 38 dB',
    'errors rising',
    'clean',
  ],
  action: [
    'reset port',
    'replaced patch cord',
    'swapped SFP',
    'reconfigured VLAN',
    'rebooted CPE',
    'spliced fibre',
    'replaced power adapter',
    'escalated to carrier',
  ],
  city: [
    'Minsk',
    'Brest',
    'Grodno',
    'Gomel',
    'Vitebsk',
    'Mogilev',
    'Borisov',
    'Pinsk',
    'Baranovichi',
    'Lida',
  ],
  street: [
    'ul. Lenina',
    'pr. Nezavisimosti',
    'ul. Kalvariyskaya',
    'pr. Pobeditelei',
    'ul. Surganova',
    'ul. Kuprevicha',
    'ul. Gagarina',
  ],
  company: [
    'Agro',
    'Bel',
    'Tech',
    'Trans',
    'Med',
    'Stroy',
    'Logistik',
    'Soft',
    'Energo',
    'Torg',
    'Invest',
    'Pharm',
  ],
  cpe: [
    'Cisco ISR 1111',
    'Juniper SRX300',
    'MikroTik CCR2004',
    'Huawei AR651',
    'Eltex ESR-20',
    'Keenetic Giga',
  ],
};

/** Deterministic pseudo-random numbers, so every run builds the same database. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The columns of a generated ticket row (sink.ticket's values), in order. */
export const TICKET_COLUMNS = [
  'client_id',
  'contact_id',
  'service_id',
  'channel',
  'impact',
  'urgency',
  'priority',
  'matrix_priority',
  'status',
  'zone',
  'summary',
  'description',
  'answers',
  'assignee',
  'profile_id',
  'targets',
  'eta',
  'response_due',
  'update_due',
  'restore_due',
  'confirm_due',
  'responded_at',
  'last_update_at',
  'restored_at',
  'resolved_at',
  'closed_at',
  'confirmed_by',
  'confirmed_via',
  'opened_at',
  'opened_by',
  'updated_at',
];

/**
 * Generates the benchmark rows for `tickets` tickets into `sink`, deterministically: the same
 * size gives the same clients, tickets and hash-chained events on every engine. `profileRows` are
 * the database's rule_profiles ({ id, name, definition }). The sink returns the id of each client,
 * contact, service and ticket row it is given; `sink.batch(fn)` runs a batch of rows (a
 * transaction), and may return a promise.
 */
export async function generate(tickets, now, profileRows, sink, { quiet = false } = {}) {
  const random = rng(tickets);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const profileIds = {};
  const profiles = {};
  for (const r of profileRows) {
    profileIds[r.name] = Math.max(profileIds[r.name] ?? 0, Number(r.id));
    profiles[r.name] = JSON.parse(r.definition);
  }
  const dur = (text) => {
    if (!text) return null;
    const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
    return Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0) * MIN;
  };
  const targetsOf = (profile, priority) => {
    const t = profiles[profile].targets[priority];
    return {
      response: dur(t.response),
      update: dur(t.update),
      restore: dur(t.restore),
      onsite: dur(t.onsite),
      hardware: dur(t.hardware),
      dispatch: t.dispatch ?? true,
    };
  };

  // Clients: one per 500 tickets, at least 20; each with two contacts and two services.
  const clientCount = Math.max(20, Math.round(tickets / 500));
  const clients = [];
  await sink.batch(() => {
    for (let c = 0; c < clientCount; c++) {
      const profile = c % 10 === 0 ? 'premium-24x7' : 'standard-24x7';
      const name = `${pick(WORDS.company)}${pick(WORDS.company).toLowerCase()} ${pick(WORDS.city)} ${c}`;
      const id = sink.client([
        name,
        `B-${String(c).padStart(6, '0')}`,
        profile,
        c % 7 === 0 ? 'en' : 'ru',
        now - 3 * 365 * DAY,
      ]);
      const contacts = [0, 1].map((k) =>
        sink.contact([
          id,
          `Contact ${c}-${k}`,
          `+37529${String(1000000 + c * 2 + k).slice(-7)}`,
          `noc${k}@client${c}.bench.by`,
          k ? 'email' : 'phone',
          now,
        ]),
      );
      const services = [0, 1].map((k) =>
        sink.service([
          id,
          `BN-${c}-${k}`,
          k ? 'IP VPN' : 'Dedicated Internet',
          `${pick(WORDS.city)}, ${pick(WORDS.street)} ${1 + (c % 120)}`,
          pick(WORDS.cpe),
          now,
        ]),
      );
      clients.push({ id, profile, contacts, services });
    }
  });

  // Each event chained to its ticket's previous one, as hd writes it (eventHash in src/domain/audit.ts;
  // hd verify on the loaded database checks that the two agree).
  let chain = { ticket: 0, prev: '' };
  const insertEvent = {
    run(ticketId, at, actor, kind, text, payload) {
      const prev = chain.ticket === ticketId ? chain.prev : '';
      const hash = createHash('sha256')
        .update(prev)
        .update('\n')
        .update(JSON.stringify([Number(ticketId), at, actor, kind, text, payload]))
        .digest('hex');
      chain = { ticket: ticketId, prev: hash };
      sink.event([ticketId, at, actor, kind, text, payload, hash]);
    },
  };
  const operators = ['olga', 'ivan', 'alexei', 'maria', 'sergei', 'anna', 'dmitry', 'natalia'];
  const zones = ['cpe', 'client-config', 'last-mile', 'operator-network', 'upstream', 'nff'];
  const impacts = ['down', 'degraded', 'intermittent', 'none'];
  const bar = quiet
    ? null
    : new cliProgress.SingleBar(
        { format: `  loading {bar} {value}/{total} tickets  {eta}s left`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
  bar?.start(tickets, 0);
  const span = 3 * 365 * DAY;
  let firstId = 0;
  const batch = 5000;
  for (let start = 0; start < tickets; start += batch) {
    await sink.batch(() => {
      for (let i = start; i < Math.min(tickets, start + batch); i++) {
        const client = clients[Math.floor(random() * clients.length)];
        const r = random();
        const priority = r < 0.05 ? 'P1' : r < 0.25 ? 'P2' : r < 0.75 ? 'P3' : 'P4';
        const open = random() < 0.05;
        const t = targetsOf(client.profile, priority);
        let status = 'closed';
        if (open)
          status = pick(['acknowledged', 'inProgress', 'inProgress', 'inProgress', 'pending', 'resolved']);
        else if (random() < 0.02) status = 'cancelled';
        // History spreads over three years, oldest first. Open tickets are as old as a working
        // helpdesk keeps them: mostly inside their targets, about one in five past restore.
        const age =
          status === 'acknowledged'
            ? random() * t.response * 1.2
            : status === 'resolved'
              ? t.restore * 0.5 + random() * DAY
              : random() * t.restore * 1.25;
        const opened = open
          ? now - Math.floor(age)
          : now - span + Math.floor((i / tickets) * (span - 4 * DAY));
        const what = pick(WORDS.what);
        const summary = `${what} ${pick(WORDS.symptom)} at ${pick(WORDS.place)}`;
        const description = `Client reports ${summary.toLowerCase()} since ${new Date(opened).toISOString().slice(11, 16)}. ${pick(WORDS.test)}: ${pick(WORDS.result)}.`;
        const operator = pick(operators);
        const engineer = pick(operators);
        const zone = pick(zones);
        const responded = Math.min(now, opened + Math.floor(random() * t.response * 1.3));
        // Restored after the engineer's first test and action (the timeline stays in order), and
        // for a ticket still open, before now.
        const restored = open
          ? Math.min(
              now - 10 * MIN,
              Math.max(responded + 25 * MIN, opened + Math.floor(random() * (now - opened))),
            )
          : Math.max(responded + 25 * MIN, opened + Math.floor(random() * t.restore * 1.2));
        const lastUpdate = Math.max(responded, now - Math.floor(random() * t.update * 1.15));
        const isClosed = status === 'closed';
        const hasResponse = status !== 'acknowledged';
        const isRestored = isClosed || status === 'resolved';
        const values = [
          client.id,
          client.contacts[i % 2],
          client.services[i % 2],
          'phone',
          pick(impacts),
          pick(['high', 'medium', 'low']),
          priority,
          priority,
          status,
          isRestored || status === 'inProgress' ? zone : null,
          summary,
          description,
          JSON.stringify({ since: 'this morning', symptom: 'no-service', scope: 'one-site' }),
          hasResponse ? engineer : null,
          profileIds[client.profile],
          JSON.stringify(t),
          null,
          opened + t.response,
          status === 'inProgress' ? lastUpdate + t.update : null,
          opened + t.restore,
          status === 'resolved' ? restored + DAY : null,
          hasResponse ? responded : null,
          hasResponse ? (open ? lastUpdate : responded) : null,
          isRestored ? restored : null,
          isRestored ? restored + 10 * MIN : null,
          isClosed ? restored + HOUR : null,
          isClosed ? 'client contact' : null,
          isClosed ? 'phone' : null,
          opened,
          operator,
          opened,
        ];
        const id = sink.ticket(values);
        if (!firstId) firstId = id;
        insertEvent.run(id, opened, operator, 'opened', summary, '{}');
        if (hasResponse) {
          insertEvent.run(id, responded, engineer, 'assigned', `Taken by ${engineer}`, '{}');
          insertEvent.run(
            id,
            responded + 5 * MIN,
            engineer,
            'test',
            `${pick(WORDS.test)}: ${pick(WORDS.result)}`,
            '{"result":"fail"}',
          );
          insertEvent.run(id, responded + 20 * MIN, engineer, 'action', pick(WORDS.action), '{}');
        }
        if (isRestored)
          insertEvent.run(
            id,
            restored + 10 * MIN,
            engineer,
            'resolved',
            `Resolved: ${pick(WORDS.action)}`,
            '{}',
          );
        if (isClosed)
          insertEvent.run(id, restored + HOUR, operator, 'closed', 'Closed: client confirmed by phone', '{}');
      }
    });
    bar?.update(Math.min(tickets, start + batch));
  }
  bar?.stop();
  return { clients: clientCount, firstId };
}

export async function load(path, tickets, now, { quiet = false } = {}) {
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const init = spawnSync(process.execPath, [BIN, '--db', path, 'init', '--demo'], {
    encoding: 'utf8',
    env: { ...process.env, HD_NOW: new Date(now).toISOString() },
  });
  if (init.status !== 0) throw new Error(`hd init failed: ${init.stderr}`);
  const started = process.hrtime.bigint();
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const profileRows = db.prepare('SELECT id, name, definition FROM rule_profiles').all();
  // Search indexing is done in one pass at the end instead of row by row through the triggers.
  const triggers = db
    .prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('tickets_search', 'events_search')",
    )
    .pluck()
    .all();
  db.exec('DROP TRIGGER tickets_search; DROP TRIGGER events_search;');
  const insertClient = db.prepare(
    "INSERT INTO clients (name, contract_no, profile, language, timezone, created_at) VALUES (?, ?, ?, ?, 'Europe/Minsk', ?) RETURNING id",
  );
  const insertContact = db.prepare(
    'INSERT INTO contacts (client_id, name, phone, email, preferred_channel, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  );
  const insertService = db.prepare(
    'INSERT INTO services (client_id, service_id, kind, address, cpe_model, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  );
  const insertTicket = db.prepare(
    `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${TICKET_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO events (ticket_id, at, actor, kind, text, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const { clients: clientCount, firstId } = await generate(
    tickets,
    now,
    profileRows,
    {
      client: (values) => insertClient.get(...values).id,
      contact: (values) => insertContact.get(...values).id,
      service: (values) => insertService.get(...values).id,
      ticket: (values) => Number(insertTicket.run(...values).lastInsertRowid),
      event: (values) => insertEvent.run(...values),
      batch: (fn) => db.transaction(fn)(),
    },
    { quiet },
  );
  // Lookup keys (src/domain/fold.ts): these names are plain ASCII with single spaces, where the
  // fold is lower().
  db.exec(`UPDATE clients SET name_key = lower(name), contract_key = lower(contract_no);
           UPDATE contacts SET name_key = lower(name);
           UPDATE services SET service_key = lower(service_id);`);
  db.exec(`
    INSERT INTO search_index (text, ticket_id, source) SELECT summary, id, 'summary' FROM tickets;
    INSERT INTO search_index (text, ticket_id, source) SELECT description, id, 'description' FROM tickets WHERE description <> '';
    INSERT INTO search_index (text, ticket_id, source) SELECT text, ticket_id, kind FROM events WHERE text <> '' AND kind <> 'opened';
    INSERT INTO search_index (search_index) VALUES ('optimize');
  `);
  // Put the triggers back exactly as the migration wrote them.
  for (const sql of triggers) db.exec(sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, clients: clientCount, firstId };
}

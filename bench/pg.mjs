// The benchmark on PostgreSQL (npm run bench -- --engine pg): a throw-away server started as the
// test harness starts it (scripts/pg-server.mjs), or the one --pg-url names; one database per size,
// made by `hd init --demo` and filled with the rows bench/load.mjs generates for SQLite (the same
// clients, tickets and hash-chained events), written with COPY … FROM STDIN.
//
// node-postgres has no COPY API of its own (that is the pg-copy-streams package); a COPY needs
// only a query object that answers the server's CopyInResponse with CopyData messages, which
// pg's Client accepts as a "submittable" (CopyIn below).
//
// The load runs as the superuser with session_replication_role = replica, so that no trigger fires
// (the search triggers would index row by row, the event checks look up each ticket); the search
// index is then filled in one pass per source, as the SQLite loader does. The secondary indexes of
// the big tables are dropped for the load and built again after it, exactly as the migration
// defined them (pg_indexes). VACUUM ANALYZE at the end leaves the tables as a database in use
// for a while would be: statistics gathered, visibility map set.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generate, TICKET_COLUMNS } from './load.mjs';

const BIN = fileURLToPath(new URL('../bin/hd', import.meta.url));

/** Server settings for the benchmark's server on top of the test harness's. */
export const BENCH_SERVER_SETTINGS = {
  shared_buffers: '512MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
};

/** COPY text format: \N for NULL, backslash escapes for backslash, tab, newline, carriage return. */
function field(v) {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c])
    : s;
}

/** `COPY … FROM STDIN` of `data` (text format) through a plain pg Client, as a submittable query. */
class CopyIn {
  constructor(text, data) {
    this.text = text;
    this.data = data;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    const buf = Buffer.from(this.data);
    this.data = '';
    for (let i = 0; i < buf.length; i += 1 << 20)
      connection.sendCopyFromChunk(buf.subarray(i, i + (1 << 20)));
    connection.endCopyFrom();
  }
  handleError(error) {
    this.failed = true;
    this.reject(error);
  }
  handleReadyForQuery() {
    if (!this.failed) this.resolve();
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

function copy(client, table, columns, lines) {
  if (!lines.length) return Promise.resolve();
  const q = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, `${lines.join('\n')}\n`);
  client.query(q);
  return q.promise;
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What a finished load writes as the comment of its database, for --reuse to recognise. */
const loadedMark = (tickets) => `hd bench: ${tickets} tickets loaded`;

/**
 * Whether database `name` holds a finished load of `tickets` tickets. Its comment says so: a count
 * of its tickets would not, since every run's `hd open` adds some (and a reuse then never happened).
 */
async function loadedBefore(adminUrl, name, tickets) {
  return withClient(adminUrl, async (c) => {
    const r = await c.query('SELECT shobj_description(oid, $2) AS mark FROM pg_database WHERE datname = $1', [
      name,
      'pg_database',
    ]);
    return r.rows[0]?.mark === loadedMark(tickets);
  });
}

/**
 * Creates database `name` on the server of `adminUrl` (dropping one of that name), makes it an hd
 * database and loads `tickets` tickets. With `reuse`, a database of that name that a finished load
 * of `tickets` tickets left (its comment says so) is kept as it is (seconds: null).
 */
export async function loadPostgres(adminUrl, name, tickets, now, { quiet = false, reuse = false } = {}) {
  const url = databaseUrl(adminUrl, name);
  if (reuse && (await loadedBefore(adminUrl, name, tickets))) return { url, seconds: null };
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  });
  const init = spawnSync(process.execPath, [BIN, '--db', url, 'init', '--demo'], {
    encoding: 'utf8',
    env: { ...process.env, HD_NOW: new Date(now).toISOString() },
  });
  if (init.status !== 0) throw new Error(`hd init failed: ${init.stderr}`);
  const started = process.hrtime.bigint();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = 'replica'");
    await client.query("SET maintenance_work_mem = '512MB'");
    const profileRows = (await client.query('SELECT id, name, definition FROM rule_profiles')).rows;
    const next = {};
    for (const t of ['clients', 'contacts', 'services', 'tickets', 'events']) {
      next[t] = Number((await client.query(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${t}`)).rows[0].id);
    }
    // The secondary indexes of the big tables (not those behind a primary key or UNIQUE).
    const indexes = (
      await client.query(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
          WHERE i.schemaname = 'public' AND i.tablename IN ('tickets', 'events', 'search_index')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      )
    ).rows;
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);

    const rows = { clients: [], contacts: [], services: [], tickets: [], events: [] };
    const add = (table, values) => {
      const id = next[table]++;
      rows[table].push(`${id}\t${values.map(field).join('\t')}`);
      return id;
    };
    const COLUMNS = {
      clients: ['id', 'name', 'contract_no', 'profile', 'language', 'created_at', 'timezone'],
      contacts: ['id', 'client_id', 'name', 'phone', 'email', 'preferred_channel', 'created_at'],
      services: ['id', 'client_id', 'service_id', 'kind', 'address', 'cpe_model', 'created_at'],
      tickets: ['id', ...TICKET_COLUMNS],
      events: ['id', 'ticket_id', 'at', 'actor', 'kind', 'text', 'payload', 'hash'],
    };
    // COPY of one batch runs on the server while the next batch is generated.
    let pending = Promise.resolve();
    const flush = async () => {
      await pending;
      const batch = Object.entries(rows).map(([t, lines]) => [t, lines.splice(0)]);
      pending = (async () => {
        for (const [t, lines] of batch) await copy(client, t, COLUMNS[t], lines);
      })();
    };
    const { clients } = await generate(
      tickets,
      now,
      profileRows,
      {
        client: (v) => add('clients', [...v, 'Europe/Minsk']),
        contact: (v) => add('contacts', v),
        service: (v) => add('services', v),
        ticket: (v) => add('tickets', v),
        event: (v) => add('events', v),
        batch: async (fn) => {
          fn();
          await flush();
        },
      },
      { quiet },
    );
    await pending;
    if (!quiet) {
      process.stderr.write(`  rows: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
    }
    const step = async (label, sql) => {
      const t0 = process.hrtime.bigint();
      await client.query(sql);
      if (!quiet)
        process.stderr.write(`  ${label}: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s\n`);
    };
    // Lookup keys (src/domain/fold.ts): plain ASCII names with single spaces, where the fold is lower().
    await step(
      'lookup keys',
      `UPDATE clients SET name_key = lower(name), contract_key = lower(contract_no);
       UPDATE contacts SET name_key = lower(name);
       UPDATE services SET service_key = lower(service_id);`,
    );
    // What the search triggers (hd_search_ticket, hd_search_event) would have written.
    await step(
      'search index',
      `INSERT INTO search_index (text, ticket_id, source) SELECT summary, id, 'summary' FROM tickets ORDER BY id;
       INSERT INTO search_index (text, ticket_id, source) SELECT description, id, 'description' FROM tickets WHERE description <> '' ORDER BY id;
       INSERT INTO search_index (text, ticket_id, source) SELECT text, ticket_id, kind FROM events WHERE text <> '' AND kind <> 'opened' ORDER BY id;`,
    );
    await step(`${indexes.length} secondary indexes`, indexes.map((i) => `${i.def};`).join('\n'));
    await step(
      'sequences',
      ['clients', 'contacts', 'services', 'tickets', 'events']
        .map((t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}));`)
        .join('\n'),
    );
    await client.query('SET session_replication_role = DEFAULT');
    await step('vacuum analyze', 'VACUUM ANALYZE');
    await client.query(`COMMENT ON DATABASE ${name} IS '${loadedMark(tickets)}'`);
    return { url, seconds: Number(process.hrtime.bigint() - started) / 1e9, clients };
  } finally {
    await client.end();
  }
}

/** What the benchmark asks about a loaded database, as bench/run.mjs asks SQLite. */
export async function factsPostgres(url, n) {
  return withClient(url, async (c) => {
    const one = async (sql, params = []) => {
      const r = await c.query({ text: sql, values: params, rowMode: 'array' });
      return r.rows[0]?.[0];
    };
    const openTicket = Number(
      await one(
        "SELECT id FROM tickets WHERE status NOT IN ('closed', 'cancelled') ORDER BY id LIMIT 1 OFFSET $1",
        [Math.floor(n * 0.02)],
      ),
    );
    const client = await one(
      'SELECT contract_no FROM clients WHERE contract_no LIKE $1 ORDER BY id LIMIT 1 OFFSET 7',
      ['B-%'],
    );
    const contact = await one(
      'SELECT k.name FROM contacts k JOIN clients c ON c.id = k.client_id WHERE c.contract_no = $1 ORDER BY k.id LIMIT 1',
      [client],
    );
    const service = await one(
      'SELECT s.service_id FROM services s JOIN clients c ON c.id = s.client_id WHERE c.contract_no = $1 ORDER BY s.id LIMIT 1',
      [client],
    );
    const counts = (
      await c.query(
        "SELECT count(*)::int AS tickets, (count(*) FILTER (WHERE status NOT IN ('closed', 'cancelled')))::int AS open FROM tickets",
      )
    ).rows[0];
    const events = Number(await one('SELECT count(*) FROM events'));
    return { openTicket, client, contact, service, counts, events };
  });
}

// Where the central database is and how to reach it: a postgres:// URL (HD_DB or --db), filled in
// from the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE)
// and ~/.pgpass, like psql. Pure: nothing here loads the driver.

import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { describeDb } from '../../paths.ts';

/** A connection setting that cannot work: a malformed URL, an unknown sslmode, a bad time-out. */
export class PostgresSettingsError extends HdError {}

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export const CONNECT_TIMEOUT_MS = 5_000;
export const STATEMENT_TIMEOUT_MS = 30_000;

export interface PostgresSettings {
  host: string;
  port: number;
  user: string;
  database: string;
  /** From the URL or PGPASSWORD; otherwise looked up in ~/.pgpass when the server asks. */
  password: string | undefined;
  sslMode: SslMode;
  /** A CA certificate file for verify-ca / verify-full (sslrootcert). */
  sslRootCert: string | undefined;
  connectTimeoutMs: number;
  /** Where the connect time-out was set, as a message names it. */
  connectTimeoutFrom: string;
  statementTimeoutMs: number;
  /** The URL fit to print: never the password. */
  location: string;
  /** Where a password would be looked up: PGPASSFILE or ~/.pgpass. */
  passFile: string;
  /** How the server's pg_stat_activity names hd's connections: application_name=, PGAPPNAME, or hd. */
  applicationName: string;
}

export type Env = Record<string, string | undefined>;

/** Whether HD_DB / --db names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

function milliseconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new PostgresSettingsError(t('pg.err.timeoutSetting', { name, raw, fallback }));
  }
  return n;
}

function sslMode(value: string, from: string): SslMode {
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new PostgresSettingsError(t('pg.err.sslmode', { value, from, modes: SSL_MODES.join(', ') }));
}

/** The settings of a postgres:// URL, with what it leaves out taken from the libpq variables. */
export function postgresSettings(url: string, env: Env = process.env): PostgresSettings {
  let parsed: URL;
  // A user without a host (postgres://hd@/hd, the host from PGHOST or host=), as libpq takes it:
  // the URL class refuses credentials without a host, so they are read apart.
  const noHost = /^(postgres(?:ql)?:\/\/)([^@/?#]*)@(?=[/?#]|$)(.*)$/is.exec(url);
  try {
    parsed = new URL(noHost ? `${noHost[1]}${noHost[3]}` : url);
  } catch {
    throw new PostgresSettingsError(t('pg.err.url', { url: redact(url) }));
  }
  const [rawUser = '', ...rawPassword] = noHost ? noHost[2]!.split(':') : [parsed.username];
  const rawPass = noHost ? rawPassword.join(':') : parsed.password;
  if (!/^postgres(ql)?:$/i.test(parsed.protocol)) {
    throw new PostgresSettingsError(t('pg.err.notPostgres', { url: redact(url) }));
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new PostgresSettingsError(t('pg.err.escape', { url: redact(url) }));
    }
  };
  const known = new Set(['host', 'port', 'sslmode', 'sslrootcert', 'connect_timeout', 'application_name']);
  for (const key of new Set(parsed.searchParams.keys())) {
    if (!known.has(key)) {
      throw new PostgresSettingsError(
        t('pg.err.setting', { url: redact(url), key, known: [...known].join(', ') }),
      );
    }
    const values = parsed.searchParams.getAll(key);
    if (values.length > 1) {
      throw new PostgresSettingsError(
        t('pg.err.repeated', { url: redact(url), key, values: values.map((v) => `${key}=${v}`).join(', ') }),
      );
    }
  }
  // host= and port= in the query string (libpq's way to name a socket directory) win over the
  // URL's own, as in libpq.
  const host =
    parsed.searchParams.get('host') ||
    decode(parsed.hostname.replace(/^\[(.*)\]$/, '$1')) ||
    env.PGHOST ||
    'localhost';
  const portText = parsed.searchParams.get('port') || parsed.port || env.PGPORT || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PostgresSettingsError(t('pg.err.port', { port: portText }));
  }
  let user = decode(rawUser) || env.PGUSER || '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'postgres';
    }
  }
  const database = decode(parsed.pathname.replace(/^\//, '')) || env.PGDATABASE || user;
  const password = rawPass ? decode(rawPass) : env.PGPASSWORD || undefined;
  const urlSsl = parsed.searchParams.get('sslmode');
  const mode =
    urlSsl !== null
      ? sslMode(urlSsl, 'in the URL')
      : env.PGSSLMODE
        ? sslMode(env.PGSSLMODE, 'PGSSLMODE')
        : 'prefer';
  const urlTimeout = parsed.searchParams.get('connect_timeout');
  let connectTimeoutMs = milliseconds(env, 'HD_PG_CONNECT_TIMEOUT_MS', CONNECT_TIMEOUT_MS);
  let connectTimeoutFrom = env.HD_PG_CONNECT_TIMEOUT_MS
    ? 'HD_PG_CONNECT_TIMEOUT_MS'
    : 'HD_PG_CONNECT_TIMEOUT_MS or connect_timeout= in the URL';
  if (urlTimeout !== null) {
    const s = Number(urlTimeout);
    if (!Number.isInteger(s) || s <= 0) {
      throw new PostgresSettingsError(t('pg.err.connectTimeout', { value: urlTimeout }));
    }
    connectTimeoutMs = s * 1000;
    connectTimeoutFrom = `connect_timeout=${urlTimeout} in the URL`;
  }
  return {
    host,
    port,
    user,
    database,
    password,
    sslMode: mode,
    sslRootCert: parsed.searchParams.get('sslrootcert') ?? env.PGSSLROOTCERT ?? undefined,
    connectTimeoutMs,
    connectTimeoutFrom,
    statementTimeoutMs: milliseconds(env, 'HD_PG_STATEMENT_TIMEOUT_MS', STATEMENT_TIMEOUT_MS),
    location: redact(
      `postgres://${encodeURIComponent(user)}@${hostPort(host, port)}/${encodeURIComponent(database)}`,
    ),
    passFile: env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass'),
    applicationName: parsed.searchParams.get('application_name') || env.PGAPPNAME || 'hd',
  };
}

export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A URL without its password, for messages: postgres://user@host/db. */
export const redact = describeDb;

/**
 * Why hd has no password for the server that asks for one: a password file others can read is
 * ignored (as libpq does), and said so, with the fix; otherwise where to put the password.
 */
export function missingPassword(s: Pick<PostgresSettings, 'host' | 'port' | 'user' | 'passFile'>): string {
  const vars = { at: hostPort(s.host, s.port), user: s.user, file: s.passFile };
  let mode: number | undefined;
  try {
    const st = statSync(s.passFile);
    if (st.isFile()) mode = st.mode & 0o777;
  } catch {
    // No password file.
  }
  if (mode !== undefined && (mode & 0o077) !== 0) {
    return t('pg.err.passFileOpen', { ...vars, mode: `0${mode.toString(8)}` });
  }
  return t('pg.err.noPassword', vars);
}

/**
 * The password ~/.pgpass (or PGPASSFILE) holds for these settings, as libpq reads it: lines of
 * host:port:database:username:password, `*` matching anything, `\:` and `\\` escaped, the first
 * match wins; a file others can read is ignored, as libpq does.
 */
export function pgpassLookup(
  s: Pick<PostgresSettings, 'host' | 'port' | 'database' | 'user' | 'passFile'>,
): string | undefined {
  let text: string;
  try {
    const st = statSync(s.passFile);
    if (!st.isFile() || (st.mode & 0o077) !== 0) return undefined;
    text = readFileSync(s.passFile, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = [s.host, String(s.port), s.database, s.user];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const fields: string[] = [];
    let field = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\' && i + 1 < line.length) field += line[++i];
      else if (c === ':' && fields.length < 4) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    if (fields.length !== 5) continue;
    if ([0, 1, 2, 3].every((i) => fields[i] === '*' || fields[i] === wanted[i])) {
      return fields[4];
    }
  }
  return undefined;
}

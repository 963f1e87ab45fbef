// node-postgres errors mapped to the port's engine-neutral ones, with messages that name the
// problem (the host, the database, the user; never the password) and what to check.
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { StoreBusy, StoreUnavailable, UniqueViolation } from '../port.ts';
import { hostPort, type PostgresSettings } from './settings.ts';

/** The server refused who we are: a wrong password, an unknown role, pg_hba.conf. */
export class PostgresAuthError extends StoreUnavailable {}
/** The URL names a database the server does not have. */
export class PostgresNoDatabaseError extends StoreUnavailable {}
/** What answers at the host and port is not a PostgreSQL server. */
export class PostgresNotServerError extends StoreUnavailable {}
/** TLS could not be agreed as sslmode asks. */
export class PostgresSslError extends StoreUnavailable {}
/** A statement ran longer than the statement time-out. */
export class PostgresTimeoutError extends StoreUnavailable {}
/** The role may only read (a reporting role) but the command writes. */
export class PostgresReadOnlyError extends HdError {}
/** The database holds tables that are not hd's: it is left exactly as it was. */
export class NotHdPostgresError extends HdError {}
/** schema_version and the tables disagree (emptied, edited, or a half-restored dump). */
export class PostgresSchemaInconsistentError extends HdError {}
/** The database was migrated by a newer hd than this one. */
export class PostgresTooNewError extends HdError {}

interface PgLikeError extends Error {
  code?: string;
  /** Set by migrate.ts on a permission error: what hd was doing when it was refused. */
  hdPhase?: 'read' | 'create';
  constraint?: string;
  detail?: string;
  table?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Whether a statement only reads (a permission error on it says nothing about writing). */
export function onlyReads(statement: string | undefined): boolean {
  if (statement === undefined) return false;
  return (
    /^\s*(SELECT|WITH|DECLARE|FETCH|SHOW|VALUES)\b/i.test(statement) &&
    !/\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(statement)
  );
}

/**
 * The port's error for what node-postgres threw; anything unknown is returned as it was.
 * `statement` is the SQL that failed, when known (a refused read is worded as one).
 */
export function mapPostgresError(error: unknown, s: PostgresSettings, statement?: string): unknown {
  if (!(error instanceof Error) || error instanceof HdError) return error;
  const e = error as PgLikeError;
  const code = e.code ?? '';
  const at = hostPort(s.host, s.port);
  const wrap = <T extends HdError>(mapped: T): T => Object.assign(mapped, { code, cause: error });
  const cannotReach = (why: string) => wrap(new StoreUnavailable(t('pg.err.unreachable', { at, why })));

  if (code === '23505') {
    const what = e.detail ? `: ${e.detail}` : '';
    return wrap(new UniqueViolation(`${e.message}${what}`, e.constraint));
  }
  if (code === '40001') return wrap(new StoreBusy(t('pg.err.conflict', { message: e.message })));
  if (code === '40P01') return wrap(new StoreBusy(t('pg.err.deadlock')));
  if (code === '55P03') return wrap(new StoreBusy(t('pg.err.locked')));
  if (code === '57014') {
    return wrap(new PostgresTimeoutError(t('pg.err.timeout', { at, seconds: s.statementTimeoutMs / 1000 })));
  }
  if (/timeout exceeded when trying to connect/.test(e.message)) {
    // Every connection of the pool stayed busy (hd agent's, with many commands at once).
    return wrap(new StoreBusy(t('pg.err.poolBusy', { at, seconds: s.statementTimeoutMs / 1000 })));
  }
  if (code === '28000' && /pg_hba\.conf/.test(e.message)) {
    // The server refuses this host, user and database (or requires TLS from them): no password helps.
    const key = /no encryption/i.test(e.message) ? 'pg.err.hbaNoTls' : 'pg.err.hba';
    return wrap(new PostgresAuthError(t(key, { at, user: s.user, database: s.database, why: e.message })));
  }
  if (code === '28P01' || code === '28000') {
    const pass = s.password !== undefined ? t('pg.passInUrl') : t('pg.passFile', { file: s.passFile });
    const why = code === '28P01' ? t('pg.wrongPassword') : e.message;
    return wrap(new PostgresAuthError(t('pg.err.auth', { at, user: s.user, why, pass })));
  }
  if (code === '42501' && e.hdPhase === 'create') {
    return wrap(
      new PostgresReadOnlyError(
        `the central database at ${at} does not let user "${s.user}" create hd's schema in database "${s.database}" (${e.message}); nothing was written. The role that first runs hd on a database must own it: CREATE DATABASE ${s.database} OWNER ${s.user} (or ALTER DATABASE ${s.database} OWNER TO ${s.user}), as a superuser (README, "Central deployment", step 1).`,
      ),
    );
  }
  if (code === '42501' && (e.hdPhase === 'read' || onlyReads(statement))) {
    return wrap(
      new PostgresReadOnlyError(
        `the central database at ${at} does not let user "${s.user}" read hd's tables (${e.message}): use the operators' role in HD_DB, or have the database owner grant this one read access (README, "Central deployment": the reporting role).`,
      ),
    );
  }
  if (code === '42501' || code === '25006') {
    return wrap(
      new PostgresReadOnlyError(
        `the central database at ${at} lets user "${s.user}" only read (${e.message}); nothing was written. This command changes tickets: run it with an operator's role (README, "Central deployment").`,
      ),
    );
  }
  if (code === '3D000') {
    return wrap(
      new PostgresNoDatabaseError(
        t('pg.err.noDatabase', { at, database: s.database, host: s.host, port: s.port, user: s.user }),
      ),
    );
  }
  if (code === '57P01' || code === '57P02' || code === '57P03' || code.startsWith('08')) {
    return cannotReach(t(code === '57P03' ? 'pg.why.starting' : 'pg.why.closed'));
  }
  if (code === 'ENOENT' && s.host.startsWith('/')) return cannotReach(t('pg.why.noSocket'));
  if (UNREACHABLE.has(code))
    return cannotReach(
      code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? t('pg.why.noHost', { host: s.host }) : code,
    );
  if (/timeout expired|connection timeout|timed out/i.test(e.message)) {
    return cannotReach(
      t('pg.why.noAnswer', { seconds: s.connectTimeoutMs / 1000, from: s.connectTimeoutFrom }),
    );
  }
  if (
    /does not support SSL|SSL connection|self[- ]signed|certificate|TLS|EPROTO/i.test(e.message) ||
    /^ERR_TLS|^ERR_SSL|CERT/.test(code)
  ) {
    // A server without TLS can only be reached by a mode that does without it; a certificate
    // problem is solved by the right CA file (or a mode that does not verify).
    const advice = t(/does not support SSL/i.test(e.message) ? 'pg.tls.noTls' : 'pg.tls.certificate');
    return wrap(new PostgresSslError(t('pg.err.tls', { at, mode: s.sslMode, message: e.message, advice })));
  }
  if (/Connection terminated|Client has encountered a connection error|not queryable/i.test(e.message)) {
    return cannotReach(t('pg.why.lost'));
  }
  return error;
}

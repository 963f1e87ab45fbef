// The PostgreSQL side of the store. Importing this module loads no driver: openPostgres does.
export {
  NotHdPostgresError,
  PostgresAuthError,
  PostgresNoDatabaseError,
  PostgresSchemaInconsistentError,
  PostgresSslError,
  PostgresTimeoutError,
  PostgresTooNewError,
} from './errors.ts';
export { MIGRATION_LOCK, postgresSchemaVersion } from './migrate.ts';
export { postgresMigrations } from './migrations/index.ts';
export { isPostgresUrl, PostgresSettingsError, postgresSettings, redact } from './settings.ts';
export { loadDriver, type OpenPostgresOptions, openPostgres, PostgresStore } from './store.ts';

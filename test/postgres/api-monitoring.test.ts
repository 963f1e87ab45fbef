// test/api/api-monitoring.test.ts on PostgreSQL: the monitoring edge cases, each harness on this file's fresh database.
import { afterAll, beforeAll } from 'vitest';
import { closePostgres, usePostgres } from '../helpers/context.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import '../api/api-monitoring.test.ts';

beforeAll(async () => usePostgres(await freshDatabase()));
afterAll(closePostgres);

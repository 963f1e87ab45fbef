// test/api/hub.test.ts on PostgreSQL: the event hub tests, each harness on this file's fresh database.
import { afterAll, beforeAll } from 'vitest';
import { closePostgres, usePostgres } from '../helpers/context.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import '../api/hub.test.ts';

beforeAll(async () => usePostgres(await freshDatabase()));
afterAll(closePostgres);

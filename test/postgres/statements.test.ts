// test/store/statements.test.ts on PostgreSQL: the statements each command sends to the server.
import { afterAll, beforeAll } from 'vitest';
import { closePostgres, usePostgres } from '../helpers/context.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import '../store/statements.test.ts';

beforeAll(async () => usePostgres(await freshDatabase()));
afterAll(closePostgres);

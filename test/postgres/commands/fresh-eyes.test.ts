// test/commands/fresh-eyes.test.ts on PostgreSQL: the same tests, each harness on this file's fresh database.
import { afterAll, beforeAll } from 'vitest';
import { closePostgres, usePostgres } from '../../helpers/context.ts';
import { freshDatabase } from '../../helpers/postgres.ts';
import '../../commands/fresh-eyes.test.ts';

beforeAll(async () => usePostgres(await freshDatabase()));
afterAll(closePostgres);

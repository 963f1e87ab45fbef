// test/commands/lookup.test.ts on PostgreSQL through a running hd agent: the same tests, the same output.
import { afterAll, beforeAll } from 'vitest';
import { startAgent } from '../../helpers/agent.ts';
import { closePostgres, usePostgresAgent } from '../../helpers/context.ts';
import { freshDatabase } from '../../helpers/postgres.ts';
import '../../commands/lookup.test.ts';

beforeAll(async () => {
  const url = await freshDatabase();
  usePostgresAgent(url, (await startAgent(url)).env);
});
afterAll(closePostgres);

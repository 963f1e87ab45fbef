// test/store/statements.test.ts through a running hd agent: reads still send at most 3 statements.
import { afterAll, beforeAll } from 'vitest';
import { startAgent } from '../../helpers/agent.ts';
import { closePostgres, usePostgresAgent } from '../../helpers/context.ts';
import { freshDatabase } from '../../helpers/postgres.ts';
import '../../store/statements.test.ts';

beforeAll(async () => {
  const url = await freshDatabase();
  usePostgresAgent(url, (await startAgent(url)).env);
});
afterAll(closePostgres);

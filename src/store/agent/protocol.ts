// hd agent's wire (src/store/agent/server.ts, client.ts): where a user's agent listens for a
// database, and the frames both ends exchange. Pure: nothing here loads the driver.
//
// Frames are lines of JSON, one object each. A request carries `op` and an `id`; its answer
// carries the same `id`. Values and rows are JSON as node-postgres gives them: 64-bit integers and
// numerics are JS numbers already checked exact by the agent (parseInt8), so they arrive exact.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { postgresMigrations } from '../postgres/migrations/index.ts';
import { type Env, type PostgresSettings, pgpassLookup } from '../postgres/settings.ts';

/** This hd's version (src/cli.ts's --version): an agent of another hd is not used. */
export const HD_VERSION = '0.1.0';

/**
 * The identity of this build, which scripts/build.mjs defines (a digest of the sources and
 * catalogs it bundles): two builds of one version are two hds. Absent when run from source.
 */
declare const __HD_BUILD__: string | undefined;
const BUILD = typeof __HD_BUILD__ === 'string' ? __HD_BUILD__ : undefined;

/** What an agent and a command must agree on: the package, the schema it migrates to, the build. */
export function agentVersion(build: string | undefined = BUILD): string {
  return `${HD_VERSION}+schema.${postgresMigrations.length}${build ? `+build.${build}` : ''}`;
}

/**
 * Whether an agent that says `agent` (its hello's version) is of this hd, which says `hd`: the
 * same version and schema, and the same build when both have one (run from source, hd has none,
 * and tests use the bundled agent from there).
 */
export function sameAgentVersion(agent: string, hd: string): boolean {
  const build = /\+build\.([0-9a-z]+)/;
  const a = build.exec(agent)?.[1];
  const b = build.exec(hd)?.[1];
  if (agent.replace(build, '') !== hd.replace(build, '')) return false;
  return a === undefined || b === undefined || a === b;
}

/** The folder of the user's agent sockets: $XDG_RUNTIME_DIR/hd, or ~/.cache/hd; mode 0700. */
export function agentDir(env: Env): string {
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'hd');
  return join(env.HOME || homedir(), '.cache', 'hd');
}

/**
 * FNV-1a, 64 bits as two 32-bit halves, in hex: a name, not a secret. bin/hd computes the same
 * (agentSocketName there) to see cheaply whether an agent runs, so both must stay alike.
 */
export function fnv64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** The socket of the agent for this database: named by host, port, user and database (never the password). */
export function agentSocketPath(
  s: Pick<PostgresSettings, 'host' | 'port' | 'user' | 'database'>,
  env: Env,
): string {
  return join(agentDir(env), `agent-${fnv64(`${s.host}\n${s.port}\n${s.user}\n${s.database}`)}.sock`);
}

/**
 * A digest of every setting of a command's connection beyond the socket's name: sslmode and its
 * CA file, the password as hd would send it (from the URL, PGPASSWORD or ~/.pgpass), the
 * application name and both time-outs. A command uses the agent only when its digest is the
 * agent's: otherwise it would run with the agent's settings (sslmode=disable for verify-full, the
 * agent's password for a wrong one). SHA-256: the password never travels, even to the agent.
 * @noble/hashes computes it: every command through the agent would otherwise load node:crypto
 * (~3 ms of a ~90 ms run) for this one digest.
 */
export function settingsFingerprint(s: PostgresSettings): string {
  const password = s.password ?? pgpassLookup(s) ?? '';
  const fields = [
    s.host,
    s.port,
    s.user,
    s.database,
    password,
    s.sslMode,
    s.sslRootCert ?? '',
    s.applicationName,
    s.statementTimeoutMs,
    s.connectTimeoutMs,
  ];
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(fields))));
}

/** --idle as the agent says it: whole minutes as formatDuration shows them (`12h`), else seconds (`90s`). */
export function showIdle(ms: number, format: (ms: number) => string): string {
  return ms % 60_000 === 0 ? format(ms) : `${String(ms / 1000).replace('.', ',')}s`;
}

/** The PostgreSQL fields of an error, as node-postgres gives them (mapPostgresError reads these). */
export interface WirePgError {
  code?: string;
  message: string;
  constraint?: string;
  detail?: string;
  table?: string;
  hdPhase?: 'read' | 'create';
}

/** An error as it travels: a driver's (mapped again by the client) or one of hd's own, by class. */
export type WireError =
  | { pg: WirePgError }
  | { hd: string; message: string; code?: string; constraint?: string };

export type Request =
  | { op: 'hello'; id: number; version: string; settings?: string }
  | {
      op: 'q';
      id: number;
      mode: 'all' | 'get' | 'run' | 'values';
      text: string;
      values: unknown[];
      tx?: number;
    }
  | { op: 'begin'; id: number }
  | { op: 'commit' | 'rollback'; id: number; tx: number }
  | { op: 'cur'; id: number; text: string; values: unknown[]; arrays: boolean; tx?: number }
  | { op: 'next' | 'close'; id: number; cur: number }
  | { op: 'status' | 'stop'; id: number };

export interface Reply {
  id: number;
  error?: WireError;
  rows?: unknown[];
  changes?: number;
  tx?: number;
  cur?: number;
  done?: boolean;
  [more: string]: unknown;
}

/** What `hd agent status` shows, and the hello answer. */
export interface AgentStatus {
  version: string;
  pid: number;
  location: string;
  socket: string;
  startedAt: number;
  served: number;
  clients: number;
}

/**
 * Splits a stream of bytes into JSON lines: `onFrame` gets each object. A line that is not JSON
 * ends the stream (`onBad`).
 */
export function frameReader(onFrame: (frame: unknown) => void, onBad: (error: Error) => void) {
  // A character cut between two chunks is joined again before it is read.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let bad = false;
  return (chunk: Buffer) => {
    if (bad) return;
    const text = decoder.write(chunk);
    let from = pending.length;
    pending += text;
    let start = 0;
    let end = pending.indexOf('\n', from);
    while (end >= 0) {
      const line = pending.slice(start, end);
      start = end + 1;
      if (line) {
        let frame: unknown;
        try {
          frame = JSON.parse(line);
        } catch (error) {
          bad = true;
          onBad(error as Error);
          return;
        }
        onFrame(frame);
      }
      from = start;
      end = pending.indexOf('\n', from);
    }
    pending = pending.slice(start);
  };
}

export function frame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

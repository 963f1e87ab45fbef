// What the agent commands share: the database they are about, and its socket.
import type { Context } from '../../context.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { agentSocketPath } from '../../store/agent/protocol.ts';
import { unsafeSocket } from '../../store/agent/stale.ts';
import { isPostgresUrl, type PostgresSettings, postgresSettings } from '../../store/postgres/settings.ts';

export interface AgentTarget {
  url: string;
  settings: PostgresSettings;
  socket: string;
}

/** HD_DB / --db as a PostgreSQL database; an SQLite file is refused: it has no connection to keep. */
export function agentTarget(ctx: Context): AgentTarget {
  if (!isPostgresUrl(ctx.dbPath)) throw new HdError(t('agent.err.sqlite', { db: ctx.dbPath }));
  const settings = postgresSettings(ctx.dbPath, ctx.env);
  return { url: ctx.dbPath, settings, socket: agentSocketPath(settings, ctx.env) };
}

/**
 * Refuses, as a command refuses to use it, a socket that someone else could have put there (its
 * folder not this user's or open to others, the socket not a socket of this user's): `hd agent
 * status|start|stop` never talk to it nor remove it.
 */
export function refuseUnsafeSocket(socket: string): void {
  const unsafe = unsafeSocket(socket);
  if (unsafe === undefined || unsafe === 'absent') return;
  throw new HdError(
    t('agent.err.unsafe', { socket, why: t(`agent.unsafe.${unsafe.why}`, { mode: unsafe.mode ?? '' }) }),
  );
}

// What the agent commands share: the database they are about, and its socket.
import type { Context } from '../../context.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { agentSocketPath } from '../../store/agent/protocol.ts';
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

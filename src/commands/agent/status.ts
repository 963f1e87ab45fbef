// hd agent status: whether the user's agent runs for this database, and what it has done.
import type { Context } from '../../context.ts';
import { HdError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import { describeDb } from '../../paths.ts';
import { agentPid } from '../../store/agent/stale.ts';
import { isPostgresUrl } from '../../store/postgres/settings.ts';
import { printJson } from '../../ui/output.ts';
import { formatSpan, iso } from '../../ui/time.ts';
import { unit } from '../unit.ts';
import { agentTarget, refuseUnsafeSocket } from './common.ts';

export interface AgentStatusOptions {
  json: boolean;
}

export const agentStatus = unit<AgentStatusOptions>({
  declare: (parent) =>
    parent.command('status').description(t('agent.status.describe')).option('--json', t('opt.json')),
  options: (input) => ({ json: input.flag('json') }),
  run: runAgentStatus,
});

export async function runAgentStatus(opts: AgentStatusOptions, ctx: Context): Promise<void> {
  // On SQLite no agent runs: --json says so as JSON too, then the refusal (exit 1).
  if (opts.json && !isPostgresUrl(ctx.dbPath))
    printJson(ctx.io, { running: false, socket: null, database: describeDb(ctx.dbPath) });
  const target = agentTarget(ctx);
  refuseUnsafeSocket(target.socket);
  const { liveAgent } = await import('../../store/agent/server.ts');
  const live = await liveAgent(target.socket);
  if (live === 'silent') {
    const pid = agentPid(target.socket);
    if (opts.json)
      printJson(ctx.io, {
        running: true,
        answering: false,
        pid: pid ?? null,
        socket: target.socket,
        database: target.settings.location,
      });
    throw new HdError(t('agent.status.silent', { pid: pid ?? '?', socket: target.socket }));
  }
  const s = live;
  const now = ctx.now().getTime();
  if (opts.json) {
    printJson(
      ctx.io,
      s
        ? {
            running: true,
            pid: s.pid,
            socket: s.socket,
            database: s.location,
            startedAt: iso(s.startedAt),
            uptimeSeconds: Math.max(0, Math.round((now - s.startedAt) / 1000)),
            clients: s.clients,
            served: s.served,
            version: s.version,
          }
        : { running: false, socket: target.socket, database: target.settings.location },
    );
  } else if (s) {
    ctx.io.stdout.write(
      `${t('agent.status.running', {
        pid: s.pid,
        socket: s.socket,
        location: s.location,
        uptime: formatSpan(Math.max(0, Math.floor((now - s.startedAt) / 60_000) * 60_000), language()),
        served: s.served,
        clients: s.clients,
      })}\n`,
    );
  }
  // Not running: exit 1, so that `hd agent status || hd agent start` starts one.
  if (!s) throw new HdError(t('agent.notRunning', { location: target.settings.location }));
}

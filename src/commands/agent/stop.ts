// hd agent stop: the agent finishes what is in flight, closes its connections and removes its socket.
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { t } from '../../i18n.ts';
import { unit } from '../unit.ts';
import { agentTarget } from './common.ts';

export const agentStop = unit<Record<string, never>>({
  declare: (parent) => parent.command('stop').description(t('agent.stop.describe')),
  options: () => ({}),
  run: runAgentStop,
});

export async function runAgentStop(_opts: Record<string, never>, ctx: Context): Promise<void> {
  const target = agentTarget(ctx);
  const { askToStop, liveAgent } = await import('../../store/agent/server.ts');
  const running = await liveAgent(target.socket);
  if (!running) return say(ctx, t('agent.notRunning', { location: target.settings.location }));
  await askToStop(target.socket);
  // Stopped when its process is gone (it lets a transaction in flight end first, up to 30 s).
  const until = Date.now() + 35_000;
  while (Date.now() < until && alive(running.pid)) await new Promise((r) => setTimeout(r, 50));
  say(ctx, t('agent.stoppedPid', { pid: running.pid }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

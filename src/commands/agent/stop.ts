// hd agent stop: the agent finishes what is in flight, closes its connections and removes its socket.
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { agentPid, removePidFile, removeStaleSocket } from '../../store/agent/stale.ts';
import { unit } from '../unit.ts';
import { agentTarget, refuseUnsafeSocket } from './common.ts';

export const agentStop = unit<Record<string, never>>({
  declare: (parent) => parent.command('stop').description(t('agent.stop.describe')),
  options: () => ({}),
  run: runAgentStop,
});

export async function runAgentStop(_opts: Record<string, never>, ctx: Context): Promise<void> {
  const target = agentTarget(ctx);
  refuseUnsafeSocket(target.socket);
  const { askToStop, liveAgent } = await import('../../store/agent/server.ts');
  const running = await liveAgent(target.socket);
  if (!running) return say(ctx, t('agent.notRunning', { location: target.settings.location }));
  if (running === 'silent') {
    // Stopped (SIGSTOP) or hung: SIGTERM, then SIGKILL if it is still there after a few seconds.
    const pid = agentPid(target.socket);
    if (pid === undefined) {
      removeStaleSocket(target.socket);
      throw new HdError(t('agent.status.silent', { pid: '?', socket: target.socket }));
    }
    signal(pid, 'SIGTERM');
    signal(pid, 'SIGCONT');
    if (!(await gone(pid, KILL_AFTER_MS))) {
      signal(pid, 'SIGKILL');
      await gone(pid, 2_000);
      say(ctx, t('agent.killed', { pid, seconds: KILL_AFTER_MS / 1000 }));
    }
    removeStaleSocket(target.socket);
    removePidFile(target.socket);
    return say(ctx, t('agent.stoppedPid', { pid }));
  }
  await askToStop(target.socket);
  // Stopped when its process is gone (it lets a transaction in flight end first, up to 30 s).
  if (!(await gone(running.pid, 35_000))) {
    signal(running.pid, 'SIGKILL');
    await gone(running.pid, 2_000);
    removeStaleSocket(target.socket);
    removePidFile(target.socket);
    say(ctx, t('agent.killed', { pid: running.pid, seconds: 35 }));
  }
  say(ctx, t('agent.stoppedPid', { pid: running.pid }));
}

/** How long a silent agent gets after SIGTERM before SIGKILL. */
const KILL_AFTER_MS = 3_000;

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && alive(pid)) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

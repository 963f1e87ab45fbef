// hd agent start: keeps warm connections to the central PostgreSQL for this user's commands.
// Detaches (a process of its own, which the command waits for until it answers) unless
// --foreground, which tests and systemd use.
// The default export: the bundle's stand-in for node:child_process (scripts/lazy-child-process.cjs)
// lends its members only through it.
import childProcess from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { formatDuration, parseDuration } from '../../domain/time.ts';
import { HdError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { agentDir } from '../../store/agent/protocol.ts';
import { unit } from '../unit.ts';
import { agentTarget } from './common.ts';

export interface AgentStartOptions {
  foreground: boolean;
  /** Stops after this long without a command connected. */
  idleMs: number;
}

/** A working shift: an agent started at login lasts the day and is gone by the next. */
export const DEFAULT_IDLE = '12h';

export const agentStart = unit<AgentStartOptions>({
  declare: (parent) =>
    parent
      .command('start')
      .description(t('agent.start.describe'))
      .option('--foreground', t('agent.start.opt.foreground'))
      .option('--idle <duration>', t('agent.start.opt.idle'), DEFAULT_IDLE)
      .addHelpText(
        'after',
        `\n${t('agent.start.after')}\n${examples('hd agent start', 'hd agent start --idle 30m', 'hd agent stop && hd agent start')}`,
      ),
  options: (input) => ({
    foreground: input.flag('foreground'),
    idleMs: parseDuration(input.text('idle') ?? DEFAULT_IDLE),
  }),
  run: runAgentStart,
});

export async function runAgentStart(opts: AgentStartOptions, ctx: Context): Promise<void> {
  const target = agentTarget(ctx);
  const { Agent, liveAgent, privateDir } = await import('../../store/agent/server.ts');
  const running = await liveAgent(target.socket);
  if (running === 'silent') {
    const { agentPid } = await import('../../store/agent/stale.ts');
    throw new HdError(
      t('agent.status.silent', { pid: agentPid(target.socket) ?? '?', socket: target.socket }),
    );
  }
  if (running) throw new HdError(t('agent.err.running', { pid: running.pid, socket: target.socket }));
  if (!opts.foreground) return detach(opts, ctx, target.socket, privateDir, liveAgent);
  const agent = new Agent({
    url: target.url,
    env: ctx.env,
    socket: target.socket,
    idleMs: opts.idleMs,
    now: () => ctx.now().getTime(),
    log: (line) => say(ctx, line),
  });
  await agent.start();
  const stop = () => void agent.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  say(
    ctx,
    t('agent.started', {
      pid: process.pid,
      location: target.settings.location,
      socket: target.socket,
      idle: formatDuration(opts.idleMs),
    }),
  );
  try {
    await agent.finished;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  say(ctx, t('agent.stopped', { served: agent.served }));
}

/**
 * Starts the agent as a process of its own (this hd with --foreground, its session detached,
 * its output in a log beside the socket) and waits until it answers on its socket. The URL goes
 * in its environment (HD_DB), never on its command line, which every user can read.
 */
async function detach(
  opts: AgentStartOptions,
  ctx: Context,
  socket: string,
  privateDir: (dir: string) => void,
  liveAgent: (socket: string) => Promise<{ pid: number } | 'silent' | undefined>,
): Promise<void> {
  const program = ctx.program;
  if (!program) throw new HdError(t('agent.err.program'));
  const dir = agentDir(ctx.env);
  privateDir(dir);
  const log = join(dir, `${socket.slice(dir.length + 1).replace(/\.sock$/, '')}.log`);
  const out = openSync(log, 'w', 0o600);
  const child = childProcess.spawn(
    process.execPath,
    [...process.execArgv, program, 'agent', 'start', '--foreground', '--idle', formatDuration(opts.idleMs)],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...ctx.env, HD_DB: ctx.dbPath } as NodeJS.ProcessEnv,
    },
  );
  closeSync(out);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  child.on('error', () => {
    exited = -1;
  });
  const until = Date.now() + 60_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const live = exited === undefined ? await liveAgent(socket) : undefined;
    if (live && live !== 'silent') break;
    if (exited !== undefined || Date.now() > until) {
      if (exited === undefined) child.kill('SIGTERM');
      const said = readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
      throw new HdError(t('agent.err.notStarted', { log, said: said || '-' }));
    }
  }
  child.unref();
  say(ctx, t('agent.detached', { pid: child.pid ?? '?', socket, log }));
}

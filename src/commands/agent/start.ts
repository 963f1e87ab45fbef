// hd agent start: keeps warm connections to the central PostgreSQL for this user's commands.
// Detaches (a process of its own, which the command waits for until it answers) unless
// --foreground, which tests and systemd use.
// The default export: the bundle's stand-in for node:child_process (scripts/lazy-child-process.cjs)
// lends its members only through it.
import childProcess from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { say } from '../../context.ts';
import { formatDuration, parseDuration } from '../../domain/time.ts';
import { HdError, UsageError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { agentDir, showIdle } from '../../store/agent/protocol.ts';
import { unit } from '../unit.ts';
import { agentTarget, refuseUnsafeSocket } from './common.ts';

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
    idleMs: idleDuration(input.text('idle') ?? DEFAULT_IDLE),
  }),
  run: runAgentStart,
});

/** The shortest --idle: a shorter one would stop the agent between two commands of a burst. */
export const MIN_IDLE_MS = 10_000;
/** The longest --idle: a timer of Node cannot wait longer (2^31-1 ms, about 24.8 days). */
export const MAX_IDLE_MS = 2 ** 31 - 1;

/** --idle as milliseconds: at least 10 s, at most 24 days (refused otherwise: a usage error). */
export function idleDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms < MIN_IDLE_MS || ms > MAX_IDLE_MS) throw new UsageError(t('agent.err.idle', { value: text }));
  return ms;
}

/** The exact --idle for the detached agent, in seconds (a decimal comma for milliseconds): `90s`, `1,5s`. */
export function idleArgument(ms: number): string {
  return `${String(ms / 1000).replace('.', ',')}s`;
}

export async function runAgentStart(opts: AgentStartOptions, ctx: Context): Promise<void> {
  if (!opts.foreground) return startAgent(opts, ctx);
  try {
    await startAgent(opts, ctx);
  } catch (error) {
    // The agent's stderr is its log, where every line says when: its last words too (a
    // detached start quotes them from there).
    const message =
      error instanceof HdError
        ? error.message
        : t('env.err.unexpected', { message: (error as Error)?.message ?? String(error) });
    if (message) say(ctx, stamped(ctx, `hd: ${message}`));
    if (ctx.env.HD_DEBUG === '1' && error instanceof Error) say(ctx, error.stack ?? '');
    throw new HdError('', error instanceof HdError ? error.exitCode : 1);
  }
}

async function startAgent(opts: AgentStartOptions, ctx: Context): Promise<void> {
  const target = agentTarget(ctx);
  refuseUnsafeSocket(target.socket);
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
    log: (line) => say(ctx, stamped(ctx, line)),
  });
  await agent.start();
  const stop = () => void agent.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  say(
    ctx,
    stamped(
      ctx,
      t('agent.started', {
        pid: process.pid,
        location: target.settings.location,
        socket: target.socket,
        idle: showIdle(opts.idleMs, formatDuration),
      }),
    ),
  );
  try {
    await agent.finished;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  say(ctx, stamped(ctx, t('agent.stopped', { served: agent.served })));
}

/** A line of the agent's log (its stderr), with when it happened. */
function stamped(ctx: Context, line: string): string {
  return `${ctx.now().toISOString()} ${line}`;
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
  // Appended to: what an earlier agent said stays for whoever looks into why it stopped.
  const out = openSync(log, 'a', 0o600);
  // In bytes: the log is read from there as bytes (a Russian line is longer in bytes than in characters).
  const from = statSync(log).size;
  const child = childProcess.spawn(
    process.execPath,
    [...process.execArgv, program, 'agent', 'start', '--foreground', '--idle', idleArgument(opts.idleMs)],
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
      const said = readFileSync(log).subarray(from).toString('utf8').trim().split('\n').slice(-5).join('\n');
      throw new HdError(t('agent.err.notStarted', { log, said: said || '-' }));
    }
  }
  child.unref();
  say(ctx, t('agent.detached', { pid: child.pid ?? '?', socket, log }));
}

// The files beside an agent's socket: a socket nobody listens on (an agent that was killed) is
// removed, never anything but a socket; the pid file says which process a silent agent is; and a
// socket is used only when only this user could have made it.
import { lstatSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

export function removeStaleSocket(socket: string): void {
  try {
    if (lstatSync(socket).isSocket()) {
      unlinkSync(socket);
      removePidFile(socket);
    }
  } catch {
    // Gone already.
  }
}

/** The pid file of the agent on `socket`: agent-….pid beside agent-….sock. */
export function pidFile(socket: string): string {
  return socket.replace(/\.sock$/, '.pid');
}

/** The pid the agent on `socket` wrote when it started, if any. */
export function agentPid(socket: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile(socket), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function removePidFile(socket: string): void {
  try {
    unlinkSync(pidFile(socket));
  } catch {
    // Gone already.
  }
}

/**
 * Why the socket must not be used (as `hd agent start` refuses such a folder): its folder not
 * this user's or open to others (any group/other bit), the socket not a socket or not this
 * user's. 'absent' when there is no socket; undefined when it is safe.
 */
export function unsafeSocket(
  socket: string,
): 'absent' | { why: 'dirOwner' | 'dirMode' | 'sockOwner'; mode?: string } | undefined {
  const uid = process.getuid?.();
  let sock: ReturnType<typeof lstatSync>;
  try {
    sock = lstatSync(socket);
  } catch {
    return 'absent';
  }
  const dir = lstatSync(dirname(socket));
  if (!dir.isDirectory() || (uid !== undefined && dir.uid !== uid)) return { why: 'dirOwner' };
  if ((dir.mode & 0o077) !== 0) return { why: 'dirMode', mode: `0${(dir.mode & 0o777).toString(8)}` };
  if (!sock.isSocket() || (uid !== undefined && sock.uid !== uid)) return { why: 'sockOwner' };
  return undefined;
}

// A socket file nobody listens on (an agent that was killed): removed, never anything but a socket.
import { lstatSync, unlinkSync } from 'node:fs';

export function removeStaleSocket(socket: string): void {
  try {
    if (lstatSync(socket).isSocket()) unlinkSync(socket);
  } catch {
    // Gone already.
  }
}

// Whether a descriptor is a terminal, without paying for node:tty on every run.
import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * node:tty loads node:net and the stream machinery (~3 ms of a ~75 ms run). A pipe, file or
 * socket — what fstat tells without it — is answered at once, and so is /dev/null (a cron job's
 * output, a script's stdin); only another character device is asked of tty.isatty.
 */
export function isTerminal(fd: number): boolean {
  try {
    const device = fstatSync(fd);
    if (!device.isCharacterDevice() || device.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false; // closed
  }
  // The CommonJS bundle has __filename; the sources run as ES modules under vitest.
  const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  return (load('node:tty') as typeof import('node:tty')).isatty(fd);
}

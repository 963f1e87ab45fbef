// Whether a descriptor is a terminal, without paying for node:tty on every run.
import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * node:tty loads node:net and the stream machinery (~3 ms of a ~75 ms run). A pipe, file or
 * socket — what fstat tells without it — is answered at once; only a character device (a
 * terminal, or /dev/null) is asked of tty.isatty.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // closed
  }
  // The CommonJS bundle has __filename; the sources run as ES modules under vitest.
  const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  return (load('node:tty') as typeof import('node:tty')).isatty(fd);
}

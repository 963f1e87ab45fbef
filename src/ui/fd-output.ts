// hd's stdout and stderr. Setting up a Node stream on a pipe costs ~3 ms of every run; writing
// straight to the descriptor costs nothing, and a blocking pipe or file takes it synchronously.
import type { Output } from '../context.ts';
import { HdError } from '../errors.ts';
import { stripUnsafe } from './text.ts';

export interface FdSystem {
  writeSync(fd: number, data: Uint8Array, offset: number): number;
  isatty(fd: number): boolean;
  /** Node's stream for the descriptor, created on first use. */
  stream(fd: 1 | 2): { write(data: Uint8Array): unknown };
  /** The reader went away (`hd list | head`): stop quietly, as other Unix tools do. */
  closed(): void;
}

/**
 * Output to fd 1 or 2. Text that came from users cannot drive the terminal, whatever path it
 * takes to the output (stripUnsafe); colour passes only while `colour()` says hd is colouring,
 * so with colour off not even a stored colour code gets through. A terminal gets Node's stream. A pipe or file is written
 * straight to the descriptor, unless it turns out to be non-blocking (EAGAIN): then Node's
 * stream takes the rest and everything after it, so the order of the output is kept.
 */
export function fdOutput(fd: 1 | 2, sys: FdSystem, colour: () => boolean = () => true): Output {
  let viaStream = sys.isatty(fd);
  return {
    write(text: string) {
      const data = Buffer.from(stripUnsafe(text, colour()));
      let done = 0;
      while (!viaStream && done < data.length) {
        try {
          done += sys.writeSync(fd, data, done);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            sys.closed();
            return false;
          }
          if (code !== 'EAGAIN')
            throw new HdError(
              `Cannot write to ${fd === 1 ? 'the output' : 'stderr'} (${(error as Error).message}).`,
            );
          viaStream = true;
        }
      }
      return done < data.length ? sys.stream(fd).write(data.subarray(done)) : true;
    },
  };
}

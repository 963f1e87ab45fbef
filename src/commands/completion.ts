import { bashScript, zshScript } from '../cli/completion.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import type { Opts } from './common.ts';

export async function runCompletion(args: string[], _opts: Opts, ctx: Context): Promise<void> {
  const shell = args[0];
  if (shell === 'bash') ctx.io.stdout.write(bashScript());
  else if (shell === 'zsh') ctx.io.stdout.write(zshScript());
  else
    throw new UsageError(
      `hd completes in bash and zsh, not "${shell}": hd completion bash, or hd completion zsh.`,
    );
}

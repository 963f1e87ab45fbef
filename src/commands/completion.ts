// hd completion bash|zsh: the shell completion script.
import { bashScript, zshScript } from '../cli/completion.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import { unit } from './unit.ts';

export interface CompletionOptions {
  shell: 'bash' | 'zsh';
}

export const completion = unit<CompletionOptions>({
  declare: (parent) =>
    parent
      .command('completion')
      .description(t('completion.describe'))
      .argument('<shell>', 'bash | zsh')
      .addHelpText(
        'after',
        `\n${t('completion.after')}\n${examples(
          `eval "$(hd completion bash)"          # ${t('completion.example.bash')}`,
          `eval "$(hd completion zsh)"           # ${t('completion.example.zsh')}`,
        )}`,
      ),
  options: (input) => {
    const shell = input.arg(0);
    if (shell !== 'bash' && shell !== 'zsh')
      throw new UsageError(t('completion.err.shell', { shell: shell ?? '' }));
    return { shell };
  },
  run: runCompletion,
});

export async function runCompletion(opts: CompletionOptions, ctx: Context): Promise<void> {
  ctx.io.stdout.write(opts.shell === 'bash' ? bashScript() : zshScript());
}

// hd serve: options checked here, the server (and fastify) loaded only when this command runs.
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { parseWhole } from '../domain/limits.ts';
import { UsageError } from '../errors.ts';
import { setLanguage, t } from '../i18n.ts';
import { unit } from './unit.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** TLS: both files or neither. */
  tls?: { cert: string; key: string };
}

export const serve = unit<ServeOptions>({
  declare: (parent) =>
    parent
      .command('serve')
      .description(t('serve.describe'))
      .option('--host <address>', t('serve.opt.host'), '127.0.0.1')
      .option('--port <n>', t('serve.opt.port'), '8621')
      .option('--cert <file>', t('serve.opt.cert'))
      .option('--key <file>', t('serve.opt.key'))
      .addHelpText(
        'after',
        `\n${t('serve.after')}\n${examples('hd serve', 'hd serve --host 0.0.0.0 --port 8443 \\\n      --cert hd.pem --key hd-key.pem')}`,
      ),
  options: (input) => {
    const host = input.text('host') ?? '127.0.0.1';
    if (!host.trim()) throw new UsageError(t('serve.err.host'));
    const port = parseWhole(input.text('port') ?? '8621', '--port', { min: 0, max: 65535 });
    const cert = input.text('cert');
    const key = input.text('key');
    if ((cert === undefined) !== (key === undefined)) throw new UsageError(t('serve.err.tls'));
    return { host, port, ...(cert && key ? { tls: { cert, key } } : {}) };
  },
  run: runServe,
});

export async function runServe(opts: ServeOptions, ctx: Context): Promise<void> {
  const { serve } = await import('../api/server.ts');
  // The API answers other departments' systems in English, whatever the operator's locale.
  setLanguage('en');
  await serve(ctx, { host: opts.host, port: opts.port, ...(opts.tls ?? {}) });
}

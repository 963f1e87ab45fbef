// hd serve: options checked here, the server (and fastify) loaded only when this command runs.
import { readFileSync } from 'node:fs';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { parseWhole } from '../domain/limits.ts';
import { HdError, UsageError } from '../errors.ts';
import { language, setLanguage, t } from '../i18n.ts';
import type { Store } from '../store/port.ts';
import { unit } from './unit.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** Processes serving the port (node:cluster). */
  workers: number;
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
      .option('--workers <n>', t('serve.opt.workers'))
      .addHelpText(
        'after',
        `\n${t('serve.after')}\n\n${t('serve.events')}\n${examples('hd serve', 'hd serve --workers 2', 'hd serve --host 0.0.0.0 --port 8443 \\\n      --cert hd.pem --key hd-key.pem')}`,
      ),
  options: (input) => {
    const host = input.text('host') ?? '127.0.0.1';
    if (!host.trim()) throw new UsageError(t('serve.err.host'));
    const port = parseWhole(input.text('port') ?? '8621', '--port', { min: 0, max: 65535 });
    const cert = input.text('cert');
    const key = input.text('key');
    if ((cert === undefined) !== (key === undefined)) throw new UsageError(t('serve.err.tls'));
    const workers = parseWhole(input.text('workers') ?? '1', '--workers', { min: 1, max: 64 });
    return { host, port, workers, ...(cert && key ? { tls: { cert, key } } : {}) };
  },
  run: runServe,
});

function errnoText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export async function runServe(opts: ServeOptions, ctx: Context): Promise<void> {
  // HD_HUB_RETRY_MS: the first retry of an event delivery (doubling up to 5 min); also how often
  // the queue is looked at for changes made by the CLI, when shorter than a second.
  const retry = ctx.env.HD_HUB_RETRY_MS;
  const retryMs =
    retry === undefined ? undefined : parseWhole(retry, 'HD_HUB_RETRY_MS', { min: 10, max: 300_000 });
  // The server's own store: on PostgreSQL a pool whose statements run side by side for the
  // requests in flight, where a command's run one after another.
  let store: Promise<Store> | undefined;
  const server: Context = {
    ...ctx,
    store: () =>
      (store ??= import('../setup.ts').then((m) =>
        m.openStore(ctx.dbPath, {
          stderr: ctx.io.stderr,
          env: ctx.env,
          now: ctx.now().getTime(),
          server: true,
        }),
      )),
  };
  // A certificate or key that cannot be read is named before anything starts.
  for (const [flag, file] of Object.entries(opts.tls ?? {})) {
    try {
      readFileSync(file);
    } catch (error) {
      throw new UsageError(t('serve.err.file', { flag: `--${flag}`, file, why: errnoText(error) }));
    }
  }
  const { serve } = await import('../api/server.ts');
  // What the operator reads about the port is in their language; the API answers in English.
  const listenError = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      return new HdError(t(`serve.err.${code}`, { host: opts.host, port: opts.port }));
    return error;
  };
  // The API answers other departments' systems in English, whatever the operator's locale.
  const operatorLanguage = language();
  setLanguage('en');
  try {
    await serve(server, {
      host: opts.host,
      port: opts.port,
      workers: opts.workers,
      ...(opts.tls ?? {}),
      ...(retryMs !== undefined ? { events: { retryMs, pollMs: Math.min(1000, retryMs) } } : {}),
    });
  } catch (error) {
    setLanguage(operatorLanguage);
    throw listenError(error);
  } finally {
    await (await store?.catch(() => undefined))?.close();
  }
}

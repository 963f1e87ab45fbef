// hd serve: options checked here, the server (and fastify) loaded only when this command runs.
import type { Context } from '../context.ts';
import { parseWhole } from '../domain/limits.ts';
import { UsageError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import { type Opts, str } from './common.ts';

export async function runServe(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const host = str(opts, 'host') ?? '127.0.0.1';
  if (!host.trim())
    throw new UsageError('--host cannot be empty (e.g. 127.0.0.1, or 0.0.0.0 for every interface).');
  const port = parseWhole(str(opts, 'port') ?? '8621', '--port', { min: 0, max: 65535 });
  const cert = str(opts, 'cert');
  const key = str(opts, 'key');
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError('TLS needs both --cert FILE and --key FILE (PEM), or neither.');
  // HD_HUB_RETRY_MS: the first retry of an event delivery (doubling up to 5 min); also how often
  // the queue is looked at for changes made by the CLI, when shorter than a second.
  const retry = ctx.env.HD_HUB_RETRY_MS;
  const retryMs =
    retry === undefined ? undefined : parseWhole(retry, 'HD_HUB_RETRY_MS', { min: 10, max: 300_000 });
  const workers = parseWhole(str(opts, 'workers') ?? '1', '--workers', { min: 1, max: 64 });
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
  const { serve } = await import('../api/server.ts');
  try {
    await serve(server, {
      host,
      port,
      workers,
      ...(cert && key ? { cert, key } : {}),
      ...(retryMs !== undefined ? { events: { retryMs, pollMs: Math.min(1000, retryMs) } } : {}),
    });
  } finally {
    await (await store?.catch(() => undefined))?.close();
  }
}

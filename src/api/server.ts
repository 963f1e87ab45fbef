// `hd serve`: the TMF621 Trouble Ticket API (v5) over HTTP(S), a second front door beside the CLI.
// Every change goes through src/app/ as the CLI's do; fastify is loaded only here.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeTicketSteps } from '../app/change.ts';
import { loadDetails } from '../app/details.ts';
import { saveTicket } from '../app/open.ts';
import { cluster as nodeCluster } from '../builtin.ts';
import type { Context } from '../context.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import { parseIsoInstant } from '../domain/time.ts';
import { type Impact, PRIORITIES, type Priority, STATUSES, type Status } from '../domain/types.ts';
import { HdError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { t } from '../i18n.ts';
import { type ApiFilter, countForApi, listForApi } from '../store/api.ts';
import { loadForChange } from '../store/change.ts';
import type { Queryable, Store } from '../store/port.ts';
import { type ApiToken, liveTokenCount, tokenByHash, tokenHash } from '../store/tokens.ts';
import type { DeliveryOptions } from './deliver.ts';
import { ApiError, errorReply, onlyQuery, redactUserinfo, tmfError } from './errors.ts';
import { hubRoutes, isHubRoute } from './hub.ts';
import { draftFromBody, stepsFromPatch } from './input.ts';
import { CREATE_BODY, PATCH_BODY } from './schemas.ts';
import {
  BASE,
  impactOf,
  listedTroubleTicket,
  selectFields,
  TICKET_TYPE,
  TROUBLE_TICKET_ATTRIBUTES,
  troubleTicket,
} from './tmf.ts';

export interface ServeOptions {
  host: string;
  port: number;
  cert?: string;
  key?: string;
  /** Largest request body, bytes. */
  bodyLimit?: number;
  /** Event delivery to the hub's listeners (on by default); timings for tests. */
  events?: false | Partial<Omit<DeliveryOptions, 'log'>>;
  /** Processes serving requests (node:cluster, one port); 1: this process alone. */
  workers?: number;
  /**
   * Whether this process runs the background jobs (the events hub's delivery loop): exactly one
   * process of a server does — the only one, or worker 1 of `--workers N` (see `serve`).
   */
  background?: boolean;
}

export const BODY_LIMIT = 256 * 1024;
const MAX_LIMIT = 1000;
/** A pipe takes a write of up to PIPE_BUF (4096) bytes whole: workers' log lines never interleave. */
const LOG_CHUNK = 4096;

declare module 'fastify' {
  interface FastifyRequest {
    token?: ApiToken;
  }
}

/**
 * One store user at a time on SQLite: better-sqlite3 is one synchronous connection, so a
 * transaction left open across an await would otherwise take in another request's statements.
 * PostgreSQL gives each transaction its own pooled connection.
 */
function storeGate(store: Store): <T>(fn: (s: Store) => Promise<T>) => Promise<T> {
  if (store.engine !== 'sqlite') return (fn) => fn(store);
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const run = tail.then(() => fn(store));
    tail = run.catch(() => {});
    return run;
  };
}

function ticketNumber(text: string): number {
  try {
    return parseTicketNumber(text);
  } catch {
    throw new ApiError(404, 'NOT_FOUND', `There is no trouble ticket ${text}; ids look like HD-000123.`);
  }
}

const csv = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function oneOfEach<T extends string>(values: string[], allowed: readonly T[], name: string): T[] {
  for (const v of values)
    if (!allowed.includes(v as T))
      throw new ApiError(400, 'INVALID_QUERY', `${name}=${v}: one of ${allowed.join(', ')}.`);
  return values as T[];
}

function whole(text: string, name: string, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) > max)
    throw new ApiError(400, 'INVALID_QUERY', `${name} must be a whole number from 0 to ${max}.`);
  return Number(text);
}

function when(text: string, name: string): number {
  const at = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? parseIsoInstant(text, 'UTC') : null;
  if (!at) throw new ApiError(400, 'INVALID_QUERY', `${name} must be an ISO-8601 date-time with an offset.`);
  return at.getTime();
}

/** fields=a,b: attributes of a TroubleTicket; a name that is not one is refused, not ignored. */
export function checkedFields(text: string): string[] {
  const fields = csv(text);
  const unknown = fields.filter((f) => !TROUBLE_TICKET_ATTRIBUTES.has(f));
  if (unknown.length)
    throw new ApiError(
      400,
      'INVALID_QUERY',
      `fields: ${unknown.map((f) => JSON.stringify(f)).join(', ')} ${unknown.length === 1 ? 'is not an attribute' : 'are not attributes'} of a TroubleTicket; fields takes ${[...TROUBLE_TICKET_ATTRIBUTES].join(', ')}.`,
    );
  return fields;
}

const LIST_PARAMS = [
  'fields',
  'offset',
  'limit',
  'status',
  'severity',
  'priority',
  'ticketType',
  'lastUpdate.gt',
  'lastUpdate.gte',
  'creationDate.gt',
  'relatedParty.id',
  'relatedEntity.id',
];

/** The query of GET /troubleTicket as a filter; an unknown parameter is refused, not ignored. */
export function listQuery(query: Record<string, string | string[]>): {
  filter: ApiFilter;
  fields: string[] | null;
  none: boolean;
} {
  const one = (k: string): string | undefined => {
    const v = query[k];
    if (Array.isArray(v))
      throw new ApiError(400, 'INVALID_QUERY', `${k} is given more than once; use ${k}=a,b.`);
    return v;
  };
  for (const k of Object.keys(query))
    if (!LIST_PARAMS.includes(k))
      throw new ApiError(
        400,
        'INVALID_QUERY',
        `Unknown query parameter ${k}; filters: ${LIST_PARAMS.join(', ')}.`,
      );
  const filter: ApiFilter = {
    offset: one('offset') === undefined ? 0 : whole(one('offset')!, 'offset', 1_000_000_000),
    limit: one('limit') === undefined ? 100 : whole(one('limit')!, 'limit', MAX_LIMIT),
  };
  let none = false;
  if (one('status')) filter.statuses = oneOfEach(csv(one('status')!), STATUSES, 'status') as Status[];
  if (one('severity'))
    filter.impacts = csv(one('severity')!).map((s) => {
      const i = impactOf(s);
      if (!i)
        throw new ApiError(400, 'INVALID_QUERY', `severity=${s}: one of Critical, Major, Minor, Warning.`);
      return i;
    }) as Impact[];
  if (one('priority'))
    filter.priorities = oneOfEach(csv(one('priority')!), PRIORITIES, 'priority') as Priority[];
  if (one('ticketType') !== undefined && !csv(one('ticketType')!).includes(TICKET_TYPE)) none = true;
  if (one('lastUpdate.gt')) filter.updatedAfter = when(one('lastUpdate.gt')!, 'lastUpdate.gt');
  if (one('lastUpdate.gte')) filter.updatedFrom = when(one('lastUpdate.gte')!, 'lastUpdate.gte');
  if (one('creationDate.gt')) filter.openedAfter = when(one('creationDate.gt')!, 'creationDate.gt');
  if (one('relatedParty.id')) filter.contractNo = one('relatedParty.id')!;
  if (one('relatedEntity.id')) filter.serviceId = one('relatedEntity.id')!;
  return { filter, fields: one('fields') === undefined ? null : checkedFields(one('fields')!), none };
}

/**
 * The request log: lines gathered and written once per turn of the event loop (one system call for
 * every request answered in that turn, not one each), in chunks a pipe takes whole. `flush` writes
 * what is left (the server calls it when it closes).
 */
function requestLog(out: Context['io']['stderr']): { line(text: string): void; flush(): void } {
  let lines: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    let chunk = '';
    for (const l of lines) {
      if (chunk && Buffer.byteLength(chunk) + Buffer.byteLength(l) > LOG_CHUNK) {
        out.write(chunk);
        chunk = '';
      }
      chunk += l;
    }
    lines = [];
    if (chunk) out.write(chunk);
  };
  return {
    line(text) {
      lines.push(text);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** Each server's request log, written out by `serve` once the requests in flight are answered. */
const logs = new WeakMap<FastifyInstance, () => void>();

/** Builds the server (not listening): the routes, tokens, errors and the request log. */
export async function buildServer(base: Context, opts: ServeOptions): Promise<FastifyInstance> {
  const { default: fastify } = await importExternal<{ default: typeof import('fastify').default }>('fastify');
  const store = await base.store();
  const gate = storeGate(store);
  const bodyLimit = opts.bodyLimit ?? BODY_LIMIT;
  const log = requestLog(base.io.stderr);
  /** A request Fastify answers before routing (a malformed URL, headers too large): logged alike. */
  const logEarly = (method: string | null, url: string | null, status: number) =>
    log.line(
      `${JSON.stringify({ time: new Date().toISOString(), method, url: url === null ? null : redactUserinfo(url), status, ms: 0, actor: null })}\n`,
    );
  const app = fastify({
    logger: false,
    // /troubleTicket/%ZZ and the like: the TMF Error, not Fastify's own body.
    frameworkErrors: (error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) => {
      const bad = error.code === 'FST_ERR_BAD_URL';
      const status = bad || error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : 500;
      const body = bad
        ? tmfError(
            400,
            'INVALID_URL',
            'The URL has a malformed percent-encoding: write % as %25, and other characters as % with two hex digits.',
          )
        : tmfError(
            status,
            status === 400 ? 'INVALID_URL' : 'INTERNAL',
            status === 400 ? 'A path segment of the URL is too long.' : 'The request could not be routed.',
          );
      logEarly(req.raw.method ?? null, req.raw.url ?? null, status);
      void reply.code(status).type('application/json').send(body);
    },
    // Headers over the limit (431), a timeout (408), a malformed request (400): the TMF Error.
    clientErrorHandler: (err: Error & { code?: string }, socket: import('node:stream').Duplex) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, message] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [
              431,
              'HEADERS_TOO_LARGE',
              'The request headers are too large: send a shorter Authorization header and fewer or shorter headers.',
            ]
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'TIMEOUT', 'The request took too long to arrive.']
            : [400, 'BAD_REQUEST', 'The request is not valid HTTP.'];
      const body = JSON.stringify(tmfError(status, code, message));
      logEarly(null, null, status);
      if (socket.writable)
        socket.write(
          `HTTP/1.1 ${status} ${REASON_PHRASES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
        );
      socket.destroy(err);
    },
    bodyLimit,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
    ...(opts.cert && opts.key
      ? { https: { cert: readFileSync(opts.cert), key: readFileSync(opts.key) } }
      : {}),
  } as Parameters<typeof fastify>[0]) as unknown as FastifyInstance;
  // JSON only: a text/plain body is refused as such (415), not read as a JSON string.
  app.removeContentTypeParser('text/plain');
  // A DELETE (or GET) sent with Content-Type: application/json and no body, as many HTTP clients
  // do: the content type is ignored when there is no body. An empty POST or PATCH stays EMPTY_BODY.
  const json = app.getDefaultJsonParser('error', 'error');
  const parseJson: typeof json = (req, body, done) => {
    if (body.length === 0 && req.method !== 'POST' && req.method !== 'PATCH' && req.method !== 'PUT')
      return done(null, undefined);
    return json(req, body, done);
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, parseJson);
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string', bodyLimit }, parseJson);

  const contextFor = (req: FastifyRequest): Context => ({ ...base, operator: req.token!.name });

  // Each path's methods, gathered as the routes are added: a known path asked with another method
  // is a 405 naming them (Allow), an unknown path a 404. Read only when no route matched.
  const paths: { url: string; pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    let path = paths.find((p) => p.url === route.url);
    if (!path) {
      const source = route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+');
      path = { url: route.url, pattern: new RegExp(`^${source}$`), methods: new Set() };
      paths.push(path);
    }
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) {
      path.methods.add(m);
      if (m === 'GET') path.methods.add('HEAD');
    }
  });

  // A token's row is kept while the store's change stamp says nothing was committed since it was
  // read (a revocation by hd token revoke included), so it is never stale. On SQLite the stamp is
  // two tiny statements, cheaper than the lookup; on PostgreSQL it is a round trip like the lookup.
  const tokens = new Map<string, { token: ApiToken; stamp: string }>();
  const tokenOf = async (s: Store, hash: string): Promise<ApiToken | undefined> => {
    if (s.engine !== 'sqlite' || !s.changeStamp) return tokenByHash(s, hash);
    const stamp = await s.changeStamp();
    const hit = tokens.get(hash);
    if (hit?.stamp === stamp) return hit.token;
    const token = await tokenByHash(s, hash);
    if (tokens.size > 100) tokens.clear();
    if (token) tokens.set(hash, { token, stamp });
    return token;
  };

  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      void reply.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(
        401,
        'UNAUTHORIZED',
        "Send Authorization: Bearer TOKEN with your department's token (ask the helpdesk for one).",
      );
    }
    const token = await gate((s) => tokenOf(s, tokenHash(match[1]!)));
    if (!token) {
      void reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new ApiError(
        401,
        'UNAUTHORIZED',
        'The token is unknown or revoked: ask the helpdesk for a new one.',
      );
    }
    req.token = token;
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      token.scope !== 'write' &&
      // No route matched: a 404 or 405 follows, which changes nothing for any token.
      req.routeOptions.url !== undefined &&
      !isHubRoute(req.routeOptions.url)
    )
      throw new ApiError(
        403,
        'FORBIDDEN',
        `The token ${token.name} may only read; a change needs a write token.`,
      );
  });

  logs.set(app, log.flush);
  app.addHook('onResponse', async (req, reply) => {
    log.line(
      `${JSON.stringify({
        time: new Date().toISOString(),
        method: req.method,
        url: redactUserinfo(req.url.replace(/([?&](?:access_token|token)=)[^&]*/gi, '$1REDACTED')),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        actor: req.token?.name ?? null,
      })}\n`,
    );
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, body, internal } = errorReply(error);
    if (internal)
      base.io.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), error: redactUserinfo(String((error as Error)?.stack ?? error)), url: redactUserinfo(req.url) })}\n`,
      );
    void reply.code(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const known = paths.find((p) => p.pattern.test(path));
    if (known) {
      const allow = [...known.methods].sort().join(', ');
      void reply
        .code(405)
        .header('Allow', allow)
        .send(
          tmfError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; it takes ${allow}.`),
        );
      return;
    }
    void reply
      .code(404)
      .send(tmfError(404, 'NOT_FOUND', `No resource ${req.method} ${path}; the API is under ${BASE}/.`));
  });

  const full = async (q: Queryable, id: number, now: number) => {
    return troubleTicket(await loadDetails(q, id), now);
  };
  // Checked before a POST or PATCH changes anything: a bad fields= refuses the request whole.
  const fieldsOf = (req: FastifyRequest) => {
    onlyQuery(req.query, ['fields']);
    const f = (req.query as Record<string, unknown>).fields;
    if (Array.isArray(f))
      throw new ApiError(400, 'INVALID_QUERY', 'fields is given more than once; use fields=a,b.');
    return typeof f === 'string' ? checkedFields(f) : null;
  };

  // X-Total-Count counts every match: at a million tickets up to a millisecond of index per
  // request. A count is kept while the store's change stamp says nothing was committed since it
  // was counted — through this server, another worker or hd at a prompt — so it is exact.
  const counts = new Map<string, { n: number; stamp: string }>();
  const total = async (s: Store, filter: ApiFilter): Promise<number> => {
    const { offset: _o, limit: _l, ...what } = filter;
    const key = JSON.stringify(what);
    const stamp = await s.changeStamp?.();
    const hit = counts.get(key);
    if (hit && hit.stamp === stamp) return hit.n;
    const n = await countForApi(s, filter);
    if (stamp === undefined) return n;
    if (counts.size > 1000) counts.clear();
    counts.set(key, { n, stamp });
    return n;
  };

  app.get(`${BASE}/troubleTicket`, async (req, reply) => {
    const { filter, fields, none } = listQuery(req.query as Record<string, string>);
    const now = base.now().getTime();
    const [rows, count] = none
      ? [[], 0]
      : await gate((s) => Promise.all([listForApi(s, filter), total(s, filter)]));
    void reply.header('X-Total-Count', String(count)).header('X-Result-Count', String(rows.length));
    return rows.map((t) => selectFields(listedTroubleTicket(t, now), fields));
  });

  app.get<{ Params: { id: string } }>(`${BASE}/troubleTicket/:id`, async (req) => {
    const id = ticketNumber(req.params.id);
    const fields = fieldsOf(req);
    const doc = await gate((s) => full(s, id, base.now().getTime()));
    return selectFields(doc, fields);
  });

  app.post(`${BASE}/troubleTicket`, { schema: { body: CREATE_BODY } }, async (req, reply) => {
    const ctx = contextFor(req);
    const fields = fieldsOf(req);
    const body = req.body as Record<string, unknown>;
    const doc = await gate(async (s) => {
      const draft = await draftFromBody(s, body);
      // The contact may prefer e-mail: the ticket number goes to them in writing, as with hd open.
      const choice =
        draft.contact && 'preferredChannel' in draft.contact && draft.contact.preferredChannel !== 'phone'
          ? ({ via: 'email' } as const)
          : ({ via: 'none' } as const);
      const { details } = await saveTicket(ctx, s, draft, choice);
      counts.clear();
      return full(s, details.ticket.id, ctx.now().getTime());
    });
    void reply.code(201).header('Location', doc.href as string);
    return selectFields(doc, fields);
  });

  app.patch<{ Params: { id: string } }>(
    `${BASE}/troubleTicket/:id`,
    { schema: { body: PATCH_BODY } },
    async (req) => {
      const ctx = contextFor(req);
      const id = ticketNumber(req.params.id);
      const fields = fieldsOf(req);
      const body = req.body as Record<string, unknown>;
      return gate(async (s) => {
        // Read to plan the steps; each step checks again on the ticket as locked in the change.
        const { ticket, contact } = await loadForChange(s, id);
        const steps = await stepsFromPatch(ctx, s, ticket, contact, body);
        await changeTicketSteps({ ...ctx, store: async () => s }, id, steps);
        counts.clear();
        return selectFields(await full(s, id, ctx.now().getTime()), fields);
      });
    },
  );

  hubRoutes(app, base, gate);
  // Background jobs run in one process of a server: the only one, or worker 1 of --workers N.
  if (opts.events !== false && opts.background !== false) {
    // The deliverer runs while the server listens, and stops with it (requests in flight finish).
    const { DELIVERY_DEFAULTS, startDeliverer } = await import('./deliver.ts');
    const o = { ...DELIVERY_DEFAULTS, ...opts.events };
    let deliverer: import('./deliver.ts').Deliverer | null = null;
    app.addHook('onReady', async () => {
      deliverer = startDeliverer(gate, {
        ...o,
        log: (line) => base.io.stderr.write(`${JSON.stringify(line)}\n`),
      });
    });
    app.addHook('onResponse', async (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') deliverer?.kick();
    });
    app.addHook('onClose', async () => {
      await deliverer?.stop();
    });
  }

  return app;
}

/** Resolves on the first SIGTERM or SIGINT (or a stop message from the primary, for a worker). */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      process.off('message', message);
      resolve();
    };
    const message = (m: unknown) => {
      if (m === 'hd:stop') stop();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    if (process.send) process.on('message', message);
  });
}

/** With no live token every request is refused (401): said once at start, with what to run. */
async function sayIfNoToken(ctx: Context): Promise<void> {
  if ((await liveTokenCount(await ctx.store())) === 0)
    ctx.io.stderr.write(`hd serve: ${t('serve.noToken')}\n`);
}

/**
 * Serves until SIGTERM or SIGINT, then lets the requests in flight finish and returns. With
 * `workers` > 1 this process is the primary of a node:cluster: it forks the workers (each runs
 * this function again and serves the one port), says where they listen, and on SIGTERM or SIGINT
 * tells each to stop and waits until all have finished their requests in flight.
 */
export async function serve(ctx: Context, opts: ServeOptions): Promise<void> {
  const workers = opts.workers ?? 1;
  if (workers > 1) {
    const cluster = nodeCluster();
    if (cluster.isPrimary) return servePrimary(ctx, workers, cluster);
    // A worker: the background jobs run in worker 1 only (HD_SERVE_WORKER, set by the primary).
    return serveOne(ctx, { ...opts, background: process.env.HD_SERVE_WORKER === '1' }, true);
  }
  return serveOne(ctx, { ...opts, background: true }, false);
}

async function serveOne(ctx: Context, opts: ServeOptions, worker: boolean): Promise<void> {
  const app = await buildServer(ctx, opts);
  const address = await app.listen({ host: opts.host, port: opts.port });
  if (worker) process.send?.({ hd: 'listening', address });
  else
    ctx.io.stderr.write(
      `hd serve: TMF621 Trouble Ticket API on ${address}${BASE}/troubleTicket (${(await ctx.store()).engine}); SIGTERM or Ctrl-C stops it.\n`,
    );
  if (!worker) await sayIfNoToken(ctx);
  await stopSignal();
  if (!worker) ctx.io.stderr.write('hd serve: stopping; finishing the requests in flight.\n');
  await app.close();
  logs.get(app)?.();
}

async function servePrimary(
  ctx: Context,
  count: number,
  cluster: typeof import('node:cluster').default,
): Promise<void> {
  // Opened (and migrated) once here, before any worker opens it.
  const { engine } = await ctx.store();
  let stopping = false;
  let failed: string | null = null;
  const listening = new Set<number>();
  const running = new Map<number, import('node:cluster').Worker>();
  let allListening: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    allListening = resolve;
  });
  let allExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    allExited = resolve;
  });
  let address = '';
  const fork = (n: number) => {
    const w = cluster.fork({ HD_SERVE_WORKER: String(n) });
    running.set(n, w);
    w.on('message', (m: { hd?: string; address?: string }) => {
      if (m?.hd !== 'listening') return;
      address = m.address ?? address;
      listening.add(n);
      if (listening.size === count) allListening();
    });
    w.on('exit', (code, signal) => {
      running.delete(n);
      if (!stopping) {
        if (!listening.has(n)) {
          // It never served (the port taken, the database unreachable): stop them all.
          failed = `worker ${n} of hd serve exited (${signal ?? code}) before it listened; its error is above.`;
          stop();
        } else {
          ctx.io.stderr.write(`hd serve: worker ${n} exited (${signal ?? code}); starting another.\n`);
          listening.delete(n);
          fork(n);
        }
      }
      if (running.size === 0 && stopping) allExited();
    });
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    allListening();
    for (const w of running.values()) if (w.isConnected()) w.send('hd:stop');
    if (running.size === 0) allExited();
  };
  for (let n = 1; n <= count; n++) fork(n);
  const signalled = stopSignal().then(() => {
    if (!stopping) ctx.io.stderr.write('hd serve: stopping; finishing the requests in flight.\n');
    stop();
  });
  await ready;
  if (!stopping)
    ctx.io.stderr.write(
      `hd serve: TMF621 Trouble Ticket API on ${address}${BASE}/troubleTicket (${engine}, ${count} workers); SIGTERM or Ctrl-C stops it.\n`,
    );
  if (!stopping) await sayIfNoToken(ctx);
  await exited;
  void signalled;
  if (failed) throw new HdError(failed);
}

// POST /hub, GET /hub/{id}, DELETE /hub/{id}: a department's system registers a listener for the
// TroubleTicket events. Any valid token may register, read or delete its own listeners (a read
// token can read every ticket anyway, and events only tell what GET shows); another department's
// listener is 403. The callback must be an http(s) URL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { crypto } from '../builtin.ts';
import type { Context } from '../context.ts';
import {
  deleteListener,
  type HubListener,
  insertListener,
  listenerById,
  listenersOfLocked,
} from '../store/hub.ts';
import type { Store } from '../store/port.ts';
import { ApiError, onlyQuery, redactUserinfo } from './errors.ts';
import { eventTypesOf } from './events.ts';
import { BASE } from './tmf.ts';

export const HUB_PATH = `${BASE}/hub`;

/** The routes a read token may call with POST or DELETE (its own subscriptions), by matched route. */
export const isHubRoute = (route: string | undefined): boolean =>
  route === HUB_PATH || route === `${HUB_PATH}/:id`;

const HUB_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['callback'],
  properties: {
    '@type': { type: 'string' },
    '@baseType': { type: 'string' },
    '@schemaLocation': { type: 'string' },
    callback: { type: 'string', minLength: 1, maxLength: 2000 },
    query: { type: 'string', maxLength: 2000 },
  },
};

/**
 * The most listeners one token (a department) may register: each is sent every event it asks for,
 * so a token's hundreds of callbacks would queue hundreds of deliveries for every change.
 */
export const MAX_LISTENERS = 10;

/** The Hub resource of the specification: id, href, callback, query, @type. */
export function hubResource(l: HubListener): Record<string, unknown> {
  return {
    '@type': 'Hub',
    id: l.id,
    href: `${HUB_PATH}/${l.id}`,
    callback: l.callback,
    ...(l.query !== null ? { query: l.query } : {}),
  };
}

export function checkCallback(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError(
      400,
      'INVALID_CALLBACK',
      `callback ${JSON.stringify(redactUserinfo(text))} is not a URL; give http(s)://host[:port]/path.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ApiError(
      400,
      'INVALID_CALLBACK',
      `callback must be an http or https URL, not ${url.protocol}.`,
    );
  if (url.username !== '' || url.password !== '')
    throw new ApiError(
      400,
      'INVALID_CALLBACK',
      'callback carries credentials (user:password@): put no credentials in the URL; the callback is stored and shown as given. Give http(s)://host[:port]/path, and check who calls it by the network or a secret path segment.',
    );
  return text;
}

type Gate = <T>(fn: (s: Store) => Promise<T>) => Promise<T>;

export function hubRoutes(app: FastifyInstance, base: Context, gate: Gate): void {
  const own = async (req: FastifyRequest<{ Params: { id: string } }>): Promise<HubListener> => {
    onlyQuery(req.query, []);
    const l = await gate((s) => listenerById(s, req.params.id));
    if (!l) throw new ApiError(404, 'NOT_FOUND', `There is no hub ${req.params.id}.`);
    if (l.owner !== req.token!.name)
      throw new ApiError(
        403,
        'FORBIDDEN',
        `The hub ${l.id} belongs to ${l.owner}, not to ${req.token!.name}.`,
      );
    return l;
  };

  app.post(HUB_PATH, { schema: { body: HUB_BODY } }, async (req, reply) => {
    onlyQuery(req.query, []);
    const body = req.body as { callback: string; query?: string };
    const callback = checkCallback(body.callback);
    eventTypesOf(body.query ?? null);
    const owner = req.token!.name;
    const l = await gate((s) =>
      s.tx(async (q) => {
        if ((await listenersOfLocked(q, owner)) >= MAX_LISTENERS)
          throw new ApiError(
            409,
            'TOO_MANY_HUBS',
            `${owner} has ${MAX_LISTENERS} hubs already, the most one token may have: DELETE /hub/{id} one it no longer needs (one hub can take every event type), then register again.`,
          );
        return insertListener(q, {
          id: crypto().randomUUID(),
          callback,
          query: body.query ?? null,
          owner,
          createdAt: base.now().getTime(),
        });
      }),
    );
    const doc = hubResource(l);
    void reply.code(201).header('Location', doc.href as string);
    return doc;
  });

  app.get<{ Params: { id: string } }>(`${HUB_PATH}/:id`, async (req) => hubResource(await own(req)));

  app.delete<{ Params: { id: string } }>(`${HUB_PATH}/:id`, async (req, reply) => {
    const l = await own(req);
    await gate((s) => s.tx((q) => deleteListener(q, l.id)));
    void reply.code(204).send();
  });
}

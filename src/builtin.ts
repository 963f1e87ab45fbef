// Node's own modules that cost start-up time, loaded on first use instead of on every run.
import { createRequire } from 'node:module';

let load: NodeJS.Require | undefined;

function nodeRequire(): NodeJS.Require {
  // The CommonJS bundle has __filename; the sources run as ES modules under vitest.
  load ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  return load;
}

/**
 * node:crypto loads 35 internal modules, the stream machinery among them (~3 ms of a ~75 ms
 * run); only a change (the event hash) or a sender's claim needs it, never a listing.
 */
export function crypto(): typeof import('node:crypto') {
  return nodeRequire()('node:crypto');
}

/** node:cluster, for `hd serve --workers N` only. */
export function cluster(): typeof import('node:cluster').default {
  return nodeRequire()('node:cluster');
}

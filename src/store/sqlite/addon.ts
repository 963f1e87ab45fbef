// Where better-sqlite3's native addon is, found the way its own `bindings` helper finds it but
// without that helper's cost: `bindings` reads a stack trace and probes up to thirteen folders,
// while the addon sits in build/Release wherever the driver was built or downloaded. The bundle
// carries the driver's JavaScript (resolving its dozen files one by one through node_modules cost
// ~5 ms a run) and hands it this path.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ADDON = 'better_sqlite3.node';

let found: string | undefined;

/** The addon's path, for `new Database(file, { nativeBinding })`. */
export function sqliteAddon(): string {
  if (found) return found;
  // The CommonJS bundle has __filename; the sources run as ES modules under vitest.
  const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const root = dirname(load.resolve('better-sqlite3/package.json'));
  // The places `bindings` tries first, in its order: a plain build or download has only the last.
  found = [
    join(root, 'build', ADDON),
    join(root, 'build', 'Debug', ADDON),
    join(root, 'build', 'Release', ADDON),
  ].find((p) => existsSync(p));
  // An unusual install (node-pre-gyp folders, a compiled/ tree): let `bindings` search as ever.
  found ??= (createRequire(join(root, 'package.json'))('bindings') as (o: object) => string)({
    bindings: ADDON,
    module_root: root,
    path: true,
  });
  return found;
}

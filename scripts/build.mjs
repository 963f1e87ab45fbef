// Bundles src/ into dist/hd.cjs with esbuild: one CommonJS file, because Node's CommonJS loader
// starts faster than its ES module loader (measured: ~10 ms per run). Heavy libraries stay outside
// the bundle and are reached only through dynamic import(), so a command loads just what it uses:
// inquirer (prompts), nodemailer (mail), date-holidays (business calendars), libphonenumber-js
// (phones), cli-table3 (tables), pg (only for a
// postgres:// database). better-sqlite3's JavaScript is bundled (node_modules resolution of its
// dozen files cost ~5 ms a run); its native addon is loaded by path (src/store/sqlite/addon.ts),
// so its `bindings` helper stays outside and unused.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/hd.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: [
    'bindings',
    '@inquirer/prompts',
    'nodemailer',
    'date-holidays',
    'libphonenumber-js',
    'cli-table3',
    'cli-progress',
    'pg',
  ],
  // src/paths.ts uses __dirname in the bundle and import.meta.url only when run from source.
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [
    {
      name: 'lazy-child-process',
      setup(b) {
        const shim = fileURLToPath(new URL('./lazy-child-process.cjs', import.meta.url));
        b.onResolve({ filter: /^node:child_process$/ }, (args) =>
          args.importer === shim ? undefined : { path: shim },
        );
      },
    },
    {
      // chalk's colour detection loads node:tty and node:net on import (~3 ms a run); hd never
      // uses it (every Chalk gets its level from src/main.ts), so the bundle carries a stand-in.
      name: 'no-color-detection',
      setup(b) {
        b.onResolve({ filter: /^#supports-color$/ }, () => ({
          path: fileURLToPath(new URL('./no-color-detection.js', import.meta.url)),
        }));
      },
    },
  ],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});

// Bundles src/main.ts into dist/ with esbuild. Command modules are dynamic imports, so
// `splitting` turns each into its own chunk and `hd list` never parses the code of `hd open`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { hd: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // better-sqlite3 is a native addon; node-pty is only used by tests.
  external: ['better-sqlite3', '@lydell/node-pty'],
  // commander and other CommonJS dependencies call require(); ESM output has none.
  banner: {
    js: "import { createRequire as __hdCreateRequire } from 'node:module'; const require = __hdCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});

// Bundles src/ into dist/hd.cjs with esbuild: one CommonJS file, because Node's CommonJS loader
// starts faster than its ES module loader (measured: ~10 ms per run). Heavy libraries stay outside
// the bundle and are reached only through dynamic import(), so a command loads just what it uses:
// inquirer (prompts), nodemailer (mail), date-holidays (business calendars), libphonenumber-js
// (phones), pg (only for a postgres:// database), fastify (only for hd serve). better-sqlite3's JavaScript is bundled
// (node_modules resolution of its dozen files cost ~5 ms a run); its native addon is loaded by
// path (src/store/sqlite/addon.ts), so its `bindings` helper stays outside and unused.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The message catalogs (data/i18n/<lang>/<area>.json): every language has every area and every
// key of English, with the same {placeholders}, and no key is in two areas. A gap would show an
// English message (or a raw key) in the Russian console.
const AREAS = ['core', 'help', 'open', 'read', 'life', 'admin'];
const holes = (text) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
const read = (lang, area) =>
  JSON.parse(readFileSync(new URL(`../data/i18n/${lang}/${area}.json`, import.meta.url), 'utf8'));
for (const area of AREAS) {
  const en = read('en', area);
  for (const lang of ['en', 'ru']) {
    const messages = read(lang, area);
    const missing = Object.keys(en).filter((k) => !(k in messages));
    const extra = Object.keys(messages).filter((k) => !(k in en));
    const different = Object.keys(en).filter((k) => k in messages && holes(messages[k]) !== holes(en[k]));
    const empty = Object.keys(messages).filter((k) => typeof messages[k] !== 'string' || !messages[k].trim());
    if (missing.length || extra.length || different.length || empty.length) {
      console.error(
        `data/i18n/${lang}/${area}.json: missing ${missing.join(' ') || '-'}; extra ${extra.join(' ') || '-'}; placeholders differ ${different.join(' ') || '-'}; empty ${empty.join(' ') || '-'}`,
      );
      process.exit(1);
    }
  }
}
const seen = new Map();
for (const area of AREAS) {
  for (const key of Object.keys(read('en', area))) {
    if (seen.has(key)) {
      console.error(`data/i18n: the key ${key} is in both ${seen.get(key)}.json and ${area}.json`);
      process.exit(1);
    }
    seen.set(key, area);
  }
}

// The build's identity (src/store/agent/protocol.ts, agentVersion): a digest of what goes into
// the bundle (src/, the catalogs, package.json), so that an hd agent started by another build of
// the same version is not used by this one (the README's upgrade promise), and a rebuild of the
// same sources keeps it.
function buildIdentity() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        hash.update(`${relative(root, file)}\0`);
        hash.update(readFileSync(file));
      }
    }
  };
  const root = fileURLToPath(new URL('..', import.meta.url));
  walk(join(root, 'src'));
  walk(join(root, 'data', 'i18n'));
  hash.update(readFileSync(join(root, 'package.json')));
  return hash.digest('hex').slice(0, 12);
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/hd.cjs',
  define: { __HD_BUILD__: JSON.stringify(buildIdentity()) },
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
    'cli-progress',
    'pg',
    'fastify',
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

// The bundles in ASCII: esbuild escapes strings, but leaves the Russian of regular expressions and
// of some comments as it is, and one such character makes the whole file a two-byte string for V8.
// bin/hd reads an ASCII bundle as latin1, which takes ~1.5 ms a run less than decoding UTF-8. An
// escape means the same character in a regular expression, a string or a comment; a character
// outside the BMP becomes its surrogate pair, which a /u expression reads as the one character.
const ascii = (text) =>
  text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
function asciiOnly(name) {
  const file = new URL(`../dist/${name}`, import.meta.url);
  const text = readFileSync(file, 'utf8');
  if (/\\[^\0-\x7f]/.test(text)) throw new Error(`dist/${name}: an escaped non-ASCII character`);
  writeFileSync(file, ascii(text));
}
asciiOnly('hd.cjs');

// The catalogs as the bundle reads them: one file per language, every area merged (one read a
// run instead of six), as lines `key<TAB>"message"` after a newline, so that src/i18n.ts finds a
// message with indexOf and parses only the messages a command shows; in ASCII, read as latin1.
// Run from source, src/i18n.ts reads data/i18n.
mkdirSync(new URL('../dist/i18n', import.meta.url), { recursive: true });
for (const lang of ['en', 'ru']) {
  const merged = Object.assign({}, ...AREAS.map((area) => read(lang, area)));
  const lines = Object.entries(merged).map(([key, text]) => `${key}\t${JSON.stringify(text)}\n`);
  writeFileSync(new URL(`../dist/i18n/${lang}.txt`, import.meta.url), ascii(`\n${lines.join('')}`));
}

// node-postgres as a bundle of its own, dist/pg.cjs, which bin/hd loads (with its own code cache)
// only for a postgres:// database: one file compiled from the cache instead of some thirty
// modules read and compiled on every run. Two of its modules are replaced by Node-only stand-ins
// (scripts/pg-stream.cjs, scripts/pg-crypto.cjs): the originals load the fetch implementation
// and the Web Crypto API, ~10 ms of a run. Run from source (tests), hd imports pg itself.
const standIns = {
  'stream.js': fileURLToPath(new URL('./pg-stream.cjs', import.meta.url)),
  'crypto/utils.js': fileURLToPath(new URL('./pg-crypto.cjs', import.meta.url)),
};
await build({
  entryPoints: [createRequire(import.meta.url).resolve('pg')],
  outfile: 'dist/pg.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // pg.native, never used by hd, would need the pg-native addon.
  external: ['pg-native'],
  plugins: [
    {
      name: 'pg-node-only',
      setup(b) {
        b.onLoad({ filter: /[\\/]pg[\\/]lib[\\/](stream|crypto[\\/]utils)\.js$/ }, (args) => {
          const key = Object.keys(standIns).find((k) =>
            args.path.replaceAll('\\', '/').endsWith(`/pg/lib/${k}`),
          );
          return {
            contents: readFileSync(standIns[key], 'utf8'),
            loader: 'js',
            resolveDir: dirname(standIns[key]),
          };
        });
      },
    },
  ],
  logLevel: 'warning',
  legalComments: 'none',
});
asciiOnly('pg.cjs');

// Bundles the `spaces` executable into dist/bin.js (+ lazily loaded chunks): one file to read
// instead of ~60 ESM modules, and commander converted once at build time rather than lexed as
// CommonJS on every start. bench/startup.mjs measures the difference.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

await build({
  entryPoints: { bin: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true, // the SpacetimeDB engine and cli-table3 load only when used
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Workspace packages are bundled from their sources, as the tests read them.
  conditions: ['source'],
  // Native code and the SDK stay installed packages (dependencies of @spaces/cli).
  external: ['better-sqlite3', 'spacetimedb', 'spacetimedb/*'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander, cli-table3) may call require() for node built-ins.
  banner: {
    js: "import { createRequire as __spacesCreateRequire } from 'node:module';\nconst require = __spacesCreateRequire(import.meta.url);",
  },
});
chmodSync('dist/bin.js', 0o755);

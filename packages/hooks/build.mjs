// Bundles the hook executables into dist/bin/<bin>.js (+ shared and lazily loaded chunks under
// dist/bin/chunks): a few files to read instead of ~100 ESM modules, and only the parts of
// @spaces/client and @spaces/core a hook uses. The two hooks Claude Code runs are small
// supervisors (supervisor.ts) that load neither the client nor secretlint: they read stdin, start
// the worker (spaces-hook-worker.js), and exit by their deadline. The worker has the client,
// secretlint and the store. Core's root entry also exports its in-memory engine, whose immutable
// and immer cost 60-150 ms to load; core declares `"sideEffects": false`, so the bundle leaves
// them out. The SpacetimeDB engine is a chunk loaded only when a host is configured.
// bench/stop.mjs measures a Stop.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

/** The hooks Claude Code runs: supervisors, which must start fast and load nothing heavy. */
const hooks = ['spaces-session-hook', 'spaces-context-hook'];
const bins = [...hooks, 'spaces-hook-worker'];
// Chunk names carry a hash: start from an empty folder so old chunks do not pile up. tsc does not
// write here (tsconfig.build.json leaves src/bin out).
rmSync('dist/bin', { recursive: true, force: true });

const result = await build({
  entryPoints: Object.fromEntries(bins.map((bin) => [`bin/${bin}`, `src/bin/${bin}.ts`])),
  outdir: 'dist',
  bundle: true,
  splitting: true, // the client and the SpacetimeDB engine load only when used
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Workspace packages are bundled from their sources, as the tests read them.
  conditions: ['source'],
  // Native code and the SDK stay installed packages (dependencies of @spaces/hooks).
  external: ['better-sqlite3', 'spacetimedb', 'spacetimedb/*'],
  chunkNames: 'bin/chunks/[name]-[hash]',
  sourcemap: true,
  legalComments: 'none',
  // secretlint's dependencies include CommonJS (debug) that calls require('tty'): give the ESM
  // bundle a require of its own.
  banner: {
    js: "import { createRequire as __spacesRequire } from 'node:module'; const require = __spacesRequire(import.meta.url);",
  },
  minify: true,
  metafile: true,
  logLevel: 'warning',
});

// The in-memory engine's libraries must not come back by accident: they are the point.
const bundled = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path),
);
const unwanted = bundled.filter((path) => /node_modules\/(immutable|immer)\//.test(path));
if (unwanted.length > 0) {
  throw new Error(
    `the hook bundle includes the in-memory engine's libraries: ${unwanted.join(', ')}`,
  );
}
// What a hook loads at start: the entry and its static imports. A supervisor loads no native code,
// no SDK and no secretlint: its worker does.
const { outputs } = result.metafile;
for (const bin of hooks) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const dep of outputs[path]?.imports ?? []) {
      if (dep.kind === 'import-statement') visit(dep.path);
    }
  };
  visit(`dist/bin/${bin}.js`);
  const eager = [...seen].filter((path) => /^(better-sqlite3|spacetimedb)(\/|$)/.test(path));
  if (eager.length > 0) throw new Error(`${bin} loads ${eager.join(', ')} at start-up`);
  const heavy = [...seen].flatMap((path) =>
    Object.keys(outputs[path]?.inputs ?? {}).filter((input) =>
      /@secretlint|packages\/client\//.test(input),
    ),
  );
  if (heavy.length > 0) throw new Error(`${bin} bundles ${heavy.slice(0, 3).join(', ')}`);
}
for (const bin of bins) chmodSync(`dist/bin/${bin}.js`, 0o755);

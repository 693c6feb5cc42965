/**
 * Builds `dist/bundle.js` exactly as `spacetime build` does for a TypeScript module: rolldown,
 * entry `./src/index.ts`, one ESM file with an inline source map, `spacetime:sys*` the only
 * external, browser platform (no Node polyfills), the same resolve conditions and tree-shaking.
 * The options mirror SpacetimeDB's `crates/cli/src/tasks/javascript.rs` (spacetimedb 2.10), so
 * the bundle the tests load is the bundle `spacetime publish` would upload.
 *
 * `@spaces/core` and `@spaces/spacetime` resolve through their `default` export condition to
 * their `dist`, as they would for `spacetime build`; when a build is missing or older than its
 * sources, it is built first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const moduleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Workspace packages the bundle takes from their `dist`, by folder and package name. */
const builtDependencies = [
  ['core', '@spaces/core'],
  ['spacetime', '@spaces/spacetime'],
];

/** The newest modification time of any file under a folder (0 when it does not exist). */
function newest(dir) {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds each dependency whose dist is missing or stale (turbo's `^build` normally did it). */
export function ensureCoreBuilt() {
  for (const [folder, name] of builtDependencies) {
    const dir = join(moduleDir, '..', folder);
    const sources = Math.max(newest(join(dir, 'src')), ...upstream(folder));
    if (newest(join(dir, 'dist')) >= sources) continue;
    process.stderr.write(`@spaces/module: building ${name} first (its dist is stale)\n`);
    execFileSync('pnpm', ['--filter', name, 'build'], { cwd: moduleDir, stdio: 'inherit' });
  }
}

/** @spaces/spacetime's build type-checks against core's sources: they make it stale too. */
function upstream(folder) {
  return folder === 'spacetime' ? [newest(join(moduleDir, '..', 'core', 'src'))] : [];
}

/** rolldown's input options, as `spacetime build` sets them. */
export function inputOptions(debug = false) {
  return {
    input: ['./src/index.ts'],
    cwd: moduleDir,
    external: [/spacetime:sys.*/],
    platform: 'browser',
    shimMissingExports: false,
    resolve: {
      conditionNames: ['production', 'import', 'default'],
      mainFields: ['exports', 'module', 'main'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
      symlinks: true,
    },
    treeshake: {
      moduleSideEffects: true,
      annotations: true,
      unknownGlobalSideEffects: true,
      commonjs: true,
      propertyReadSideEffects: 'always',
      propertyWriteSideEffects: 'always',
    },
    transform: {
      target: 'esnext',
      define: { 'process.env.NODE_ENV': JSON.stringify(debug ? 'development' : 'production') },
      typescript: {
        onlyRemoveTypeImports: true,
        allowNamespaces: false,
        allowDeclareFields: true,
        removeClassFieldsWithoutInitializer: false,
        rewriteImportExtensions: true,
      },
    },
    checks: {
      circularDependency: true,
      eval: false,
      missingGlobalName: true,
      mixedExports: false,
      unresolvedEntry: true,
      unresolvedImport: true,
      filenameConflict: true,
      commonJsVariableInEsm: true,
      importIsUndefined: true,
      emptyImportMeta: true,
      configurationFieldConflict: true,
      preferBuiltinFeature: true,
    },
    tsconfig: join(moduleDir, 'tsconfig.json'),
    logLevel: 'debug',
  };
}

/** rolldown's output options, as `spacetime build` sets them. */
export const outputOptions = {
  file: join(moduleDir, 'dist', 'bundle.js'),
  format: 'esm',
  sourcemap: 'inline',
  sourcemapDebugIds: true,
  sanitizeFileName: true,
  generatedCode: { preset: 'es2015' },
  esModule: 'if-default-prop',
  externalLiveBindings: true,
  comments: { legal: false },
  polyfillRequire: false,
  minify: false,
  topLevelVar: false,
  minifyInternalExports: true,
};

/** Builds core if needed, then writes `dist/bundle.js`. Returns the bundle's path. */
export async function bundle({ debug = false } = {}) {
  ensureCoreBuilt();
  const build = await rolldown(inputOptions(debug));
  try {
    await build.write(outputOptions);
  } finally {
    await build.close();
  }
  return outputOptions.file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await bundle({ debug: process.argv.includes('--debug') });
  process.stdout.write(`${path}\n`);
}

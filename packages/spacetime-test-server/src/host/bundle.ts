/**
 * Building a module bundle the way `spacetime build` does, and preparing any bundle to run in
 * Node 20.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { transform } from 'esbuild';
import { rolldown } from 'rolldown';

/** Options for {@link buildModuleBundle}. */
export interface BuildOptions {
  /**
   * Export conditions tried before the CLI's own (`production`, `import`, `default`).
   * Defaults to `['source']`, so workspace packages resolve to their TypeScript sources and
   * need no build step; pass `[]` to resolve exactly as `spacetime build` does.
   */
  readonly extraConditions?: readonly string[];
  /** `process.env.NODE_ENV` as the bundle sees it; the CLI uses `production` unless `--debug`. */
  readonly nodeEnv?: 'production' | 'development';
  /** Receives bundler warnings, which are otherwise dropped. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Bundles a SpacetimeDB TypeScript module to one ESM file, with the options the SpacetimeDB
 * CLI passes to rolldown (`crates/cli/src/tasks/javascript.rs`): browser platform (no Node
 * polyfills), `spacetime:sys*` external, conditions `production`/`import`/`default`, main fields
 * `module`/`main`, no minification, target `esnext`, the module's `tsconfig.json`.
 *
 * @param modulePath the module directory (whose `src/index.ts` is the entry, as with
 *   `spacetime build --module-path`) or the entry file itself.
 * @returns the bundle's source text, what the CLI writes to `dist/bundle.js`.
 */
export async function buildModuleBundle(
  modulePath: string,
  options: BuildOptions = {},
): Promise<string> {
  const isDir = statSync(modulePath).isDirectory();
  const input = resolve(isDir ? join(modulePath, 'src', 'index.ts') : modulePath);
  const cwd = isDir ? resolve(modulePath) : dirname(dirname(input));
  const tsconfig = join(cwd, 'tsconfig.json');
  const bundle = await rolldown({
    input,
    cwd,
    platform: 'browser',
    external: [/^spacetime:sys/],
    resolve: {
      conditionNames: [
        ...(options.extraConditions ?? ['source']),
        'production',
        'import',
        'default',
      ],
      mainFields: ['module', 'main'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
    },
    transform: {
      target: 'esnext',
      define: { 'process.env.NODE_ENV': JSON.stringify(options.nodeEnv ?? 'production') },
    },
    treeshake: { moduleSideEffects: true },
    tsconfig: existsSync(tsconfig) ? tsconfig : false,
    onLog: (level, log) => {
      if (level === 'warn') options.onWarning?.(log.message);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', sourcemap: false, minify: false });
    const chunks = output.filter((o) => o.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.length}`);
    return chunks[0]!.code;
  } finally {
    await bundle.close();
  }
}

/**
 * A bundle compiled for the module realm: a function of `(require, module, exports)`.
 * Compiled once per distinct bundle text and reused by every host that loads it.
 */
export interface PreparedBundle {
  readonly script: vm.Script;
}

const prepared = new Map<string, Promise<PreparedBundle>>();

/**
 * Reads a bundle given as a file path or as source text (a string that names an existing file
 * and has no line break is taken as a path).
 */
export function readBundle(pathOrSource: string): string {
  if (!pathOrSource.includes('\n') && existsSync(pathOrSource))
    return readFileSync(pathOrSource, 'utf8');
  return pathOrSource;
}

/**
 * Rewrites an ESM bundle into a CommonJS function body that Node 20 can run: `import ... from
 * 'spacetime:sys@2.x'` becomes `require(...)`, which the host answers with its syscalls, and
 * syntax Node 20 lacks (`using` declarations) is lowered. Nothing else changes.
 */
export function prepareBundle(source: string): Promise<PreparedBundle> {
  let p = prepared.get(source);
  if (!p) {
    p = transform(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcefile: 'bundle.js',
    }).then(({ code }) => ({
      script: new vm.Script(`(function (require, module, exports) {${code}\n})`, {
        filename: 'spacetimedb-module:bundle.js',
      }),
    }));
    prepared.set(source, p);
    p.catch(() => prepared.delete(source));
  }
  return p;
}

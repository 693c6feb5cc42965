/**
 * Source files the `spacetimedb` package ships but does not export: its generated type
 * definitions (module definitions, the client protocol's messages) and the v3 websocket
 * framing. They are compiled here and evaluated against the package's public exports, so every
 * encoding and decoding the test host and server do is the library's own, never ours by hand.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import { BinaryReader, BinaryWriter, TypeBuilder, t } from 'spacetimedb';

const require = createRequire(import.meta.url);
const packageDir = dirname(dirname(require.resolve('spacetimedb')));
const loaded = new Map<string, Promise<Record<string, unknown>>>();

/** What an import inside one of these files resolves to: the package's public exports. */
function shim(id: string): unknown {
  if (id.endsWith('/type_builders')) return { t, TypeBuilder };
  if (id.endsWith('/binary_reader.ts') || id.endsWith('/binary_reader'))
    return { default: BinaryReader, __esModule: true };
  if (id.endsWith('/binary_writer.ts') || id.endsWith('/binary_writer'))
    return { default: BinaryWriter, __esModule: true };
  return undefined;
}

/**
 * Compiles and evaluates one of the package's source files (a path under its `src/`), with
 * its imports answered by the package's exports or by other files loaded the same way
 * (`dependencies`, keyed by the import path as written).
 */
export function librarySource(
  path: string,
  dependencies: Readonly<Record<string, Record<string, unknown>>> = {},
): Promise<Record<string, unknown>> {
  let module = loaded.get(path);
  if (!module) {
    module = (async () => {
      const source = readFileSync(join(packageDir, 'src', path), 'utf8');
      const { code } = await transform(source, { loader: 'ts', format: 'cjs', target: 'node20' });
      const mod = { exports: {} as Record<string, unknown> };
      const requireShim = (id: string) => {
        const found = dependencies[id] ?? shim(id);
        if (found === undefined) throw new Error(`unexpected import ${id} in spacetimedb/${path}`);
        return found;
      };
      new Function('require', 'module', 'exports', code)(requireShim, mod, mod.exports);
      return mod.exports;
    })();
    loaded.set(path, module);
  }
  return module;
}

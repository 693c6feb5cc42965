import type { OpenOptions, Space } from './api.js';
import { EmbeddedSpace } from './embedded/space.js';
import { resolveOptions } from './options.js';

/**
 * Opens a space: the SpacetimeDB engine when a host is given (option or `SPACETIMEDB_HOST`),
 * else the embedded store under `home`. Resolves once the space is ready for calls.
 */
export async function openSpace(options: OpenOptions = {}): Promise<Space> {
  const resolved = resolveOptions(options);
  if (resolved.engine === 'embedded') {
    return EmbeddedSpace.open(resolved.home, resolved.as, {
      create: resolved.create,
      fullSync: resolved.fullSync ?? false,
    });
  }
  // Loaded only when used: the SDK costs startup time that local hooks should not pay.
  const { SpacetimeSpace } = await import('./spacetime/space.js');
  return SpacetimeSpace.connect(resolved);
}

/**
 * SpacetimeDB runs a module with `Math.random` unavailable (reading it throws), but `@spaces/core`'s
 * root entry also carries its in-memory engine, whose `immutable` dependency draws one number at
 * load time for a hash seed. Bundled with `spacetime build` (every module kept for its side
 * effects), that single draw would make the whole module fail to load. This file is imported first
 * by `index.ts`: it gives `Math.random` a constant while the bundle's modules evaluate, and
 * `restoreMathRandom()` (called by `index.ts` once every import has run) puts back whatever the host
 * installed, so reducers still cannot reach it. The module never runs the in-memory engine.
 *
 * The lasting fix belongs in core (`"sideEffects": false` in its package.json lets the bundler drop
 * the engine); this guard is then a no-op.
 */
const original = Object.getOwnPropertyDescriptor(Math, 'random');
let replaced = false;
if (original === undefined || original.configurable) {
  Object.defineProperty(Math, 'random', {
    configurable: true,
    writable: true,
    value: () => 0.5,
  });
  replaced = true;
}

/** Puts back the host's `Math.random` (or its absence). Call once, after every import has run. */
export function restoreMathRandom(): void {
  if (!replaced) return;
  if (original) Object.defineProperty(Math, 'random', original);
  else delete (Math as { random?: unknown }).random;
  replaced = false;
}

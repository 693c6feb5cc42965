import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: runs `pnpm build` (scripts/bundle.mjs) once before any test file, so the
 * tests always load a bundle made from the current sources, the way `spacetime build` makes it.
 */
export default function setup(): void {
  const moduleDir = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: moduleDir, stdio: 'inherit' });
}

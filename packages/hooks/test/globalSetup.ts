import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function stale(pkg: string): boolean {
  const built = join(pkg, 'dist', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(pkg, 'src'))) return true;
  // This package's executables are bundled by build.mjs into dist/bin (which tsc does not write).
  const bundled = join(pkg, 'dist', 'bin', 'spaces-session-hook.js');
  const bundler = join(pkg, 'build.mjs');
  return (
    existsSync(bundler) &&
    (!existsSync(bundled) || statSync(bundled).mtimeMs < statSync(bundler).mtimeMs)
  );
}

/**
 * The executable tests run the hooks as Claude Code does, `node dist/bin/...`: the bundled
 * executables, which hold the client's and core's sources. Build them (and, for the tests' own
 * reads, the client and core) first when sources are newer.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  const packages = ['core', 'spacetime', 'client', 'hooks', 'spacetime-test-server'].map((name) =>
    join(root, 'packages', name),
  );
  if (packages.some(stale)) {
    execSync('pnpm --filter "@spaces/hooks..." run build', { cwd: root, stdio: 'inherit' });
  }
}

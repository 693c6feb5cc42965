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
  return !existsSync(built) || statSync(built).mtimeMs < newest(join(pkg, 'src'));
}

/**
 * The cross-process tests run real Node processes, which import the built package (Node cannot
 * load the TypeScript sources): build client and core first when their sources are newer.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  const packages = ['core', 'spacetime', 'client'].map((name) => join(root, 'packages', name));
  if (packages.some(stale)) {
    execSync('pnpm --filter "@spaces/client..." run build', { cwd: root, stdio: 'inherit' });
  }
}

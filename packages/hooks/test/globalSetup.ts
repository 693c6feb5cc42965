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
 * The executable tests run the hooks as Claude Code does, `node dist/bin/...`, which needs the
 * built package and the built client and core under it: build them first when sources are newer.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  const packages = ['core', 'client', 'hooks'].map((name) => join(root, 'packages', name));
  if (packages.some(stale)) {
    execSync('pnpm --filter "@spaces/hooks..." run build', { cwd: root, stdio: 'inherit' });
  }
}

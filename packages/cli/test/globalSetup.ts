import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The end-to-end tests run the built CLI, which bundles client, core and hooks from their
 * sources: rebuild it when any of those sources is newer than the bundle.
 */
export default function setup(): void {
  const bin = join(root, 'dist', 'bin.js');
  const sources = ['cli', 'client', 'core', 'hooks', 'spacetime'].map((p) =>
    join(root, '..', p, 'src'),
  );
  if (!existsSync(bin) || statSync(bin).mtimeMs < Math.max(...sources.map(newest))) {
    execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}

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

/** The end-to-end tests run the built CLI: rebuild it when the sources are newer than dist. */
export default function setup(): void {
  const bin = join(root, 'dist', 'bin.js');
  if (!existsSync(bin) || statSync(bin).mtimeMs < newest(join(root, 'src'))) {
    execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}

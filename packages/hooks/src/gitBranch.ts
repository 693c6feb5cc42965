import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Reads `<dir>/.git/HEAD` style content: a branch name, a short detached sha, or undefined. */
export function branchFromHead(head: string): string | undefined {
  const text = head.trim();
  const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(text);
  if (ref?.[1]) return ref[1];
  // Detached HEAD: a sha is still more useful to a reader than nothing.
  return /^[0-9a-f]{40,64}$/.test(text) ? text.slice(0, 12) : undefined;
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Finds the git branch of `cwd` by reading `.git/HEAD` in it or its nearest parent, with no
 * git subprocess (a hook has no time to spare). Worktrees, whose `.git` is a file pointing
 * elsewhere, are followed. Undefined when there is no repository.
 */
export async function readGitBranch(cwd: string): Promise<string | undefined> {
  if (cwd === '') return undefined;
  let dir = resolve(cwd);
  for (let depth = 0; depth < 64; depth++) {
    const dotGit = join(dir, '.git');
    const head = await readOrUndefined(join(dotGit, 'HEAD'));
    if (head !== undefined) return branchFromHead(head);
    const pointer = await readOrUndefined(dotGit);
    const gitdir = pointer === undefined ? undefined : /^gitdir:\s*(.+)$/m.exec(pointer)?.[1];
    if (gitdir) {
      const target = isAbsolute(gitdir.trim()) ? gitdir.trim() : join(dir, gitdir.trim());
      const worktreeHead = await readOrUndefined(join(target, 'HEAD'));
      return worktreeHead === undefined ? undefined : branchFromHead(worktreeHead);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchFromHead, readGitBranch } from './gitBranch.js';
import { tempDir } from './testing/io.js';

describe('branchFromHead', () => {
  it('reads a branch ref, a detached sha, or nothing', () => {
    expect(branchFromHead('ref: refs/heads/feat/hooks\n')).toBe('feat/hooks');
    expect(branchFromHead('0123456789abcdef0123456789abcdef01234567\n')).toBe('0123456789ab');
    expect(branchFromHead('garbage')).toBeUndefined();
  });
});

describe('readGitBranch', () => {
  it('finds .git/HEAD in cwd or a parent', async () => {
    const repo = await tempDir();
    await mkdir(join(repo, '.git'));
    await writeFile(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await mkdir(join(repo, 'packages', 'hooks'), { recursive: true });
    expect(await readGitBranch(repo)).toBe('main');
    expect(await readGitBranch(join(repo, 'packages', 'hooks'))).toBe('main');
  });

  it('follows a worktree whose .git is a file', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'main', '.git', 'worktrees', 'wt'), { recursive: true });
    await writeFile(
      join(root, 'main', '.git', 'worktrees', 'wt', 'HEAD'),
      'ref: refs/heads/wt-branch\n',
    );
    await mkdir(join(root, 'wt'));
    await writeFile(join(root, 'wt', '.git'), 'gitdir: ../main/.git/worktrees/wt\n');
    expect(await readGitBranch(join(root, 'wt'))).toBe('wt-branch');
  });

  it('is undefined outside a repository', async () => {
    expect(await readGitBranch(await tempDir())).toBeUndefined();
  });
});

import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spaces } from './cli.js';

async function projectWith(settings: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spaces-hooks-install-'));
  await mkdir(join(dir, '.claude'));
  await writeFile(join(dir, '.claude', 'settings.json'), JSON.stringify(settings));
  return dir;
}

const read = async (dir: string) =>
  JSON.parse(await readFile(join(dir, '.claude', 'settings.json'), 'utf8')) as {
    model: string;
    hooks: Record<string, { hooks: { command: string }[] }[]>;
  };

describe('spaces hooks install', () => {
  const theirs = {
    model: 'opus',
    hooks: { Stop: [{ hooks: [{ type: 'command', command: 'theirs' }] }] },
  };

  it('adds both hooks beside the project’s own, and a second install changes nothing', async () => {
    const dir = await projectWith(theirs);
    const first = await spaces(['hooks', 'install', '--dir', dir]);
    expect(first.code).toBe(0);
    const settings = await read(dir);
    expect(settings.model).toBe('opus');
    const stop = settings.hooks['Stop']!.flatMap((g) => g.hooks.map((h) => h.command));
    expect(stop[0]).toBe('theirs');
    expect(stop[1]).toMatch(/^node ".*spaces-session-hook\.js"$/);
    const start = settings.hooks['SessionStart']!.flatMap((g) => g.hooks.map((h) => h.command));
    expect(start).toEqual([expect.stringMatching(/spaces-context-hook\.js"$/)]);

    const second = await spaces(['hooks', 'install', '--dir', dir, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, written: false });
    expect(await read(dir)).toEqual(settings);
  });

  it('--dry-run prints the change and writes nothing', async () => {
    const dir = await projectWith(theirs);
    const r = await spaces(['hooks', 'install', '--dir', dir, '--dry-run', '--use-path']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ hooks.SessionStart[0]');
    expect(r.stdout).toContain('spaces-context-hook');
    expect(await read(dir)).toEqual(theirs);
  });

  it('refuses a settings file that is not JSON, leaving it as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spaces-hooks-install-'));
    await mkdir(join(dir, '.claude'));
    await writeFile(join(dir, '.claude', 'settings.json'), '{ not json');
    const r = await spaces(['hooks', 'install', '--dir', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('not valid JSON');
    expect(await readFile(join(dir, '.claude', 'settings.json'), 'utf8')).toBe('{ not json');
  });
});

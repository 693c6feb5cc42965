import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installHooks, settingsPath } from './installHooks.js';
import { tempDir } from './testing/io.js';

describe('installHooks', () => {
  it('creates .claude/settings.json with 2-space JSON when there is none', async () => {
    const dir = await tempDir();
    const result = await installHooks({ scope: 'project', dir });
    expect(result).toMatchObject({
      path: join(dir, '.claude', 'settings.json'),
      changed: true,
      written: true,
    });
    const text = await readFile(result.path, 'utf8');
    expect(text).toBe(JSON.stringify(result.settings, null, 2) + '\n');
    expect(text).toContain('\n  "hooks": {');
  });

  it('keeps what was there, and a second install writes nothing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.claude'));
    await writeFile(join(dir, '.claude', 'settings.json'), '{"model":"opus","hooks":{"Stop":[]}}');
    await installHooks({ scope: 'project', dir });
    const again = await installHooks({ scope: 'project', dir });
    expect(again).toMatchObject({ changed: false, written: false });
    expect(again.diff).toContain('nothing to change');
    expect(JSON.parse(await readFile(again.path, 'utf8')).model).toBe('opus');
  });

  it('on a dry run describes the change and writes nothing', async () => {
    const dir = await tempDir();
    const result = await installHooks({
      scope: 'user',
      dir,
      dryRun: true,
      commands: { stop: '/usr/local/bin/spaces-session-hook' },
    });
    expect(result).toMatchObject({ changed: true, written: false });
    expect(result.diff.split('\n')).toEqual([
      join(dir, '.claude', 'settings.json'),
      expect.stringContaining(
        '+ hooks.Stop[0]: {"hooks":[{"type":"command","command":"/usr/local/bin/spaces-session-hook"',
      ),
      expect.stringContaining('+ hooks.SessionStart[0]:'),
    ]);
    await expect(readFile(result.path, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses to overwrite a settings file that is not JSON', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.claude'));
    await writeFile(join(dir, '.claude', 'settings.json'), '{ "model": ');
    await expect(installHooks({ scope: 'project', dir })).rejects.toThrow(
      /not valid JSON.*nothing was changed/,
    );
    expect(await readFile(join(dir, '.claude', 'settings.json'), 'utf8')).toBe('{ "model": ');
  });

  it('puts user settings under the home directory', () => {
    expect(settingsPath('user', '/home/ann')).toBe('/home/ann/.claude/settings.json');
  });
});

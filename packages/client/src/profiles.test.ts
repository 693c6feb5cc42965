import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addProfile,
  currentProfile,
  listProfiles,
  loadProfile,
  removeProfile,
  resolveProfile,
  useProfile,
} from './profiles.js';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'spaces-profiles-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('profiles', () => {
  it('keep a random secret readable only by its owner; the identity is its sha256', () => {
    const bot = addProfile(home, 'bot');
    const path = join(home, 'profiles', 'bot.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { secret } = JSON.parse(readFileSync(path, 'utf8')) as { secret: string };
    expect(bot.identity).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(addProfile(home, 'other').identity).not.toBe(bot.identity);
  });

  it('list, use and load by name; refuse duplicates, bad names and unknown names', () => {
    addProfile(home, 'b');
    addProfile(home, 'a');
    expect(listProfiles(home).map((p) => p.name)).toEqual(['a', 'b']);
    expect(() => addProfile(home, 'a')).toThrow(/already exists/);
    expect(() => addProfile(home, '../x')).toThrow(/profile name "..\/x"/);
    expect(() => loadProfile(home, 'zed')).toThrow(/no profile named "zed"/);
    useProfile(home, 'b');
    expect(currentProfile(home)).toBe('b');
    expect(resolveProfile(home, undefined).name).toBe('b');
  });

  it('remove a profile and the default choice naming it', () => {
    addProfile(home, 'gone');
    useProfile(home, 'gone');
    removeProfile(home, 'gone');
    expect(listProfiles(home)).toEqual([]);
    expect(currentProfile(home)).not.toBe('gone');
    expect(() => removeProfile(home, 'gone')).toThrow(/no profile named "gone"/);
  });

  it('refuse a secret file others can read', () => {
    addProfile(home, 'open');
    chmodSync(join(home, 'profiles', 'open.json'), 0o644);
    expect(() => loadProfile(home, 'open')).toThrow(/readable by others/);
  });

  it('create the OS user’s profile on first use when none is chosen', () => {
    const profile = resolveProfile(home, undefined);
    expect(listProfiles(home)).toEqual([profile]);
    expect(resolveProfile(home, undefined)).toEqual(profile);
  });

  it('are unique ignoring case, as user names are', () => {
    addProfile(home, 'alice');
    expect(() => addProfile(home, 'Alice')).toThrow(
      'a profile named "alice" already exists (profile names are unique ignoring case)',
    );
    expect(listProfiles(home).map((p) => p.name)).toEqual(['alice']);
  });

  it('name a bad profile file, and list everyone else’s beside it', () => {
    addProfile(home, 'good');
    const bad = join(home, 'profiles', 'bad.json');
    writeFileSync(bad, '{not json', { mode: 0o600 });
    expect(() => loadProfile(home, 'bad')).toThrow(
      expect.objectContaining({
        code: 'bad_profile',
        class: 'connection',
        message: `profile file ${bad} is not valid JSON`,
      }),
    );
    writeFileSync(join(home, 'profiles', 'empty.json'), 'null', { mode: 0o600 });
    expect(listProfiles(home)).toEqual([
      { name: 'bad', problem: `profile file ${bad} is not valid JSON` },
      {
        name: 'empty',
        problem: `profile file ${join(home, 'profiles', 'empty.json')} holds no valid secret`,
      },
      { name: 'good', identity: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('never read a profile that is not a regular file (a FIFO would block forever)', () => {
    addProfile(home, 'x');
    const fifo = join(home, 'profiles', 'pipe.json');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    expect(() => loadProfile(home, 'pipe')).toThrow(`profile file ${fifo} is not a regular file`);
  });
});

import { describe, expect, it } from 'vitest';
import { HookError } from './errors.js';
import { HOOK_TIMEOUT_SECONDS, isOurCommand, mergeHookSettings } from './settings.js';

const theirs = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test)'] },
  hooks: {
    Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] }],
  },
};

describe('mergeHookSettings', () => {
  it('adds our Stop and SessionStart hooks and keeps every other setting and hook', () => {
    const { settings, changed, changes } = mergeHookSettings(theirs);
    expect(changed).toBe(true);
    expect(settings).toEqual({
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        Stop: [
          { hooks: [{ type: 'command', command: 'say done' }] },
          {
            hooks: [
              { type: 'command', command: 'spaces-session-hook', timeout: HOOK_TIMEOUT_SECONDS },
            ],
          },
        ],
        PreToolUse: theirs.hooks.PreToolUse,
        SessionStart: [
          {
            hooks: [
              { type: 'command', command: 'spaces-context-hook', timeout: HOOK_TIMEOUT_SECONDS },
            ],
          },
        ],
      },
    });
    expect(changes).toEqual([
      expect.stringMatching(/^\+ hooks\.Stop\[1\]: .*spaces-session-hook/),
      expect.stringMatching(/^\+ hooks\.SessionStart\[0\]: .*spaces-context-hook/),
    ]);
  });

  it('law: installing twice adds nothing', () => {
    const once = mergeHookSettings(theirs).settings;
    const twice = mergeHookSettings(once);
    expect(twice.changed).toBe(false);
    expect(twice.changes).toEqual([]);
    expect(twice.settings).toEqual(once);
  });

  it('never changes its input', () => {
    const input = structuredClone(theirs);
    mergeHookSettings(input);
    expect(input).toEqual(theirs);
  });

  it('starts from nothing', () => {
    expect(mergeHookSettings(undefined).settings).toEqual(mergeHookSettings({}).settings);
  });

  it('updates our hook in place when it was installed from another path', () => {
    const old = mergeHookSettings(
      {},
      {
        stop: '/old/bin/spaces-session-hook',
        sessionStart: 'node /old/dist/bin/spaces-context-hook.js',
      },
    ).settings;
    const { settings, changes } = mergeHookSettings(old);
    expect(changes).toEqual([
      '~ hooks.Stop[0].hooks[0].command: "/old/bin/spaces-session-hook" -> "spaces-session-hook"',
      '~ hooks.SessionStart[0].hooks[0].command: "node /old/dist/bin/spaces-context-hook.js" -> "spaces-context-hook"',
    ]);
    expect((settings['hooks'] as Record<string, unknown[]>)['Stop']).toHaveLength(1);
  });

  it('refuses shapes it must not overwrite, naming the field', () => {
    expect(() => mergeHookSettings({ hooks: [] })).toThrow(HookError);
    expect(() => mergeHookSettings({ hooks: { Stop: {} } })).toThrow(
      /"hooks\.Stop" must be an array/,
    );
    expect(() => mergeHookSettings('nope')).toThrow(/"\(root\)" must be an object/);
  });
});

describe('isOurCommand', () => {
  it('recognises our bin under any path, and nothing else', () => {
    expect(isOurCommand('spaces-session-hook', 'x', 'spaces-session-hook')).toBe(true);
    expect(isOurCommand('"/opt/x/spaces-session-hook" --v', 'x', 'spaces-session-hook')).toBe(true);
    expect(isOurCommand('my-spaces-session-hook', 'x', 'spaces-session-hook')).toBe(false);
    expect(isOurCommand('spaces-session-hooks', 'x', 'spaces-session-hook')).toBe(false);
    expect(isOurCommand(undefined, 'x', 'spaces-session-hook')).toBe(false);
  });
});

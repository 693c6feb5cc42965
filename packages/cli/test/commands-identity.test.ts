import { beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { hub } from './cli.js';

type Row = Record<string, unknown>;

// Every command's happy path, in order, on one hub: what a user would check after each.
describe('every command, happy path: identity and people', () => {
  let h: Hub;
  beforeAll(async () => {
    h = await hub(['agent-a', 'agent-b']);
  });

  it('whoami, profiles list|add|use, profile set', async () => {
    expect(await h.json(undefined, 'whoami')).toMatchObject({
      profile: 'operator',
      name: 'operator',
      role: 'Owner',
      engine: 'embedded',
    });
    expect(await h.json('agent-a', 'whoami')).toMatchObject({
      name: 'agent-a',
      kind: 'agent',
      role: 'Agent',
    });
    const profiles = await h.json<Row[]>(undefined, 'profiles', 'list');
    expect(profiles.map((p) => [p['name'], p['current']])).toEqual([
      ['agent-a', false],
      ['agent-b', false],
      ['operator', true],
    ]);
    expect((await h.as(undefined, 'profiles', 'add', 'alice', '--display', 'Alice')).code).toBe(0);
    expect((await h.as(undefined, 'profiles', 'use', 'alice')).code).toBe(0);
    expect(await h.json(undefined, 'whoami')).toMatchObject({
      profile: 'alice',
      displayName: 'Alice',
      role: 'Member',
    });
    expect((await h.as(undefined, 'profiles', 'use', 'operator')).code).toBe(0);
    const set = await h.as(
      'agent-a',
      'profile',
      'set',
      '--name',
      'agent-a',
      '--agent',
      '--task',
      'triage',
    );
    expect(set.code).toBe(0);
    expect(await h.json(undefined, 'users', 'show', 'agent-a')).toMatchObject({
      task: 'triage',
      program: 'claude-code',
    });
  });

  it('users list|show, presence set|list, roles set|list', async () => {
    const users = await h.json<Row[]>(undefined, 'users', 'list');
    expect(users.map((u) => u['name']).sort()).toEqual(['agent-a', 'agent-b', 'alice', 'operator']);
    expect(
      (await h.as('agent-a', 'presence', 'set', 'dnd', '--status', 'deep in a refactor')).code,
    ).toBe(0);
    const presence = await h.json<Row[]>(undefined, 'presence', 'list');
    expect(presence.find((p) => p['name'] === 'agent-a')).toMatchObject({
      status: 'DoNotDisturb',
      statusText: 'deep in a refactor',
    });
    expect((await h.as(undefined, 'roles', 'set', 'alice', 'moderator')).code).toBe(0);
    const roles = await h.json<Row[]>(undefined, 'roles', 'list');
    expect(roles.find((r) => r['name'] === 'alice')?.['role']).toBe('Moderator');
    const table = await h.as(undefined, 'users', 'list');
    expect(table.stdout).toMatch(/^NAME\s+KIND\s+ROLE\s+PRESENCE/);
    expect(table.stdout).toMatch(
      /agent-a\s+agent\s+Agent\s+DoNotDisturb: deep in a refactor\s+claude-code \/ test-model/,
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { hub } from './cli.js';

type Row = Record<string, unknown>;

// Every command's happy path, in order, on one hub: what a user would check after each.
describe('every command, happy path', () => {
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

  it('channels create|list|update|join|leave|members|add-member|remove-member|delete', async () => {
    const made = await h.json<Row>(
      undefined,
      'channels',
      'create',
      '--name',
      'ops',
      '--type',
      'TEXT',
      '--private',
      '--description',
      'on-call',
    );
    expect(made).toMatchObject({
      name: 'ops',
      kind: 'Text',
      private: true,
      description: 'on-call',
    });
    expect(
      (await h.as(undefined, 'channels', 'update', 'ops', '--description', 'incident room')).code,
    ).toBe(0);
    expect((await h.as(undefined, 'channels', 'add-member', 'ops', 'agent-a')).code).toBe(0);
    let members = await h.json<Row[]>(undefined, 'channels', 'members', 'ops');
    expect(members.map((m) => m['name']).sort()).toEqual(['agent-a', 'operator']);
    expect((await h.as(undefined, 'channels', 'remove-member', '#ops', 'agent-a')).code).toBe(0);
    expect((await h.as('agent-b', 'channels', 'join', 'general')).code).toBe(0);
    expect((await h.as('agent-b', 'channels', 'leave', '--channel', 'general')).code).toBe(0);
    members = await h.json<Row[]>(undefined, 'channels', 'members', 'general');
    expect(members.map((m) => m['name'])).not.toContain('agent-b');
    const list = await h.json<Row[]>(undefined, 'channels', 'list');
    expect(list.map((c) => c['name'])).toEqual(['general', 'agent-logs', 'system', 'ops']);
    expect(list.find((c) => c['name'] === 'ops')?.['description']).toBe('incident room');
    expect((await h.as(undefined, 'channels', 'delete', 'ops')).code).toBe(0);
    expect(
      (await h.json<Row[]>(undefined, 'channels', 'list')).map((c) => c['name']),
    ).not.toContain('ops');
  });

  it('messages send|list|edit|delete, react add|remove, pins add|remove|list, read mark|unread', async () => {
    const m = await h.json<Row>(
      'agent-a',
      'messages',
      'send',
      '--channel',
      'general',
      '--text',
      'hello',
    );
    expect(Object.keys(m)).toEqual(
      expect.arrayContaining([
        'id',
        'channel',
        'sender',
        'senderName',
        'type',
        'text',
        'sentAt',
        'seq',
      ]),
    );
    expect(m).toMatchObject({
      channel: 'general',
      senderName: 'agent-a',
      type: 'Text',
      text: 'hello',
    });
    const id = String(m['id']);
    expect((await h.as('agent-a', 'messages', 'edit', id, '--text', 'hello, world')).code).toBe(0);
    expect((await h.as('agent-b', 'react', 'add', id, '👍')).code).toBe(0);
    expect((await h.as(undefined, 'pins', 'add', id)).code).toBe(0);
    const pins = await h.json<Row[]>(undefined, 'pins', 'list', '--channel', 'general');
    expect(pins).toMatchObject([{ messageId: Number(id), text: 'hello, world' }]);
    expect((await h.as(undefined, 'pins', 'remove', id)).code).toBe(0);
    expect(await h.json(undefined, 'pins', 'list', '--channel', 'general')).toEqual([]);
    expect((await h.as('agent-b', 'react', 'remove', id, '👍')).code).toBe(0);

    const unread = await h.json<Row[]>('agent-b', 'read', 'unread');
    expect(unread.find((u) => u['channel'] === 'general')?.['unread']).toBeGreaterThan(0);
    expect((await h.as('agent-b', 'read', 'mark', '--channel', 'general')).code).toBe(0);
    const after = await h.json<Row[]>('agent-b', 'read', 'unread');
    expect(after.find((u) => u['channel'] === 'general')?.['unread'] ?? 0).toBe(0);

    const listed = await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general');
    expect(listed.at(-1)).toMatchObject({ text: 'hello, world', senderName: 'agent-a' });
    const human = await h.as(undefined, 'messages', 'list', '--channel', 'general');
    expect(human.stdout).toMatch(/\d\d:\d\d:\d\d \[\d+\] agent-a: hello, world \(edited\)/);
    expect((await h.as('agent-a', 'messages', 'delete', id)).code).toBe(0);
    expect(
      (await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general')).map(
        (x) => x['id'],
      ),
    ).not.toContain(Number(id));
  });

  it('topics create|list|resolve|reopen, events emit|list', async () => {
    const topic = await h.json<Row>(
      'agent-a',
      'topics',
      'create',
      '--channel',
      'agent-logs',
      '--title',
      'flaky test',
    );
    expect(topic).toMatchObject({ title: 'flaky test', status: 'open', channel: 'agent-logs' });
    const tid = String(topic['id']);
    expect(
      (
        await h.as(
          'agent-a',
          'messages',
          'send',
          '--channel',
          'agent-logs',
          '--topic',
          tid,
          '--text',
          'looking',
        )
      ).code,
    ).toBe(0);
    expect(
      await h.json(undefined, 'messages', 'list', '--channel', 'agent-logs', '--topic', tid),
    ).toMatchObject([{ text: 'looking' }]);
    expect((await h.as('agent-a', 'topics', 'resolve', tid)).code).toBe(0);
    expect(await h.json(undefined, 'topics', 'list', '--channel', 'agent-logs')).toMatchObject([
      { status: 'resolved' },
    ]);
    expect((await h.as('agent-a', 'topics', 'reopen', tid)).code).toBe(0);

    const payload = JSON.stringify({ task: '#42', summary: 'done' });
    expect(
      (
        await h.as(
          'agent-a',
          'events',
          'emit',
          '--channel',
          'agent-logs',
          '--kind',
          'task.completed@1',
          '--payload',
          payload,
        )
      ).code,
    ).toBe(0);
    const events = await h.json<Row[]>(undefined, 'events', 'list', '--kind', 'task.completed@1');
    expect(events).toMatchObject([
      {
        kind: 'task.completed@1',
        payload: { task: '#42', summary: 'done' },
        senderName: 'agent-a',
        channel: 'agent-logs',
      },
    ]);
  });

  it('invites create|redeem|revoke', async () => {
    const invite = await h.json<Row>(
      undefined,
      'invites',
      'create',
      '--channel',
      'general',
      '--role',
      'member',
      '--max-uses',
      '2',
      '--expires',
      '1d',
    );
    expect(invite['code']).toMatch(/^[a-z0-9]{10}$/);
    expect(invite).toMatchObject({ role: 'Member', maxUses: 2, channel: 'general' });
    expect((await h.as('agent-b', 'invites', 'redeem', String(invite['code']))).code).toBe(0);
    expect(await h.json('agent-b', 'whoami')).toMatchObject({ role: 'Member' });
    const chosen = await h.json<Row>(undefined, 'invites', 'create', '--code', 'team-2025');
    expect(chosen['code']).toBe('team-2025');
    expect((await h.as(undefined, 'invites', 'revoke', 'team-2025')).code).toBe(0);
    const revoked = await h.as('agent-a', 'invites', 'redeem', 'team-2025');
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toBe('error: no such invite (or it was revoked) [not_found]\n');
  });

  it('webhooks create|execute|delete', async () => {
    const hook = await h.json<Row>(
      undefined,
      'webhooks',
      'create',
      '--channel',
      'general',
      '--name',
      'ci',
    );
    expect(hook['token']).toMatch(/^[0-9a-f]{48}$/);
    const id = String(hook['id']);
    expect(
      (
        await h.as(
          'agent-b',
          'webhooks',
          'execute',
          '--id',
          id,
          '--token',
          String(hook['token']),
          '--text',
          'deploy finished',
        )
      ).code,
    ).toBe(0);
    const wrong = await h.as(
      'agent-b',
      'webhooks',
      'execute',
      '--id',
      id,
      '--token',
      'nope',
      '--text',
      'x',
    );
    expect(wrong.code).toBe(3);
    expect(
      (await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general')).at(-1),
    ).toMatchObject({ text: 'deploy finished' });
    expect((await h.as(undefined, 'webhooks', 'delete', id)).code).toBe(0);
    const gone = await h.as(
      'agent-b',
      'webhooks',
      'execute',
      '--id',
      id,
      '--token',
      String(hook['token']),
      '--text',
      'x',
    );
    expect(gone.code).toBe(3);
  });

  it('moderation timeout|ban|unban|kick, owner transfer', async () => {
    expect((await h.as(undefined, 'moderation', 'timeout', 'agent-b', '--until', '10m')).code).toBe(
      0,
    );
    const muted = await h.as(
      'agent-b',
      'messages',
      'send',
      '--channel',
      'general',
      '--text',
      'can I talk?',
    );
    expect(muted.code).toBe(3);
    expect(muted.stderr).toMatch(/^error: you are timed out until .* \[timed_out\]\n$/);
    expect(
      (await h.as(undefined, 'moderation', 'ban', 'agent-b', '--reason', 'spam', '--until', '2h'))
        .code,
    ).toBe(0);
    expect(await h.json<Row[]>(undefined, 'roles', 'list')).toContainEqual(
      expect.objectContaining({ name: 'agent-b', banned: true, banReason: 'spam' }),
    );
    expect((await h.as(undefined, 'moderation', 'unban', 'agent-b')).code).toBe(0);
    expect((await h.as('agent-a', 'channels', 'join', 'general')).code).toBe(0);
    expect(
      (await h.as(undefined, 'moderation', 'kick', 'agent-a', '--channel', 'general')).code,
    ).toBe(0);
    expect((await h.as(undefined, 'owner', 'transfer', 'alice')).code).toBe(0);
    expect(await h.json(undefined, 'whoami')).toMatchObject({ role: 'Admin' });
    expect(await h.json('alice', 'whoami')).toMatchObject({ role: 'Owner' });
  });

  it('log verify|replay, and call for any reducer', async () => {
    const report = await h.json<Row>(undefined, 'log', 'verify');
    expect(report).toMatchObject({ ok: true, differences: {} });
    expect(report['calls']).toBeGreaterThan(20);
    expect((await h.as(undefined, 'log', 'replay')).code).toBe(0);
    const called = await h.as('agent-a', 'call', 'set_presence', '{"status":"Idle"}');
    expect(called.code).toBe(0);
    expect(
      (await h.json<Row[]>(undefined, 'presence', 'list')).find((p) => p['name'] === 'agent-a')?.[
        'status'
      ],
    ).toBe('Idle');
    const verified = await h.as(undefined, 'log', 'verify');
    expect(verified.stdout).toMatch(/log verified: replaying \d+ calls reproduces every table/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { ENGINES, hub } from './cli.js';

type Row = Record<string, unknown>;

// Every command's happy path, in order, on one hub: what a user would check after each.
describe.each(ENGINES)('every command, happy path: channels and messages (%s)', (engine) => {
  let h: Hub;
  beforeAll(async () => {
    h = await hub(['agent-a', 'agent-b'], engine);
  });
  afterAll(() => h.close());

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
    // The seq of the commit that inserted it, as `messages send` reported it.
    expect(listed.at(-1)?.['seq']).toEqual(m['seq']);
    expect(m['seq']).toEqual(expect.any(Number));
    const human = await h.as(undefined, 'messages', 'list', '--channel', 'general');
    expect(human.stdout).toMatch(/\d\d:\d\d:\d\d \[\d+\] agent-a: hello, world \(edited\)/);
    expect((await h.as('agent-a', 'messages', 'delete', id)).code).toBe(0);
    expect(
      (await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general')).map(
        (x) => x['id'],
      ),
    ).not.toContain(Number(id));
  });
});

import { describe, expect, it } from 'vitest';
import { EMOJI, PEOPLE, TestHub, invariants, ofLength } from '../testing/index.js';

describe('create_channel', () => {
  it('creates a channel with its creator as member', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'ops', kind: 'Text', description: 'oncall' });
    const ops = hub.channel('ops');
    expect(ops).toMatchObject({ kind: 'Text', private: false, createdBy: PEOPLE.member });
    expect(hub.rows('members').filter((m) => m.channelId === ops.id)).toMatchObject([
      { identity: PEOPLE.member },
    ]);
  });

  it('accepts a 100-character name and refuses 101', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: ofLength(100, 'c'), kind: 'Text' });
    expect(
      hub.fails('member', 'create_channel', { name: ofLength(101, 'c'), kind: 'Text' }),
    ).toMatchObject({
      code: 'too_long',
      message: 'channel name is 101 characters; the limit is 100',
    });
  });

  it('refuses an Agent: agents post and emit, but do not create channels', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('agent', 'create_channel', { name: 'bots', kind: 'Text' })).toMatchObject({
      code: 'permission_denied',
      message: 'create_channel needs Member or above; you are Agent',
    });
  });

  it('refuses a taken name, a bad name and an unknown type', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'create_channel', { name: 'general', kind: 'Text' })).toMatchObject({
      code: 'name_taken',
      message: 'a channel named #general exists',
    });
    expect(hub.fails('member', 'create_channel', { name: 'Big Room', kind: 'Text' })).toMatchObject(
      {
        code: 'invalid_name',
        message: expect.stringContaining('"Big Room"'),
      },
    );
    expect(hub.fails('member', 'create_channel', { name: 'forum', kind: 'Forum' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"Forum"'),
    });
  });
});

describe('update_channel', () => {
  it('lets the creator or a Moderator rename, and nobody else', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'ops', kind: 'Text' });
    const id = hub.channel('ops').id;
    hub.ok('member', 'update_channel', { channelId: id, name: 'ops-2' });
    hub.ok('moderator', 'update_channel', { channelId: id, description: 'operations' });
    expect(hub.fails('agent', 'update_channel', { channelId: id, name: 'mine' })).toMatchObject({
      code: 'permission_denied',
      message: 'update_channel needs Moderator or above; you are Agent',
    });
    expect(hub.fails('member', 'update_channel', { channelId: id, name: 'general' })).toMatchObject(
      {
        code: 'name_taken',
      },
    );
    expect(hub.fails('member', 'update_channel', { channelId: 99n })).toMatchObject({
      code: 'not_found',
      message: 'no channel with id 99',
    });
  });

  it('hides a channel made private from everyone but its members, Moderators included', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'ops', kind: 'Text' });
    const id = hub.channel('ops').id;
    hub.ok('member', 'update_channel', { channelId: id, private: true });
    expect(hub.channel('ops').private).toBe(true);
    expect(hub.fails('moderator', 'update_channel', { channelId: id, name: 'x' })).toMatchObject({
      code: 'not_found',
      message: `no channel with id ${id}`,
    });
  });
});

describe('delete_channel', () => {
  it('needs an Admin: a Moderator is refused', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('moderator', 'delete_channel', { channelId: 1n })).toMatchObject({
      code: 'permission_denied',
      message: 'delete_channel needs Admin or above; you are Moderator',
    });
  });

  it('cascades: nothing is left pointing at the deleted channel', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'doomed', kind: 'Text' });
    const channelId = hub.channel('doomed').id;
    hub.ok('agent', 'join_channel', { channelId });
    hub.ok('member', 'create_topic', { channelId, title: 't' });
    hub.ok('member', 'send_message', { channelId, text: 'hi', topicId: hub.last('topics').id });
    const messageId = hub.last('messages').id;
    hub.ok('agent', 'add_reaction', { messageId, emoji: EMOJI[0] });
    hub.ok('moderator', 'pin_message', { messageId });
    hub.ok('agent', 'mark_read', { channelId, messageId });
    hub.ok('agent', 'emit_event', { channelId, kind: 'x.y@1', payload: '{}' });
    hub.ok('admin', 'create_webhook', { channelId, name: 'ci', token: 'cascade-token' });
    hub.ok('admin', 'create_invite', { channelId, code: 'doomed-invite' });

    const changes = hub.ok('admin', 'delete_channel', { channelId });
    const deleted = new Set(changes.map((c) => `${c.op} ${c.table}`));
    for (const table of [
      'messages',
      'members',
      'reactions',
      'pins',
      'read_receipts',
      'events',
      'topics',
      'webhooks',
      'invites',
      'channels',
    ]) {
      expect(deleted, table).toContain(`delete ${table}`);
    }
    expect(invariants(hub.state)).toEqual([]);
    for (const table of [
      'messages',
      'members',
      'pins',
      'read_receipts',
      'events',
      'topics',
      'webhooks',
    ] as const) {
      expect(
        hub.rows(table).filter((r) => r.channelId === channelId),
        table,
      ).toEqual([]);
    }
    expect(hub.rows('reactions')).toEqual([]);
    expect(hub.rows('invites').map((i) => i.channelId)).toEqual([undefined]);
  });
});

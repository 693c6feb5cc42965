import { describe, expect, it } from 'vitest';
import type { EditRecord } from './messages.js';
import { EDIT_HISTORY_MAX } from './messages.js';
import { PEOPLE, TestHub, ofLength } from '../testing/index.js';

describe('send_message', () => {
  it('accepts 4000 characters (emoji count as one) and refuses 4001, naming the limit', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'send_message', { channelId: 1n, text: ofLength(4000) });
    hub.ok('member', 'send_message', { channelId: 1n, text: ofLength(4000, '😀') });
    expect(
      hub.fails('member', 'send_message', { channelId: 1n, text: ofLength(4001) }),
    ).toMatchObject({
      code: 'too_long',
      message: 'message text is 4001 characters; the limit is 4000',
    });
    expect(hub.fails('member', 'send_message', { channelId: 1n, text: ' \n ' })).toMatchObject({
      code: 'empty',
      message: 'message text must not be empty',
    });
  });

  it('Announcement: a Member is refused, a Moderator posts', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'send_message', { channelId: 3n, text: 'news' })).toMatchObject({
      code: 'permission_denied',
      message: 'only Moderators and above post in #system (Announcement)',
    });
    hub.ok('moderator', 'send_message', { channelId: 3n, text: 'news' });
  });

  it('Voice: no text messages', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'standup', kind: 'Voice' });
    const channelId = hub.channel('standup').id;
    expect(hub.fails('member', 'send_message', { channelId, text: 'hi' })).toMatchObject({
      code: 'wrong_channel_type',
      message: '#standup is a Voice channel: it carries no messages',
    });
  });

  it('AgentLog: agents post there like everyone else', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'send_message', { channelId: 2n, text: 'session done' });
    expect(hub.last('messages')).toMatchObject({
      kind: 'Text',
      sender: PEOPLE.agent,
      channelId: 2n,
    });
  });

  it('a retried send with the same nonce is a no-op', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'send_message', { channelId: 1n, text: 'once', nonce: 'abc' });
    const count = hub.rows('messages').length;
    const state = hub.state;
    expect(hub.ok('member', 'send_message', { channelId: 1n, text: 'once', nonce: 'abc' })).toEqual(
      [],
    );
    expect(hub.state).toBe(state);
    expect(hub.rows('messages')).toHaveLength(count);
    hub.ok('agent', 'send_message', { channelId: 1n, text: 'mine', nonce: 'abc' });
    expect(hub.rows('messages')).toHaveLength(count + 1);
  });

  it('checks topic and reply belong to the channel', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'send_message', { channelId: 1n, text: 'in topic', topicId: 1n, replyTo: 1n });
    expect(
      hub.fails('member', 'send_message', { channelId: 2n, text: 'x', topicId: 1n }),
    ).toMatchObject({
      code: 'not_found',
      message: 'no topic with id 1 in #agent-logs',
    });
    expect(
      hub.fails('member', 'send_message', { channelId: 2n, text: 'x', replyTo: 1n }),
    ).toMatchObject({
      code: 'not_found',
      message: 'no message with id 1 in #agent-logs to reply to',
    });
  });

  it('refuses unregistered callers, missing channels and malformed arguments', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('stranger', 'send_message', { channelId: 1n, text: 'hi' })).toMatchObject({
      code: 'not_registered',
    });
    expect(hub.fails('member', 'send_message', { channelId: 42n, text: 'hi' })).toMatchObject({
      code: 'not_found',
      message: 'no channel with id 42',
    });
    expect(hub.fails('member', 'send_message', { channelId: 'one', text: 'hi' })).toMatchObject({
      code: 'invalid_argument',
      message: 'argument "channelId" must be an id (a whole number)',
    });
    expect(hub.fails('member', 'send_message', { channelId: 1n })).toMatchObject({
      code: 'invalid_argument',
      message: 'argument "text" is required',
    });
  });

  it('there is no way for a client to send System, Join or Leave messages', () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('owner', 'send_message', { channelId: 1n, text: 'x', kind: 'System' }),
    ).toMatchObject({
      code: 'invalid_argument',
      message: 'unknown argument "kind"',
    });
  });
});

describe('edit_message', () => {
  it('edits your own message and keeps what it said before', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'edit_message', { messageId: 1n, text: 'hello, world' });
    hub.ok('member', 'edit_message', { messageId: 1n, text: 'hello, all' });
    const message = hub.rows('messages').find((m) => m.id === 1n)!;
    expect(message.text).toBe('hello, all');
    expect(message.editedAt).toBe(hub.now);
    const history = JSON.parse(message.editHistory) as EditRecord[];
    expect(history.map((h) => h.text)).toEqual(['hello', 'hello, world']);
  });

  it('keeps the last 20 earlier versions and drops older ones', () => {
    const hub = TestHub.seeded();
    for (let i = 1; i <= EDIT_HISTORY_MAX + 5; i++)
      hub.ok('member', 'edit_message', { messageId: 1n, text: `version ${i}` });
    const message = hub.rows('messages').find((m) => m.id === 1n)!;
    const history = JSON.parse(message.editHistory) as EditRecord[];
    expect(message.text).toBe(`version ${EDIT_HISTORY_MAX + 5}`);
    expect(history).toHaveLength(EDIT_HISTORY_MAX);
    expect(history[0]!.text).toBe('version 5');
    expect(history.at(-1)!.text).toBe(`version ${EDIT_HISTORY_MAX + 4}`);
  });

  it("refuses editing someone else's message, even as Owner, and refuses 4001 characters", () => {
    const hub = TestHub.seeded();
    expect(hub.fails('owner', 'edit_message', { messageId: 1n, text: 'mine now' })).toMatchObject({
      code: 'permission_denied',
      message: 'you can edit only your own messages',
    });
    expect(
      hub.fails('member', 'edit_message', { messageId: 1n, text: ofLength(4001) }),
    ).toMatchObject({
      code: 'too_long',
    });
  });

  it('refuses editing Join and Leave messages', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'standup', kind: 'Voice' });
    hub.ok('agent', 'join_channel', { channelId: hub.channel('standup').id });
    expect(
      hub.fails('agent', 'edit_message', { messageId: hub.last('messages').id, text: 'x' }),
    ).toMatchObject({
      code: 'permission_denied',
      message: 'Join messages cannot be edited',
    });
  });
});

describe('delete_message', () => {
  it('deletes your own message with its reactions, pin and event', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'add_reaction', { messageId: 2n, emoji: '👀' });
    hub.ok('moderator', 'pin_message', { messageId: 2n });
    hub.ok('agent', 'delete_message', { messageId: 2n });
    expect(hub.rows('messages').map((m) => m.id)).toEqual([1n]);
    expect([hub.rows('reactions'), hub.rows('pins'), hub.rows('events')]).toEqual([[], [], []]);
  });

  it("lets a Moderator delete a Member's message, but not an Admin's", () => {
    const hub = TestHub.seeded();
    hub.ok('moderator', 'delete_message', { messageId: 1n });
    hub.ok('admin', 'send_message', { channelId: 1n, text: 'admin says' });
    expect(
      hub.fails('moderator', 'delete_message', { messageId: hub.last('messages').id }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: "delete_message needs a rank above the target's (Moderator vs Admin)",
    });
    expect(
      hub.fails('agent', 'delete_message', { messageId: hub.last('messages').id }),
    ).toMatchObject({
      code: 'permission_denied',
    });
    expect(hub.fails('member', 'delete_message', { messageId: 1n })).toMatchObject({
      code: 'not_found',
      message: 'no message with id 1',
    });
  });
});

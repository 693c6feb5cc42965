import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';

function withPrivateRoom(): { hub: TestHub; room: bigint } {
  const hub = TestHub.seeded();
  hub.ok('moderator', 'create_channel', { name: 'secret', kind: 'Text', private: true });
  return { hub, room: hub.channel('secret').id };
}

describe('join_channel and leave_channel', () => {
  it('joins and leaves a public channel', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'join_channel', { channelId: 1n });
    expect(hub.fails('agent', 'join_channel', { channelId: 1n })).toMatchObject({
      code: 'already_exists',
      message: expect.stringContaining('#general'),
    });
    hub.ok('agent', 'leave_channel', { channelId: 1n });
    expect(hub.fails('agent', 'leave_channel', { channelId: 1n })).toMatchObject({
      code: 'not_a_member',
    });
  });

  it('refuses to join a private channel without an invite or add_member', () => {
    const { hub, room } = withPrivateRoom();
    // To anyone outside it, a private channel is not there at all: the answer is a missing one's.
    for (const [reducer, args] of [
      ['join_channel', { channelId: room }],
      ['send_message', { channelId: room, text: 'hi' }],
      ['create_topic', { channelId: room, title: 'plans' }],
      ['mark_read', { channelId: room, messageId: 1n }],
    ] as const) {
      expect(hub.fails('member', reducer, args), reducer).toMatchObject({
        code: 'not_found',
        message: `no channel with id ${room}`,
      });
    }
    // Rank does not open it either: an Admin outside it sees nothing; its Moderator adds.
    expect(
      hub.fails('admin', 'add_member', { channelId: room, identity: PEOPLE.member }),
    ).toMatchObject({ code: 'not_found' });
    hub.ok('moderator', 'add_member', { channelId: room, identity: PEOPLE.member });
    hub.ok('member', 'send_message', { channelId: room, text: 'hi' });
  });

  it('posts Join and Leave messages in Voice channels, written by the reducer', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_channel', { name: 'standup', kind: 'Voice' });
    const channelId = hub.channel('standup').id;
    hub.ok('agent', 'join_channel', { channelId });
    hub.ok('agent', 'leave_channel', { channelId });
    expect(hub.rows('messages').filter((m) => m.channelId === channelId)).toMatchObject([
      { kind: 'Join', sender: PEOPLE.agent },
      { kind: 'Leave', sender: PEOPLE.agent },
    ]);
  });
});

describe('add_member', () => {
  it('needs a Moderator, or the channel’s creator', () => {
    const { hub, room } = withPrivateRoom();
    hub.ok('moderator', 'add_member', { channelId: room, identity: PEOPLE.member });
    expect(
      hub.fails('member', 'add_member', { channelId: room, identity: PEOPLE.agent }),
    ).toMatchObject({
      code: 'permission_denied',
      message: 'add_member needs Moderator or above; you are Member',
    });
    hub.ok('member', 'create_channel', { name: 'mine', kind: 'Text', private: true });
    hub.ok('member', 'add_member', { channelId: hub.channel('mine').id, identity: PEOPLE.agent });
    expect(
      hub.fails('moderator', 'add_member', { channelId: room, identity: PEOPLE.stranger }),
    ).toMatchObject({
      code: 'not_found',
      message: `no user with identity ${PEOPLE.stranger}`,
    });
  });
});

describe('remove_member (kick)', () => {
  it('lets a Moderator kick a Member, but not an Admin', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'join_channel', { channelId: 2n });
    hub.ok('admin', 'join_channel', { channelId: 2n });
    hub.ok('moderator', 'remove_member', { channelId: 2n, identity: PEOPLE.member });
    expect(
      hub.fails('moderator', 'remove_member', { channelId: 2n, identity: PEOPLE.admin }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: "remove_member needs a rank above the target's (Moderator vs Admin)",
    });
    expect(
      hub.fails('member', 'remove_member', { channelId: 2n, identity: PEOPLE.agent }),
    ).toMatchObject({
      code: 'permission_denied',
    });
  });
});

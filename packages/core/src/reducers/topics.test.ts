import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub, ofLength } from '../testing/index.js';

describe('create_topic', () => {
  it('accepts a 60-character title and refuses 61', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_topic', { channelId: 1n, title: ofLength(60, 't') });
    expect(hub.last('topics')).toMatchObject({ status: 'open', createdBy: PEOPLE.member });
    expect(
      hub.fails('member', 'create_topic', { channelId: 1n, title: ofLength(61, 't') }),
    ).toMatchObject({
      code: 'too_long',
      message: 'topic title is 61 characters; the limit is 60',
    });
  });

  it('follows the posting rules of the channel', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'create_topic', { channelId: 3n, title: 'news' })).toMatchObject({
      code: 'permission_denied',
    });
  });
});

describe('resolve_topic and reopen_topic', () => {
  it('lets the creator or a Moderator resolve and reopen, nobody else', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('agent', 'resolve_topic', { topicId: 1n })).toMatchObject({
      code: 'permission_denied',
      message: 'resolve_topic needs Moderator or above; you are Agent',
    });
    hub.ok('member', 'resolve_topic', { topicId: 1n });
    expect(hub.last('topics')).toMatchObject({
      status: 'resolved',
      resolvedBy: PEOPLE.member,
      resolvedAt: hub.now,
    });
    expect(hub.fails('member', 'resolve_topic', { topicId: 1n })).toMatchObject({
      code: 'already_exists',
      message: 'topic 1 is already resolved',
    });
    hub.ok('moderator', 'reopen_topic', { topicId: 1n });
    expect(hub.last('topics')).toMatchObject({
      status: 'open',
      resolvedBy: undefined,
      resolvedAt: undefined,
    });
    expect(hub.fails('member', 'reopen_topic', { topicId: 7n })).toMatchObject({
      code: 'not_found',
      message: 'no topic with id 7',
    });
  });
});

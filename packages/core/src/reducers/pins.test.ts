import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';
import { PINS_PER_CHANNEL_MAX } from './pins.js';

describe('pin_message and unpin_message', () => {
  it('allows 250 pins per channel and refuses the 251st', () => {
    const hub = TestHub.seeded();
    hub.ok('moderator', 'create_channel', { name: 'board', kind: 'Text' });
    const channelId = hub.channel('board').id;
    for (let i = 0; i <= PINS_PER_CHANNEL_MAX; i++)
      hub.ok('moderator', 'send_message', { channelId, text: `note ${i}` });
    const ids = hub
      .rows('messages')
      .filter((m) => m.channelId === channelId)
      .map((m) => m.id);
    for (const messageId of ids.slice(0, PINS_PER_CHANNEL_MAX))
      hub.ok('moderator', 'pin_message', { messageId });
    expect(
      hub.fails('moderator', 'pin_message', { messageId: ids[PINS_PER_CHANNEL_MAX]! }),
    ).toMatchObject({
      code: 'limit_reached',
      message: '#board already has 250 pins',
    });
    hub.ok('moderator', 'pin_message', { messageId: 1n }); // another channel has room
    hub.ok('moderator', 'unpin_message', { messageId: ids[0]! });
    hub.ok('moderator', 'pin_message', { messageId: ids[PINS_PER_CHANNEL_MAX]! });
  });

  it('needs a Moderator, and refuses pinning twice or unpinning what is not pinned', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'pin_message', { messageId: 1n })).toMatchObject({
      code: 'permission_denied',
      message: 'pin_message needs Moderator or above; you are Member',
    });
    hub.ok('moderator', 'pin_message', { messageId: 1n });
    expect(hub.rows('pins')).toMatchObject([
      { messageId: 1n, channelId: 1n, pinnedBy: PEOPLE.moderator },
    ]);
    expect(hub.fails('admin', 'pin_message', { messageId: 1n })).toMatchObject({
      code: 'already_exists',
    });
    hub.ok('moderator', 'unpin_message', { messageId: 1n });
    expect(hub.fails('moderator', 'unpin_message', { messageId: 1n })).toMatchObject({
      code: 'not_found',
      message: 'message 1 is not pinned',
    });
  });
});

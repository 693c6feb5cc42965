import { describe, expect, it } from 'vitest';
import { EMOJI, PEOPLE, TestHub } from '../testing/index.js';

describe('add_reaction', () => {
  it('allows 20 distinct emoji; the 21st is refused while an existing one is still accepted', () => {
    const hub = TestHub.seeded();
    for (const emoji of EMOJI.slice(0, 20))
      hub.ok('member', 'add_reaction', { messageId: 1n, emoji });
    expect(hub.fails('agent', 'add_reaction', { messageId: 1n, emoji: EMOJI[20] })).toMatchObject({
      code: 'limit_reached',
      message: 'message 1 already has 20 distinct emoji',
    });
    hub.ok('agent', 'add_reaction', { messageId: 1n, emoji: EMOJI[0] });
    expect(new Set(hub.rows('reactions').map((r) => r.emoji)).size).toBe(20);
  });

  it('refuses the same reaction twice, a missing message and a blank or non-emoji reaction', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'add_reaction', { messageId: 1n, emoji: '👍' });
    expect(hub.fails('member', 'add_reaction', { messageId: 1n, emoji: '👍' })).toMatchObject({
      code: 'already_exists',
      message: 'you already reacted 👍 to message 1',
    });
    expect(hub.fails('member', 'add_reaction', { messageId: 9n, emoji: '👍' })).toMatchObject({
      code: 'not_found',
    });
    for (const emoji of [' ', '', 'notanemoji', '\x1b[2J', '👍👍', ':Upper:'])
      expect(hub.fails('member', 'add_reaction', { messageId: 1n, emoji })).toMatchObject({
        code: 'invalid_emoji',
      });
  });
});

describe('remove_reaction', () => {
  it('removes only your own reaction', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'add_reaction', { messageId: 1n, emoji: '👍' });
    expect(hub.fails('agent', 'remove_reaction', { messageId: 1n, emoji: '👍' })).toMatchObject({
      code: 'not_found',
      message: 'you have no 👍 reaction on message 1',
    });
    hub.ok('member', 'remove_reaction', { messageId: 1n, emoji: '👍' });
    expect(hub.rows('reactions').filter((r) => r.identity === PEOPLE.member)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';

describe('mark_read', () => {
  it('moves a receipt forward only', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'send_message', { channelId: 1n, text: 'second' });
    const second = hub.last('messages').id;
    hub.ok('agent', 'mark_read', { channelId: 1n, messageId: second });
    hub.ok('agent', 'mark_read', { channelId: 1n, messageId: 1n });
    expect(hub.rows('read_receipts')).toMatchObject([
      { identity: PEOPLE.agent, lastReadMessageId: second },
    ]);
  });

  it('refuses a message from another channel', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('agent', 'mark_read', { channelId: 2n, messageId: 1n })).toMatchObject({
      code: 'not_found',
      message: 'message 1 is not in #agent-logs',
    });
  });
});

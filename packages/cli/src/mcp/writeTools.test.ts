import { describe, expect, it } from 'vitest';
import { retryNonce } from './writeTools.js';

describe('retryNonce', () => {
  const at = { channelId: 1n };
  it('is the same for the same text in the same place with nothing new from others', () => {
    expect(retryNonce(at, 'done', 5n)).toBe(retryNonce(at, 'done', 5n));
    expect(retryNonce(at, 'done', 5n)).toMatch(/^mcp:[0-9a-f]{40}$/);
  });

  it('differs with the text, the channel, the topic, the reply, or a new message from others', () => {
    const base = retryNonce(at, 'done', 5n);
    for (const other of [
      retryNonce(at, 'done!', 5n),
      retryNonce({ channelId: 2n }, 'done', 5n),
      retryNonce({ channelId: 1n, topicId: 3n }, 'done', 5n),
      retryNonce({ channelId: 1n, replyTo: 4n }, 'done', 5n),
      retryNonce(at, 'done', 6n),
    ])
      expect(other).not.toBe(base);
  });
});

import { describe, expect, it } from 'vitest';
import { mentions } from './mentions.js';

describe('mentions', () => {
  it('finds @name in any case, at the start, after punctuation, before a full stop', () => {
    for (const text of ['@bob look', 'hey @Bob!', 'thanks (@bob)', 'ask @bob.', 'cc:@bob, @amy'])
      expect([text, mentions(text, 'bob')]).toEqual([text, true]);
  });

  it('ignores longer names, addresses and names with dots that go on', () => {
    for (const text of ['@bobby', 'bob@bob.dev', '@bob.smith', 'bob', '@bob-2', '@bob_x'])
      expect([text, mentions(text, 'bob')]).toEqual([text, false]);
  });

  it('takes a name with regex characters literally', () => {
    expect(mentions('hi @a.b', 'a.b')).toBe(true);
    expect(mentions('hi @axb', 'a.b')).toBe(false);
  });
});

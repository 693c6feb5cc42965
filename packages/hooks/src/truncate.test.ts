import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, truncateWords } from './truncate.js';

describe('truncateWords', () => {
  it('law: the result never exceeds the budget, and short text is untouched', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(320), (text, max) => {
        const out = truncateWords(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        else expect(out.endsWith(ELLIPSIS) || max === 0).toBe(true);
      }),
    );
  });

  it('cuts on a word boundary', () => {
    expect(truncateWords('the quick brown fox jumps', 18)).toBe('the quick brown…');
  });

  it('cuts one giant token mid-word rather than dropping it all', () => {
    expect(truncateWords('see /a/very/long/path/with/no/spaces/at/all', 20)).toBe(
      'see /a/very/long/pa…',
    );
  });

  it('never leaves half a surrogate pair', () => {
    const out = truncateWords('ab😀😀😀', 4);
    expect(out).toBe('ab…');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingOf } from './eventKinds.js';
import { clip, codePointLength, isBlank, isWellFormed } from './text.js';

describe('text rules', () => {
  it('counts code points as the spread operator does, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
    );
  });

  it('clips without splitting a surrogate pair, and leaves short texts alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const clipped = clip(s, 10);
        expect(isWellFormed(clipped)).toBe(true);
        expect(codePointLength(clipped)).toBeLessThanOrEqual(10);
        if (codePointLength(s) <= 10) expect(clipped).toBe(s);
      }),
    );
  });

  it('calls a text blank when only whitespace and invisible characters are left', () => {
    expect(isBlank(' \t\n\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\ufe0f')).toBe(true);
    expect(isBlank('.')).toBe(false);
    expect(isBlank('\u202e')).toBe(true);
  });

  it('measures JSON nesting outside strings, escapes included', () => {
    expect(nestingOf('{}')).toBe(1);
    expect(nestingOf('{"a":[[{"b":[]}]]}')).toBe(5);
    expect(nestingOf('{"a":"[[[\\"[[["}')).toBe(1);
    expect(nestingOf('"\\\\"[')).toBe(1);
  });
});

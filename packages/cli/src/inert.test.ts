import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardLine, inert, inertBlock } from './inert.js';
import { ACTS_ON } from '../test/terminal.js';

describe('inert text', () => {
  it('shows escapes, BEL, NUL, CR and bidi overrides as visible escapes', () => {
    expect(inert('a\x1b]0;pwn\x07b\x00\r\u202e\u2066')).toBe(
      'a\\x1b]0;pwn\\x07b\\x00\\r\\u202e\\u2066',
    );
    expect(inert('two\nlines\ttab\x9b')).toBe('two\\nlines\\ttab\\x9b');
    expect(inert('ça va 👍🏽 — ok')).toBe('ça va 👍🏽 — ok');
  });

  it('indents every further line of a message, so none can start a forged line', () => {
    const text = 'done\n14:00:00 [100] op: run this\r\nnext\ttab\rover';
    expect(inertBlock(text, '    ')).toBe(
      'done\n    14:00:00 [100] op: run this\n    next\ttab\\rover',
    );
  });

  it('leaves no character a terminal acts on, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(inert(s)).not.toMatch(ACTS_ON);
        expect(inert(s)).not.toContain('\n');
        for (const line of inertBlock(s, '  ').split('\n').slice(1)) expect(line).toMatch(/^ {2}/);
        expect(inertBlock(s, '  ').replace(/\n/g, '').replace(/\t/g, '')).not.toMatch(ACTS_ON);
      }),
    );
  });

  it('guards a finished line: keeps our colours and newlines, escapes anything else', () => {
    const ours = '\x1b[1mbold\x1b[22m\nnext';
    expect(guardLine(ours)).toBe(ours);
    expect(guardLine('x\x1b[2Jy\x1b]0;t\x07')).toBe('x\\x1b[2Jy\\x1b]0;t\\x07');
  });
});

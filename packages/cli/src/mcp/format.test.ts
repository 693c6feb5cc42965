import { describe, expect, it } from 'vitest';
import { clean, messageText, oneLine, quoted } from './format.js';

describe('the data framing of what users wrote', () => {
  it('shows control characters and bidi overrides instead of letting them act', () => {
    expect(clean('a\u001b[2Kb\u0007c\u202ed\r\ne')).toBe('a\\u{1b}[2Kb\\u{7}c\\u{202e}d\ne');
  });

  it('quotes every line, so no text can pose as a header of ours', () => {
    expect(quoted('done\n[99] #general · operator\n> nested')).toBe(
      '> done\n> [99] #general · operator\n> > nested',
    );
    expect(quoted('')).toBe('> (empty)');
  });

  it('keeps names and titles to one short line', () => {
    expect(oneLine('evil\nname\twith   gaps')).toBe('evil name with gaps');
    expect(oneLine('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });

  it('writes a message as a line of facts and its quoted text', () => {
    const text = messageText(
      {
        id: 7,
        channel: 'general',
        channel_id: 1,
        sender: 'a'.repeat(64),
        sender_name: 'bob\nfake',
        kind: 'Text',
        text: 'hi\nthere',
        sent_at: '2026-01-01T00:00:00.000Z',
        topic: 3,
      },
      'b'.repeat(64),
    );
    expect(text).toBe(
      '[7] #general · bob fake · 2026-01-01T00:00:00.000Z · topic 3\n> hi\n> there',
    );
  });
});

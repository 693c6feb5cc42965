import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Space } from '@spaces/client';
import { addProfile, openSpace } from '@spaces/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAfter } from './pages.js';
import { waitForMessages } from './wait.js';

let home: string;
let waiter: Space;
let writer: Space;
let general: bigint;
let logs: bigint;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'spaces-wait-'));
  addProfile(home, 'waiter');
  addProfile(home, 'writer');
  // Two spaces on one store: the writer's commits reach the waiter through the notify file.
  waiter = await openSpace({ home, as: 'waiter' });
  writer = await openSpace({ home, as: 'writer' });
  await waiter.createHub({ name: 'operator' });
  await writer.reducers.set_profile({ name: 'writer', kind: 'agent' });
  general = (await waiter.channel('general'))!.id;
  logs = (await waiter.channel('agent-logs'))!.id;
});

afterAll(async () => {
  await waiter.close();
  await writer.close();
  rmSync(home, { recursive: true, force: true });
});

const options = (extra: Partial<Parameters<typeof waitForMessages>[2]> = {}) => ({
  timeoutMs: 60_000,
  visible: () => Promise.resolve(true),
  backlog: async (since: bigint) =>
    (await readAfter(waiter, general, { since, limit: 100 })).messages,
  ...extra,
});

describe('waitForMessages', () => {
  // The subscription starts inside the call, at the store's head: no pause is needed before a send.
  it('is woken by another space’s commit, skipping the waiter’s own and other channels', async () => {
    const waiting = waitForMessages(
      waiter,
      { channelId: general, notFrom: waiter.identity },
      options(),
    );
    await waiter.reducers.send_message({ channelId: general, text: 'mine' });
    await writer.reducers.send_message({ channelId: logs, text: 'elsewhere' });
    await writer.reducers.send_message({ channelId: general, text: 'for you' });
    const result = await waiting;
    expect(result.timedOut).toBe(false);
    expect(result.messages.map((m) => m.text)).toEqual(['for you']);
  });

  it('returns at once what came after the cursor, each message once', async () => {
    const [head] = await waiter.messages(general, { limit: 1 });
    await writer.reducers.send_message({ channelId: general, text: 'a' });
    await writer.reducers.send_message({ channelId: general, text: 'b' });
    const result = await waitForMessages(
      waiter,
      { channelId: general, notFrom: waiter.identity },
      options({ since: head!.id, timeoutMs: 0 }), // even a wait of 0 s reports the backlog
    );
    expect(result).toMatchObject({ timedOut: false });
    expect(result.messages.map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('keeps only mentions, in any channel, when asked to', async () => {
    const [head] = await waiter.messages(general, { limit: 1 });
    const waiting = waitForMessages(
      waiter,
      { mentioning: 'operator', notFrom: waiter.identity },
      options({ since: head!.id, backlog: () => Promise.resolve([]) }),
    );
    await writer.reducers.send_message({ channelId: general, text: 'no mention' });
    await writer.reducers.send_message({ channelId: logs, text: 'ping @operator' });
    expect((await waiting).messages.map((m) => m.text)).toEqual(['ping @operator']);
  });

  it('never returns a message whose channel the waiter may not see', async () => {
    const waiting = waitForMessages(
      waiter,
      { notFrom: waiter.identity },
      options({ visible: (id) => Promise.resolve(id !== logs) }),
    );
    await writer.reducers.send_message({ channelId: logs, text: 'hidden' });
    await writer.reducers.send_message({ channelId: general, text: 'shown' });
    expect((await waiting).messages.map((m) => m.text)).toEqual(['shown']);
  });

  it('ends with nothing on timeout or when the call is cancelled', async () => {
    const quiet = await waitForMessages(
      waiter,
      { channelId: general, mentioning: 'nobody-at-all', notFrom: waiter.identity },
      options({ timeoutMs: 20 }),
    );
    expect(quiet).toEqual({ messages: [], timedOut: true });
    const abort = new AbortController();
    const waiting = waitForMessages(
      waiter,
      { channelId: general, notFrom: waiter.identity },
      options({ signal: abort.signal }),
    );
    abort.abort();
    expect(await waiting).toEqual({ messages: [], timedOut: true });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Space } from '@spaces/client';
import { addProfile, openSpace } from '@spaces/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAfter } from './pages.js';

let home: string;
let space: Space;
let general: bigint;
let ids: bigint[];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'spaces-pages-'));
  addProfile(home, 'owner');
  space = await openSpace({ home, as: 'owner' });
  await space.createHub({ name: 'owner' });
  general = (await space.channel('general'))!.id;
  const other = (await space.channel('agent-logs'))!.id;
  // More than one step of the backward walk (1000), interleaved with another channel's ids.
  for (let i = 1; i <= 2300; i++) {
    await space.reducers.send_message({ channelId: i % 7 === 0 ? other : general, text: `m${i}` });
  }
  ids = [];
  for (let before: bigint | undefined; ;) {
    const step = await space.messages(general, {
      limit: 1000,
      ...(before === undefined ? {} : { before }),
    });
    ids.unshift(...step.map((m) => m.id).reverse());
    if (step.length < 1000) break;
    before = step.at(-1)!.id;
  }
});

afterAll(async () => {
  await space.close();
  rmSync(home, { recursive: true, force: true });
});

describe('readAfter', () => {
  it('reads forward from a cursor far back without skipping, across steps of the walk', async () => {
    const since = ids[10]!;
    const page = await readAfter(space, general, { since, limit: 50 });
    expect(page.messages.map((m) => m.id)).toEqual(ids.slice(11, 61));
    expect(page).toMatchObject({ more: true, next: ids[60] });
    // Reading on from `next` page by page visits every later message once.
    let cursor = since;
    const seen: bigint[] = [];
    for (;;) {
      const next = await readAfter(space, general, { since: cursor, limit: 1000 });
      seen.push(...next.messages.map((m) => m.id));
      cursor = next.next;
      if (!next.more) break;
    }
    expect(seen).toEqual(ids.slice(11));
  });

  it('gives the latest without a cursor, and nothing (the same cursor) at the head', async () => {
    const latest = await readAfter(space, general, { limit: 3 });
    expect(latest.messages.map((m) => m.text)).toEqual(['m2298', 'm2299', 'm2300']);
    const none = await readAfter(space, general, { since: latest.next, limit: 3 });
    expect(none).toEqual({ messages: [], more: false, next: latest.next });
  });
});

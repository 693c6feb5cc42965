import type { RowChange } from '@spaces/core';
import { describe, expect, it } from 'vitest';
import type { Change } from '../api.js';
import { ChangeFeed } from './changeFeed.js';

const me = 'ee'.repeat(32);
const message = (id: bigint, channelId = 1n) => ({
  id,
  channelId,
  sender: me,
  kind: 'Text',
  text: `m${id}`,
  topicId: undefined,
  replyTo: undefined,
  nonce: undefined,
  webhookId: undefined,
  webhookName: undefined,
  sentAt: 5n,
  editedAt: undefined,
  editHistory: '[]',
});
const head = (seq: bigint) => ({ seq, reducer: 'send_message', sender: me, timestamp: 9n });
const insert = (id: bigint, channelId = 1n): RowChange => ({
  table: 'messages',
  op: 'insert',
  row: message(id, channelId),
});
const tick = () => new Promise((r) => setImmediate(r));

describe('numbering changes by the commit head', () => {
  it('tags the changes of one SDK event with the seq, reducer and sender its head carries', async () => {
    const feed = new ChangeFeed();
    const seen: Change[] = [];
    const sub = feed.subscribe(
      { tables: ['messages'] },
      (c) => seen.push(c),
      Promise.resolve([]),
      () => {},
    );
    await sub.ready;
    // The head may come before or after the rows of its event.
    feed.row('e1', insert(1n));
    feed.head('e1', head(7n));
    feed.head('e2', head(8n));
    feed.row('e2', insert(2n));
    feed.row('e2', insert(3n));
    await tick();
    expect(seen.map((c) => [c.seq, (c.row as { id: bigint }).id, c.reducer, c.sender])).toEqual([
      [7n, 1n, 'send_message', me],
      [8n, 2n, 'send_message', me],
      [8n, 3n, 'send_message', me],
    ]);
    expect(sub.seq).toBe(8n);
    expect(feed.latest).toBe(8n);
  });

  it('replays missed changes first, in seq order, once each, then live ones; filters by channel', async () => {
    const feed = new ChangeFeed();
    feed.start(10n);
    const seen: Change[] = [];
    let ready!: (replay: Change[]) => void;
    const prepared = new Promise<Change[]>((resolve) => (ready = resolve));
    const sub = feed.subscribe(
      { since: 4n, channelId: 1n },
      (c) => seen.push(c),
      prepared,
      () => {},
    );
    // A commit arrives while the subscription is being prepared...
    feed.row('e1', insert(12n));
    feed.head('e1', head(11n));
    await tick();
    // ...and the replay holds it too (it was in the cache when read), plus older ones.
    ready([
      { ...insert(12n), seq: 11n },
      { ...insert(6n, 2n), seq: 6n },
      { ...insert(5n), seq: 5n },
      { ...insert(3n), seq: 3n },
    ] as Change[]);
    await sub.ready;
    feed.row('e2', insert(13n));
    feed.head('e2', head(12n));
    await tick();
    expect(seen.map((c) => [c.seq, (c.row as { id: bigint }).id])).toEqual([
      [5n, 5n],
      [11n, 12n],
      [12n, 13n],
    ]);
  });

  it('stops delivering and lets go of its queries when closed', async () => {
    const feed = new ChangeFeed();
    let released = 0;
    const seen: Change[] = [];
    const sub = feed.subscribe(
      {},
      (c) => seen.push(c),
      Promise.resolve([]),
      () => released++,
    );
    await sub.ready;
    sub.close();
    sub.close();
    feed.row('e1', insert(1n));
    feed.head('e1', head(1n));
    await tick();
    expect(seen).toEqual([]);
    expect(released).toBe(1);
  });
});

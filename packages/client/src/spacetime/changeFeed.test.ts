import { describe, expect, it } from 'vitest';
import type { RowChange } from '@spaces/core';
import type { Change } from '../api.js';
import { ChangeFeed } from './changeFeed.js';

const message = (id: bigint, channelId = 1n) =>
  ({ table: 'messages', op: 'insert', row: { id, channelId } }) as unknown as RowChange;

describe('ChangeFeed (SpacetimeDB seq numbering)', () => {
  it('numbers changes per connection and resumes from a seq without gaps or repeats', async () => {
    const feed = new ChangeFeed();
    const first: Change[] = [];
    const sub = feed.subscribe({}, (c) => first.push(c));
    await sub.ready;
    feed.push(message(1n));
    feed.push(message(2n));
    sub.close();
    feed.push(message(3n));
    const rest: Change[] = [];
    const again = feed.subscribe({ since: sub.seq }, (c) => rest.push(c));
    await again.ready;
    feed.push(message(4n));
    expect([...first, ...rest].map((c) => c.seq)).toEqual([1n, 2n, 3n, 4n]);
    expect(again.seq).toBe(4n);
  });

  it('filters by table and channel, and refuses a seq it never reached', async () => {
    const feed = new ChangeFeed();
    const seen: Change[] = [];
    const sub = feed.subscribe({ channelId: 2n, tables: ['messages'] }, (c) => seen.push(c));
    await sub.ready;
    feed.push(message(1n, 1n));
    feed.push(message(2n, 2n));
    expect(seen.map((c) => c.seq)).toEqual([2n]);
    expect(() => feed.subscribe({ since: 99n }, () => {})).toThrow(/cannot resume from seq 99/);
  });
});

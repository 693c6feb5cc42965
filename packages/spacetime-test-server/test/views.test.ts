/**
 * Module views through the SDK: subscribed like tables, computed per caller (or once for
 * anonymous views), sent again as row diffs when a commit changes what they return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import { VISIBILITY, VISIBILITY_MODULE, connect, eventually, serve } from './sdk.js';

let server: RunningServer;
beforeAll(async () => {
  server = await serve(VISIBILITY);
});
afterAll(() => server.close());

describe('views', () => {
  it('computes a view per caller and keeps it current', async () => {
    const ann = await connect(server, VISIBILITY_MODULE);
    const bob = await connect(server, VISIBILITY_MODULE);
    await ann.call('post', { channel: 1, text: 'ann 1' });
    await ann.subscribe(['SELECT * FROM my_notes']);
    await bob.subscribe(['SELECT * FROM my_notes']);
    expect(ann.rows('my_notes').map((n) => n.text)).toEqual(['ann 1']);
    expect(bob.rows('my_notes')).toEqual([]);
    await bob.call('post', { channel: 1, text: 'bob 1' });
    await eventually(() => bob.rows('my_notes').length === 1, 'bob’s own note in his view');
    await ann.call('post', { channel: 2, text: 'ann 2' });
    await eventually(() => ann.rows('my_notes').length === 2, 'ann’s second note');
    expect(bob.rows('my_notes').map((n) => n.text)).toEqual(['bob 1']);
    await ann.close();
    await bob.close();
  });

  it('sends an anonymous view’s one row again as it changes (an update)', async () => {
    const watcher = await connect(server, VISIBILITY_MODULE);
    await watcher.subscribe(['SELECT * FROM note_count']);
    const before = watcher.rows('note_count')[0].n as bigint;
    await watcher.call('post', { channel: 3, text: 'counted' });
    await eventually(() => watcher.rows('note_count')[0]?.n === before + 1n, 'the count to grow');
    expect(watcher.rows('note_count')).toHaveLength(1);
    await watcher.close();
  });

  it('runs the query a view returns instead of rows', async () => {
    const one = await connect(server, VISIBILITY_MODULE);
    const two = await connect(server, VISIBILITY_MODULE);
    await one.call('register', { name: 'one', level: 1 });
    await two.call('register', { name: 'two', level: 2 });
    await two.subscribe(['SELECT * FROM level_one']);
    expect(two.rows('level_one').map((a) => a.name)).toEqual(['one']);
    await two.call('set_level', { level: 1 });
    await eventually(() => two.rows('level_one').length === 2, 'two to join level one');
    await one.close();
    await two.close();
  });
});

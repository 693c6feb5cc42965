import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempHome } from '../testing/tempHome.js';
import { EmbeddedEngine } from './engine.js';
import { openStore, storePath } from './store.js';

// Each call writes ~4.5 WAL frames of 4 KiB: with no checkpoint, 12,000 calls leave a ~220 MB WAL;
// checkpoints keep it under ~90 MB (16,000 frames, and 1,000 commits while one is overdue).
const CALLS = 12_000;
const BOUND = 128 * 1024 * 1024;

const { as, home, closeAll } = useTempHome(['owner']);
const walSize = () => statSync(`${storePath(home())}-wal`).size;

describe('checkpoints', () => {
  it('keep the WAL short under a steady writer awaiting each call', async () => {
    const space = await as('owner');
    await space.createHub({ name: 'owner' });
    const channelId = (await space.channel('general'))!.id;
    for (let i = 0; i < CALLS; i++) await space.reducers.send_message({ channelId, text: `m${i}` });
    expect(walSize()).toBeLessThan(BOUND);
    expect((await space.messages(channelId, { limit: 1 }))[0]!.text).toBe(`m${CALLS - 1}`);
  }, 120_000);

  it('keep the WAL short when the writer never lets the event loop turn', () => {
    const db = openStore(storePath(home()));
    const engine = new EmbeddedEngine(db);
    const owner = 'b'.repeat(64);
    engine.commitGroup([engine.stamp('init', {}, owner)]);
    for (let i = 0; i < CALLS; i++)
      engine.commitGroup([engine.stamp('send_message', { channelId: 1n, text: `m${i}` }, owner)]);
    expect(walSize()).toBeLessThan(BOUND);
    engine.close();
    db.close();
  }, 120_000);

  it('copy everything into the database file on close', async () => {
    const space = await as('owner');
    await space.createHub({ name: 'owner' });
    await closeAll();
    // The last connection closed after a full checkpoint: SQLite removed the WAL.
    expect(() => walSize()).toThrow(/ENOENT/);
  });
});

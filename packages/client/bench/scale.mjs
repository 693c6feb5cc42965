// Per-call cost of send_message in a store holding 10k messages vs one holding 1M.
import { openSpace } from '@spaces/client';
import { EmbeddedEngine } from '../dist/embedded/engine.js';
import { openStore, storePath } from '../dist/embedded/store.js';
import { freshHub } from './common.mjs';

/**
 * Grows the store to `total` messages with real calls through the engine (core's reducer, the
 * log entry and all), batched 10k calls per transaction so filling 1M takes seconds, not hours.
 */
function fill(home, identity, channelId, total, onProgress) {
  const db = openStore(storePath(home));
  const engine = new EmbeddedEngine(db);
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++)
      engine.commit('send_message', { channelId, text: `filler ${i}` }, identity);
  });
  for (let done = 0; done < total; done += 10_000) {
    batch(done, Math.min(total, done + 10_000));
    onProgress?.(Math.min(total, done + 10_000));
  }
  engine.close();
  db.close();
}

async function perCall(size, calls, onProgress) {
  const { home, space, general, remove } = await freshHub(`scale${size}`);
  try {
    const started = performance.now();
    fill(home, space.identity, general, size, onProgress);
    const fillSeconds = (performance.now() - started) / 1000;
    const fresh = await openSpace({ home, as: 'owner' });
    for (let i = 0; i < 1000; i++)
      await fresh.reducers.send_message({ channelId: general, text: `warm ${i}` });
    const start = performance.now();
    for (let i = 0; i < calls; i++)
      await fresh.reducers.send_message({ channelId: general, text: `timed ${i}` });
    const micros = ((performance.now() - start) * 1000) / calls;
    // The reads a reader does at that size, for the record.
    const readStart = performance.now();
    await fresh.messages(general, { limit: 50 });
    const readMicros = (performance.now() - readStart) * 1000;
    await fresh.close();
    return { micros, fillSeconds, readMicros };
  } finally {
    await space.close();
    remove();
  }
}

export async function scale(small = 10_000, large = 1_000_000, calls = 10_000, onProgress) {
  const a = await perCall(small, calls);
  const b = await perCall(large, calls, onProgress);
  return { small: a, large: b };
}

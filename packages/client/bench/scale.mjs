// Per-call cost of send_message in a store holding 10k messages vs one holding 1M.
import { openSpace } from '@spaces/client';
import { EmbeddedEngine } from '../dist/embedded/engine.js';
import { openStore, storePath } from '../dist/embedded/store.js';
import { freshHub } from './common.mjs';

/**
 * Grows the store to `total` messages with real calls through the engine (core's reducer, the
 * log entry and all), 10k calls per group commit so filling 1M takes seconds, not hours.
 */
function fill(home, identity, channelId, total, onProgress) {
  const db = openStore(storePath(home));
  const engine = new EmbeddedEngine(db);
  for (let done = 0; done < total; done += 10_000) {
    const calls = [];
    for (let i = done; i < Math.min(total, done + 10_000); i++)
      calls.push(engine.stamp('send_message', { channelId, text: `filler ${i}` }, identity));
    const refused = engine.commitGroup(calls).filter((o) => !o.ok);
    if (refused.length > 0) throw refused[0].error;
    onProgress?.(Math.min(total, done + 10_000));
  }
  engine.close();
  db.close();
}

/**
 * Fills a store to `size` messages, then times `calls` sequential calls; `withStore` may measure
 * more on the filled store before it is removed.
 */
async function perCall(size, calls, onProgress, withStore) {
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
    const extra = withStore ? await withStore(fresh) : undefined;
    await fresh.close();
    return { micros, fillSeconds, readMicros, extra };
  } finally {
    await space.close();
    remove();
  }
}

/** Per-call µs at both sizes; `withLarge` runs on the large store (the replay figures use it). */
export async function scale(small, large, calls, onProgress, withLarge) {
  const a = await perCall(small, calls);
  const b = await perCall(large, calls, onProgress, withLarge);
  return { small: a, large: b };
}

// Durable send_message calls per second, 1 caller and 8 concurrent callers in one process, vs raw
// better-sqlite3 one-row commits with the same pragmas; then the same with full sync.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSpace } from '@spaces/client';
import { freshHub, median } from './common.mjs';

import { PRAGMAS } from '../dist/embedded/store.js';
import { CHECKPOINT_EVERY } from '../dist/embedded/checkpoints.js';

/**
 * Raw baseline: one INSERT per BEGIN IMMEDIATE ... COMMIT into a message-shaped table, with the
 * engine's pragmas (synchronous=FULL too when `fullSync`) and a passive checkpoint every
 * CHECKPOINT_EVERY commits on the committing thread, as SQLite's own automatic checkpoint runs
 * (the engine runs its checkpoints on a worker thread).
 */
function rawCommitter(home, fullSync) {
  const db = new Database(join(home, fullSync ? 'raw-full.db' : 'raw.db'));
  for (const p of PRAGMAS) db.pragma(p);
  if (fullSync) db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE m (id INTEGER PRIMARY KEY AUTOINCREMENT, channelId INTEGER NOT NULL,
    sender TEXT NOT NULL, text TEXT NOT NULL, sentAt INTEGER NOT NULL)`);
  db.exec('CREATE INDEX m_channel ON m (channelId)');
  const insert = db.prepare('INSERT INTO m (channelId, sender, text, sentAt) VALUES (?, ?, ?, ?)');
  const one = db.transaction((i) =>
    insert.run(1, 'x'.repeat(64), `message ${i}`, Date.now() * 1000),
  ).immediate;
  let since = 0;
  const commit = (i) => {
    one(i);
    if (++since >= CHECKPOINT_EVERY) {
      since = 0;
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  };
  return { commit, close: () => db.close() };
}

/**
 * Rounds alternate between the baseline and ours (after a warm-up of each), and each side
 * reports its median round: this machine's disk and CPU drift during a run, and alternating
 * exposes both sides to the same drift. `callers` loops each await one call at a time.
 */
async function compare(space, channelId, raw, { calls, rounds, callers }) {
  const per = Math.ceil(calls / rounds);
  let i = 0;
  const ours = async () => {
    let left = per;
    const loop = async () => {
      while (left-- > 0) await space.reducers.send_message({ channelId, text: `message ${i++}` });
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: callers }, loop));
    return per / ((performance.now() - start) / 1000);
  };
  const baseline = () => {
    const start = performance.now();
    for (let k = 0; k < per; k++) raw.commit(i++);
    return per / ((performance.now() - start) / 1000);
  };
  baseline();
  await ours();
  const a = [];
  const b = [];
  for (let r = 0; r < rounds; r++) {
    b.push(baseline());
    a.push(await ours());
  }
  const callsPerSec = median(a);
  const rawPerSec = median(b);
  return { callsPerSec, rawPerSec, ratio: callsPerSec / rawPerSec };
}

/** Sequential and 8-concurrent figures, with the default durability and with full sync. */
export async function throughput(calls = 20_000, rounds = 5) {
  const { home, space, general, remove } = await freshHub('tput');
  const spaces = [space];
  const raws = [];
  try {
    const raw = rawCommitter(home, false);
    raws.push(raw);
    const sequential = await compare(space, general, raw, { calls, rounds, callers: 1 });
    const concurrent8 = await compare(space, general, raw, { calls, rounds, callers: 8 });
    // Full sync: an fsync per commit, so far fewer calls in the same time.
    const full = await openSpace({ home, as: 'owner', fullSync: true });
    spaces.push(full);
    const rawFull = rawCommitter(home, true);
    raws.push(rawFull);
    const few = Math.max(rounds * 50, Math.floor(calls / 10));
    const fullSync = {
      sequential: await compare(full, general, rawFull, { calls: few, rounds, callers: 1 }),
      concurrent8: await compare(full, general, rawFull, { calls: few, rounds, callers: 8 }),
    };
    return { sequential, concurrent8, fullSync };
  } finally {
    for (const raw of raws) raw.close();
    for (const s of spaces) await s.close();
    remove();
  }
}

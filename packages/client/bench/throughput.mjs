// Durable send_message calls per second vs raw better-sqlite3 one-row commits, same pragmas.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { freshHub } from './common.mjs';

import { PRAGMAS } from '../dist/embedded/store.js';
import { CHECKPOINT_EVERY } from '../dist/embedded/engine.js';

/**
 * Raw baseline: one INSERT per BEGIN IMMEDIATE ... COMMIT into a message-shaped table, with the
 * engine's pragmas and its checkpoint policy (a passive checkpoint every CHECKPOINT_EVERY commits).
 */
function rawCommitter(home) {
  const db = new Database(join(home, 'raw.db'));
  for (const p of PRAGMAS) db.pragma(p);
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Rounds alternate between the baseline and ours (after a warm-up of each), and each side
 * reports its median round: this machine's disk and CPU drift during a run, and alternating
 * exposes both sides to the same drift.
 */
export async function throughput(n = 20_000, rounds = 5) {
  const { home, space, general, remove } = await freshHub('tput');
  const raw = rawCommitter(home);
  const per = Math.ceil(n / rounds);
  let i = 0;
  const ours = async () => {
    const start = performance.now();
    for (let k = 0; k < per; k++)
      await space.reducers.send_message({ channelId: general, text: `message ${i++}` });
    return per / ((performance.now() - start) / 1000);
  };
  const baseline = () => {
    const start = performance.now();
    for (let k = 0; k < per; k++) raw.commit(i++);
    return per / ((performance.now() - start) / 1000);
  };
  try {
    baseline();
    await ours();
    const a = [];
    const b = [];
    for (let r = 0; r < rounds; r++) {
      b.push(baseline());
      a.push(await ours());
    }
    return { ours: median(a), baseline: median(b) };
  } finally {
    raw.close();
    await space.close();
    remove();
  }
}

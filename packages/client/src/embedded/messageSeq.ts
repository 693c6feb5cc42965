import type Database from 'better-sqlite3';
import { MESSAGE_SEQ_VIEW } from '../sqlite/schema.js';
import { decodeChanges } from '@spaces/core';

/**
 * Brings a store's message seqs to the current form, inside the caller's transaction:
 * - a store from before the `messages.seq` column gets it, filled from the old `message_seq`
 *   side table, which then becomes a view of the column;
 * - a store from before either (messages, but none with a seq) is backfilled from the log.
 * A no-op on every later open.
 */
export function migrateMessageSeq(db: Database.Database): void {
  const columns = db.pragma('table_info(messages)') as { name: string }[];
  if (!columns.some((c) => c.name === 'seq'))
    db.exec('ALTER TABLE messages ADD COLUMN seq INTEGER');
  const old = db
    .prepare(`SELECT type FROM sqlite_master WHERE name = 'message_seq'`)
    .pluck()
    .get() as string | undefined;
  if (old === 'table') {
    db.exec(`UPDATE messages SET seq = (SELECT s.seq FROM message_seq s WHERE s.message_id = messages.id)
      WHERE seq IS NULL`);
    db.exec('DROP TABLE message_seq');
  }
  db.exec(MESSAGE_SEQ_VIEW);
  backfillFromLog(db);
}

/** Fills `messages.seq` from the log when messages exist but none has a seq. */
function backfillFromLog(db: Database.Database): void {
  const missing = db
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM messages) AND NOT EXISTS (SELECT 1 FROM messages WHERE seq IS NOT NULL)',
    )
    .pluck()
    .get() as number;
  if (!missing) return;
  const set = db.prepare('UPDATE messages SET seq = ? WHERE id = ?');
  // Only commits that touched messages (the log's JSON has no spaces: see codec.ts).
  const page = db
    .prepare(
      `SELECT seq, changes FROM log WHERE seq > ? AND changes LIKE '%["messages",%' ORDER BY seq LIMIT 5000`,
    )
    .safeIntegers(true);
  for (let after = 0n; ;) {
    const entries = page.all(after) as { seq: bigint; changes: string }[];
    if (entries.length === 0) break;
    for (const entry of entries) {
      for (const change of decodeChanges(entry.changes)) {
        if (change.table === 'messages' && change.op === 'insert')
          set.run(entry.seq, change.row.id);
      }
    }
    after = entries[entries.length - 1]!.seq;
  }
}
